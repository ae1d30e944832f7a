import {
  type CertificateLevel,
  DEFAULT_FEE_CAP_LABEL,
  type ExamForm,
  NATIONAL_FEE_CAPS_FEN,
  type PolicySubject,
  feeCapCitation,
  feeCapFen,
  feeCapsFor,
} from '@onex/shared';
import type { Db } from '../../db/types';
import * as q from './policies.queries';
import { policySetOf, subjectOfSchool } from './policies.service';

/**
 * The one answer to "what is the fee cap here?" (issue 17 item 6; 教职成〔2019〕6号 四（一）, R1.2): for a school, a
 * province, or nationally, the cap of each level of a certificate — the score-share-weighted cap of its exam forms
 * under the caps in force there (a province's own `fee_caps`, form by form never above the default; the default
 * caps elsewhere). Agreements, the filing rule `fee_cap`, the organizations' fee notices and the social candidates'
 * fees all ask here.
 */

/** Where the cap is asked for: a school (its province's caps), a province, or the national default. */
export type CapPlace = { schoolId: string } | { provinceCode: string } | 'national';

export interface ApplicableCap {
  /** The cap that applies (fen): the lower of the province's and the national one. */
  capFen: number;
  /** The national (default) cap of the level (fen). */
  nationalCapFen: number;
  /** What an over-cap message cites: the province's basis where it has one, and the caps' label. */
  citation: string;
  /** Whether a province's own caps made it lower than the national one. */
  provincial: boolean;
}

async function subjectOf(db: Db, place: Exclude<CapPlace, 'national'>): Promise<PolicySubject> {
  return 'schoolId' in place ? subjectOfSchool(db, place.schoolId) : { provinceCode: place.provinceCode, schoolId: null, schoolName: null };
}

/** The caps in force at a place, per exam form, and what they cite. */
export async function capsAt(db: Db, place: CapPlace): Promise<{ capsFen: Readonly<Record<ExamForm, number>>; citation: string }> {
  if (place === 'national') return { capsFen: NATIONAL_FEE_CAPS_FEN, citation: DEFAULT_FEE_CAP_LABEL };
  const subject = await subjectOf(db, place);
  const set = await policySetOf(db, subject);
  return { capsFen: feeCapsFor(subject, set).capsFen, citation: feeCapCitation(subject, set) };
}

/** The applicable cap of every level of a certificate that has exam forms, at a place. */
export async function applicableFeeCaps(
  db: Db,
  place: CapPlace,
  certificateTypeId: string,
): Promise<Partial<Record<CertificateLevel, ApplicableCap>>> {
  const [forms, { capsFen, citation }] = await Promise.all([q.levelForms(db, certificateTypeId), capsAt(db, place)]);
  return Object.fromEntries(
    [...forms].map(([level, f]) => {
      const nationalCapFen = feeCapFen(f, NATIONAL_FEE_CAPS_FEN);
      const capFen = Math.min(nationalCapFen, feeCapFen(f, capsFen));
      return [level, { capFen, nationalCapFen, citation, provincial: capFen < nationalCapFen }];
    }),
  );
}

/** The applicable cap of one level (undefined: the level has no exam forms yet). */
export async function applicableFeeCap(
  db: Db,
  place: CapPlace,
  certificateTypeId: string,
  level: CertificateLevel,
): Promise<ApplicableCap | undefined> {
  return (await applicableFeeCaps(db, place, certificateTypeId))[level];
}

/** Just the amounts, per level. */
export const capAmounts = (caps: Partial<Record<CertificateLevel, ApplicableCap>>): Partial<Record<CertificateLevel, number>> =>
  Object.fromEntries(Object.entries(caps).map(([l, c]) => [l, c.capFen]));

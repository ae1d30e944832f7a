import type { AgreementStatus, CertificateLevel, ExamForm } from '@onex/shared';
import { type Kysely, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import type { DB } from '../../db/schema';
import { scopeWhere } from '../../db/scope-filter';

const AGREEMENT_SCOPE_COLUMNS = {
  provinceCode: 'pilot_agreements.province_code',
  cityCode: 'pilot_agreements.city_code',
  schoolId: 'pilot_agreements.school_id',
  orgId: 'pilot_agreements.org_id',
} as const;

function agreementsBase(db: Kysely<DB>) {
  return db
    .selectFrom('pilot_agreements')
    .innerJoin('schools', 'schools.id', 'pilot_agreements.school_id')
    .innerJoin('evaluation_orgs', 'evaluation_orgs.id', 'pilot_agreements.org_id')
    .innerJoin('certificate_types', 'certificate_types.id', 'pilot_agreements.certificate_type_id')
    .selectAll('pilot_agreements')
    .select(['schools.name as school_name', 'evaluation_orgs.name as org_name', 'certificate_types.name as certificate_type_name']);
}
export type AgreementRow = Awaited<ReturnType<ReturnType<typeof agreementsBase>['executeTakeFirstOrThrow']>>;

export function findAgreement(db: Kysely<DB>, id: string) {
  return agreementsBase(db).where('pilot_agreements.id', '=', id).executeTakeFirst();
}

export function findAgreementByFiling(db: Kysely<DB>, filingId: string) {
  return agreementsBase(db).where('pilot_agreements.filing_id', '=', filingId).executeTakeFirst();
}

/** The most recent agreement of a school for a certificate (over its approved filings). */
export function findAgreementOf(db: Kysely<DB>, schoolId: string, certificateTypeId: string) {
  return (
    agreementsBase(db)
      .where('pilot_agreements.school_id', '=', schoolId)
      .where('pilot_agreements.certificate_type_id', '=', certificateTypeId)
      // One in force first (issue 17 item 5): a terminated agreement of an earlier pilot does not hide it.
      .orderBy(sql`pilot_agreements.status = 'in_force'`, 'desc')
      .orderBy('pilot_agreements.signed_on', 'desc')
      .orderBy('pilot_agreements.created_at', 'desc')
      .executeTakeFirst()
  );
}

export function feesOf(db: Kysely<DB>, agreementIds: string[]) {
  if (!agreementIds.length) return Promise.resolve([]);
  return db.selectFrom('pilot_agreement_fees').selectAll().where('agreement_id', 'in', agreementIds).execute();
}

export interface AgreementFilter {
  schoolId?: string | undefined;
  certificateTypeId?: string | undefined;
  filingId?: string | undefined;
}

export async function listAgreements(db: Kysely<DB>, scope: Scope, f: AgreementFilter, page: number, pageSize: number) {
  let q = agreementsBase(db).where(scopeWhere(scope, AGREEMENT_SCOPE_COLUMNS));
  if (f.schoolId) q = q.where('pilot_agreements.school_id', '=', f.schoolId);
  if (f.certificateTypeId) q = q.where('pilot_agreements.certificate_type_id', '=', f.certificateTypeId);
  if (f.filingId) q = q.where('pilot_agreements.filing_id', '=', f.filingId);
  const [items, total] = await Promise.all([
    q
      .orderBy('pilot_agreements.signed_on', 'desc')
      .orderBy('pilot_agreements.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The filing of a pilot with what the agreement needs: school, certificate, organization, levels, status. */
export function filingForAgreement(db: Kysely<DB>, filingId: string) {
  return db
    .selectFrom('filings')
    .innerJoin('certificate_types', 'certificate_types.id', 'filings.certificate_type_id')
    .select([
      'filings.id',
      'filings.status',
      'filings.decision',
      'filings.school_id',
      'filings.province_code',
      'filings.city_code',
      'filings.certificate_type_id',
      'filings.levels',
      'certificate_types.org_id',
    ])
    .where('filings.id', '=', filingId)
    .executeTakeFirst();
}

/** The exam forms of each level of a certificate (for the fee caps). */
export async function levelForms(db: Kysely<DB>, certificateTypeId: string) {
  const rows = await db
    .selectFrom('certificate_levels')
    .innerJoin('certificate_level_exam_forms', 'certificate_level_exam_forms.level_id', 'certificate_levels.id')
    .select(['certificate_levels.level', 'certificate_level_exam_forms.form', 'certificate_level_exam_forms.share'])
    .where('certificate_levels.certificate_type_id', '=', certificateTypeId)
    .execute();
  const byLevel = new Map<CertificateLevel, { form: ExamForm; share: number }[]>();
  for (const r of rows) {
    const list = byLevel.get(r.level) ?? [];
    list.push({ form: r.form, share: Number(r.share) });
    byLevel.set(r.level, list);
  }
  return byLevel;
}

export async function insertAgreement(
  db: Kysely<DB>,
  a: {
    filingId: string;
    schoolId: string;
    orgId: string;
    certificateTypeId: string;
    provinceCode: string;
    cityCode: string;
    signedOn: string;
    fileId: string;
    note: string | null;
    createdAt: Date;
    createdBy: string | null;
    status: AgreementStatus;
  },
  fees: { level: CertificateLevel; feeFen: number; capFen: number }[],
): Promise<string> {
  const r = await db
    .insertInto('pilot_agreements')
    .values({
      filing_id: a.filingId,
      school_id: a.schoolId,
      org_id: a.orgId,
      certificate_type_id: a.certificateTypeId,
      province_code: a.provinceCode,
      city_code: a.cityCode,
      signed_on: a.signedOn,
      file_id: a.fileId,
      note: a.note,
      created_at: a.createdAt,
      created_by: a.createdBy,
      status: a.status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('pilot_agreement_fees')
    .values(fees.map((f) => ({ agreement_id: r.id, level: f.level, fee_fen: f.feeFen, cap_fen: f.capFen })))
    .execute();
  return r.id;
}

// ---- Issue 17 item 5: the life of an agreement ----

export function lockAgreement(db: Kysely<DB>, id: string) {
  return db.selectFrom('pilot_agreements').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Moves an agreement from `from` to `to` with its event row; false when its status changed meanwhile. */
export async function transitionAgreement(
  db: Kysely<DB>,
  v: {
    id: string;
    provinceCode: string;
    action: string;
    from: AgreementStatus;
    to: AgreementStatus;
    reason: string | null;
    by: string;
    at: Date;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('pilot_agreements')
    .set({ status: v.to, status_reason: v.reason, status_changed_at: v.at, status_changed_by: v.by })
    .where('id', '=', v.id)
    .where('status', '=', v.from)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db
    .insertInto('pilot_agreement_events')
    .values({
      agreement_id: v.id,
      province_code: v.provinceCode,
      action: v.action,
      from_status: v.from,
      to_status: v.to,
      reason: v.reason,
      actor_id: v.by,
      at: v.at,
    })
    .execute();
  return true;
}

export function agreementEvents(db: Kysely<DB>, id: string) {
  return db.selectFrom('pilot_agreement_events').selectAll().where('agreement_id', '=', id).orderBy('at').orderBy('id').execute();
}

/** Agreements in force of an organization with a school for a certificate (sessions at that school's site). */
export async function hasAgreementInForce(db: Kysely<DB>, orgId: string, certificateTypeId: string, schoolId?: string): Promise<boolean> {
  let q = db
    .selectFrom('pilot_agreements')
    .select('id')
    .where('org_id', '=', orgId)
    .where('certificate_type_id', '=', certificateTypeId)
    .where('status', '=', 'in_force');
  if (schoolId) q = q.where('school_id', '=', schoolId);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

import { type CertificateLevel, FEE_PAYER } from '@onex/shared';

/**
 * Exam fees (R4.3, R4.4). Sources: 001 第十二条 (考核费用由学校 100% 支付), 002 三.5 (不得向试点专业学生收取;
 * 协商费用不得高于上限), 003 四(四) (建档立卡学生免费).
 *
 * Decision (docs/decisions/0002-exam-fees-and-personal-ids.md): the school pays every registered candidate's fee to the
 * organization, 建档立卡 or not. A learner is never charged — there is no learner-side amount anywhere (the
 * registration's payer column can only hold 'school'). For a 建档立卡 learner the registration is marked
 * `fee_exempt` and its fee is shown as "covered" (已资助): it still counts in what the school owes, so the
 * organization is paid for every candidate it examined. An organization that waives the fee for such
 * candidates records it in its agreement (a fee of 0 for the level) — not per learner.
 */

export interface RegistrationFee {
  /** What the school owes the organization for this candidate, in fen (the agreement's negotiated fee). */
  feeFen: number;
  /** 建档立卡: shown as covered (已资助). */
  feeExempt: boolean;
  payer: typeof FEE_PAYER;
  /** What the learner pays: always 0 (R4.3). */
  learnerChargeFen: 0;
}

/** A registration's fee from the agreement's fee for the session's level. */
export function registrationFee(
  agreementFees: Partial<Record<CertificateLevel, number>>,
  level: CertificateLevel,
  povertyRegistered: boolean,
): RegistrationFee {
  const fee = agreementFees[level];
  if (fee === undefined || !Number.isInteger(fee) || fee < 0) throw new Error(`no agreement fee for level ${level}`);
  return { feeFen: fee, feeExempt: povertyRegistered, payer: FEE_PAYER, learnerChargeFen: 0 };
}

export interface SettlementLine {
  feeFen: number;
  feeExempt: boolean;
}

/** What a school owes for one session: the sum of its registered candidates' fees, exempt ones included (R4.4). */
export function settlementDue(lines: readonly SettlementLine[]): {
  dueFen: number;
  registeredCount: number;
  exemptCount: number;
  coveredFen: number;
} {
  let dueFen = 0;
  let exemptCount = 0;
  let coveredFen = 0;
  for (const l of lines) {
    if (!Number.isInteger(l.feeFen) || l.feeFen < 0) throw new Error('a fee is a non-negative integer of fen');
    dueFen += l.feeFen;
    if (l.feeExempt) {
      exemptCount++;
      coveredFen += l.feeFen;
    }
  }
  return { dueFen, registeredCount: lines.length, exemptCount, coveredFen };
}

/** How a fee is shown to the learner: the school pays; 建档立卡 is marked covered. */
export function learnerFeeLabel(feeExempt: boolean): string {
  return feeExempt ? '建档立卡，考核费用已资助（学校支付）' : '考核费用由学校支付';
}

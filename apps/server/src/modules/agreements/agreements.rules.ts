import {
  AGREEMENT_TRANSITIONS,
  type AgreementAction,
  type AgreementStatus,
  CERTIFICATE_LEVEL_LABELS,
  type CertificateLevel,
  DEFAULT_FEE_CAP_LABEL,
  formatYuan,
} from '@onex/shared';

/** Filing statuses of an approved pilot: approved, and approved then published (R3). */
export const APPROVED_FILING_STATUSES = ['approved', 'published'] as const;

export function filingIsApproved(f: { status: string; decision: string | null }): boolean {
  return f.status === 'approved' || (f.status === 'published' && f.decision === 'approved');
}

export type FeeProblem =
  | { code: 'FEE_LEVEL_INVALID'; level: CertificateLevel; message: string }
  | { code: 'FEE_ABOVE_CAP'; level: CertificateLevel; feeFen: number; capFen: number; message: string }
  | { code: 'FEE_ABOVE_NOTICE'; level: CertificateLevel; feeFen: number; noticeFen: number; message: string };

/**
 * R4.2 (R1.2): one fee per level of the filing (a filing without levels: any level
 * of the certificate), each at most the level's cap — the score-share-weighted cap of its exam forms.
 * `caps` holds the cap of every level of the certificate that has exam forms; `citation` is the caps' basis for the
 * school (`feeCapCitation`: its province's clause and the caps' label, never another jurisdiction's document).
 * Issue 17 item 6: `caps` are the applicable caps (the lower of the national and the province's), and a level's fee
 * may not exceed the school fee of the organization's 收费公告 in force either (`notices`, when one is published).
 */
export function agreementFeeProblems(
  filingLevels: readonly CertificateLevel[],
  fees: readonly { level: CertificateLevel; feeFen: number }[],
  caps: Readonly<Partial<Record<CertificateLevel, number>>>,
  citation: string = DEFAULT_FEE_CAP_LABEL,
  notices: Readonly<Partial<Record<CertificateLevel, { feeFen: number; effectiveOn: string }>>> = {},
): FeeProblem[] {
  const problems: FeeProblem[] = [];
  const allowed = filingLevels.length ? filingLevels : (Object.keys(caps) as CertificateLevel[]);
  const seen = new Set<CertificateLevel>();
  for (const f of fees) {
    const label = CERTIFICATE_LEVEL_LABELS[f.level].zh;
    if (seen.has(f.level)) problems.push({ code: 'FEE_LEVEL_INVALID', level: f.level, message: `${label}的考核费用重复填写` });
    seen.add(f.level);
    if (!allowed.includes(f.level)) {
      problems.push({ code: 'FEE_LEVEL_INVALID', level: f.level, message: `备案项目不含${label}，不能登记该等级的考核费用` });
      continue;
    }
    const cap = caps[f.level];
    if (cap === undefined) {
      problems.push({ code: 'FEE_LEVEL_INVALID', level: f.level, message: `${label}尚未公布考核方式，无法确定收费上限` });
      continue;
    }
    if (f.feeFen > cap)
      problems.push({
        code: 'FEE_ABOVE_CAP',
        level: f.level,
        feeFen: f.feeFen,
        capFen: cap,
        message: `${label}考核费用 ${formatYuan(f.feeFen)} 元超过该等级上限 ${formatYuan(cap)} 元（${citation}）`,
      });
    const notice = notices[f.level];
    if (notice && f.feeFen <= cap && f.feeFen > notice.feeFen)
      problems.push({
        code: 'FEE_ABOVE_NOTICE',
        level: f.level,
        feeFen: f.feeFen,
        noticeFen: notice.feeFen,
        message: `${label}考核费用 ${formatYuan(f.feeFen)} 元超过培训评价组织收费公告公布的院校试点收费 ${formatYuan(notice.feeFen)} 元（自 ${notice.effectiveOn} 起执行）`,
      });
  }
  for (const l of filingLevels)
    if (!seen.has(l)) problems.push({ code: 'FEE_LEVEL_INVALID', level: l, message: `请填写${CERTIFICATE_LEVEL_LABELS[l].zh}的考核费用` });
  return problems;
}

/**
 * Issue 17 item 5 (鄂教职成办函〔2021〕7号 三.6 情况恶劣的要坚决停止合作): the step an action takes from a status, or
 * why it cannot — a wrong status, a role that is not a party (or the province), or a suspension / termination
 * without its reason.
 */
export function agreementTransition(
  status: AgreementStatus,
  action: AgreementAction,
  role: string,
  reason: string | null | undefined,
): { to: AgreementStatus } | { error: 'AGREEMENT_TRANSITION_INVALID' | 'FORBIDDEN' | 'AGREEMENT_REASON_REQUIRED' } {
  const t = AGREEMENT_TRANSITIONS[action];
  if (!t.roles.includes(role)) return { error: 'FORBIDDEN' };
  if (!t.from.includes(status)) return { error: 'AGREEMENT_TRANSITION_INVALID' };
  if (t.reason && !reason?.trim()) return { error: 'AGREEMENT_REASON_REQUIRED' };
  return { to: t.to };
}

/** Registrations and sessions need an agreement in force (三.6 签署试点合作协议前，不得开展试点; a stopped one no more). */
export const agreementAllowsExams = (status: AgreementStatus) => status === 'in_force';

import {
  DEFAULT_FEE_CAP_LABEL,
  CERTIFICATE_LEVEL_LABELS,
  type CertificateLevel,
  type LearnerKind,
  SOCIAL_DOCUMENT_KINDS,
  type SocialApplicationAction,
  type SocialApplicationStatus,
  type SocialDocumentKind,
  formatYuan,
} from '@onex/shared';

/**
 * Pure rules of the social learners' channel (issue 17 item 1; 003 6号 二(四): 社会成员自主选择证书类别、等级;
 * R1.2 / 鄂教职成办函〔2021〕7号 三.5: fees never above the cap; 001 第十二条 / R4.3: pilot students never pay).
 */

/** Only a social learner applies through the channel; a pilot student is proposed by its school, which pays (R4.3). */
export function mayUseSocialChannel(kind: LearnerKind): boolean {
  return kind === 'social';
}

/** Why a published social fee is refused, or null: it is a whole number of fen, at most the level's cap (R1.2). */
export function socialFeeProblem(
  level: CertificateLevel,
  feeFen: number,
  capFen: number | undefined,
  citation: string = DEFAULT_FEE_CAP_LABEL,
): string | null {
  const label = CERTIFICATE_LEVEL_LABELS[level].zh;
  if (capFen === undefined) return `${label}尚未公布考核方式，无法确定收费上限`;
  if (!Number.isInteger(feeFen) || feeFen < 0) return '考核费用须为不小于 0 的整数（分）';
  if (feeFen > capFen) return `${label}考核费用 ${formatYuan(feeFen)} 元超过该等级上限 ${formatYuan(capFen)} 元（${citation}）`;
  return null;
}

/** The documents the organization asks for that are still missing. */
export function missingDocuments(present: readonly SocialDocumentKind[]): SocialDocumentKind[] {
  return SOCIAL_DOCUMENT_KINDS.filter((k) => !present.includes(k));
}

export type SocialViewer = 'learner' | 'org' | 'other';

/** Who may act on an application, in which status. */
export function socialApplicationActions(
  viewer: SocialViewer,
  status: SocialApplicationStatus,
  documentsComplete: boolean,
  windowOpen: boolean,
): SocialApplicationAction[] {
  const out: SocialApplicationAction[] = [];
  if (viewer === 'learner' && status === 'draft') {
    if (windowOpen) out.push('upload');
    if (windowOpen && documentsComplete) out.push('pay');
    out.push('withdraw');
  }
  if (viewer === 'org' && status === 'submitted') out.push('confirm', 'reject');
  return out;
}

/** Sessions whose candidates the organization may still confirm: before the exam has been held. */
export const CONFIRMABLE_SESSION_STATUSES = ['registration_open', 'registration_closed'] as const;
export function sessionConfirmable(status: string): boolean {
  return (CONFIRMABLE_SESSION_STATUSES as readonly string[]).includes(status);
}

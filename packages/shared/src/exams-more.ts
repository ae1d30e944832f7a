import { z } from 'zod';
import { text } from './input';

/**
 * Exams for everyone (issue 17): agreements with a life (items 5), score reviews (成绩复核, item 4) and the approved
 * scale of a pilot (item 2).
 */

// ---- Agreements have a life (鄂教职成办函〔2021〕7号 三.6) ----

export const AGREEMENT_STATUSES = ['draft', 'in_force', 'suspended', 'terminated'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, { zh: string; en: string }> = {
  draft: { zh: '草拟', en: 'Draft' },
  in_force: { zh: '生效', en: 'In force' },
  suspended: { zh: '暂停', en: 'Suspended' },
  terminated: { zh: '终止', en: 'Terminated' },
};

export const AGREEMENT_ACTIONS = ['activate', 'suspend', 'resume', 'terminate'] as const;
export type AgreementAction = (typeof AGREEMENT_ACTIONS)[number];
export const AGREEMENT_ACTION_LABELS: Record<AgreementAction, { zh: string; en: string }> = {
  activate: { zh: '生效', en: 'Put in force' },
  suspend: { zh: '暂停合作', en: 'Suspend' },
  resume: { zh: '恢复合作', en: 'Resume' },
  terminate: { zh: '终止合作', en: 'Terminate' },
};

/**
 * The life of an agreement: which action leads from which statuses to which, whether it needs a reason, and who may
 * take it (the school and the organization are the parties; the province may stop a cooperation, 三.6 情况恶劣的要坚决停止合作).
 */
export const AGREEMENT_TRANSITIONS: Record<
  AgreementAction,
  { from: readonly AgreementStatus[]; to: AgreementStatus; reason: boolean; roles: readonly string[] }
> = {
  activate: { from: ['draft'], to: 'in_force', reason: false, roles: ['school_admin', 'org_admin'] },
  suspend: { from: ['in_force'], to: 'suspended', reason: true, roles: ['school_admin', 'org_admin', 'province_admin'] },
  resume: { from: ['suspended'], to: 'in_force', reason: false, roles: ['school_admin', 'org_admin', 'province_admin'] },
  terminate: {
    from: ['draft', 'in_force', 'suspended'],
    to: 'terminated',
    reason: true,
    roles: ['school_admin', 'org_admin', 'province_admin'],
  },
};

export function agreementActions(status: AgreementStatus, role: string): AgreementAction[] {
  return AGREEMENT_ACTIONS.filter((a) => AGREEMENT_TRANSITIONS[a].from.includes(status) && AGREEMENT_TRANSITIONS[a].roles.includes(role));
}

export const agreementTransitionSchema = z.object({
  action: z.enum(AGREEMENT_ACTIONS),
  reason: text(500).min(1).optional(),
});
export type AgreementTransitionInput = z.infer<typeof agreementTransitionSchema>;

export const agreementEventSchema = z.object({
  action: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});

// ---- Score reviews (成绩复核) ----

export const SCORE_REVIEW_STATUSES = ['open', 'upheld', 'corrected'] as const;
export type ScoreReviewStatus = (typeof SCORE_REVIEW_STATUSES)[number];
export const SCORE_REVIEW_STATUS_LABELS: Record<ScoreReviewStatus, { zh: string; en: string }> = {
  open: { zh: '待复核', en: 'Open' },
  upheld: { zh: '维持原成绩', en: 'Upheld' },
  corrected: { zh: '已更正成绩', en: 'Corrected' },
};
export type ScoreReviewCertificateEffect = 'none' | 'issued' | 'revoked';

export const scoreReviewCreateSchema = z.object({
  registrationId: z.string().uuid(),
  reason: text(500).min(1),
});

export const scoreReviewDecisionSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('upheld'), answer: text(500).min(1) }),
  z.object({
    outcome: z.literal('corrected'),
    answer: text(500).min(1),
    /** 总成绩 0–100, at most one decimal (checked like a results file's cell). */
    score: z.number().min(0).max(100),
    /** 考核结果; required only when the level has no pass mark (otherwise it follows from the score). */
    passed: z.boolean().optional(),
  }),
]);
export type ScoreReviewDecision = z.infer<typeof scoreReviewDecisionSchema>;

export const scoreReviewQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  status: z.enum(SCORE_REVIEW_STATUSES).optional(),
  sessionId: z.string().uuid().optional(),
});

export const scoreReviewSchema = z.object({
  id: z.string(),
  registrationId: z.string(),
  session: z.object({ id: z.string(), certificateTypeName: z.string(), level: z.string(), examDate: z.string() }),
  candidateName: z.string(),
  schoolName: z.string().nullable(),
  originalScore: z.number(),
  originalPassed: z.boolean(),
  reason: z.string(),
  status: z.enum(SCORE_REVIEW_STATUSES),
  answer: z.string().nullable(),
  newScore: z.number().nullable(),
  newPassed: z.boolean().nullable(),
  certificateEffect: z.enum(['none', 'issued', 'revoked']).nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type ScoreReviewDto = z.infer<typeof scoreReviewSchema>;

// ---- Approved scale (鄂教职成办函〔2021〕7号 四.2) ----

export const approvedScaleSchema = z.object({
  scale: z.number().int().min(1).max(1_000_000),
  reason: text(500).min(1).optional(),
});
export const approvedScaleDtoSchema = z.object({
  filingId: z.string(),
  approvedScale: z.number().int().nullable(),
  events: z.array(
    z.object({ fromScale: z.number().int().nullable(), toScale: z.number().int(), reason: z.string().nullable(), at: z.string() }),
  ),
});

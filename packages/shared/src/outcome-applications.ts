import { z } from 'zod';
import { calendarDate, hasOneDecimal, text } from './input';
import { CERTIFICATE_LEVELS } from './catalog';
import { pageQuerySchema } from './contracts';
import { COURSE_CATEGORIES, OUTCOME_TYPES } from './credit-bank';

/**
 * Learners bring their own outcomes (学习者自主申请存入学习成果, issue 18 item 6) and the public recognition lists
 * (认定清单公示, item 7).
 */

type Label = { zh: string; en: string };

export const OUTCOME_APPLICATION_STATUSES = ['submitted', 'deposited', 'refused', 'withdrawn'] as const;
export type OutcomeApplicationStatusCode = (typeof OUTCOME_APPLICATION_STATUSES)[number];
export const OUTCOME_APPLICATION_STATUS_LABELS: Record<OutcomeApplicationStatusCode, Label> = {
  submitted: { zh: '待学校审核', en: 'Awaiting the school' },
  deposited: { zh: '已存入', en: 'Deposited' },
  refused: { zh: '不予存入', en: 'Refused' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};
export const OUTCOME_APPLICATION_ACTIONS = ['deposit', 'refuse', 'withdraw'] as const;
export type OutcomeApplicationAction = (typeof OUTCOME_APPLICATION_ACTIONS)[number];
/** Who takes each action from `submitted` (the only open state). */
export const OUTCOME_APPLICATION_TRANSITIONS: Record<
  OutcomeApplicationAction,
  { by: 'school' | 'learner'; to: OutcomeApplicationStatusCode }
> = {
  deposit: { by: 'school', to: 'deposited' },
  refuse: { by: 'school', to: 'refused' },
  withdraw: { by: 'learner', to: 'withdrawn' },
};

const credits = (max: number) =>
  z.number().min(0, '学分不能为负数').max(max, `学分不能超过 ${max}`).refine(hasOneDecimal, { message: '学分最多保留一位小数' });

export const outcomeApplicationInputSchema = z.object({
  type: z.enum(OUTCOME_TYPES),
  name: text(100).min(1, '请填写成果名称'),
  /** Where it was obtained: the other school, the training provider, the competition's organizer, the issuer. */
  issuer: text(100).min(1, '请填写成果来源（院校、培训或竞赛主办单位、发证机构）'),
  level: text(20).nullable().optional(),
  credits: credits(60),
  hours: z.number().min(0).max(10_000).nullable().optional(),
  obtainedOn: calendarDate,
  evidenceFileId: z.string().uuid(),
  note: text(500).nullable().optional(),
});
export type OutcomeApplicationInput = z.infer<typeof outcomeApplicationInputSchema>;

export const outcomeApplicationTransitionSchema = z
  .object({
    action: z.enum(OUTCOME_APPLICATION_ACTIONS),
    /** The credits the school deposits (defaults to what the learner claimed). */
    credits: credits(60).nullable().optional(),
    reason: text(500).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'refuse' && !(v.reason && v.reason.length >= 2))
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '不予存入须填写理由' });
  });
export type OutcomeApplicationTransition = z.infer<typeof outcomeApplicationTransitionSchema>;

export const outcomeApplicationSchema = z.object({
  id: z.string(),
  learner: z.object({ id: z.string(), name: z.string() }),
  school: z.object({ id: z.string(), name: z.string() }),
  type: z.enum(OUTCOME_TYPES),
  name: z.string(),
  issuer: z.string(),
  level: z.string().nullable(),
  credits: z.number(),
  hours: z.number().nullable(),
  obtainedOn: z.string(),
  evidenceFileId: z.string(),
  note: z.string().nullable(),
  status: z.enum(OUTCOME_APPLICATION_STATUSES),
  depositedCredits: z.number().nullable(),
  learningOutcomeId: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  allowedActions: z.array(z.enum(OUTCOME_APPLICATION_ACTIONS)),
});
export type OutcomeApplicationDto = z.infer<typeof outcomeApplicationSchema>;
export const outcomeApplicationQuerySchema = pageQuerySchema.extend({
  status: z.enum(OUTCOME_APPLICATION_STATUSES).optional(),
});

// ---- Public recognition lists (item 7) ----

export const publicRecognitionSchoolSchema = z.object({
  id: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  ruleCount: z.number().int(),
});
export const publicRecognitionRuleSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  major: z.string(),
  outcomes: z.array(z.object({ name: z.string(), level: z.enum(CERTIFICATE_LEVELS) })),
  courses: z.array(
    z.object({ code: z.string(), name: z.string(), category: z.enum(COURSE_CATEGORIES), credits: z.number(), grade: z.string() }),
  ),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  maxOutcomeAgeYears: z.number().int().nullable(),
  basis: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type PublicRecognitionRuleDto = z.infer<typeof publicRecognitionRuleSchema>;
export const publicRecognitionListSchema = z.object({
  school: z.object({ id: z.string(), name: z.string(), provinceCode: z.string() }),
  rules: z.array(publicRecognitionRuleSchema),
});
export type PublicRecognitionListDto = z.infer<typeof publicRecognitionListSchema>;

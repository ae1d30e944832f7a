import { z } from 'zod';
import { calendarDate, int4, text } from './input';

/**
 * Pilot task books and final acceptance (试点任务书与结题验收, issue 18 item 5): `001` 第六条(一) 制订试点建设方案和任务书,
 * `004` 六 项目结题验收 and 七 4（每个试点专业 4–5 门核心课程与考证模块对接）, `001` 第二十条 (the pilot completes the
 * examinations the province approved). An approved pilot has one task book; progress is computed from the records;
 * the school applies for acceptance and the province accepts or not, with the shortfalls listed.
 */

type Label = { zh: string; en: string };

export const PILOT_ACCEPTANCE_STATUSES = ['in_progress', 'applied', 'accepted', 'not_accepted'] as const;
export type PilotAcceptanceStatusCode = (typeof PILOT_ACCEPTANCE_STATUSES)[number];
export const PILOT_ACCEPTANCE_STATUS_LABELS: Record<PilotAcceptanceStatusCode, Label> = {
  in_progress: { zh: '建设中', en: 'In progress' },
  applied: { zh: '已申请验收', en: 'Acceptance applied for' },
  accepted: { zh: '验收通过', en: 'Accepted' },
  not_accepted: { zh: '验收不通过', en: 'Not accepted' },
};

export const PILOT_ACCEPTANCE_ACTIONS = ['apply', 'accept', 'reject'] as const;
export type PilotAcceptanceAction = (typeof PILOT_ACCEPTANCE_ACTIONS)[number];
export const PILOT_ACCEPTANCE_ACTION_LABELS: Record<PilotAcceptanceAction, Label> = {
  apply: { zh: '申请结题验收', en: 'Apply for acceptance' },
  accept: { zh: '验收通过', en: 'Accept' },
  reject: { zh: '验收不通过', en: 'Do not accept' },
};

/** From which status each action leaves, and where it goes (a pilot not accepted may apply again after remedying). */
export const PILOT_ACCEPTANCE_TRANSITIONS: Record<
  PilotAcceptanceAction,
  { from: readonly PilotAcceptanceStatusCode[]; to: PilotAcceptanceStatusCode }
> = {
  apply: { from: ['in_progress', 'not_accepted'], to: 'applied' },
  accept: { from: ['applied'], to: 'accepted' },
  reject: { from: ['applied'], to: 'not_accepted' },
};

export const SHORTFALL_CODES = ['trained_teachers', 'candidates_examined', 'courses_mapped', 'milestone'] as const;
export type ShortfallCode = (typeof SHORTFALL_CODES)[number];
export const shortfallSchema = z.object({
  code: z.enum(SHORTFALL_CODES),
  label: z.string(),
  target: z.number(),
  actual: z.number(),
  /** The clause the target comes from. */
  basis: z.string(),
});
export type Shortfall = z.infer<typeof shortfallSchema>;

export const milestoneInputSchema = z.object({
  title: text(200).min(1, '请填写里程碑'),
  dueOn: calendarDate,
  doneOn: calendarDate.nullable().optional(),
  note: text(500).nullable().optional(),
});
export const courseMappingInputSchema = z.object({
  courseId: z.string().uuid(),
  /** The certificate module (考证模块) the course's content is mapped to. */
  module: text(200).min(1, '请填写对接的考证模块'),
});

export const taskBookInputSchema = z.object({
  targetTrainedTeachers: int4(0, 100_000),
  targetExamined: int4(0, 1_000_000),
  targetCourses: int4(0, 50),
  /** Teachers trained so far (培训鉴定师资), reported by the school. */
  trainedTeachers: int4(0, 100_000).optional(),
  milestones: z.array(milestoneInputSchema).max(30),
  courseMappings: z
    .array(courseMappingInputSchema)
    .max(50)
    .refine((ms) => new Set(ms.map((m) => m.courseId)).size === ms.length, { message: '同一课程只能对接一次' }),
});
export type TaskBookInput = z.infer<typeof taskBookInputSchema>;

export const acceptanceApplySchema = z.object({ report: text(5000).min(2, '请填写结题报告（建设情况总结）') });
export const acceptanceDecisionSchema = z.object({
  decision: z.enum(['accept', 'reject']),
  comment: text(2000).nullable().optional(),
});
export type AcceptanceDecisionInput = z.infer<typeof acceptanceDecisionSchema>;

const progressItem = z.object({ target: z.number().int(), actual: z.number().int() });
export const taskBookSchema = z.object({
  id: z.string(),
  filing: z.object({ id: z.string(), year: z.number().int(), certificateName: z.string() }),
  school: z.object({ id: z.string(), name: z.string() }),
  provinceCode: z.string(),
  /** 001 第二十条: the candidates the approved filing planned (申请培训人数). */
  plannedCandidates: z.number().int(),
  progress: z.object({
    trainedTeachers: progressItem,
    candidatesExamined: progressItem,
    coursesMapped: progressItem,
    milestonesDone: progressItem,
    /** Examined candidates who passed (for information). */
    candidatesPassed: z.number().int(),
  }),
  milestones: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      dueOn: z.string(),
      doneOn: z.string().nullable(),
      note: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  courseMappings: z.array(z.object({ courseId: z.string(), code: z.string(), name: z.string(), module: z.string() })),
  /** What falls short now (computed from the records). */
  shortfalls: z.array(shortfallSchema),
  status: z.enum(PILOT_ACCEPTANCE_STATUSES),
  acceptanceReport: z.string().nullable(),
  appliedAt: z.string().nullable(),
  /** The shortfalls recorded with the application or the decision. */
  recordedShortfalls: z.array(shortfallSchema),
  decisionComment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  events: z.array(z.object({ action: z.enum(PILOT_ACCEPTANCE_ACTIONS), at: z.string(), comment: z.string().nullable() })),
  mayEdit: z.boolean(),
  allowedActions: z.array(z.enum(PILOT_ACCEPTANCE_ACTIONS)),
});
export type TaskBookDto = z.infer<typeof taskBookSchema>;

export const pilotSummarySchema = z.object({
  filingId: z.string(),
  year: z.number().int(),
  certificateName: z.string(),
  school: z.object({ id: z.string(), name: z.string() }),
  taskBookId: z.string().nullable(),
  status: z.enum(PILOT_ACCEPTANCE_STATUSES).nullable(),
  shortfallCount: z.number().int().nullable(),
});
export type PilotSummaryDto = z.infer<typeof pilotSummarySchema>;
export const pilotQuerySchema = z.object({ status: z.enum(PILOT_ACCEPTANCE_STATUSES).optional() });

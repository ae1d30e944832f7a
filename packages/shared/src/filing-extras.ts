import { z } from 'zod';
import { text } from './input';
import { CERTIFICATE_LEVELS } from './catalog';
import { FILING_SECTION_LABELS, FILING_SECTION_SCHEMAS, type FilingSection } from './filings';

/**
 * After approval (R3.7–R3.11): change requests, annual plans, notifications — the contracts, and the pure rules
 * the server and the web app share.
 */

// ---- R3.7 change requests (粤生态职院〔2023〕18号 第七条) ----

/** Sections a change request may replace: content, schedule (the plan) and the project leader. */
export const CHANGEABLE_SECTIONS = ['plan', 'leader', 'team', 'overview', 'courseSupport', 'feasibility'] as const;
export type ChangeableSection = (typeof CHANGEABLE_SECTIONS)[number];

export const CHANGE_KINDS = ['content', 'schedule', 'leader'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_KIND_LABELS: Record<ChangeKind, { zh: string; en: string }> = {
  content: { zh: '建设内容', en: 'Content' },
  schedule: { zh: '进度安排（申报计划）', en: 'Schedule (plan)' },
  leader: { zh: '试点负责人', en: 'Project leader' },
};

/** What 第七条 calls the change of a section. */
export const changeKindOf = (s: ChangeableSection): ChangeKind => (s === 'leader' ? 'leader' : s === 'plan' ? 'schedule' : 'content');
export const changeKindsOf = (sections: readonly ChangeableSection[]): ChangeKind[] =>
  CHANGE_KINDS.filter((k) => sections.some((s) => changeKindOf(s) === k));

export const CHANGE_REQUEST_STATUSES = ['submitted', 'recorded', 'refused', 'withdrawn'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];
export const CHANGE_REQUEST_STATUS_LABELS: Record<ChangeRequestStatus, { zh: string; en: string }> = {
  submitted: { zh: '待省级审核', en: 'Pending' },
  recorded: { zh: '已同意并备案', en: 'Accepted and recorded' },
  refused: { zh: '不予同意', en: 'Refused' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const createChangeRequestSchema = z.object({
  /** The proposed new content per section, each complete in the shape of FILING_SECTION_SCHEMAS. */
  sections: z
    .partialRecord(z.enum(CHANGEABLE_SECTIONS), z.record(z.string(), z.unknown()))
    .refine((s) => Object.keys(s).length > 0, { message: '请至少选择一栏变更内容' }),
  reason: text().min(1).max(2000),
});
export type CreateChangeRequest = z.infer<typeof createChangeRequestSchema>;

/** Validates each proposed section with its complete schema; issues carry paths under body.sections. */
export function parseChangeSections(sections: Partial<Record<ChangeableSection, unknown>>): {
  values: Partial<Record<ChangeableSection, unknown>>;
  issues: { path: string; message: string }[];
} {
  const values: Partial<Record<ChangeableSection, unknown>> = {};
  const issues: { path: string; message: string }[] = [];
  for (const s of CHANGEABLE_SECTIONS) {
    if (sections[s] === undefined) continue;
    const r = FILING_SECTION_SCHEMAS[s as FilingSection].safeParse(sections[s]);
    if (r.success) values[s] = r.data;
    else
      issues.push(
        ...r.error.issues.map((i) => ({
          path: ['body', 'sections', s, ...i.path].join('.'),
          message: `${FILING_SECTION_LABELS[s].zh}：${i.message}`,
        })),
      );
  }
  return { values, issues };
}

export const changeRequestDecisionSchema = z.object({
  decision: z.enum(['accept', 'refuse']),
  /** Required when refusing. */
  comment: text().max(2000).optional(),
});
export type ChangeRequestDecision = z.infer<typeof changeRequestDecisionSchema>;

export const changeRequestSchema = z.object({
  id: z.string(),
  filingId: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  certificateTypeName: z.string(),
  filingYear: z.number().int(),
  kinds: z.array(z.enum(CHANGE_KINDS)),
  sections: z.array(z.enum(CHANGEABLE_SECTIONS)),
  /** The proposed new content, keyed by section. */
  proposed: z.record(z.string(), z.unknown()),
  reason: z.string(),
  status: z.enum(CHANGE_REQUEST_STATUSES),
  requestedAt: z.string(),
  requestedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionComment: z.string().nullable(),
  allowedActions: z.array(z.enum(['accept', 'refuse'])),
});
export type ChangeRequestDto = z.infer<typeof changeRequestSchema>;

export const changeRequestQuerySchema = z.object({
  /** pending = submitted */
  status: z.enum(['pending', ...CHANGE_REQUEST_STATUSES]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ChangeRequestQuery = z.infer<typeof changeRequestQuerySchema>;

// ---- R3.8 annual plans (鄂教职成办函〔2021〕7号 四.4) ----

export const ANNUAL_PLAN_MODES = ['new', 'carry_forward', 'discontinue'] as const;
export type AnnualPlanMode = (typeof ANNUAL_PLAN_MODES)[number];
export const ANNUAL_PLAN_MODE_LABELS: Record<AnnualPlanMode, { zh: string; en: string }> = {
  new: { zh: '填报本年度计划', en: 'New plan' },
  carry_forward: { zh: '沿用上年度计划', en: 'Carry last year’s plan forward' },
  discontinue: { zh: '不再继续试点', en: 'Discontinue' },
};

export const annualPlanRowSchema = z.object({
  schoolMajorId: z.string().uuid(),
  level: z.enum(CERTIFICATE_LEVELS).nullable().optional(),
  /** 拟考证人数 */
  plannedCandidates: z.number().int().min(0).max(100_000),
});
export const putAnnualPlanSchema = z
  .object({ mode: z.enum(ANNUAL_PLAN_MODES), rows: z.array(annualPlanRowSchema).max(60).optional() })
  .refine((b) => b.mode !== 'new' || (b.rows?.length ?? 0) > 0, { message: '填报本年度计划须至少填写一行', path: ['rows'] })
  .refine((b) => new Set((b.rows ?? []).map((r) => `${r.schoolMajorId}/${r.level ?? ''}`)).size === (b.rows ?? []).length, {
    message: '同一专业同一等级只能填写一行',
    path: ['rows'],
  });
export type PutAnnualPlanRequest = z.infer<typeof putAnnualPlanSchema>;

export const annualPlanSchema = z.object({
  id: z.string(),
  filingId: z.string(),
  year: z.number().int(),
  mode: z.enum(ANNUAL_PLAN_MODES),
  plannedCandidates: z.number().int(),
  rows: z.array(
    z.object({
      schoolMajorId: z.string(),
      majorName: z.string(),
      level: z.enum(CERTIFICATE_LEVELS).nullable(),
      plannedCandidates: z.number().int(),
    }),
  ),
  carriedFromPlanId: z.string().nullable(),
  status: z.enum(['draft', 'submitted', 'accepted', 'returned']),
  updatedAt: z.string(),
});
export type AnnualPlanDto = z.infer<typeof annualPlanSchema>;

/** One approved pilot of an earlier year, with its plan for the asked year (null: not filed yet). */
export const annualPlanEntrySchema = z.object({
  filingId: z.string(),
  filingYear: z.number().int(),
  schoolId: z.string(),
  schoolName: z.string(),
  departmentName: z.string(),
  certificateTypeId: z.string(),
  certificateTypeName: z.string(),
  levels: z.array(z.enum(CERTIFICATE_LEVELS)),
  /** The filing's majors, for the plan form. */
  majors: z.array(z.object({ schoolMajorId: z.string(), majorName: z.string() })),
  year: z.number().int(),
  plan: annualPlanSchema.nullable(),
  /** The year the pilot ended (a 'discontinue' plan), or null. */
  pilotEndedYear: z.number().int().nullable(),
  /** The actor may file (or refile) this year's plan now. */
  canFile: z.boolean(),
});
export type AnnualPlanEntryDto = z.infer<typeof annualPlanEntrySchema>;

export const annualPlanQuerySchema = z.object({
  /** Defaults to the current year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

// ---- R3.11 notifications ----

export const NOTIFICATION_KINDS = [
  'filing_status',
  'filing_awaits_municipal',
  'filing_awaits_province',
  'filing_expert_assigned',
  'filing_published',
  'change_request_submitted',
  'change_request_decided',
  'round_deadline',
  // Waiting work of other modules (issue 21 #1): whoever must act hears of it.
  'exam_consent',
  'exam_site_applied',
  'exam_site_closed',
  'conversion_submitted',
  'typical_case_deadline',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path of the web app, e.g. /filings/{id}. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;

export const notificationQuerySchema = z.object({
  unread: z.stringbool().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationQuery = z.infer<typeof notificationQuerySchema>;

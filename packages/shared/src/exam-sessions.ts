import { z } from 'zod';
import { calendarDate, text } from './input';
import { CERTIFICATE_LEVELS, EXAM_FORMS } from './catalog';
import {
  CONSENT_VIA,
  EXAM_SESSION_ACTIONS,
  EXAM_SESSION_STATUSES,
  EXAM_SITE_STATUSES,
  type ExamSessionAction,
  INVIGILATOR_ROLES,
  REGISTRATION_STATUSES,
} from './exams';

/**
 * API contracts of exam sites (R5.1), exam sessions (R5.2), voluntary registrations (R5.3) and invigilation (R5.4).
 * Statuses and transition tables are in ./exams.
 */

const isoDate = calendarDate;
const pageFields = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const ref = z.object({ id: z.string(), name: z.string() });

// ---- Exam sites (R5.1) ----

/** `edit`: the organization edits a site it registered itself (issue 17 item 8); `close`: it closes (撤销) an approved site. */
export const EXAM_SITE_ACTIONS = ['approve', 'refuse', 'share', 'unshare', 'edit', 'close'] as const;
export type ExamSiteAction = (typeof EXAM_SITE_ACTIONS)[number];

/** The levels examined at a site: at least one, each once. */
export const siteLevels = z
  .array(z.enum(CERTIFICATE_LEVELS, { error: '等级须为 junior、intermediate 或 senior' }))
  .min(1, '至少选择一个等级')
  .max(CERTIFICATE_LEVELS.length)
  .refine((l) => new Set(l).size === l.length, '等级不能重复');

/** Form fields of `POST /api/v1/exam-sites` (multipart, the application PDF in field `file`). */
export const examSiteCreateSchema = z.object({
  certificateTypeId: z.string().uuid(),
  name: text().min(1, '站点名称不能为空').max(100),
  address: text().min(1, '站点地址不能为空').max(200),
  capacity: z.coerce.number().int().min(1, '容量至少为 1').max(100_000),
  /** The levels the school offers to examine, comma-separated (e.g. `junior,intermediate`); left out: every level. */
  levels: z
    .string()
    .max(100)
    .transform((v) => v.split(',').map((l) => l.trim()))
    .pipe(siteLevels)
    .optional(),
});
export type ExamSiteCreateInput = z.infer<typeof examSiteCreateSchema>;

export const examSiteDecisionSchema = z
  .object({
    decision: z.enum(['approved', 'refused']),
    reason: text().max(500).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'refused' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '不予批准时须填写理由' });
  });
export const examSiteSharingSchema = z.object({ openShared: z.boolean() });
export const examSiteClosureSchema = z.object({ reason: text().min(1, '请填写撤销理由').max(500) });

export const examSiteQuerySchema = z.object({
  ...pageFields,
  status: z.enum(EXAM_SITE_STATUSES).optional(),
  certificateTypeId: z.string().uuid().optional(),
});

export const examSiteSchema = z.object({
  id: z.string(),
  certificateType: ref,
  organization: ref,
  school: ref.nullable(),
  provinceCode: z.string(),
  cityCode: z.string(),
  name: z.string(),
  address: z.string(),
  capacity: z.number().int(),
  applicationFileId: z.string().nullable(),
  status: z.enum(EXAM_SITE_STATUSES),
  /** 开放共享: listed in the province's register of shared sites. */
  openShared: z.boolean(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  allowedActions: z.array(z.enum(EXAM_SITE_ACTIONS)),
  /** Issue 17 item 8: the levels examined at the site (null: every level of the certificate), and who registered it. */
  levels: z.array(z.enum(CERTIFICATE_LEVELS)).nullable(),
  registeredBy: z.enum(['school', 'organization']),
  /** 撤销: when and why the organization closed the site (null while it is not closed). */
  closedAt: z.string().nullable(),
  closedReason: z.string().nullable(),
});
export type ExamSiteDto = z.infer<typeof examSiteSchema>;

// ---- Exam sessions (R5.2) ----

/** The organization's manual steps; enter_scores and publish_scores are taken by the results import and score publication. */
export const MANUAL_EXAM_SESSION_ACTIONS: readonly ExamSessionAction[] = [
  'open_registration',
  'close_registration',
  'mark_examined',
  'close',
];

export const examSessionCreateSchema = z
  .object({
    certificateTypeId: z.string().uuid(),
    level: z.enum(CERTIFICATE_LEVELS),
    examSiteId: z.string().uuid(),
    examDate: isoDate,
    examForm: z.enum(EXAM_FORMS),
    capacity: z.number().int().min(1, '容量至少为 1').max(100_000),
    registrationOpensAt: z.string().datetime({ offset: true }),
    registrationClosesAt: z.string().datetime({ offset: true }),
  })
  .superRefine((v, ctx) => {
    if (Date.parse(v.registrationOpensAt) >= Date.parse(v.registrationClosesAt))
      ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: '报名截止时间须晚于报名开始时间' });
    if (v.registrationClosesAt.slice(0, 10) > v.examDate)
      ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: '报名须在考核日期之前截止' });
  });
export type ExamSessionCreateInput = z.infer<typeof examSessionCreateSchema>;

export const examSessionTransitionSchema = z.object({
  action: z.enum(EXAM_SESSION_ACTIONS),
  comment: text().max(500).nullable().optional(),
});

export const examSessionQuerySchema = z.object({
  ...pageFields,
  status: z.enum(EXAM_SESSION_STATUSES).optional(),
  certificateTypeId: z.string().uuid().optional(),
  /** Only sessions at sites this school hosts (a department's 监考安排, issue 17 item 3). */
  hostSchoolId: z.string().uuid().optional(),
});

/** api-v1 CONTRACT fields first (never removed), then additions. */
export const examSessionSummarySchema = z.object({
  id: z.string(),
  certificateTypeId: z.string(),
  certificateTypeName: z.string(),
  level: z.enum(CERTIFICATE_LEVELS),
  examDate: z.string(),
  examSiteName: z.string(),
  status: z.enum(EXAM_SESSION_STATUSES),
  /** Registered candidates (with consent). */
  candidateCount: z.number().int(),
  // additions
  organization: ref,
  examSiteId: z.string(),
  provinceCode: z.string(),
  examForm: z.enum(EXAM_FORMS),
  capacity: z.number().int(),
  registrationOpensAt: z.string(),
  registrationClosesAt: z.string(),
  /** The window is open now (status registration_open and within the dates). */
  registrationOpenNow: z.boolean(),
  /** When 成绩公示 began (null before). */
  scoresPublishedAt: z.string().nullable(),
  /** 公示期 in days: set at 成绩公示 (default: the organization's setting); certificates are issued after it. */
  publicityDays: z.number().int(),
});
export type ExamSessionSummaryDto = z.infer<typeof examSessionSummarySchema>;

export const examSessionDetailSchema = examSessionSummarySchema.extend({
  examSite: z.object({ id: z.string(), name: z.string(), address: z.string(), school: ref.nullable(), openShared: z.boolean() }),
  /** Registrations by status (scoped: a school counts its own). */
  registrationCounts: z.record(z.enum(REGISTRATION_STATUSES), z.number().int()),
  /** Seats taken by registered candidates, over all schools. */
  seatsTaken: z.number().int(),
  allowedActions: z.array(z.enum(EXAM_SESSION_ACTIONS)),
  /** The school may propose candidates now (window, agreement). */
  mayPropose: z.boolean(),
  /** The host school's departments may assign invigilators. */
  mayInvigilate: z.boolean(),
  events: z.array(
    z.object({ action: z.string(), fromStatus: z.string(), toStatus: z.string(), comment: z.string().nullable(), at: z.string() }),
  ),
});
export type ExamSessionDetailDto = z.infer<typeof examSessionDetailSchema>;

// ---- Registrations (R5.3) ----

export const REGISTRATION_ENDPOINT_ACTIONS = ['consent', 'decline', 'paper_consent', 'withdraw'] as const;
export type RegistrationEndpointAction = (typeof REGISTRATION_ENDPOINT_ACTIONS)[number];

export const proposeRegistrationsSchema = z.object({
  learnerIds: z.array(z.string().uuid()).min(1, '请选择考生').max(1000),
});

export const registrationSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  learner: z.object({ id: z.string(), name: z.string(), className: z.string().nullable() }),
  school: ref.nullable(),
  status: z.enum(REGISTRATION_STATUSES),
  consentVia: z.enum(CONSENT_VIA).nullable(),
  consentAt: z.string().nullable(),
  consentFileId: z.string().nullable(),
  /** The negotiated fee of the level (fen); a pilot student's is always paid by the school (payer), never by the learner. */
  feeFen: z.number().int(),
  /** 建档立卡: the fee is covered (shown as 免缴 / covered). */
  feeExempt: z.boolean(),
  /** 'learner' only for a social candidate (no school; issue 17 item 1), who paid the organization's published fee. */
  payer: z.enum(['school', 'learner']),
  createdAt: z.string(),
  allowedActions: z.array(z.enum(REGISTRATION_ENDPOINT_ACTIONS)),
});
export type RegistrationDto = z.infer<typeof registrationSchema>;

export const registrationQuerySchema = z.object({ ...pageFields, status: z.enum(REGISTRATION_STATUSES).optional() });

export const proposeRegistrationsResultSchema = z.object({
  proposed: z.number().int(),
  skipped: z.array(z.object({ learnerId: z.string(), reason: z.string() })),
  items: z.array(registrationSchema),
});

/** A learner's own registration, with its session and (once published) its score. */
export const myRegistrationSchema = registrationSchema.extend({
  session: z.object({
    id: z.string(),
    certificateTypeName: z.string(),
    level: z.enum(CERTIFICATE_LEVELS),
    examDate: z.string(),
    examSiteName: z.string(),
    examSiteAddress: z.string(),
    status: z.enum(EXAM_SESSION_STATUSES),
    registrationClosesAt: z.string(),
  }),
  result: z.object({ score: z.number(), passed: z.boolean() }).nullable(),
});
export type MyRegistrationDto = z.infer<typeof myRegistrationSchema>;

export const myExamSessionSchema = examSessionSummarySchema.extend({
  examSiteAddress: z.string(),
  myRegistration: z.object({ id: z.string(), status: z.enum(REGISTRATION_STATUSES) }).nullable(),
});

// ---- Invigilation (R5.4) ----

export const invigilationCreateSchema = z.object({
  invigilatorName: text().min(1, '监考人员姓名不能为空').max(50),
  role: z.enum(INVIGILATOR_ROLES).default('invigilator'),
  feeFen: z.number().int().min(0).max(10_000_000),
  departmentId: z.string().uuid().nullable().optional(),
});
export const invigilationSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  school: ref,
  department: ref.nullable(),
  invigilatorName: z.string(),
  role: z.enum(INVIGILATOR_ROLES),
  feeFen: z.number().int(),
  createdAt: z.string(),
  mayDelete: z.boolean(),
});
export type InvigilationDto = z.infer<typeof invigilationSchema>;
export const invigilationListSchema = z.object({
  items: z.array(invigilationSchema),
  totalFeeFen: z.number().int(),
  mayAssign: z.boolean(),
});

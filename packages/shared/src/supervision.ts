import { z } from 'zod';
import type { WorkflowTransition } from './catalog';
import { pageQuerySchema } from './contracts';

type Label = { zh: string; en: string };

/* ───────────────────────── Complaints (R8.5) ───────────────────────── */

/** api-v1 "Supervision and notices": the categories come from the seeds (002 三.5–三.6, 003 6号 §二(七)). */
export const COMPLAINT_CATEGORIES = [
  'bundled_sales',
  'overcharging',
  'unlawful_training',
  'forced_registration',
  'certificate_as_graduation',
  'training_fee_charged',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, Label> = {
  bundled_sales: { zh: '捆绑销售', en: 'Bundled sales' },
  overcharging: { zh: '高收费', en: 'Overcharging' },
  unlawful_training: { zh: '乱培训', en: 'Unlawful training' },
  forced_registration: { zh: '强制报考', en: 'Forced registration' },
  certificate_as_graduation: { zh: '以证书代替毕业要求', en: 'Certificate required for graduation' },
  training_fee_charged: { zh: '向学生收取培训费', en: 'Training fees charged to students' },
  other: { zh: '其他', en: 'Other' },
};

export const COMPLAINT_SUBJECT_TYPES = ['school', 'organization', 'certificateType'] as const;
export type ComplaintSubjectType = (typeof COMPLAINT_SUBJECT_TYPES)[number];
export const COMPLAINT_SUBJECT_TYPE_LABELS: Record<ComplaintSubjectType, Label> = {
  school: { zh: '院校', en: 'School' },
  organization: { zh: '培训评价组织', en: 'Evaluation organization' },
  certificateType: { zh: '证书', en: 'Certificate' },
};

export const COMPLAINT_STATUSES = ['received', 'in_progress', 'replied', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, Label> = {
  received: { zh: '已受理登记', en: 'Received' },
  in_progress: { zh: '办理中', en: 'In progress' },
  replied: { zh: '已答复', en: 'Replied' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** The administrator level a complaint is routed to: the city (中职), the province, or the national administrator. */
export const COMPLAINT_LEVELS = ['city', 'province', 'national'] as const;
export type ComplaintLevel = (typeof COMPLAINT_LEVELS)[number];
export const COMPLAINT_LEVEL_LABELS: Record<ComplaintLevel, Label> = {
  city: { zh: '地市', en: 'City' },
  province: { zh: '省级', en: 'Province' },
  national: { zh: '国家', en: 'National' },
};

export const COMPLAINT_ACTIONS = ['accept', 'transfer', 'reply', 'close'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];
export const COMPLAINT_ACTION_LABELS: Record<ComplaintAction, Label> = {
  accept: { zh: '受理', en: 'Accept' },
  transfer: { zh: '转办', en: 'Transfer' },
  reply: { zh: '答复', en: 'Reply' },
  close: { zh: '办结', en: 'Close' },
};

/** The verdict recorded when a complaint is closed (核查结论); the scorecards count upheld and partly upheld ones. */
export const COMPLAINT_VERDICTS = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export type ComplaintVerdict = (typeof COMPLAINT_VERDICTS)[number];
export const COMPLAINT_VERDICT_LABELS: Record<ComplaintVerdict, Label> = {
  upheld: { zh: '成立', en: 'Upheld' },
  partly_upheld: { zh: '部分成立', en: 'Partly upheld' },
  not_upheld: { zh: '不成立', en: 'Not upheld' },
};

/** Attachments of a complaint: at most 3 PDF, PNG or JPEG files (checked by content), each at most 5 MiB. */
export const COMPLAINT_ATTACHMENT_MAX_FILES = 3;
export const COMPLAINT_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const COMPLAINT_ATTACHMENT_MIMES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const complaintAttachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.enum(COMPLAINT_ATTACHMENT_MIMES),
  size: z.number().int(),
});
export type ComplaintAttachmentDto = z.infer<typeof complaintAttachmentSchema>;

const HANDLERS = ['national_admin', 'province_admin', 'municipal_admin'] as const;
/**
 * The handler's workflow: accept, transfer to another administrator (back to 'received' there, with a reason),
 * reply (the text the complainant reads by tracking code), close. Only the complaint's current handler acts.
 */
export const COMPLAINT_TRANSITIONS: readonly WorkflowTransition<ComplaintStatus, ComplaintAction>[] = [
  { action: 'accept', from: ['received'], to: 'in_progress', roles: HANDLERS, commentRequired: false },
  { action: 'transfer', from: ['received', 'in_progress'], to: 'received', roles: HANDLERS, commentRequired: true },
  { action: 'reply', from: ['in_progress'], to: 'replied', roles: HANDLERS, commentRequired: true },
  { action: 'close', from: ['received', 'in_progress', 'replied'], to: 'closed', roles: HANDLERS, commentRequired: true },
];
export function complaintTransition(action: ComplaintAction, from: ComplaintStatus) {
  return COMPLAINT_TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
}

/** Complaint text is plain text: any characters but control characters other than line breaks and tabs. */
const plainText = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .min(min, `${what}至少 ${min} 个字`)
    .max(max, `${what}不能超过 ${max} 个字`)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), `${what}含有不允许的控制字符`);

export const complaintPhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{4,18}[0-9]$/, '联系电话格式不正确');

export const createComplaintSchema = z.object({
  category: z.enum(COMPLAINT_CATEGORIES),
  subjectType: z.enum(COMPLAINT_SUBJECT_TYPES),
  subjectId: z.string().uuid('请选择投诉对象'),
  content: plainText(10, 2000, '投诉内容'),
  contactName: plainText(1, 50, '联系人').optional(),
  contactPhone: complaintPhoneSchema.optional(),
});
export type CreateComplaintRequest = z.infer<typeof createComplaintSchema>;

/** Tracking codes: 16 characters of an unambiguous alphabet; what people type is upper-cased and stripped of spaces and dashes. */
export const trackingCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9A-Z]{12,32}$/, '查询码格式不正确'));

export const publicComplaintSchema = z.object({
  trackingCode: z.string(),
  category: z.enum(COMPLAINT_CATEGORIES),
  status: z.enum(COMPLAINT_STATUSES),
  filedAt: z.string(),
  /** The handling deadline (a date, China time): 15 working days after filing or the latest transfer. */
  deadline: z.string(),
  reply: z.string().optional(),
  /** Once closed: the handler's verdict (成立 / 部分成立 / 不成立). */
  verdict: z.enum(COMPLAINT_VERDICTS).optional(),
});
export type PublicComplaintDto = z.infer<typeof publicComplaintSchema>;

export const complaintQuerySchema = pageQuerySchema.extend({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  subjectType: z.enum(COMPLAINT_SUBJECT_TYPES).optional(),
  overdue: z.stringbool().optional(),
  q: z.string().trim().max(50).optional(),
});
export type ComplaintQuery = z.infer<typeof complaintQuerySchema>;

export const complaintSchema = z.object({
  id: z.string(),
  trackingCode: z.string(),
  category: z.enum(COMPLAINT_CATEGORIES),
  subjectType: z.enum(COMPLAINT_SUBJECT_TYPES),
  subjectId: z.string(),
  subjectName: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  level: z.enum(COMPLAINT_LEVELS),
  provinceCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  filedAt: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  escalations: z.number().int(),
  verdict: z.enum(COMPLAINT_VERDICTS).nullable(),
});
export type ComplaintDto = z.infer<typeof complaintSchema>;

export const complaintEventSchema = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  fromStatus: z.enum(COMPLAINT_STATUSES).nullable(),
  toStatus: z.enum(COMPLAINT_STATUSES),
  comment: z.string().nullable(),
  level: z.enum(COMPLAINT_LEVELS),
});

export const complaintDetailSchema = complaintSchema.extend({
  content: z.string(),
  reply: z.string().nullable(),
  /** Shown in full to the current handler only; masked for everyone else. */
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactVisible: z.boolean(),
  events: z.array(complaintEventSchema),
  /** The complainant's attachments: listed for the current handler only (empty for anyone else). */
  attachments: z.array(complaintAttachmentSchema),
  allowedActions: z.array(z.enum(COMPLAINT_ACTIONS)),
});
export type ComplaintDetailDto = z.infer<typeof complaintDetailSchema>;

export const complaintTransferTargetSchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('national') }),
  z.object({ level: z.literal('province'), provinceCode: z.string().regex(/^\d{6}$/) }),
  z.object({ level: z.literal('city'), cityCode: z.string().regex(/^\d{6}$/) }),
]);
export type ComplaintTransferTarget = z.infer<typeof complaintTransferTargetSchema>;

export const complaintTransitionSchema = z.object({
  action: z.enum(COMPLAINT_ACTIONS),
  /** The reason of a transfer, the reply, or the closing note. */
  comment: plainText(2, 2000, '说明').optional(),
  target: complaintTransferTargetSchema.optional(),
  /** close: the verdict (required). */
  verdict: z.enum(COMPLAINT_VERDICTS).optional(),
});
export type ComplaintTransitionRequest = z.infer<typeof complaintTransitionSchema>;

/* ───────────────────────── Reporting duties (R8.1) ───────────────────────── */

export const REPORTER_KINDS = ['department', 'project_leader', 'school'] as const;
export type ReporterKind = (typeof REPORTER_KINDS)[number];
export const REPORTER_KIND_LABELS: Record<ReporterKind, Label> = {
  department: { zh: '二级学院（部）', en: 'Department' },
  project_leader: { zh: '试点负责人', en: 'Project leader' },
  school: { zh: '院校', en: 'School' },
};
export const REPORT_PERIODS = ['weekly', 'monthly', 'by_date'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
export const REPORT_PERIOD_LABELS: Record<ReportPeriod, Label> = {
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
  by_date: { zh: '按指定日期', en: 'By date' },
};
export const REPORT_DUTY_STATUSES = ['pending', 'submitted', 'accepted', 'returned'] as const;
export type ReportDutyStatus = (typeof REPORT_DUTY_STATUSES)[number];
export const REPORT_DUTY_STATUS_LABELS: Record<ReportDutyStatus, Label> = {
  pending: { zh: '待报送', en: 'To file' },
  submitted: { zh: '已报送', en: 'Submitted' },
  accepted: { zh: '已通过', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Returned' },
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** One field of a report form (a small JSON-schema-like list). */
export const reportFieldSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, '字段标识只能包含字母、数字和下划线'),
  label: z.string().trim().min(1).max(50),
  type: z.enum(['text', 'textarea', 'number']),
  required: z.boolean().default(false),
});
export type ReportField = z.infer<typeof reportFieldSchema>;

export const createReportTypeSchema = z
  .object({
    name: z.string().trim().min(2).max(100),
    reporterKind: z.enum(REPORTER_KINDS),
    period: z.enum(REPORT_PERIODS),
    /** by_date: the due dates; weekly/monthly: ignored. */
    dueDates: z.array(isoDate).max(60).default([]),
    /** Days after the end of a weekly or monthly period that the report is due. */
    deadlineDays: z.number().int().min(0).max(60).default(1),
    startsOn: isoDate,
    fields: z.array(reportFieldSchema).min(1).max(30),
    required: z.boolean().default(true),
    /** How many consecutive missed reports flag a pilot for cancellation (the province's own rule; 001 §十九(一) says 3). */
    missThreshold: z.number().int().min(1).max(12).default(3),
  })
  .refine((t) => t.period !== 'by_date' || t.dueDates.length > 0, { path: ['dueDates'], message: '按日期报送须至少指定一个日期' })
  .refine((t) => new Set(t.fields.map((f) => f.key)).size === t.fields.length, { path: ['fields'], message: '字段标识不能重复' });
export type CreateReportTypeRequest = z.infer<typeof createReportTypeSchema>;

export const reportTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(['national', 'province']),
  provinceCode: z.string().nullable(),
  reporterKind: z.enum(REPORTER_KINDS),
  period: z.enum(REPORT_PERIODS),
  dueDates: z.array(z.string()),
  deadlineDays: z.number().int(),
  startsOn: z.string(),
  fields: z.array(reportFieldSchema),
  required: z.boolean(),
  missThreshold: z.number().int(),
  active: z.boolean(),
});
export type ReportTypeDto = z.infer<typeof reportTypeSchema>;

export const reportDutyQuerySchema = pageQuerySchema.extend({
  reportTypeId: z.string().uuid().optional(),
  status: z.enum(REPORT_DUTY_STATUSES).optional(),
  missed: z.stringbool().optional(),
  /** Filed after the due date. */
  late: z.stringbool().optional(),
});
export type ReportDutyQuery = z.infer<typeof reportDutyQuerySchema>;

export const reportDutySchema = z.object({
  id: z.string(),
  reportTypeId: z.string(),
  reportTypeName: z.string(),
  filingId: z.string(),
  schoolName: z.string(),
  departmentName: z.string(),
  certificateTypeName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  status: z.enum(REPORT_DUTY_STATUSES),
  submittedAt: z.string().nullable(),
  late: z.boolean(),
  missed: z.boolean(),
  answers: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  opinion: z.string().nullable(),
  fields: z.array(reportFieldSchema),
  allowedActions: z.array(z.enum(['submit', 'accept', 'return'])),
});
export type ReportDutyDto = z.infer<typeof reportDutySchema>;

export const submitReportSchema = z.object({
  answers: z.record(z.string(), z.union([z.string().max(5000), z.number()])),
});
export const reviewReportSchema = z.object({
  decision: z.enum(['accept', 'return']),
  opinion: z.string().trim().max(2000).optional(),
});

export const pilotFlagSchema = z.object({
  id: z.string(),
  filingId: z.string(),
  schoolName: z.string(),
  certificateTypeName: z.string(),
  kind: z.string(),
  /** The clause the flag cites, e.g. 粤生态职院〔2023〕18号 第十九条（一）. */
  clause: z.string(),
  /** Whose rule: a school's own rule, or the report type's rule set by a province or the national administrator. */
  jurisdiction: z.string(),
  detail: z.string(),
  flaggedAt: z.string(),
});
export type PilotFlagDto = z.infer<typeof pilotFlagSchema>;

/* ───────────────────────── Cancellation (R8.3) ───────────────────────── */

/**
 * The four grounds of cancelling a pilot, as data citing their clause (001 = 粤生态职院〔2023〕18号 第十九条, the
 * school rule of 广东生态工程职业学院, which takes them "按照上级主管部门的要求"; no provincial or national seed
 * words them differently).
 */
export const CANCELLATION_GROUNDS = [
  {
    id: 'missed_reports',
    clause: '粤生态职院〔2023〕18号 第十九条（一）',
    zh: '推进试点工作不力、进展缓慢，连续三次不填报省厅要求报送的材料',
    en: 'Slow progress; three consecutive required reports not filed',
  },
  {
    id: 'lax_management',
    clause: '粤生态职院〔2023〕18号 第十九条（二）',
    zh: '证书培训、考核等工作管理不严',
    en: 'Lax management of training and assessment',
  },
  {
    id: 'forced_participation',
    clause: '粤生态职院〔2023〕18号 第十九条（三）',
    zh: '强制或变相强制学生参加培训或考核',
    en: 'Students forced, openly or not, into training or assessment',
  },
  {
    id: 'funds_misuse',
    clause: '粤生态职院〔2023〕18号 第十九条（四）',
    zh: '试点工作经费使用不规范，或者有其他违反规定与管理办法的行为',
    en: 'Irregular use of funds or other breaches of the rules',
  },
] as const;
export type CancellationGround = (typeof CANCELLATION_GROUNDS)[number]['id'];
export const CANCELLATION_GROUND_IDS = CANCELLATION_GROUNDS.map((g) => g.id) as [CancellationGround, ...CancellationGround[]];

export const EVIDENCE_KINDS = ['pilot_flag', 'complaint', 'report_duty', 'file'] as const;
export const cancelPilotSchema = z.object({
  ground: z.enum(CANCELLATION_GROUND_IDS),
  reason: z.string().trim().min(2, '请填写取消理由').max(2000),
  evidence: z
    .array(z.object({ kind: z.enum(EVIDENCE_KINDS), id: z.string().uuid() }))
    .max(20)
    .default([]),
});
export type CancelPilotRequest = z.infer<typeof cancelPilotSchema>;

export const pilotCancellationSchema = z.object({
  id: z.string(),
  filingId: z.string(),
  schoolName: z.string(),
  certificateTypeName: z.string(),
  ground: z.enum(CANCELLATION_GROUND_IDS),
  clause: z.string(),
  reason: z.string(),
  evidence: z.array(z.object({ kind: z.enum(EVIDENCE_KINDS), id: z.string() })),
  cancelledAt: z.string(),
});
export type PilotCancellationDto = z.infer<typeof pilotCancellationSchema>;

/* ───────────────────────── 双随机一公开 (R8.4) ───────────────────────── */

export const DRAW_POOL_KINDS = ['school', 'organization'] as const;
export type DrawPoolKind = (typeof DRAW_POOL_KINDS)[number];
/** The documented algorithm recorded with every draw, so anyone can re-run it from the seed. */
export const DRAW_ALGORITHM =
  'HMAC-SHA256 Fisher–Yates v1: candidates sorted by id (ascending, as text); for i = 0…k−1, r = first 6 bytes (big-endian) of HMAC-SHA256(key = seed bytes, message = "<stream>:<i>"), j = i + (r mod (n − i)), swap(i, j); the first k are drawn. Streams: "targets", then "inspectors" over the pool minus inspectors linked to a drawn party.';

export const createInspectorSchema = z.object({
  name: z.string().trim().min(2).max(50),
  title: z.string().trim().max(100).optional(),
  /** The inspector's own school or organization: never drawn to inspect it. */
  schoolId: z.string().uuid().optional(),
  orgId: z.string().uuid().optional(),
});
export const inspectorSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  provinceCode: z.string().nullable(),
  schoolId: z.string().nullable(),
  orgId: z.string().nullable(),
});
export type InspectorDto = z.infer<typeof inspectorSchema>;

export const createDrawSchema = z.object({
  title: z.string().trim().min(2).max(100),
  poolKind: z.enum(DRAW_POOL_KINDS),
  filters: z
    .object({
      provinceCode: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
      schoolType: z.string().max(30).optional(),
      certificateTypeId: z.string().uuid().optional(),
    })
    .default({}),
  sampleSize: z.number().int().min(1).max(100),
  inspectorCount: z.number().int().min(1).max(20),
});
export type CreateDrawRequest = z.infer<typeof createDrawSchema>;

export const publicDrawSchema = z.object({
  id: z.string(),
  title: z.string(),
  drawnAt: z.string(),
  seed: z.string(),
  algorithm: z.string(),
  /** api-v1 names kind and size; `candidateIds` extends it (api-v1: "extend them, never break them"). */
  pool: z.object({
    kind: z.enum(DRAW_POOL_KINDS),
    size: z.number().int(),
    candidateIds: z
      .array(z.string())
      .describe(
        '扩展字段（api-v1 之外）：抽取所依据的候选对象 ID，按文本升序；任何人可用 seed 与 algorithm 复算抽取结果。Extension beyond api-v1: the candidate ids the draw ran over, sorted as text, so anyone can re-run it from the seed.',
      ),
  }),
  selected: z.array(z.object({ id: z.string(), name: z.string() })),
  inspectors: z.array(z.object({ name: z.string() })),
  result: z.string().optional(),
});
export type PublicDrawDto = z.infer<typeof publicDrawSchema>;

export const drawSchema = publicDrawSchema.extend({
  provinceCode: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** The pool the inspectors were drawn from (linked inspectors already left out), sorted: re-run with stream "inspectors". */
  inspectorPoolIds: z.array(z.string()),
  /** Signed-in drawers see the drawn inspectors' ids too (the public page shows names only). */
  inspectors: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Inspectors left out because they belong to a drawn party, with that party. */
  excludedInspectors: z.array(z.object({ id: z.string(), name: z.string(), linkedTo: z.object({ id: z.string(), name: z.string() }) })),
  filters: z.object({ provinceCode: z.string().optional(), schoolType: z.string().optional(), certificateTypeId: z.string().optional() }),
});
export type DrawDto = z.infer<typeof drawSchema>;
export const publishDrawSchema = z.object({ result: z.string().trim().max(5000).optional() });

/* ───────────────────────── Inspections and rectification (R8.2) ───────────────────────── */

/** 001 第十八条: 试点建设进展、经费落实与资金使用、主要问题和改进措施; an inspection may add items. */
export const DEFAULT_INSPECTION_ITEMS = [
  { key: 'progress', label: '试点建设进展' },
  { key: 'funds', label: '经费落实、资金使用' },
  { key: 'problems', label: '存在问题' },
  { key: 'improvements', label: '改进措施' },
] as const;
export const INSPECTION_STATUSES = ['planned', 'rectifying', 'closed'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const RECTIFICATION_STATUSES = ['open', 'reported', 'accepted', 'reordered'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

const itemSchema = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), label: z.string().trim().min(1).max(50) });
export const createInspectionSchema = z.object({
  filingId: z.string().uuid(),
  title: z.string().trim().min(2).max(100),
  plannedOn: isoDate,
  extraItems: z.array(itemSchema).max(10).default([]),
});
export const inspectionFindingInputSchema = z.object({
  itemKey: z.string(),
  finding: z.string().trim().min(2).max(2000),
  issue: z.boolean(),
  fileIds: z.array(z.string().uuid()).max(10).default([]),
});
export const rectificationOrderInputSchema = z.object({ requirement: z.string().trim().min(2).max(2000), deadline: isoDate });
export const rectificationReportSchema = z.object({
  report: z.string().trim().min(2).max(5000),
  fileIds: z.array(z.string().uuid()).max(10).default([]),
});
export const rectificationDecisionSchema = z.object({
  decision: z.enum(['accept', 'reorder']),
  comment: z.string().trim().min(2).max(2000),
  /** reorder: the new order's deadline. */
  deadline: isoDate.optional(),
});
export const closeInspectionSchema = z.object({ result: z.string().trim().min(2).max(5000), publish: z.boolean().default(false) });

export const rectificationSchema = z.object({
  id: z.string(),
  round: z.number().int(),
  requirement: z.string(),
  deadline: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  report: z.string().nullable(),
  reportFileIds: z.array(z.string()),
  decisionComment: z.string().nullable(),
  overdue: z.boolean(),
});
export const inspectionSchema = z.object({
  id: z.string(),
  title: z.string(),
  filingId: z.string(),
  schoolName: z.string(),
  certificateTypeName: z.string(),
  /** Who inspects: the level that planned it (the inspected side is below it). */
  inspectorLevel: z.enum(['national', 'province', 'school']),
  plannedOn: z.string(),
  status: z.enum(INSPECTION_STATUSES),
  items: z.array(itemSchema),
  findings: z.array(
    z.object({ itemKey: z.string(), finding: z.string(), issue: z.boolean(), fileIds: z.array(z.string()), at: z.string() }),
  ),
  rectifications: z.array(rectificationSchema),
  result: z.string().nullable(),
  publishedAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type InspectionDto = z.infer<typeof inspectionSchema>;
/** 公开: an inspection's result published by its inspector (public, no account; beyond api-v1). */
export const publicInspectionResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  schoolName: z.string(),
  certificateTypeName: z.string(),
  plannedOn: z.string(),
  result: z.string(),
  publishedAt: z.string(),
});
export type PublicInspectionResultDto = z.infer<typeof publicInspectionResultSchema>;
export type RectificationDto = z.infer<typeof rectificationSchema>;

/* ───────────────────────── Evaluation scorecards (R8.7, 监督评价) ───────────────────────── */

/**
 * Weights as data (points out of 100). Pass rate and reports on time score their ratio of the weight; inspection
 * findings and complaints cost `penalty` points each down to 0. A part without facts (e.g. no exams that year) is left
 * out and the others are scaled to 100.
 */
export const SCORECARD_WEIGHTS = {
  passRate: { weight: 40 },
  reportsOnTime: { weight: 30 },
  findings: { weight: 15, penalty: 5 },
  complaints: { weight: 15, penalty: 5 },
} as const;
export type ScorecardPart = keyof typeof SCORECARD_WEIGHTS;

export const scorecardQuerySchema = z.object({
  kind: z.enum(['school', 'organization']).default('school'),
  year: z.coerce.number().int().min(2019).max(2100),
});
export const scorecardSchema = z.object({
  subjectId: z.string(),
  name: z.string(),
  year: z.number().int(),
  facts: z.object({
    examined: z.number().int(),
    passed: z.number().int(),
    reportsDue: z.number().int(),
    reportsOnTime: z.number().int(),
    findings: z.number().int(),
    complaints: z.number().int(),
  }),
  parts: z.record(z.string(), z.number().nullable()),
  score: z.number().nullable(),
});
export type ScorecardDto = z.infer<typeof scorecardSchema>;

import { z } from 'zod';
import { calendarDate, fen, text } from './input';
import { CERTIFICATE_LEVELS, EXAM_FORMS, type WorkflowTransition } from './catalog';

/**
 * Exams (issue 5; R4.1–R4.4, R5): learners and their ID numbers, pilot agreements and fees, exam sites, exam
 * sessions (a workflow table), voluntary registrations (a status table), results imports, invigilation and fee
 * settlements. Tables in apps/server/src/db/migrations/0006_exams.ts.
 */

// ---- Learners and personal ID numbers ----

export const LEARNER_KINDS = ['pilot_student', 'social'] as const;
export type LearnerKind = (typeof LEARNER_KINDS)[number];
export const LEARNER_KIND_LABELS: Record<LearnerKind, { zh: string; en: string }> = {
  pilot_student: { zh: '试点学生', en: 'Pilot student' },
  social: { zh: '社会学习者', en: 'Social learner' },
};

export const ID_TYPES = ['id_card', 'hmt_residence_permit', 'passport'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const ID_TYPE_LABELS: Record<IdType, { zh: string; en: string }> = {
  id_card: { zh: '居民身份证', en: 'Resident ID card' },
  hmt_residence_permit: { zh: '港澳台居民居住证', en: 'Residence permit for HK/Macao/Taiwan residents' },
  passport: { zh: '护照', en: 'Passport' },
};
/** 证件类型 by its Chinese label (import files, results files). */
export function idTypeFromLabel(label: string): IdType | undefined {
  const t = label.trim();
  return ID_TYPES.find((k) => ID_TYPE_LABELS[k].zh === t);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** Upper-case, trimmed, inner blanks removed: the form that is hashed and encrypted. */
export function normalizeIdNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** The GB 11643-1999 check character of the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/**
 * Problems with a 居民身份证 number (GB 11643-1999): 18 characters, 17 digits and a check character, a real
 * birth date (YYYYMMDD at positions 7–14, not in the future when `today` is given). Null when valid.
 * 港澳台居民居住证 numbers follow the same structure (810000/820000/830000 prefixes) and the same check.
 */
export function idCardProblem(value: string, today?: string): string | null {
  const v = normalizeIdNumber(value);
  if (!/^[0-9]{17}[0-9X]$/.test(v)) return '居民身份证号码须为 18 位（17 位数字加 1 位校验码，校验码可为 X）';
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const iso = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || (today && iso > today))
    return '居民身份证号码中的出生日期无效';
  if (idCardCheckChar(v.slice(0, 17)) !== v[17]) return '居民身份证号码校验码不正确，请核对';
  return null;
}

export function isValidIdCard(value: string): boolean {
  return idCardProblem(value) === null;
}

/** Problems with an ID number of the given type, as a Chinese message; null when valid. */
export function idNumberProblem(idType: IdType, value: string): string | null {
  const v = normalizeIdNumber(value);
  if (v.length === 0) return '证件号码不能为空';
  if (idType === 'id_card' || idType === 'hmt_residence_permit') return idCardProblem(v);
  if (!/^[A-Z0-9]{5,20}$/.test(v)) return '护照号码须为 5–20 位字母或数字';
  return null;
}

/** `4401**********1234`: first 4 + asterisks + last 4 (18 characters); numbers of 8 or fewer keep the first 1 and last 2. */
export function maskIdNumber(value: string): string {
  const v = normalizeIdNumber(value);
  if (v.length <= 2) return '*'.repeat(v.length);
  if (v.length <= 8) return v.slice(0, 1) + '*'.repeat(v.length - 3) + v.slice(-2);
  return v.slice(0, 4) + '*'.repeat(v.length - 8) + v.slice(-4);
}

export const idNumberInputSchema = text().min(1, '证件号码不能为空').max(32).transform(normalizeIdNumber);

export const learnerInputSchema = z
  .object({
    name: text().min(1, '姓名不能为空').max(50),
    idType: z.enum(ID_TYPES),
    idNumber: idNumberInputSchema,
    schoolMajorId: z.string().uuid().nullable().optional(),
    className: text().max(50).nullable().optional(),
    povertyRegistered: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    const p = idNumberProblem(v.idType, v.idNumber);
    if (p) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: p });
  });
export type LearnerInput = z.infer<typeof learnerInputSchema>;

export const learnerSchema = z.object({
  id: z.string(),
  kind: z.enum(LEARNER_KINDS),
  name: z.string(),
  idType: z.enum(ID_TYPES),
  /** Full number only for the learner, its school and an organization examining it; masked otherwise. */
  idNumber: z.string(),
  idNumberMasked: z.string(),
  idNumberVisible: z.boolean(),
  school: z.object({ id: z.string(), name: z.string() }).nullable(),
  provinceCode: z.string().nullable(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  major: z.object({ id: z.string(), name: z.string() }).nullable(),
  className: z.string().nullable(),
  povertyRegistered: z.boolean(),
  activated: z.boolean(),
  activatedAt: z.string().nullable(),
  activationExpiresAt: z.string().nullable(),
  username: z.string().nullable(),
  createdAt: z.string(),
});
export type LearnerDto = z.infer<typeof learnerSchema>;

/** Returned once when a learner is enrolled or its code regenerated; only the hash is stored. */
export const activationCodeSchema = z.object({ learnerId: z.string(), activationCode: z.string(), expiresAt: z.string() });
export type ActivationCodeDto = z.infer<typeof activationCodeSchema>;

export const LEARNER_ACTIVATION_DAYS = 30;

export const learnerActivationSchema = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名须为 3–32 位字母、数字、下划线、点或连字符'),
  activationCode: text().min(1).max(64),
  /** The last six characters of the ID number, when the school asks learners to confirm it. */
  idNumberLast6: text().max(6).optional(),
  password: z.string().min(8, '密码至少 8 位').max(128),
});

/** A mainland mobile number: 11 digits starting with 1. */
export const mobilePhoneSchema = z
  .string()
  .trim()
  .regex(/^1[3-9][0-9]{9}$/, '请填写 11 位手机号码');

export const learnerRegistrationSchema = z
  .object({
    username: learnerActivationSchema.shape.username,
    password: learnerActivationSchema.shape.password,
    name: text().min(1, '姓名不能为空').max(50),
    idType: z.enum(ID_TYPES),
    idNumber: idNumberInputSchema,
    provinceCode: z
      .string()
      .regex(/^[0-9]{6}$/)
      .optional(),
    /** Mobile phone (issue 17 item 1), stored sealed. */
    phone: mobilePhoneSchema,
    /** The person agrees to the processing of its personal information (个人信息处理同意). */
    consent: z.literal(true, { error: '请阅读并同意个人信息处理说明' }),
  })
  .superRefine((v, ctx) => {
    const p = idNumberProblem(v.idType, v.idNumber);
    if (p) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: p });
  });

/** Columns of the learner import template (.xlsx), in order. */
export const LEARNER_IMPORT_COLUMNS = ['姓名', '证件类型', '证件号码', '专业', '班级', '建档立卡'] as const;

// ---- Pilot agreements (R4.1, R4.2) ----

export const agreementFeeSchema = z.object({
  level: z.enum(CERTIFICATE_LEVELS),
  feeFen: fen(),
});
/** The form fields of `POST /api/v1/pilot-agreements` (multipart, with the signed PDF in field `file`); `fees` is JSON. */
export const agreementCreateSchema = z.object({
  filingId: z.string().uuid(),
  signedOn: calendarDate,
  fees: z.array(agreementFeeSchema).min(1).max(3),
  note: text().max(500).nullable().optional(),
  /** Issue 17 item 5: record it as a draft (put in force later); default: in force from its signing. */
  status: z.enum(['draft', 'in_force']).optional(),
});
export type AgreementCreateInput = z.infer<typeof agreementCreateSchema>;

export const agreementSchema = z.object({
  id: z.string(),
  filingId: z.string(),
  school: z.object({ id: z.string(), name: z.string() }),
  organization: z.object({ id: z.string(), name: z.string() }),
  certificateType: z.object({ id: z.string(), name: z.string() }),
  provinceCode: z.string(),
  signedOn: z.string(),
  fileId: z.string(),
  note: z.string().nullable(),
  fees: z.array(z.object({ level: z.enum(CERTIFICATE_LEVELS), feeFen: z.number().int(), capFen: z.number().int() })),
  createdAt: z.string(),
  /** Issue 17 item 5 (三.6): draft → in_force → suspended / terminated. */
  status: z.enum(['draft', 'in_force', 'suspended', 'terminated']),
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  allowedActions: z.array(z.enum(['activate', 'suspend', 'resume', 'terminate'])),
});
export type AgreementDto = z.infer<typeof agreementSchema>;

/** Money in fen as "560.00". */
export function formatYuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

// ---- Exam sites (R5.1) ----

export const EXAM_SITE_STATUSES = ['applied', 'approved', 'refused', 'closed'] as const;
export type ExamSiteStatus = (typeof EXAM_SITE_STATUSES)[number];
export const EXAM_SITE_STATUS_LABELS: Record<ExamSiteStatus, { zh: string; en: string }> = {
  applied: { zh: '已申请', en: 'Applied' },
  approved: { zh: '已批准', en: 'Approved' },
  refused: { zh: '未批准', en: 'Refused' },
  closed: { zh: '已撤销', en: 'Closed' },
};

// ---- Exam sessions (R5.2): statuses and transitions, a table ----

export const EXAM_SESSION_STATUSES = [
  'planned',
  'registration_open',
  'registration_closed',
  'examined',
  'scores_entered',
  'scores_published',
  'closed',
] as const;
export type ExamSessionStatus = (typeof EXAM_SESSION_STATUSES)[number];
export const EXAM_SESSION_STATUS_LABELS: Record<ExamSessionStatus, { zh: string; en: string }> = {
  planned: { zh: '已计划', en: 'Planned' },
  registration_open: { zh: '报名中', en: 'Registration open' },
  registration_closed: { zh: '报名截止', en: 'Registration closed' },
  examined: { zh: '已考核', en: 'Examined' },
  scores_entered: { zh: '成绩登记', en: 'Scores entered' },
  scores_published: { zh: '成绩公示', en: 'Scores published' },
  closed: { zh: '已结束', en: 'Closed' },
};

export const EXAM_SESSION_ACTIONS = [
  'open_registration',
  'close_registration',
  'mark_examined',
  'enter_scores',
  'publish_scores',
  'close',
] as const;
export type ExamSessionAction = (typeof EXAM_SESSION_ACTIONS)[number];
export const EXAM_SESSION_ACTION_LABELS: Record<ExamSessionAction, { zh: string; en: string }> = {
  open_registration: { zh: '开放报名', en: 'Open registration' },
  close_registration: { zh: '截止报名', en: 'Close registration' },
  mark_examined: { zh: '考核完成', en: 'Mark examined' },
  enter_scores: { zh: '成绩登记', en: 'Enter scores' },
  publish_scores: { zh: '成绩公示', en: 'Publish scores' },
  close: { zh: '结束', en: 'Close' },
};

/** planned → registration_open → registration_closed → examined → scores_entered → scores_published → closed. */
export const EXAM_SESSION_TRANSITIONS: readonly WorkflowTransition<ExamSessionStatus, ExamSessionAction>[] = [
  { action: 'open_registration', from: ['planned'], to: 'registration_open', roles: ['org_admin'], commentRequired: false },
  { action: 'close_registration', from: ['registration_open'], to: 'registration_closed', roles: ['org_admin'], commentRequired: false },
  { action: 'mark_examined', from: ['registration_closed'], to: 'examined', roles: ['org_admin'], commentRequired: false },
  // entered by a results import (R5.5); listed so the table is complete
  { action: 'enter_scores', from: ['examined', 'scores_entered'], to: 'scores_entered', roles: ['org_admin'], commentRequired: false },
  { action: 'publish_scores', from: ['scores_entered'], to: 'scores_published', roles: ['org_admin'], commentRequired: false },
  { action: 'close', from: ['scores_published'], to: 'closed', roles: ['org_admin'], commentRequired: false },
];

export function examSessionTransition(action: ExamSessionAction, from: ExamSessionStatus) {
  return EXAM_SESSION_TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
}

/** A session from which fees are settled (R4.4): the exam has taken place. */
export const SETTLEABLE_SESSION_STATUSES: readonly ExamSessionStatus[] = ['examined', 'scores_entered', 'scores_published', 'closed'];

// ---- Registrations (R5.3): voluntary ----

export const REGISTRATION_STATUSES = ['proposed', 'consented', 'registered', 'withdrawn', 'refused'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, { zh: string; en: string }> = {
  proposed: { zh: '待本人确认', en: 'Awaiting consent' },
  consented: { zh: '本人已同意', en: 'Consented' },
  registered: { zh: '已报名', en: 'Registered' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  refused: { zh: '本人拒绝', en: 'Refused' },
};
export const REGISTRATION_ACTIONS = ['consent', 'refuse', 'paper_consent', 'confirm', 'withdraw'] as const;
export type RegistrationAction = (typeof REGISTRATION_ACTIONS)[number];
/**
 * The school proposes (proposed); the learner consents or refuses in its own account, or the school uploads a
 * signed paper consent; the school then confirms (registered) within the window and capacity; a learner or the
 * school may withdraw before registration closes. Without consent there is no registration.
 */
export const REGISTRATION_TRANSITIONS: readonly WorkflowTransition<RegistrationStatus, RegistrationAction>[] = [
  { action: 'consent', from: ['proposed'], to: 'consented', roles: ['learner'], commentRequired: false },
  { action: 'refuse', from: ['proposed', 'consented'], to: 'refused', roles: ['learner'], commentRequired: false },
  { action: 'paper_consent', from: ['proposed'], to: 'consented', roles: ['school_admin', 'department_admin'], commentRequired: false },
  { action: 'confirm', from: ['consented'], to: 'registered', roles: ['school_admin', 'department_admin'], commentRequired: false },
  {
    action: 'withdraw',
    from: ['proposed', 'consented', 'registered'],
    to: 'withdrawn',
    roles: ['learner', 'school_admin', 'department_admin'],
    commentRequired: false,
  },
];
export function registrationTransition(action: RegistrationAction, from: RegistrationStatus) {
  return REGISTRATION_TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
}
/** Registrations that occupy a seat and count toward fees. */
export const SEAT_REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['consented', 'registered'];

export const CONSENT_VIA = ['learner', 'paper'] as const;
export type ConsentVia = (typeof CONSENT_VIA)[number];

// ---- Results imports (R5.5) ----

export const RESULT_IMPORT_KINDS = ['initial', 'correction'] as const;
export type ResultImportKind = (typeof RESULT_IMPORT_KINDS)[number];
export const RESULT_IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ResultImportStatus = (typeof RESULT_IMPORT_STATUSES)[number];
/** Header row of a results file (api-v1). */
export const RESULT_FILE_COLUMNS = ['证件类型', '证件号码', '姓名', '总成绩', '考核结果'] as const;
/** Import errors use `importErrorSchema` / `ImportErrorDto` of ./schools ({ row, column, code, message }). */

// ---- Invigilation (R5.4) ----

export const INVIGILATOR_ROLES = ['chief', 'invigilator', 'patrol'] as const;
export type InvigilatorRole = (typeof INVIGILATOR_ROLES)[number];
export const INVIGILATOR_ROLE_LABELS: Record<InvigilatorRole, { zh: string; en: string }> = {
  chief: { zh: '主考', en: 'Chief examiner' },
  invigilator: { zh: '监考', en: 'Invigilator' },
  patrol: { zh: '巡考', en: 'Patrol' },
};

// ---- Fees and settlements (R4.3, R4.4) ----

/** The only payer of an exam fee (R4.3, 001 第十二条): the school pays 100 %; a learner is never charged. */
export const FEE_PAYER = 'school' as const;

export const feeSettlementSchema = z.object({
  id: z.string(),
  session: z.object({
    id: z.string(),
    certificateTypeName: z.string(),
    level: z.enum(CERTIFICATE_LEVELS),
    examDate: z.string(),
    status: z.enum(EXAM_SESSION_STATUSES),
  }),
  school: z.object({ id: z.string(), name: z.string() }),
  organization: z.object({ id: z.string(), name: z.string() }),
  dueFen: z.number().int(),
  registeredCount: z.number().int(),
  exemptCount: z.number().int(),
  status: z.enum(['due', 'settled']),
  settledAt: z.string().nullable(),
  note: z.string().nullable(),
  allowedActions: z.array(z.enum(['settle'])),
});
export type FeeSettlementDto = z.infer<typeof feeSettlementSchema>;

export const examFormEnum = z.enum(EXAM_FORMS);

// ---- Learner endpoints ----

export const learnerQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  schoolId: z.string().uuid().optional(),
  kind: z.enum(LEARNER_KINDS).optional(),
  q: text().max(50).optional(),
  /** Exact lookup by ID number (through the blind index). */
  idType: z.enum(ID_TYPES).optional(),
  idNumber: text().max(32).optional(),
  povertyRegistered: z.enum(['true', 'false']).optional(),
  activated: z.enum(['true', 'false']).optional(),
});
export type LearnerQuery = z.infer<typeof learnerQuerySchema>;

export const learnerCreatedSchema = z.object({ learner: learnerSchema, activationCode: z.string(), activationExpiresAt: z.string() });
export const learnerImportResultSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  /** Shown once: hand each code to its student. */
  activationCodes: z.array(
    z.object({
      row: z.number().int(),
      learnerId: z.string(),
      name: z.string(),
      className: z.string().nullable(),
      activationCode: z.string(),
    }),
  ),
  activationExpiresAt: z.string(),
});
export const learnerActivatedSchema = z.object({ learnerId: z.string(), username: z.string() });

export const agreementQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  schoolId: z.string().uuid().optional(),
  certificateTypeId: z.string().uuid().optional(),
  filingId: z.string().uuid().optional(),
});

export const feeSettlementQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sessionId: z.string().uuid().optional(),
  schoolId: z.string().uuid().optional(),
  settled: z.enum(['true', 'false']).optional(),
});
export const settleSchema = z.object({ note: text().max(500).nullable().optional() });

/** R4.3: each pilot student has at least one exam paid; the school's page lists those without. */
export const unpaidPilotStudentSchema = z.object({
  learnerId: z.string(),
  name: z.string(),
  className: z.string().nullable(),
  registeredExams: z.number().int(),
  /** `not_registered`: no exam registration yet; `unsettled`: registered, but no exam's fee settled yet. */
  reason: z.enum(['not_registered', 'unsettled']),
});
export type UnpaidPilotStudentDto = z.infer<typeof unpaidPilotStudentSchema>;

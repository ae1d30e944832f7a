import { z } from 'zod';
import { calendarDate, hasOneDecimal, text } from './input';
import { CERTIFICATE_LEVELS, type CertificateLevel, type WorkflowTransition } from './catalog';
import { pageQuerySchema } from './contracts';
import { ID_TYPES } from './exams';

/**
 * The credit bank (学分银行, R7): learning accounts and their ledger of outcomes, the outcome catalog, schools'
 * course catalogs, recognition rules (认定规则), conversion applications (学分转换) and course exemptions (免修).
 * The contract of `GET /api/v1/me/learning-account` (api-v1) is `myLearningAccountSchema`.
 */

type Label = { zh: string; en: string };
const isoDate = calendarDate;
const ref = z.object({ id: z.string(), name: z.string() });
/** Credits have one decimal place (architecture "Money … credits as decimals with one place"). */
const credits = (max: number) =>
  z.number().min(0, '学分不能为负数').max(max, `学分不能超过 ${max}`).refine(hasOneDecimal, { message: '学分最多保留一位小数' });

// ---- Outcomes and the ledger (R7.1) ----

export const OUTCOME_TYPES = ['certificate', 'course', 'training', 'competition', 'other'] as const;
export type OutcomeTypeCode = (typeof OUTCOME_TYPES)[number];
export const OUTCOME_TYPE_LABELS: Record<OutcomeTypeCode, Label> = {
  certificate: { zh: '职业技能等级证书', en: 'Vocational skill certificate' },
  course: { zh: '学历课程', en: 'Academic course' },
  training: { zh: '培训', en: 'Training' },
  competition: { zh: '竞赛', en: 'Competition' },
  other: { zh: '其他', en: 'Other' },
};
/** Outcomes a school deposits (certificates arrive by issuance, conversions by approval). */
export const DEPOSITABLE_OUTCOME_TYPES = ['course', 'training', 'competition', 'other'] as const;
export type DepositableOutcomeType = (typeof DEPOSITABLE_OUTCOME_TYPES)[number];

export const OUTCOME_SOURCE_KINDS = ['certificate_issuance', 'school', 'conversion', 'learner', 'import'] as const;
export type OutcomeSourceKindCode = (typeof OUTCOME_SOURCE_KINDS)[number];
export const OUTCOME_SOURCE_KIND_LABELS: Record<OutcomeSourceKindCode, Label> = {
  certificate_issuance: { zh: '证书发放', en: 'Certificate issuance' },
  school: { zh: '院校存入', en: 'Deposited by a school' },
  conversion: { zh: '学分转换', en: 'Credit conversion' },
  learner: { zh: '本人申报', en: 'Declared by the learner' },
  import: { zh: '院校批量导入', en: 'School import' },
};

export const ACCOUNT_OPENED_VIA = ['learner', 'certificate', 'school', 'school_import'] as const;
export type AccountOpenedVia = (typeof ACCOUNT_OPENED_VIA)[number];
export const ACCOUNT_OPENED_VIA_LABELS: Record<AccountOpenedVia, Label> = {
  learner: { zh: '学习者登记时开设', en: 'Opened for a learner' },
  certificate: { zh: '证书发放时开设', en: 'Opened on certificate issuance' },
  school: { zh: '院校开设', en: 'Opened by a school' },
  school_import: { zh: '院校批量开设', en: 'Opened by a school import' },
};

/** What a learner's outcome is now: valid, its certificate revoked (kept and shown, never converted), or reversed. */
export const OUTCOME_STATES = ['valid', 'revoked', 'reversed'] as const;
export type OutcomeState = (typeof OUTCOME_STATES)[number];
export const OUTCOME_STATE_LABELS: Record<OutcomeState, Label> = {
  valid: { zh: '有效', en: 'Valid' },
  revoked: { zh: '已撤销', en: 'Revoked' },
  reversed: { zh: '已冲正', en: 'Reversed' },
};

// ---- api-v1: GET /api/v1/me/learning-account ----

/** The contract's outcome types; a competition is reported as `other` there (the richer views keep `competition`). */
export const CONTRACT_OUTCOME_TYPES = ['certificate', 'course', 'training', 'other'] as const;
export function contractOutcomeType(t: OutcomeTypeCode): (typeof CONTRACT_OUTCOME_TYPES)[number] {
  return t === 'competition' ? 'other' : t;
}

/** api-v1 CONTRACT: exactly these fields (extend only with new optional fields, never remove). */
export const myLearningAccountSchema = z.object({
  holderName: z.string(),
  holderIdMasked: z.string(),
  totalCredits: z.number(),
  outcomes: z.array(
    z.object({
      id: z.string(),
      type: z.enum(CONTRACT_OUTCOME_TYPES),
      name: z.string(),
      level: z.string().optional(),
      credits: z.number(),
      recordedOn: z.string(),
      source: z.string(),
      certificateNumber: z.string().optional(),
      verificationCode: z.string().optional(),
    }),
  ),
});
export type MyLearningAccountDto = z.infer<typeof myLearningAccountSchema>;

// ---- The account in the platform (R7.1, R7.3) ----

export const ledgerEntrySchema = z.object({
  id: z.string(),
  entryKind: z.enum(['deposit', 'reversal']),
  type: z.enum(OUTCOME_TYPES),
  name: z.string(),
  level: z.string().nullable(),
  credits: z.number(),
  hours: z.number().nullable(),
  recordedOn: z.string(),
  source: z.string(),
  sourceKind: z.enum(OUTCOME_SOURCE_KINDS),
  school: ref.nullable(),
  certificate: z
    .object({
      id: z.string(),
      number: z.string(),
      verificationCode: z.string(),
      issuedOn: z.string(),
      revokedOn: z.string().nullable(),
    })
    .nullable(),
  creditOutcomeId: z.string().nullable(),
  /** For a reversal: the entry it cancels. */
  reversesId: z.string().nullable(),
  /** For a deposit: the reversal that cancelled it. */
  reversedById: z.string().nullable(),
  state: z.enum(OUTCOME_STATES),
  /** Used by an approved conversion (each outcome converts at most once). */
  usedInApplicationId: z.string().nullable(),
  /** A course granted by a conversion (免修). */
  fromConversion: z.boolean(),
  evidenceFileId: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  /** The viewer may reverse this entry (its own school's deposit, not used, not reversed). */
  mayReverse: z.boolean(),
});
export type LedgerEntryDto = z.infer<typeof ledgerEntrySchema>;

const bucket = z.object({ key: z.string(), credits: z.number(), count: z.number().int() });
export type CreditBucketDto = z.infer<typeof bucket>;

/** R7.3: credits accumulated by source, type and year, and what is still unused. */
export const accountSummarySchema = z.object({
  totalCredits: z.number(),
  outcomeCount: z.number().int(),
  bySource: z.array(bucket),
  byType: z.array(bucket),
  byYear: z.array(bucket),
  /** Credits of valid outcomes that a conversion could still use (certificates not yet converted). */
  unusedCredits: z.number(),
  unusedCount: z.number().int(),
  /** Credits of outcomes already used by approved conversions. */
  usedCredits: z.number(),
  /** Course credits granted by conversions (免修). */
  convertedCredits: z.number(),
});
export type AccountSummaryDto = z.infer<typeof accountSummarySchema>;

export const exemptionSchema = z.object({
  id: z.string(),
  school: ref,
  course: z.object({ id: z.string(), code: z.string(), name: z.string(), category: z.string() }),
  credits: z.number(),
  grade: z.string(),
  rule: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  applicationId: z.string(),
  outcomeNames: z.array(z.string()),
  grantedOn: z.string(),
});
export type ExemptionDto = z.infer<typeof exemptionSchema>;

export const learningAccountSummarySchema = z.object({
  id: z.string(),
  holderName: z.string(),
  holderIdMasked: z.string(),
  idType: z.enum(ID_TYPES),
  school: ref.nullable(),
  provinceCode: z.string().nullable(),
  learnerId: z.string().nullable(),
  openedVia: z.enum(ACCOUNT_OPENED_VIA),
  openedAt: z.string(),
  totalCredits: z.number(),
  outcomeCount: z.number().int(),
});
export type LearningAccountSummaryDto = z.infer<typeof learningAccountSummarySchema>;

export const learningAccountDetailSchema = learningAccountSummarySchema.extend({
  summary: accountSummarySchema,
  entries: z.array(ledgerEntrySchema),
  exemptions: z.array(exemptionSchema),
  /** The viewer may deposit outcomes into this account (its school's administrator). */
  mayDeposit: z.boolean(),
});
export type LearningAccountDetailDto = z.infer<typeof learningAccountDetailSchema>;

export const learningAccountQuerySchema = pageQuerySchema.extend({
  q: text().max(50).optional(),
  idNumber: text().max(32).optional(),
  schoolId: z.string().uuid().optional(),
});
export type LearningAccountQuery = z.infer<typeof learningAccountQuerySchema>;

export const openAccountsSchema = z.object({ learnerIds: z.array(z.string().uuid()).max(5000).optional() });
export const openAccountsResultSchema = z.object({ learners: z.number().int(), opened: z.number().int() });

/** Bulk opening by a school (.xlsx). */
export const ACCOUNT_IMPORT_COLUMNS = ['姓名', '证件类型', '证件号码'] as const;
export const accountImportResultSchema = z.object({ rows: z.number().int(), opened: z.number().int(), existing: z.number().int() });

// ---- Deposits by a school (form and .xlsx) ----

export const outcomeDepositSchema = z
  .object({
    type: z.enum(DEPOSITABLE_OUTCOME_TYPES),
    /** A course of the school's catalog: name, credits and hours default to it. */
    courseId: z.string().uuid().nullable().optional(),
    name: text().max(100).nullable().optional(),
    credits: credits(100).nullable().optional(),
    hours: z.number().int().min(0).max(10_000).nullable().optional(),
    /** The grade or result (成绩), e.g. 85 or 优秀. */
    grade: text().max(20).nullable().optional(),
    recordedOn: isoDate,
    evidenceFileId: z.string().uuid().nullable().optional(),
    note: text().max(500).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.courseId && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: '请填写成果名称或选择本校课程' });
    if (!v.courseId && (v.credits === undefined || v.credits === null))
      ctx.addIssue({ code: 'custom', path: ['credits'], message: '请填写学分' });
  });
export type OutcomeDepositInput = z.infer<typeof outcomeDepositSchema>;
export const depositResultSchema = z.object({ written: z.number().int(), duplicate: z.boolean(), entryId: z.string().nullable() });

export const reversalSchema = z.object({ reason: text().min(2, '请填写冲正原因').max(500) });

export const DEPOSIT_IMPORT_COLUMNS = [
  '姓名',
  '证件类型',
  '证件号码',
  '成果类型',
  '课程代码',
  '成果名称',
  '学分',
  '学时',
  '成绩',
  '取得日期',
] as const;
export const DEPOSIT_TYPE_FROM_LABEL: Record<string, DepositableOutcomeType> = {
  课程: 'course',
  学历课程: 'course',
  培训: 'training',
  竞赛: 'competition',
  其他: 'other',
};
export const depositImportResultSchema = z.object({
  rows: z.number().int(),
  written: z.number().int(),
  duplicates: z.number().int(),
  accountsOpened: z.number().int(),
  duplicate: z.boolean(),
});

// ---- The outcome catalog (national) ----

/**
 * Default credits and hours of an outcome per level when nothing else is known: 初级 2 学分 / 32 学时,
 * 中级 3 / 48, 高级 4 / 64. They are defaults that the national administrator adjusts per outcome.
 */
export const DEFAULT_OUTCOME_CREDITS: Readonly<Record<CertificateLevel, { credits: number; hours: number }>> = Object.freeze({
  junior: { credits: 2, hours: 32 },
  intermediate: { credits: 3, hours: 48 },
  senior: { credits: 4, hours: 64 },
});

export const creditOutcomeSchema = z.object({
  id: z.string(),
  certificateType: z.object({ id: z.string(), code: z.string(), name: z.string(), status: z.string() }),
  organization: ref,
  level: z.enum(CERTIFICATE_LEVELS),
  name: z.string(),
  credits: z.number(),
  hours: z.number().int(),
  updatedAt: z.string(),
});
export type CreditOutcomeDto = z.infer<typeof creditOutcomeSchema>;
export const creditOutcomeQuerySchema = pageQuerySchema.extend({
  q: text().max(50).optional(),
  level: z.enum(CERTIFICATE_LEVELS).optional(),
});
export const creditOutcomeUpdateSchema = z.object({ credits: credits(60), hours: z.number().int().min(0).max(2000) });

// ---- Schools' course catalogs ----

export const COURSE_CATEGORIES = [
  'public_basic',
  'ideological',
  'physical',
  'professional_basic',
  'professional_core',
  'professional_elective',
  'practice',
] as const;
export type CourseCategory = (typeof COURSE_CATEGORIES)[number];
export const COURSE_CATEGORY_LABELS: Record<CourseCategory, Label> = {
  public_basic: { zh: '公共基础课', en: 'Public basic course' },
  ideological: { zh: '思想政治理论课', en: 'Ideological and political theory' },
  physical: { zh: '体育', en: 'Physical education' },
  professional_basic: { zh: '专业基础课', en: 'Professional basic course' },
  professional_core: { zh: '专业核心课', en: 'Professional core course' },
  professional_elective: { zh: '专业拓展课', en: 'Professional elective' },
  practice: { zh: '实践课', en: 'Practical training' },
};
/** Which credit cap a course counts against: public (公共课程) or professional (专业课程). */
export type CourseGroup = 'public' | 'professional';
export const COURSE_GROUP_OF: Readonly<Record<CourseCategory, CourseGroup>> = Object.freeze({
  public_basic: 'public',
  ideological: 'public',
  physical: 'public',
  professional_basic: 'professional',
  professional_core: 'professional',
  professional_elective: 'professional',
  practice: 'professional',
});
export const COURSE_GROUP_LABELS: Record<CourseGroup, Label> = {
  public: { zh: '公共课程', en: 'Public courses' },
  professional: { zh: '专业课程', en: 'Professional courses' },
};

export const schoolCourseInputSchema = z.object({
  /** The major (programme) the course belongs to; null for a course of every major (e.g. 公共基础课). */
  schoolMajorId: z.string().uuid().nullable().optional(),
  code: z
    .string()
    .trim()
    .min(1, '课程代码不能为空')
    .max(30)
    .regex(/^[0-9A-Za-z_.-]+$/, '课程代码只能包含字母、数字、点、下划线和连字符'),
  name: text().min(1, '课程名称不能为空').max(100),
  category: z.enum(COURSE_CATEGORIES),
  credits: credits(30).refine((v) => v > 0, { message: '学分须大于 0' }),
  hours: z.number().int().min(0).max(2000),
  /** The school never exempts this course (in addition to the excluded categories). */
  exemptible: z.boolean().default(true),
});
export type SchoolCourseInput = z.infer<typeof schoolCourseInputSchema>;

export const schoolCourseSchema = z.object({
  id: z.string(),
  schoolId: z.string(),
  major: ref.nullable(),
  code: z.string(),
  name: z.string(),
  category: z.enum(COURSE_CATEGORIES),
  credits: z.number(),
  hours: z.number().int(),
  exemptible: z.boolean(),
  /** Excluded by the school's settings (category) or not exemptible. */
  excluded: z.boolean(),
});
export type SchoolCourseDto = z.infer<typeof schoolCourseSchema>;
export const schoolCourseQuerySchema = z.object({ schoolId: z.string().uuid().optional(), schoolMajorId: z.string().uuid().optional() });

// ---- Per-school settings: caps and excluded categories (R7.2) ----

export const DEFAULT_CREDIT_BANK_SETTINGS = Object.freeze({
  professionalCapPercent: 20,
  publicCapPercent: 20,
  excludedCategories: ['ideological', 'physical'] as CourseCategory[],
});
export const creditBankSettingsInputSchema = z.object({
  professionalCapPercent: z.number().min(0).max(100),
  publicCapPercent: z.number().min(0).max(100),
  excludedCategories: z.array(z.enum(COURSE_CATEGORIES)).max(COURSE_CATEGORIES.length),
  /** The school's document the settings come from (e.g. 校〔2024〕12号 第五条). */
  basis: text().max(200).nullable().optional(),
});
export const creditBankSettingsSchema = creditBankSettingsInputSchema.extend({
  schoolId: z.string(),
  basis: z.string().nullable(),
  /** Not saved yet: the platform's defaults apply. */
  isDefault: z.boolean(),
  /** Credits of each major's programme by group (the base of the caps). */
  programmes: z.array(z.object({ major: ref, professionalCredits: z.number(), publicCredits: z.number() })),
});
export type CreditBankSettingsDto = z.infer<typeof creditBankSettingsSchema>;

// ---- Recognition rules (认定规则, R7.2): data, published by the school ----

export const RULE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];
export const RULE_STATUS_LABELS: Record<RuleStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  withdrawn: { zh: '已停用', en: 'Withdrawn' },
};
export const RULE_ACTIONS = ['publish', 'withdraw'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];
export const RULE_ACTION_LABELS: Record<RuleAction, Label> = {
  publish: { zh: '发布', en: 'Publish' },
  withdraw: { zh: '停用', en: 'Withdraw' },
};
/** A draft is edited and published; a published rule is never edited (withdraw it and publish a new one). */
export const RULE_TRANSITIONS: readonly WorkflowTransition<RuleStatus, RuleAction>[] = [
  { action: 'publish', from: ['draft'], to: 'published', roles: ['school_admin'], commentRequired: false },
  { action: 'withdraw', from: ['published'], to: 'withdrawn', roles: ['school_admin'], commentRequired: true },
];
export function ruleTransition(action: RuleAction, from: RuleStatus) {
  return RULE_TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
}

export const RULE_SHAPES = ['1:1', 'n:1', '1:n', 'n:m'] as const;
export type RuleShape = (typeof RULE_SHAPES)[number];
export const RULE_SHAPE_LABELS: Record<RuleShape, Label> = {
  '1:1': { zh: '一证对一课', en: 'One outcome → one course' },
  'n:1': { zh: '多证对一课', en: 'Several outcomes → one course' },
  '1:n': { zh: '一证对多课', en: 'One outcome → several courses' },
  'n:m': { zh: '多证对多课', en: 'Several outcomes → several courses' },
};
export function ruleShape(outcomes: number, courses: number): RuleShape {
  if (outcomes <= 1) return courses <= 1 ? '1:1' : '1:n';
  return courses <= 1 ? 'n:1' : 'n:m';
}

export const recognitionRuleInputSchema = z
  .object({
    schoolMajorId: z.string().uuid(),
    code: z
      .string()
      .trim()
      .min(1, '规则编号不能为空')
      .max(30)
      .regex(/^[0-9A-Za-z_.-]+$/, '规则编号只能包含字母、数字、点、下划线和连字符'),
    name: text().min(1, '规则名称不能为空').max(100),
    /** Outcomes of the catalog (certificate type × level), all required. */
    outcomeIds: z.array(z.string().uuid()).min(1, '请至少选择一项学习成果').max(10),
    courses: z
      .array(
        z.object({
          courseId: z.string().uuid(),
          credits: credits(30).refine((v) => v > 0, { message: '学分须大于 0' }),
          grade: text().min(1, '请填写转换成绩，例如“优秀”或“90”').max(20),
        }),
      )
      .min(1, '请至少选择一门课程')
      .max(10),
    validFrom: isoDate.nullable().optional(),
    validTo: isoDate.nullable().optional(),
    /** The outcome must have been obtained at most this many years before the application. */
    maxOutcomeAgeYears: z.number().int().min(1).max(20).nullable().optional(),
    basis: text().max(200).nullable().optional(),
    note: text().max(500).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.outcomeIds).size !== v.outcomeIds.length)
      ctx.addIssue({ code: 'custom', path: ['outcomeIds'], message: '学习成果不能重复' });
    if (new Set(v.courses.map((c) => c.courseId)).size !== v.courses.length)
      ctx.addIssue({ code: 'custom', path: ['courses'], message: '课程不能重复' });
    if (v.validFrom && v.validTo && v.validFrom > v.validTo)
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: '有效期结束日期须不早于开始日期' });
  });
export type RecognitionRuleInput = z.infer<typeof recognitionRuleInputSchema>;

export const ruleTransitionSchema = z.object({
  action: z.enum(RULE_ACTIONS),
  comment: text().max(500).nullable().optional(),
});

export const recognitionRuleSchema = z.object({
  id: z.string(),
  school: ref,
  major: ref,
  provinceCode: z.string(),
  code: z.string(),
  name: z.string(),
  status: z.enum(RULE_STATUSES),
  shape: z.enum(RULE_SHAPES),
  outcomes: z.array(z.object({ id: z.string(), name: z.string(), level: z.enum(CERTIFICATE_LEVELS), certificateTypeId: z.string() })),
  courses: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      category: z.enum(COURSE_CATEGORIES),
      courseCredits: z.number(),
      credits: z.number(),
      grade: z.string(),
    }),
  ),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  maxOutcomeAgeYears: z.number().int().nullable(),
  basis: z.string().nullable(),
  note: z.string().nullable(),
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  createdAt: z.string(),
  allowedActions: z.array(z.enum(RULE_ACTIONS)),
  mayEdit: z.boolean(),
});
export type RecognitionRuleDto = z.infer<typeof recognitionRuleSchema>;
export const recognitionRuleQuerySchema = pageQuerySchema.extend({
  schoolId: z.string().uuid().optional(),
  schoolMajorId: z.string().uuid().optional(),
  status: z.enum(RULE_STATUSES).optional(),
});

// ---- Conversion (学分转换, R7.4) ----

/** Why the platform does not propose a conversion; each comes with a Chinese explanation naming the facts. */
export const CONVERSION_REFUSALS = [
  'outcome_missing',
  'outcome_used',
  'certificate_revoked',
  'outcome_too_old',
  'rule_not_effective',
  'course_excluded',
  'course_already_exempt',
  'cap_professional',
  'cap_public',
] as const;
export type ConversionRefusal = (typeof CONVERSION_REFUSALS)[number];
export const CONVERSION_REFUSAL_LABELS: Record<ConversionRefusal, Label> = {
  outcome_missing: { zh: '成果不齐', en: 'Outcome missing' },
  outcome_used: { zh: '成果已使用', en: 'Outcome already used' },
  certificate_revoked: { zh: '证书已撤销', en: 'Certificate revoked' },
  outcome_too_old: { zh: '超过有效期', en: 'Outcome too old' },
  rule_not_effective: { zh: '规则不在有效期', en: 'Rule not in force' },
  course_excluded: { zh: '课程不予转换', en: 'Course excluded' },
  course_already_exempt: { zh: '课程已免修', en: 'Course already exempted' },
  cap_professional: { zh: '超出专业课程上限', en: 'Professional-course cap reached' },
  cap_public: { zh: '超出公共课程上限', en: 'Public-course cap reached' },
};

const ruleRef = z.object({ id: z.string(), code: z.string(), name: z.string(), shape: z.enum(RULE_SHAPES) });

export const conversionItemSchema = z.object({
  id: z.string().nullable(),
  rule: ruleRef,
  course: z.object({ id: z.string(), code: z.string(), name: z.string(), category: z.enum(COURSE_CATEGORIES) }),
  outcomes: z.array(z.object({ id: z.string(), name: z.string() })),
  credits: z.number(),
  grade: z.string(),
  verdict: z.enum(['allowed', 'refused']),
  reason: z.enum(CONVERSION_REFUSALS).nullable(),
  explanation: z.string(),
  /** After the decision: approved, refused (with the panel's reason), or still proposed. */
  status: z.enum(['proposed', 'approved', 'refused']),
});
export type ConversionItemDto = z.infer<typeof conversionItemSchema>;

/** A credit cap of one course group: its percent of the programme's credits, the limit and what is converted. */
const capSchema = z.object({ percent: z.number(), programmeCredits: z.number(), limit: z.number(), converted: z.number() });

export const conversionPreviewSchema = z.object({
  school: ref,
  major: ref,
  appliedOn: z.string(),
  items: z.array(conversionItemSchema),
  allowedCredits: z.number(),
  caps: z.object({ professional: capSchema, public: capSchema }),
});
export type ConversionPreviewDto = z.infer<typeof conversionPreviewSchema>;

export const rulePreviewSchema = z.object({
  rule: ruleRef,
  learner: z.object({ id: z.string(), name: z.string() }),
  items: z.array(conversionItemSchema),
});
export type RulePreviewDto = z.infer<typeof rulePreviewSchema>;

export const APPLICATION_STATUSES = ['submitted', 'approved', 'refused', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, Label> = {
  submitted: { zh: '待审核', en: 'Submitted' },
  approved: { zh: '已批准', en: 'Approved' },
  refused: { zh: '未批准', en: 'Refused' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};
export const APPLICATION_ACTIONS = ['approve', 'refuse', 'withdraw'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];
export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, Label> = {
  approve: { zh: '批准', en: 'Approve' },
  refuse: { zh: '不予批准', en: 'Refuse' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
};
/**
 * A learner (or its school on its behalf) submits; the school's panel approves — the conversions still allowed at
 * that moment become exemptions (免修) and credits — or refuses with a reason; the applicant may withdraw before.
 */
export const APPLICATION_TRANSITIONS: readonly WorkflowTransition<ApplicationStatus, ApplicationAction>[] = [
  { action: 'approve', from: ['submitted'], to: 'approved', roles: ['school_admin'], commentRequired: false },
  { action: 'refuse', from: ['submitted'], to: 'refused', roles: ['school_admin'], commentRequired: true },
  { action: 'withdraw', from: ['submitted'], to: 'withdrawn', roles: ['learner', 'school_admin'], commentRequired: false },
];
export function applicationTransition(action: ApplicationAction, from: ApplicationStatus) {
  return APPLICATION_TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
}

export const applicationCreateSchema = z.object({
  /** Only for a school applying on a learner's behalf. */
  learnerId: z.string().uuid().optional(),
  note: text().max(500).nullable().optional(),
});
export const applicationTransitionSchema = z.object({
  action: z.enum(APPLICATION_ACTIONS),
  comment: text().max(500).nullable().optional(),
});

export const conversionApplicationSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  learner: z.object({ id: z.string(), name: z.string(), idNumberMasked: z.string() }),
  school: ref,
  major: ref,
  provinceCode: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  appliedOn: z.string(),
  appliedVia: z.enum(['learner', 'school']),
  note: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  allowedCredits: z.number(),
  approvedCredits: z.number(),
  items: z.array(conversionItemSchema),
  events: z.array(
    z.object({ action: z.string(), fromStatus: z.string(), toStatus: z.string(), comment: z.string().nullable(), at: z.string() }),
  ),
  allowedActions: z.array(z.enum(APPLICATION_ACTIONS)),
});
export type ConversionApplicationDto = z.infer<typeof conversionApplicationSchema>;
export const applicationQuerySchema = pageQuerySchema.extend({
  status: z.enum(APPLICATION_STATUSES).optional(),
  schoolId: z.string().uuid().optional(),
});

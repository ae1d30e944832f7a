import { z } from 'zod';
import { text } from './input';

/** School types of R2.1 (技工学校 are excluded from the pilot). */
export const SCHOOL_TYPES = ['secondary', 'higher', 'undergrad_pilot', 'applied_undergrad', 'open_university'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export const SCHOOL_TYPE_LABELS: Record<SchoolType, { zh: string; en: string }> = {
  secondary: { zh: '中职', en: 'Secondary vocational' },
  higher: { zh: '高职', en: 'Higher vocational' },
  undergrad_pilot: { zh: '本科层次职业教育试点学校', en: 'Vocational undergraduate pilot' },
  applied_undergrad: { zh: '应用型本科', en: 'Applied undergraduate' },
  open_university: { zh: '开放大学', en: 'Open university' },
};

/** 技工学校: accepted as an input value only so that it can be refused with a clear reason (003 函〔2019〕36号 二). */
export const TECHNICAL_SCHOOL = 'technical_school';
export const TECHNICAL_SCHOOL_LABEL = { zh: '技工学校', en: 'Technical school' } as const;

/** Honours a school carries (003 附件1 注5; 002 §四.3). */
export const SCHOOL_FLAGS = ['national_model', 'provincial_model', 'double_high', 'national_secondary_model', 'industry_featured'] as const;
export type SchoolFlag = (typeof SCHOOL_FLAGS)[number];

export const SCHOOL_FLAG_LABELS: Record<SchoolFlag, { zh: string; en: string }> = {
  national_model: { zh: '国家示范（骨干、优质）高职', en: 'National model higher vocational school' },
  provincial_model: { zh: '省级示范（骨干、优质）高职', en: 'Provincial model higher vocational school' },
  double_high: { zh: '双高计划', en: 'Double High Plan' },
  national_secondary_model: { zh: '国家中职示范学校', en: 'National model secondary vocational school' },
  industry_featured: { zh: '行业特色院校', en: 'Industry-featured school' },
};

/** `returned`: a self-registration the province sent back with a reason (R2.1, 002 四.3); the applicant resubmits it. */
export const SCHOOL_STATUSES = ['pending', 'approved', 'returned'] as const;
export type SchoolStatus = (typeof SCHOOL_STATUSES)[number];
export const SCHOOL_STATUS_LABELS: Record<SchoolStatus, { zh: string; en: string }> = {
  pending: { zh: '待审核', en: 'Pending approval' },
  approved: { zh: '已通过', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
};

// ── 统一社会信用代码 (GB 32100-2015) ────────────────────────────────────────────

/** The 31 characters of GB 32100-2015 (no I, O, S, V, Z); a character's value is its index. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character (18th) for the first 17 characters, or null when they are not 17 valid characters. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * CREDIT_CODE_WEIGHTS[i]!;
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_CHARSET[check === 31 ? 0 : check]!;
}

export type CreditCodeProblem = 'length' | 'charset' | 'check';

/** Validates a 统一社会信用代码: 18 characters of the GB 32100 set whose last is the check character. */
export function validateCreditCode(code: string): { ok: true } | { ok: false; problem: CreditCodeProblem; message: string } {
  if (code.length !== 18) return { ok: false, problem: 'length', message: '统一社会信用代码应为 18 位' };
  if (![...code].every((c) => CREDIT_CODE_CHARSET.includes(c)))
    return { ok: false, problem: 'charset', message: '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）' };
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17])
    return { ok: false, problem: 'check', message: '统一社会信用代码校验位不正确，请核对是否录入有误' };
  return { ok: true };
}

export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const r = validateCreditCode(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { code: 'CREDIT_CODE_INVALID' } });
  });

// ── Schools ──────────────────────────────────────────────────────────────────

const regionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字');
const optionalText = (max: number) => text().max(max).nullable().optional();
/** Office phone or mobile: digits with optional area-code dash and extension. */
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,30}$/, '电话号码格式不正确')
  .nullable()
  .optional();

export const schoolActionSchema = z.enum(['update', 'approve', 'return', 'manageDepartments', 'manageMajors']);
export type SchoolAction = z.infer<typeof schoolActionSchema>;

/** Fields of a school record and who may change them (see schools.policy on the server). */
export const SCHOOL_IDENTITY_FIELDS = ['name', 'creditCode', 'schoolType', 'cityCode', 'flags'] as const;
export const SCHOOL_CONTACT_FIELDS = ['address', 'contactName', 'contactPhone'] as const;
export type SchoolField = (typeof SCHOOL_IDENTITY_FIELDS)[number] | (typeof SCHOOL_CONTACT_FIELDS)[number];

export const createSchoolSchema = z.object({
  name: text().min(2).max(100),
  creditCode: creditCodeSchema,
  /** `technical_school` is accepted only to be refused with SCHOOL_TYPE_NOT_ELIGIBLE. */
  schoolType: z.enum([...SCHOOL_TYPES, TECHNICAL_SCHOOL]),
  /** Defaults to the provincial administrator's own province. */
  provinceCode: regionCode.optional(),
  cityCode: regionCode,
  flags: z.array(z.enum(SCHOOL_FLAGS)).max(SCHOOL_FLAGS.length).default([]),
  address: optionalText(200),
  contactName: optionalText(50),
  contactPhone: phone,
});
export type CreateSchoolRequest = z.infer<typeof createSchoolSchema>;

export const updateSchoolSchema = createSchoolSchema
  .omit({ provinceCode: true })
  .partial()
  .extend({
    flags: z.array(z.enum(SCHOOL_FLAGS)).max(SCHOOL_FLAGS.length).optional(),
  });
export type UpdateSchoolRequest = z.infer<typeof updateSchoolSchema>;

export const schoolSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string().nullable(),
  schoolType: z.enum(SCHOOL_TYPES),
  provinceCode: z.string(),
  provinceName: z.string().nullable(),
  cityCode: z.string(),
  cityName: z.string().nullable(),
  status: z.enum(SCHOOL_STATUSES),
  flags: z.array(z.enum(SCHOOL_FLAGS)),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  departmentCount: z.number().int(),
  majorCount: z.number().int(),
  allowedActions: z.array(schoolActionSchema),
  /** Self-registration (R2.1, 002 四.3 自主进行注册申报; 002 三.1): present for schools that registered themselves. */
  registration: z
    .object({
      leadingBody: z.string().nullable(),
      leadingBodyHead: z.string().nullable(),
      responsibleDepartment: z.string().nullable(),
      responsiblePerson: z.string().nullable(),
      proofFileId: z.string().nullable(),
      applicantUsername: z.string().nullable(),
      returnReason: z.string().nullable(),
      returnedAt: z.string().nullable(),
    })
    .nullable()
    .optional(),
  /** The fields this user may change with PATCH. */
  editableFields: z.array(z.string()),
});
export type SchoolDto = z.infer<typeof schoolSchema>;

export const schoolQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: text().max(100).optional(),
  status: z.enum(SCHOOL_STATUSES).optional(),
  schoolType: z.enum(SCHOOL_TYPES).optional(),
  provinceCode: regionCode.optional(),
  cityCode: regionCode.optional(),
});

// ── Departments and majors ───────────────────────────────────────────────────

export const departmentActionSchema = z.enum(['update', 'delete', 'addMajor']);
export const departmentInputSchema = z.object({ name: text().min(2).max(100) });
export const departmentSchema = z.object({
  id: z.string(),
  schoolId: z.string(),
  name: z.string(),
  majorCount: z.number().int(),
  allowedActions: z.array(departmentActionSchema),
});
export type DepartmentDto = z.infer<typeof departmentSchema>;

/** 专业代码: six digits of the 专业目录, optionally with letter suffixes (e.g. 080901T). */
export const MAJOR_CODE_RULE = /^\d{6}[A-Z]{0,2}$/;
export const majorCodeSchema = text().toUpperCase().regex(MAJOR_CODE_RULE, '专业代码应为 6 位数字（可带字母后缀）');

export const createSchoolMajorSchema = z.object({
  departmentId: z.string().uuid(),
  majorCode: majorCodeSchema,
  name: text().min(2).max(100),
});
export const updateSchoolMajorSchema = createSchoolMajorSchema.partial();

const count = (label: string) =>
  z
    .number({ error: `${label}须为数字` })
    .int(`${label}须为整数`)
    .min(0, `${label}不能为负数`)
    .max(1_000_000, `${label}过大`);

export const trainingRoomSchema = z.object({
  name: text().min(1).max(100),
  areaM2: z.number().min(0, '面积不能为负数').max(1_000_000),
  workstations: count('工位数'),
});
export const offCampusBaseSchema = z.object({ name: text().min(1).max(100) });
export const MAX_OFF_CAMPUS_BASES = 3;

/** The yearly figures of a major (000 附件1 三 "专业概况"). */
export const majorFiguresSchema = z.object({
  enrolledStudents: count('在校学生数'),
  fullTimeTeachers: count('专任教师数'),
  partTimeTeachers: count('兼职教师数'),
  seniorTitleTeachers: count('高级职称教师数'),
  dualQualifiedTeachers: count('双师型教师数'),
  industryExpertTeachers: count('行业企业专家数'),
  nationalInnovationTeam: z.boolean(),
  trainingRooms: z.array(trainingRoomSchema).max(50).default([]),
  offCampusBases: z.array(offCampusBaseSchema).max(MAX_OFF_CAMPUS_BASES, `校外实训基地最多填写 ${MAX_OFF_CAMPUS_BASES} 个`).default([]),
  lastYearUsage: count('上年度实训使用人次'),
});
export type MajorFigures = z.infer<typeof majorFiguresSchema>;

type TeacherCounts = Pick<
  MajorFigures,
  'fullTimeTeachers' | 'partTimeTeachers' | 'seniorTitleTeachers' | 'dualQualifiedTeachers' | 'industryExpertTeachers'
>;

/** Cross-field rules of the teacher figures; each names the field it belongs to (used by the form and the import). */
export function teacherCountProblems(f: TeacherCounts): { field: keyof TeacherCounts; message: string }[] {
  const team = f.fullTimeTeachers + f.partTimeTeachers;
  const out: { field: keyof TeacherCounts; message: string }[] = [];
  if (f.dualQualifiedTeachers > f.fullTimeTeachers) out.push({ field: 'dualQualifiedTeachers', message: '双师型教师数不能大于专任教师数' });
  if (f.seniorTitleTeachers > team) out.push({ field: 'seniorTitleTeachers', message: '高级职称教师数不能大于专任与兼职教师数之和' });
  if (f.industryExpertTeachers > team) out.push({ field: 'industryExpertTeachers', message: '行业企业专家数不能大于专任与兼职教师数之和' });
  return out;
}

export const majorFiguresInputSchema = majorFiguresSchema.superRefine((f, ctx) => {
  for (const p of teacherCountProblems(f)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
});

export const eligibilityFactSchema = z.object({
  id: z.enum(['continuous_enrollment', 'dual_qualified_ratio', 'industry_expert_ratio']),
  label: z.string(),
  value: z.number().nullable(),
  threshold: z.number(),
  unit: z.enum(['years', 'ratio']),
  passed: z.boolean(),
  message: z.string(),
  source: z.string(),
  years: z.array(z.object({ year: z.number().int(), enrolledStudents: z.number().int().nullable() })).optional(),
});
export type EligibilityFactDto = z.infer<typeof eligibilityFactSchema>;

export const majorYearSchema = majorFiguresSchema.extend({ year: z.number().int(), updatedAt: z.string() });
export type MajorYearDto = z.infer<typeof majorYearSchema>;

export const schoolMajorActionSchema = z.enum(['update', 'delete', 'editFigures']);
export const schoolMajorSchema = z.object({
  id: z.string(),
  schoolId: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  majorCode: z.string(),
  name: z.string(),
  years: z.array(majorYearSchema),
  /** R2.3, relative to `eligibilityYear`. */
  eligibilityYear: z.number().int(),
  eligibility: z.array(eligibilityFactSchema),
  allowedActions: z.array(schoolMajorActionSchema),
});
export type SchoolMajorDto = z.infer<typeof schoolMajorSchema>;

export const importErrorSchema = z.object({ row: z.number().int(), column: z.string(), code: z.string(), message: z.string() });
export type ImportErrorDto = z.infer<typeof importErrorSchema>;

/** The header row of the majors import template (R2.2), in order. */
export const MAJOR_IMPORT_COLUMNS = [
  '二级学院',
  '专业代码',
  '专业名称',
  '年度',
  '在校学生数',
  '专任教师数',
  '兼职教师数',
  '高级职称教师数',
  '双师型教师数',
  '行业企业专家数',
  '国家级教学创新团队(是/否)',
  '上年度实训使用人次',
] as const;
export type MajorImportColumn = (typeof MAJOR_IMPORT_COLUMNS)[number];

export const majorImportResultSchema = z.object({
  rows: z.number().int(),
  majorsCreated: z.number().int(),
  majorsUpdated: z.number().int(),
  yearsWritten: z.number().int(),
});

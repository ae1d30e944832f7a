import { z } from 'zod';
import { USERNAME_RULE } from './contracts';
import { rawText, text } from './input';
import { SCHOOL_FLAGS, SCHOOL_STATUSES, SCHOOL_TYPES, TECHNICAL_SCHOOL, creditCodeSchema, eligibilityFactSchema } from './schools';

// ── Self-registration of a school (R2.1, 002 四.3 自主进行注册申报; 002 三.1) ─────────────────

const regionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字');
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,30}$/, '电话号码格式不正确');
const required = (label: string, max: number) => text(max).pipe(z.string().min(1, `请填写${label}`));

/** The school's fields of a self-registration: the public form, without an account (the proof is a separate file part). */
export const schoolSelfRegistrationSchema = z.object({
  name: text(100).pipe(z.string().min(2, '请填写院校名称')),
  creditCode: creditCodeSchema,
  /** `technical_school` is accepted only to be refused with SCHOOL_TYPE_NOT_ELIGIBLE. */
  schoolType: z.enum([...SCHOOL_TYPES, TECHNICAL_SCHOOL]),
  provinceCode: regionCode,
  cityCode: regionCode,
  flags: z.array(z.enum(SCHOOL_FLAGS)).max(SCHOOL_FLAGS.length).default([]),
  address: text(200).nullable().optional(),
  contactName: required('联系人', 50),
  contactPhone: phone,
  /** 002 三.1: 由主要负责人牵头的工作推进机构 — its name and the head who leads it. */
  leadingBody: required('试点工作推进机构', 100),
  leadingBodyHead: required('推进机构牵头负责人', 50),
  /** 002 三.1: 试点工作统筹管理责任部门和负责人. */
  responsibleDepartment: required('统筹管理责任部门', 100),
  responsiblePerson: required('责任部门负责人', 50),
});
export type SchoolSelfRegistrationInput = z.infer<typeof schoolSelfRegistrationSchema>;

/** A new registration also creates the school's first administrator account (inactive until approval). */
export const schoolSelfRegistrationRequestSchema = schoolSelfRegistrationSchema.extend({
  adminUsername: text().regex(USERNAME_RULE, '用户名须为 3–64 位字母、数字、点、下划线或连字符，以字母或数字开头'),
  adminDisplayName: required('管理员姓名', 100),
  adminPassword: rawText(128).min(1, '请设置密码'),
});
export type SchoolSelfRegistrationRequest = z.infer<typeof schoolSelfRegistrationRequestSchema>;

/** The multipart form: the fields as one JSON text part `registration`, the proof as the file part `proof`. */
export const SCHOOL_REGISTRATION_PROOF_FIELD = 'proof';
export const SCHOOL_REGISTRATION_DATA_FIELD = 'registration';
export const SCHOOL_REGISTRATION_PROOF_MAX_BYTES = 10 * 1024 * 1024;

/** What the applicant sees of its registration by its tracking code. */
export const publicSchoolRegistrationSchema = z.object({
  trackingCode: z.string(),
  schoolName: z.string(),
  creditCode: z.string(),
  provinceName: z.string().nullable(),
  status: z.enum(SCHOOL_STATUSES),
  submittedAt: z.string(),
  approvedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  returnedAt: z.string().nullable(),
  adminUsername: z.string().nullable(),
});
export type PublicSchoolRegistrationDto = z.infer<typeof publicSchoolRegistrationSchema>;

export const returnSchoolSchema = z.object({ reason: text(500).pipe(z.string().min(2, '请填写退回原因')) });

// ── Reviewers see the facts (R2.3) ───────────────────────────────────────────────────────────

export const filingMajorFactsSchema = z.object({
  schoolMajorId: z.string(),
  majorCode: z.string(),
  majorName: z.string(),
  /** The year the facts are relative to: the filing's year, or the latest year with figures before it. */
  year: z.number().int(),
  figures: z
    .object({
      enrolledStudents: z.number().int(),
      fullTimeTeachers: z.number().int(),
      partTimeTeachers: z.number().int(),
      dualQualifiedTeachers: z.number().int(),
      industryExpertTeachers: z.number().int(),
    })
    .nullable(),
  facts: z.array(eligibilityFactSchema),
  passed: z.boolean(),
});
export type FilingMajorFactsDto = z.infer<typeof filingMajorFactsSchema>;

export const pilotHistoryFlagSchema = z.object({
  kind: z.string(),
  clause: z.string(),
  jurisdiction: z.string(),
  detail: z.string(),
  flaggedAt: z.string(),
  clearedAt: z.string().nullable(),
});

export const pilotHistoryEntrySchema = z.object({
  filingId: z.string(),
  year: z.number().int(),
  roundName: z.string(),
  status: z.string(),
  decision: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  /** The exam results of that pilot's year for this school × certificate (null without results). */
  candidates: z.number().int().nullable(),
  passedCandidates: z.number().int().nullable(),
  passRate: z.number().nullable(),
  flags: z.array(pilotHistoryFlagSchema),
});
export type PilotHistoryEntryDto = z.infer<typeof pilotHistoryEntrySchema>;

export const filingReviewFactsSchema = z.object({
  filingId: z.string(),
  source: z.string(),
  majors: z.array(filingMajorFactsSchema),
  history: z.array(pilotHistoryEntrySchema),
});
export type FilingReviewFactsDto = z.infer<typeof filingReviewFactsSchema>;

import { z } from 'zod';
import { text } from './input';
import type { Role } from './roles';

/**
 * The certificate catalog (R1): levels, exam forms and their fee caps, the certificate-type workflow,
 * who may edit what, and the contracts of the catalog endpoints.
 */

// ---- Levels and exam forms (api-v1 "Conventions") ----

export const CERTIFICATE_LEVELS = ['junior', 'intermediate', 'senior'] as const;
export type CertificateLevel = (typeof CERTIFICATE_LEVELS)[number];
export const CERTIFICATE_LEVEL_LABELS: Record<CertificateLevel, { zh: string; en: string }> = {
  junior: { zh: '初级', en: 'Junior' },
  intermediate: { zh: '中级', en: 'Intermediate' },
  senior: { zh: '高级', en: 'Senior' },
};

export const EXAM_FORMS = ['paper', 'computer', 'practical_general', 'practical_special'] as const;
export type ExamForm = (typeof EXAM_FORMS)[number];
export const EXAM_FORM_LABELS: Record<ExamForm, { zh: string; en: string }> = {
  paper: { zh: '纸笔', en: 'Paper' },
  computer: { zh: '机考', en: 'Computer-based' },
  practical_general: { zh: '一般实训设备实操', en: 'Practical, general equipment' },
  practical_special: { zh: '特殊要求实训设备实操', en: 'Practical, special equipment' },
};

/**
 * National fee caps per person-time, in fen (R1.2, `001 §十六, §十七`): 纸笔 ≤200 元, 机考 ≤300 元,
 * 一般实训设备实操 ≤500 元, 特殊要求实训设备实操 ≤700 元. The one place these numbers live.
 */
export const NATIONAL_FEE_CAPS_FEN: Readonly<Record<ExamForm, number>> = Object.freeze({
  paper: 20000,
  computer: 30000,
  practical_general: 50000,
  practical_special: 70000,
});

export interface ExamFormShare {
  form: ExamForm;
  /** Share of the total score, in (0, 1]; the shares of a level sum to 1. */
  share: number;
}

/** A mixed exam's cap is the score-share-weighted sum of the forms' caps, rounded to whole fen (R1.2). */
export function feeCapFen(forms: readonly ExamFormShare[], caps: Readonly<Record<ExamForm, number>> = NATIONAL_FEE_CAPS_FEN): number {
  return Math.round(forms.reduce((sum, f) => sum + f.share * caps[f.form], 0));
}

const SHARE_EPSILON = 1e-9;

/** Problems with a level's exam forms, as Chinese messages; empty when valid. Shares are stored with 3 decimals. */
export function validateExamForms(forms: readonly ExamFormShare[]): string[] {
  const errors: string[] = [];
  if (forms.length === 0) return ['至少需要一种考核方式'];
  const seen = new Set<ExamForm>();
  for (const f of forms) {
    const label = EXAM_FORM_LABELS[f.form]?.zh ?? f.form;
    if (seen.has(f.form)) errors.push(`考核方式“${label}”重复`);
    seen.add(f.form);
    if (!(f.share > 0 && f.share <= 1)) errors.push(`考核方式“${label}”的成绩占比须大于 0 且不超过 1`);
    else if (Math.abs(f.share * 1000 - Math.round(f.share * 1000)) > 1e-6) errors.push(`考核方式“${label}”的成绩占比最多保留三位小数`);
  }
  const sum = forms.reduce((s, f) => s + f.share, 0);
  if (Math.abs(sum - 1) > SHARE_EPSILON) errors.push(`各考核方式的成绩占比之和须等于 1（当前为 ${Number(sum.toFixed(6))}）`);
  return errors;
}

// ---- Certificate-type workflow (R1.1, R1.5): a table, applied by the server in one transaction ----

export const CERTIFICATE_TYPE_STATUSES = ['draft', 'published', 'suspended', 'withdrawn'] as const;
export type CertificateTypeStatus = (typeof CERTIFICATE_TYPE_STATUSES)[number];
export const CERTIFICATE_TYPE_STATUS_LABELS: Record<CertificateTypeStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  suspended: { zh: '已暂停', en: 'Suspended' },
  withdrawn: { zh: '已取消', en: 'Withdrawn' },
};

export const CERTIFICATE_TYPE_ACTIONS = ['publish', 'suspend', 'resume', 'withdraw'] as const;
export type CertificateTypeAction = (typeof CERTIFICATE_TYPE_ACTIONS)[number];
export const CERTIFICATE_TYPE_ACTION_LABELS: Record<CertificateTypeAction, { zh: string; en: string }> = {
  publish: { zh: '发布', en: 'Publish' },
  suspend: { zh: '暂停', en: 'Suspend' },
  resume: { zh: '恢复', en: 'Resume' },
  withdraw: { zh: '取消（退出目录）', en: 'Withdraw' },
};

export interface WorkflowTransition<S extends string, A extends string> {
  action: A;
  from: readonly S[];
  to: S;
  roles: readonly Role[];
  commentRequired: boolean;
}

export const CERTIFICATE_TYPE_TRANSITIONS: readonly WorkflowTransition<CertificateTypeStatus, CertificateTypeAction>[] = [
  { action: 'publish', from: ['draft'], to: 'published', roles: ['national_admin'], commentRequired: false },
  { action: 'suspend', from: ['published'], to: 'suspended', roles: ['national_admin'], commentRequired: true },
  { action: 'resume', from: ['suspended'], to: 'published', roles: ['national_admin'], commentRequired: false },
  { action: 'withdraw', from: ['published', 'suspended'], to: 'withdrawn', roles: ['national_admin'], commentRequired: true },
];

export function certificateTypeTransition(action: CertificateTypeAction) {
  return CERTIFICATE_TYPE_TRANSITIONS.find((t) => t.action === action)!;
}

/** Only published certificates can be chosen for anything new: filings, agreements, exam sessions (R1.5). */
export const SELECTABLE_CERTIFICATE_TYPE_STATUSES: readonly CertificateTypeStatus[] = ['published'];
/** What the public catalog lists: published, and suspended (shown with its status so that holders can look it up). */
export const PUBLIC_CERTIFICATE_TYPE_STATUSES: readonly CertificateTypeStatus[] = ['published', 'suspended'];

/**
 * Which fields of a certificate type an editor may change. National administrators edit any field while
 * the type is not withdrawn. An organization administrator edits everything of its own drafts; once
 * published or suspended, it keeps its profile (description, target group, award requirements) and its
 * standard documents, while identity, batch, majors and levels (hence fee caps) stay with the national
 * administrator. A withdrawn type is frozen.
 */
export const CERTIFICATE_TYPE_FIELDS = [
  'code',
  'name',
  'orgId',
  'batchCode',
  'description',
  'targetGroup',
  'awardRequirements',
  'majorIds',
  'detailsToBeConfirmed',
  'levels',
  'standardDocuments',
] as const;
export type CertificateTypeField = (typeof CERTIFICATE_TYPE_FIELDS)[number];
const PROFILE_FIELDS: readonly CertificateTypeField[] = ['description', 'targetGroup', 'awardRequirements', 'standardDocuments'];

export function editableCertificateTypeFields(role: Role, ownsType: boolean, status: CertificateTypeStatus): CertificateTypeField[] {
  if (status === 'withdrawn') return [];
  if (role === 'national_admin') return [...CERTIFICATE_TYPE_FIELDS];
  if (role !== 'org_admin' || !ownsType) return [];
  if (status === 'draft') return CERTIFICATE_TYPE_FIELDS.filter((f) => f !== 'orgId' && f !== 'detailsToBeConfirmed');
  return [...PROFILE_FIELDS];
}

/** Buttons the UI may show for a certificate type: workflow actions plus edits. */
export const CERTIFICATE_TYPE_UI_ACTIONS = [...CERTIFICATE_TYPE_ACTIONS, 'edit', 'editLevels', 'uploadStandardDocument'] as const;
export type CertificateTypeUiAction = (typeof CERTIFICATE_TYPE_UI_ACTIONS)[number];

export function certificateTypeAllowedActions(role: Role, ownsType: boolean, status: CertificateTypeStatus): CertificateTypeUiAction[] {
  const inScope = role === 'national_admin' || (role === 'org_admin' && ownsType);
  if (!inScope) return [];
  const actions: CertificateTypeUiAction[] = CERTIFICATE_TYPE_TRANSITIONS.filter(
    (t) => t.roles.includes(role) && t.from.includes(status),
  ).map((t) => t.action);
  const fields = editableCertificateTypeFields(role, ownsType, status);
  if (fields.some((f) => f !== 'levels' && f !== 'standardDocuments')) actions.push('edit');
  if (fields.includes('levels')) actions.push('editLevels');
  if (fields.includes('standardDocuments')) actions.push('uploadStandardDocument');
  return actions;
}

// ---- Majors (专业目录) ----

export const EDUCATION_LEVELS = ['中职', '高职专科', '高职本科', '本科'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

// ---- Contracts ----

const optionalText = (max: number) => text().max(max).optional();
const nullableText = (max: number) => text().max(max).nullable().optional();

export const certificateLevelSchema = z.enum(CERTIFICATE_LEVELS);
export const examFormSchema = z.enum(EXAM_FORMS);
export const certificateTypeStatusSchema = z.enum(CERTIFICATE_TYPE_STATUSES);
export const certificateTypeActionSchema = z.enum(CERTIFICATE_TYPE_ACTIONS);

export const examFormShareSchema = z.object({ form: examFormSchema, share: z.number().gt(0).lte(1) });

export const levelInputSchema = z.object({
  level: certificateLevelSchema,
  examForms: z.array(examFormShareSchema).min(1).max(EXAM_FORMS.length),
  passMark: z.number().min(0).max(1000).nullable().optional(),
});
export type LevelInput = z.infer<typeof levelInputSchema>;
export const levelsInputSchema = z.object({
  levels: z
    .array(levelInputSchema)
    .max(CERTIFICATE_LEVELS.length)
    .refine((ls) => new Set(ls.map((l) => l.level)).size === ls.length, { message: '等级不能重复' }),
});

export const orgRefSchema = z.object({ id: z.string(), name: z.string() });
export const majorRefSchema = z.object({ code: z.string().optional(), name: z.string() });

export const levelSchema = z.object({
  level: certificateLevelSchema,
  examForms: z.array(examFormShareSchema),
  feeCapFen: z.number().int(),
  passMark: z.number().optional(),
});
export type LevelDto = z.infer<typeof levelSchema>;

/** The public catalog item of api-v1 (exact; extend, never break). */
export const publicCertificateTypeSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  batch: z.string(),
  status: certificateTypeStatusSchema,
  organization: orgRefSchema,
  majors: z.array(majorRefSchema),
  levels: z.array(levelSchema),
  /** Seed data the source documents do not give (exam forms, pass marks, the organization's name): 待确认. */
  detailsToBeConfirmed: z.boolean(),
  organizationToBeConfirmed: z.boolean(),
});
export type PublicCertificateTypeDto = z.infer<typeof publicCertificateTypeSchema>;

export const contactSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  certificateTypeId: z.string().nullable(),
  certificateTypeName: z.string().nullable(),
  contactName: z.string(),
  officePhone: z.string().nullable(),
  mobile: z.string().nullable(),
  fax: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
});
export type ContactDto = z.infer<typeof contactSchema>;

export const standardDocumentSchema = z.object({
  id: z.string(),
  version: z.string(),
  fileId: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  downloadUrl: z.string(),
});
export type StandardDocumentDto = z.infer<typeof standardDocumentSchema>;

export const publicCertificateTypeDetailSchema = publicCertificateTypeSchema.extend({
  description: z.string().nullable(),
  targetGroup: z.string().nullable(),
  awardRequirements: z.string().nullable(),
  standardDocuments: z.array(standardDocumentSchema),
  contacts: z.array(contactSchema),
});
export type PublicCertificateTypeDetailDto = z.infer<typeof publicCertificateTypeDetailSchema>;

const managedExtras = {
  batchCode: z.string(),
  majorIds: z.array(z.string()),
  allowedActions: z.array(z.enum(CERTIFICATE_TYPE_UI_ACTIONS)),
  editableFields: z.array(z.enum(CERTIFICATE_TYPE_FIELDS)),
  updatedAt: z.string(),
};
export const certificateTypeSchema = publicCertificateTypeSchema.extend(managedExtras);
export type CertificateTypeDto = z.infer<typeof certificateTypeSchema>;
export const certificateTypeDetailSchema = publicCertificateTypeDetailSchema.extend(managedExtras);
export type CertificateTypeDetailDto = z.infer<typeof certificateTypeDetailSchema>;

export const catalogQuerySchema = z.object({
  q: text().max(64).optional(),
  batch: text().max(32).optional(),
  level: certificateLevelSchema.optional(),
  orgId: z.string().uuid().optional(),
  major: text().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;
export const managedCatalogQuerySchema = catalogQuerySchema.extend({ status: certificateTypeStatusSchema.optional() });
export type ManagedCatalogQuery = z.infer<typeof managedCatalogQuerySchema>;

const certificateTypeCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{1,39}$/, '代码须为 2–40 位字母、数字、点、下划线或连字符');
export const createCertificateTypeSchema = z.object({
  code: certificateTypeCode,
  name: text().min(1).max(100),
  orgId: z.string().uuid().optional(),
  batchCode: text().min(1).max(32),
  description: optionalText(5000),
  targetGroup: optionalText(2000),
  awardRequirements: optionalText(5000),
  majorIds: z.array(z.string().uuid()).max(200).optional(),
  levels: levelsInputSchema.shape.levels.optional(),
});
export type CreateCertificateTypeRequest = z.infer<typeof createCertificateTypeSchema>;

export const updateCertificateTypeSchema = z.object({
  code: certificateTypeCode.optional(),
  name: text().min(1).max(100).optional(),
  orgId: z.string().uuid().optional(),
  batchCode: text().min(1).max(32).optional(),
  description: nullableText(5000),
  targetGroup: nullableText(2000),
  awardRequirements: nullableText(5000),
  majorIds: z.array(z.string().uuid()).max(200).optional(),
  detailsToBeConfirmed: z.boolean().optional(),
});
export type UpdateCertificateTypeRequest = z.infer<typeof updateCertificateTypeSchema>;

export const transitionRequestSchema = z.object({
  action: certificateTypeActionSchema,
  comment: text().max(1000).optional(),
});

export const certificateBatchSchema = z.object({ code: z.string(), name: z.string(), ordinal: z.number().int() });
export type CertificateBatchDto = z.infer<typeof certificateBatchSchema>;
export const createCertificateBatchSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,16}$/),
  name: text().min(1).max(32),
  ordinal: z.number().int().min(1).max(1000),
});

export const majorSchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  educationLevel: z.enum(EDUCATION_LEVELS),
  catalogEdition: z.string(),
  toBeConfirmed: z.boolean(),
});
export type MajorDto = z.infer<typeof majorSchema>;
export const majorQuerySchema = z.object({
  q: text().max(64).optional(),
  educationLevel: z.enum(EDUCATION_LEVELS).optional(),
  catalogEdition: text().max(16).optional(),
});

// ---- Evaluation organizations 培训评价组织 (R1.3) ----

export const ORG_EDITABLE_BY_ORG_ADMIN = ['shortName', 'address', 'postcode', 'website', 'description'] as const;

const orgProfile = {
  shortName: nullableText(50),
  address: nullableText(200),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '邮政编码须为 6 位数字')
    .nullable()
    .optional(),
  website: text().url().max(200).nullable().optional(),
  description: nullableText(5000),
};
export const createEvaluationOrgSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/, '代码须为 2–32 位字母、数字、下划线或连字符'),
  name: text().min(1).max(100),
  toBeConfirmed: z.boolean().optional(),
  ...orgProfile,
});
export type CreateEvaluationOrgRequest = z.infer<typeof createEvaluationOrgSchema>;
export const updateEvaluationOrgSchema = createEvaluationOrgSchema.partial().omit({ code: true });
export type UpdateEvaluationOrgRequest = z.infer<typeof updateEvaluationOrgSchema>;

export const evaluationOrgSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  website: z.string().nullable(),
  description: z.string().nullable(),
  toBeConfirmed: z.boolean(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(['edit', 'editProfile', 'manageContacts'])),
});
export type EvaluationOrgDto = z.infer<typeof evaluationOrgSchema>;
export const evaluationOrgDetailSchema = evaluationOrgSchema.extend({ contacts: z.array(contactSchema) });
export type EvaluationOrgDetailDto = z.infer<typeof evaluationOrgDetailSchema>;

const phone = (max = 40) => nullableText(max);
export const contactInputSchema = z.object({
  certificateTypeId: z.string().uuid().nullable().optional(),
  contactName: text().min(1).max(50),
  officePhone: phone(),
  mobile: phone(),
  fax: phone(),
  email: text().email().max(100).nullable().optional(),
  address: nullableText(200),
  postcode: orgProfile.postcode,
});
export type ContactInput = z.infer<typeof contactInputSchema>;

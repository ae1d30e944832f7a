import { z } from 'zod';
import { CERTIFICATE_LEVELS } from './catalog';
import { siteLevels } from './exam-sessions';
import { text } from './input';

/**
 * Exam sites registered by organizations and the public register of sites (issue 17 item 8; R5.1, 000 §三(四),
 * 003 §二(五)). A school applies to host a site and the organization approves it (exam-sessions.ts); an organization
 * may also register a site of its own directly (in force at once, audited) and edit it. Every approved site of every
 * organization is listed in the public register 考核站点名录 — no personal data, only the site's facts.
 */

export const EXAM_SITE_REGISTRARS = ['school', 'organization'] as const;
export type ExamSiteRegistrar = (typeof EXAM_SITE_REGISTRARS)[number];
export const EXAM_SITE_REGISTRAR_LABELS: Record<ExamSiteRegistrar, { zh: string; en: string }> = {
  school: { zh: '院校申请', en: 'Applied by a school' },
  organization: { zh: '组织自建', en: 'Registered by the organization' },
};

const regionCode = z.string().regex(/^[0-9]{6}$/, '行政区划代码须为 6 位数字');

/** `POST /api/v1/org-exam-sites`: an organization registers a site of its own for one of its certificates. */
export const orgExamSiteCreateSchema = z.object({
  certificateTypeId: z.string().uuid(),
  name: text().min(1, '站点名称不能为空').max(100),
  address: text().min(1, '站点地址不能为空').max(200),
  /** The city (地市) the site is in; its province follows. */
  cityCode: regionCode,
  capacity: z.number().int().min(1, '容量至少为 1').max(100_000),
  levels: siteLevels,
  /** 开放共享: listed in its province's register of shared sites at once. */
  openShared: z.boolean().default(false),
});
export type OrgExamSiteCreateInput = z.infer<typeof orgExamSiteCreateSchema>;

/** `PATCH /api/v1/exam-sites/{id}`: the organization edits a site it registered (at least one field). */
export const examSiteUpdateSchema = z
  .object({
    name: text().min(1, '站点名称不能为空').max(100).optional(),
    address: text().min(1, '站点地址不能为空').max(200).optional(),
    capacity: z.number().int().min(1, '容量至少为 1').max(100_000).optional(),
    levels: siteLevels.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), '至少修改一项');
export type ExamSiteUpdateInput = z.infer<typeof examSiteUpdateSchema>;

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `GET /api/v1/public/exam-sites`: filters of the public register. */
export const publicExamSiteQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  provinceCode: regionCode.optional(),
  cityCode: regionCode.optional(),
  orgId: z.string().uuid().optional(),
  certificateTypeId: z.string().uuid().optional(),
  level: z.enum(CERTIFICATE_LEVELS).optional(),
  /** Part of the site's name or address. */
  q: text(50).optional(),
  openShared: boolParam.optional(),
});
export type PublicExamSiteQuery = z.infer<typeof publicExamSiteQuerySchema>;

const ref = z.object({ id: z.string(), name: z.string() });

/** One approved site in the public register: the site's own facts, never a person's. */
export const publicExamSiteSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  organization: ref,
  certificateType: ref,
  /** The levels examined there (the site's own list, or every level of the certificate). */
  levels: z.array(z.enum(CERTIFICATE_LEVELS)),
  capacity: z.number().int(),
  openShared: z.boolean(),
  /** The school hosting it (院校申请), or null for a site of the organization's own. */
  hostSchool: z.object({ name: z.string() }).nullable(),
  registeredBy: z.enum(EXAM_SITE_REGISTRARS),
});
export type PublicExamSiteDto = z.infer<typeof publicExamSiteSchema>;

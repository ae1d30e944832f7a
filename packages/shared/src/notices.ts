import { z } from 'zod';
import { pageQuerySchema } from './contracts';
import { calendarDate, text } from './input';
import { ROLES } from './roles';

type Label = { zh: string; en: string };

/* ───────────────────────── Notices 通知公告 (R9.1, R9.4, issue 14 #1) ───────────────────────── */

/** Who published a notice: the national or a provincial administrator, or an evaluation organization (its own certificates). */
export const NOTICE_LEVELS = ['national', 'province', 'organization'] as const;
export type NoticeLevel = (typeof NOTICE_LEVELS)[number];
export const NOTICE_LEVEL_LABELS: Record<NoticeLevel, Label> = {
  national: { zh: '国家', en: 'National' },
  province: { zh: '省级', en: 'Provincial' },
  organization: { zh: '培训评价组织', en: 'Evaluation organization' },
};

export const NOTICE_CATEGORIES = ['policy', 'announcement', 'standard_interpretation', 'fee_notice'] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];
export const NOTICE_CATEGORY_LABELS: Record<NoticeCategory, Label> = {
  policy: { zh: '政策文件', en: 'Policy document' },
  announcement: { zh: '通知公告', en: 'Announcement' },
  standard_interpretation: { zh: '标准解读', en: 'Standard interpretation' },
  fee_notice: { zh: '收费公告', en: 'Fee notice' },
};
/** 003 函36号 三.5: organizations publish 标准解读 and fee notices of their own certificates, nothing else. */
export const ORGANIZATION_NOTICE_CATEGORIES: readonly NoticeCategory[] = ['standard_interpretation', 'fee_notice'];

/** Attachments: PDF, Word, Excel or images, checked by content; at most 10 per notice, 20 MiB each. */
export const NOTICE_ATTACHMENT_MAX_FILES = 10;
export const NOTICE_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const NOTICE_BODY_MAX = 50_000;

export const noticeAttachmentSchema = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int() });
export type NoticeAttachmentDto = z.infer<typeof noticeAttachmentSchema>;

/** api-v1 `GET /public/notices` item. */
export const publicNoticeSchema = z.object({
  id: z.string(),
  title: z.string(),
  level: z.enum(NOTICE_LEVELS),
  provinceCode: z.string().optional(),
  publishedAt: z.string(),
  category: z.enum(NOTICE_CATEGORIES),
});
export type PublicNoticeDto = z.infer<typeof publicNoticeSchema>;
export const publicNoticeDetailSchema = publicNoticeSchema.extend({
  bodyHtml: z.string(),
  publisherName: z.string(),
  attachments: z.array(noticeAttachmentSchema),
});
export type PublicNoticeDetailDto = z.infer<typeof publicNoticeDetailSchema>;

export const publicNoticeQuerySchema = pageQuerySchema.extend({
  level: z.enum(['national', 'province']).optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, '省份代码为 2 位数字')
    .optional(),
  q: text(50).optional(),
});
export type PublicNoticeQuery = z.infer<typeof publicNoticeQuerySchema>;

export const noticeAudienceSchema = z.object({
  /** The roles addressed (empty when public only). */
  roles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
  /** A national notice may address some provinces only; a province's notice addresses its own province. */
  provinceCodes: z
    .array(z.string().regex(/^\d{2}$/))
    .max(40)
    .default([]),
});
export type NoticeAudienceDto = z.infer<typeof noticeAudienceSchema>;

export const createNoticeSchema = z.object({
  title: text(200).pipe(z.string().min(2, '标题至少 2 个字')),
  category: z.enum(NOTICE_CATEGORIES),
  /** Rich text (HTML); sanitized on the server: scripts, event handlers, styles and unknown tags are removed. */
  bodyHtml: z.string().max(NOTICE_BODY_MAX, `正文不能超过 ${NOTICE_BODY_MAX} 个字符`),
  isPublic: z.boolean(),
  audience: noticeAudienceSchema.default({ roles: [], provinceCodes: [] }),
  /** Organizations: the certificate the 标准解读 or fee notice is about (its own). */
  certificateTypeId: z.string().uuid().optional(),
  /** Files uploaded before by the same account (`POST /api/v1/notice-attachments`). */
  attachmentIds: z.array(z.string().uuid()).max(NOTICE_ATTACHMENT_MAX_FILES).default([]),
});
export type CreateNoticeRequest = z.input<typeof createNoticeSchema>;

export const noticeSchema = publicNoticeSchema.extend({
  provinceCode: z.string().nullable(),
  orgId: z.string().nullable(),
  isPublic: z.boolean(),
  publisherName: z.string(),
  /** Whether the actor's unit (school or city) or the actor has read it; null when it was not sent to the actor's unit. */
  read: z.boolean().nullable(),
  forwarded: z.boolean(),
});
export type NoticeDto = z.infer<typeof noticeSchema>;
export const noticeDetailSchema = noticeSchema.extend({
  bodyHtml: z.string(),
  attachments: z.array(noticeAttachmentSchema),
  audience: z.object({ roles: z.array(z.enum(ROLES)), provinceCodes: z.array(z.string()) }),
  certificateTypeId: z.string().nullable(),
  /** What the actor may do: forward to its cities (province) or schools (city), and see receipts. */
  canForward: z.boolean(),
  canSeeReceipts: z.boolean(),
});
export type NoticeDetailDto = z.infer<typeof noticeDetailSchema>;

export const noticeQuerySchema = pageQuerySchema.extend({
  category: z.enum(NOTICE_CATEGORIES).optional(),
  level: z.enum(NOTICE_LEVELS).optional(),
  q: text(50).optional(),
  unread: z.enum(['true', 'false']).optional(),
});
export type NoticeQuery = z.infer<typeof noticeQuerySchema>;

/** 000 三(二): the province forwards to its cities, a city to its schools (by default its 中职 schools). */
export const forwardNoticeSchema = z.object({
  /** City: the schools to forward to; left out, all 中职 schools of the city. Province: ignored (all its cities). */
  schoolIds: z.array(z.string().uuid()).max(2000).optional(),
});
export type ForwardNoticeRequest = z.infer<typeof forwardNoticeSchema>;

export const noticeReceiptSchema = z.object({
  recipientKind: z.enum(['city', 'school']),
  recipientId: z.string(),
  recipientName: z.string(),
  cityCode: z.string(),
  forwardedAt: z.string(),
  /** When the unit (a city or a school) first opened it; null while unread. */
  readAt: z.string().nullable(),
  readBy: z.string().nullable(),
  /** A city: whether it forwarded the notice on to its schools. */
  forwardedOn: z.boolean(),
});
export type NoticeReceiptDto = z.infer<typeof noticeReceiptSchema>;
export const noticeReceiptsSchema = z.object({
  items: z.array(noticeReceiptSchema),
  read: z.number().int(),
  unread: z.number().int(),
});
export type NoticeReceiptsDto = z.infer<typeof noticeReceiptsSchema>;

/* ───────────────────────── 公示 publicity periods (R9.4, 001 第九条) ───────────────────────── */

/**
 * What can be put on public display. `typical_case` is served by the typical-case feature, which registers how to
 * read a case (its title, province, and whom an objection is about).
 */
export const PUBLICITY_SUBJECT_TYPES = ['filing', 'typical_case', 'session_certificates'] as const;
export type PublicitySubjectType = (typeof PUBLICITY_SUBJECT_TYPES)[number];
export const PUBLICITY_SUBJECT_LABELS: Record<PublicitySubjectType, Label> = {
  filing: { zh: '试点备案', en: 'Pilot filing' },
  typical_case: { zh: '典型案例', en: 'Typical case' },
  session_certificates: { zh: '证书颁发名单', en: 'Issued certificates' },
};
export const PUBLICITY_STATUSES = ['scheduled', 'open', 'closed'] as const;
export type PublicityStatus = (typeof PUBLICITY_STATUSES)[number];
export const PUBLICITY_STATUS_LABELS: Record<PublicityStatus, Label> = {
  scheduled: { zh: '未开始', en: 'Scheduled' },
  open: { zh: '公示中', en: 'Open' },
  closed: { zh: '已结束', en: 'Closed' },
};
export const PUBLICITY_MAX_DAYS = 60;

export const createPublicitySchema = z.object({
  subjectType: z.enum(PUBLICITY_SUBJECT_TYPES),
  subjectId: z.string().uuid(),
  /** First day on display (China time); left out, today. */
  startsOn: calendarDate.optional(),
  days: z.number().int().min(1, '公示期至少 1 天').max(PUBLICITY_MAX_DAYS, `公示期不超过 ${PUBLICITY_MAX_DAYS} 天`),
  note: text(2000).optional(),
});
export type CreatePublicityRequest = z.infer<typeof createPublicitySchema>;

/** One line of what is displayed: label/value columns chosen by the subject type; never an ID number. */
export const publicityRowSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export const publicitySchema = z.object({
  id: z.string(),
  subjectType: z.enum(PUBLICITY_SUBJECT_TYPES),
  subjectId: z.string(),
  title: z.string(),
  provinceCode: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  days: z.number().int(),
  status: z.enum(PUBLICITY_STATUSES),
  objections: z.number().int(),
  createdAt: z.string(),
});
export type PublicityDto = z.infer<typeof publicitySchema>;
export const publicityDetailSchema = publicitySchema.extend({
  note: z.string().nullable(),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(publicityRowSchema),
});
export type PublicityDetailDto = z.infer<typeof publicityDetailSchema>;
export const publicityQuerySchema = pageQuerySchema.extend({
  status: z.enum(PUBLICITY_STATUSES).optional(),
  subjectType: z.enum(PUBLICITY_SUBJECT_TYPES).optional(),
});
export type PublicityQuery = z.infer<typeof publicityQuerySchema>;

/**
 * What may be put on display, for the 公示 page's picker (issue 14 item 3): the eligible items of one subject type in
 * the actor's scope — approved filings, selected typical cases, sessions with issued certificates — matching `q`.
 */
export const publicityCandidateQuerySchema = z.object({
  subjectType: z.enum(PUBLICITY_SUBJECT_TYPES),
  q: text(100).optional(),
});
export type PublicityCandidateQuery = z.infer<typeof publicityCandidateQuerySchema>;
export const PUBLICITY_CANDIDATE_LIMIT = 50;
export const publicityCandidateSchema = z.object({
  id: z.string(),
  subjectType: z.enum(PUBLICITY_SUBJECT_TYPES),
  /** What the item is: school and certificate, school and case title, certificate, level and exam date. */
  label: z.string(),
  /** A second line: the year, the collection, the number of certificates. */
  detail: z.string(),
  /** Already on display (or scheduled): a subject is displayed once. */
  displayed: z.boolean(),
});
export type PublicityCandidateDto = z.infer<typeof publicityCandidateSchema>;
export const publicityCandidatesSchema = z.object({ items: z.array(publicityCandidateSchema) });
export type PublicityCandidatesDto = z.infer<typeof publicityCandidatesSchema>;

/** An objection (异议) during the period: filed as a complaint (R8.5) linked to the item. */
export const publicityObjectionSchema = z.object({
  content: text(2000).pipe(z.string().min(10, '异议内容至少 10 个字')),
  contactName: text(50).optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 -]{4,18}[0-9]$/, '联系电话格式不正确')
    .optional(),
});
export type PublicityObjectionRequest = z.infer<typeof publicityObjectionSchema>;

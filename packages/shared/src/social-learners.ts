import { z } from 'zod';
import { CERTIFICATE_LEVELS } from './catalog';
import { pageQuerySchema } from './contracts';
import { fen, text } from './input';

/**
 * Social learners' channel (issue 17 item 1; 003 6号 二(四) 社会成员自主选择证书类别、等级). A social learner applies
 * for an open session, uploads the documents the organization asks for, pays the organization's published fee for
 * social candidates (never above the level's cap, R1.2), and the organization confirms; the confirmation is an
 * ordinary registration, so results, certificates and credit-bank deposits follow the students' paths.
 */

export const SOCIAL_APPLICATION_STATUSES = ['draft', 'submitted', 'confirmed', 'rejected', 'withdrawn'] as const;
export type SocialApplicationStatus = (typeof SOCIAL_APPLICATION_STATUSES)[number];
export const SOCIAL_APPLICATION_STATUS_LABELS: Record<SocialApplicationStatus, { zh: string; en: string }> = {
  draft: { zh: '待提交（上传材料并缴费）', en: 'Draft (documents and payment)' },
  submitted: { zh: '已缴费，待组织确认', en: 'Paid, awaiting confirmation' },
  confirmed: { zh: '已确认报名', en: 'Confirmed' },
  rejected: { zh: '未通过审核', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** What an organization asks a social candidate to upload (both required). */
export const SOCIAL_DOCUMENT_KINDS = ['photo', 'id_scan'] as const;
export type SocialDocumentKind = (typeof SOCIAL_DOCUMENT_KINDS)[number];
export const SOCIAL_DOCUMENT_LABELS: Record<SocialDocumentKind, { zh: string; en: string }> = {
  photo: { zh: '本人近期证件照', en: 'Recent photo' },
  id_scan: { zh: '身份证件扫描件', en: 'ID document scan' },
};
/** A document is a PDF, PNG or JPEG (checked by content), at most 5 MB. */
export const SOCIAL_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

export const socialFeeInputSchema = z.object({
  certificateTypeId: z.string().uuid(),
  level: z.enum(CERTIFICATE_LEVELS),
  feeFen: fen(),
});
export type SocialFeeInput = z.infer<typeof socialFeeInputSchema>;

/** A level of the organization's certificates: its cap and, once published, its fee for social candidates. */
export const socialFeeSchema = z.object({
  certificateTypeId: z.string(),
  certificateTypeName: z.string(),
  level: z.enum(CERTIFICATE_LEVELS),
  capFen: z.number().int(),
  feeFen: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
});
export type SocialFeeDto = z.infer<typeof socialFeeSchema>;

/** An open session a social learner may apply for (public). */
export const socialOfferSchema = z.object({
  sessionId: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  certificateType: z.object({ id: z.string(), name: z.string() }),
  level: z.enum(CERTIFICATE_LEVELS),
  examDate: z.string(),
  examSiteName: z.string(),
  examSiteAddress: z.string(),
  provinceCode: z.string(),
  registrationClosesAt: z.string(),
  seatsLeft: z.number().int(),
  feeFen: z.number().int(),
  capFen: z.number().int(),
  requiredDocuments: z.array(z.enum(SOCIAL_DOCUMENT_KINDS)),
});
export type SocialOfferDto = z.infer<typeof socialOfferSchema>;

export const socialOfferQuerySchema = pageQuerySchema.extend({
  certificateTypeId: z.string().uuid().optional(),
  level: z.enum(CERTIFICATE_LEVELS).optional(),
  provinceCode: z
    .string()
    .regex(/^[0-9]{6}$/)
    .optional(),
});

export const socialApplicationCreateSchema = z.object({ sessionId: z.string().uuid() });
export const socialPaymentSchema = z.object({
  /** The payment's reference (transaction or receipt number), as the learner has it. */
  paymentRef: text(64).min(1, '请填写缴费流水号'),
});
export const socialRejectSchema = z.object({ reason: text(500).min(2, '请填写不予确认的原因') });

export const SOCIAL_APPLICATION_ACTIONS = ['upload', 'pay', 'withdraw', 'confirm', 'reject'] as const;
export type SocialApplicationAction = (typeof SOCIAL_APPLICATION_ACTIONS)[number];

export const socialApplicationSchema = z.object({
  id: z.string(),
  status: z.enum(SOCIAL_APPLICATION_STATUSES),
  learner: z.object({ id: z.string(), name: z.string(), idNumberMasked: z.string(), phoneMasked: z.string().nullable() }),
  session: z.object({
    id: z.string(),
    certificateTypeName: z.string(),
    level: z.enum(CERTIFICATE_LEVELS),
    examDate: z.string(),
    examSiteName: z.string(),
    status: z.string(),
  }),
  organization: z.object({ id: z.string(), name: z.string() }),
  feeFen: z.number().int(),
  capFen: z.number().int(),
  paidFen: z.number().int().nullable(),
  paidAt: z.string().nullable(),
  paymentRef: z.string().nullable(),
  documents: z.array(
    z.object({
      kind: z.enum(SOCIAL_DOCUMENT_KINDS),
      fileName: z.string(),
      mime: z.string(),
      size: z.number().int(),
      uploadedAt: z.string(),
    }),
  ),
  registrationId: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  allowedActions: z.array(z.enum(SOCIAL_APPLICATION_ACTIONS)),
});
export type SocialApplicationDto = z.infer<typeof socialApplicationSchema>;

export const socialApplicationQuerySchema = pageQuerySchema.extend({
  sessionId: z.string().uuid().optional(),
  status: z.enum(SOCIAL_APPLICATION_STATUSES).optional(),
});

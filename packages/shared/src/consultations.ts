import { z } from 'zod';
import { pageQuerySchema, pageOf } from './contracts';
import { text } from './input';

/**
 * The organization's consultation desk (教职成司函〔2019〕36号 三.5: 安排专人对有关院校提供咨询服务): schools and learners
 * ask an evaluation organization about its certificates; the organization answers and may publish the answer as FAQ.
 */
export const CONSULTATION_CLAUSE = '教职成司函〔2019〕36号 三.5：培训评价组织要做好信息发布、标准解读，安排专人对有关院校提供咨询服务';

export const consultationInputSchema = z.object({
  orgId: z.string().uuid(),
  certificateTypeId: z.string().uuid().optional(),
  question: text(2000).min(5, '问题至少 5 个字'),
});
export const consultationAnswerSchema = z.object({ answer: text(5000).min(1), publish: z.boolean().default(false) });
export const consultationPublishSchema = z.object({ published: z.boolean() });
export const consultationSchema = z.object({
  id: z.string().uuid(),
  orgId: z.string().uuid(),
  orgName: z.string(),
  certificateTypeId: z.string().uuid().nullable(),
  certificateTypeName: z.string().nullable(),
  askerRole: z.string(),
  askerName: z.string().describe('提问者（院校名称；学习者只显示“学习者”）'),
  question: z.string(),
  answer: z.string().nullable(),
  askedAt: z.string(),
  answeredAt: z.string().nullable(),
  published: z.boolean(),
});
export type ConsultationDto = z.infer<typeof consultationSchema>;
export const consultationQuerySchema = pageQuerySchema.extend({
  answered: z.enum(['true', 'false']).optional(),
  q: text(50).optional(),
});
export const consultationPageSchema = pageOf(consultationSchema);
export const publicFaqSchema = z.object({
  id: z.string().uuid(),
  orgName: z.string(),
  certificateTypeName: z.string().nullable(),
  question: z.string(),
  answer: z.string(),
  answeredAt: z.string(),
});
export const publicFaqQuerySchema = pageQuerySchema.extend({ orgId: z.string().uuid().optional(), q: text(50).optional() });
export const publicFaqPageSchema = pageOf(publicFaqSchema);

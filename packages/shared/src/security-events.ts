import { z } from 'zod';
import { pageQuerySchema } from './contracts';

/** Out-of-scope attempts (404 from a scope check) and refusals (403) of signed-in actors (issue 20 #9). */
export const SECURITY_EVENT_KINDS = ['out_of_scope', 'forbidden'] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export const SECURITY_EVENT_KIND_LABELS: Record<SecurityEventKind, string> = {
  out_of_scope: '越权访问（范围外）',
  forbidden: '无权限操作',
};

export const securityEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(SECURITY_EVENT_KINDS),
  code: z.string(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  method: z.string(),
  route: z.string(),
  target: z.string(),
  clientIp: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type SecurityEventDto = z.infer<typeof securityEventSchema>;

export const securityEventQuerySchema = pageQuerySchema.extend({
  kind: z.enum(SECURITY_EVENT_KINDS).optional(),
  actor: z.string().trim().max(64).optional(),
  role: z.string().trim().max(64).optional(),
  from: z.string().date().optional(),
  to: z.string().date().optional(),
});
export type SecurityEventQuery = z.infer<typeof securityEventQuerySchema>;

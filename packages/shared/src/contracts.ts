import { z } from 'zod';
import { rawText, text } from './input';
import { ROLES } from './roles';

/** Zod contracts shared by the server (validation, OpenAPI) and the web app (types). */

export const roleSchema = z.enum(ROLES);

export const scopeSchema = z.object({
  provinceCode: z.string().optional(),
  cityCode: z.string().optional(),
  schoolId: z.string().optional(),
  departmentId: z.string().optional(),
  orgId: z.string().optional(),
});
export type ScopeDto = z.infer<typeof scopeSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  scope: scopeSchema,
});
export type UserDto = z.infer<typeof userSchema>;

export const loginRequestSchema = z.object({
  username: text().min(1).max(64),
  password: rawText(128).min(1),
});
export const loginResponseSchema = z.object({ user: userSchema, csrfToken: z.string() });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({
  user: userSchema,
  csrfToken: z.string().optional(),
  /** The scope in words (e.g. 广东省 广州市, a school's or organization's name). */
  scopeLabel: z.string(),
});

export const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{8,128}$/;
export const changePasswordSchema = z.object({
  currentPassword: rawText(128).min(1),
  newPassword: rawText(128).min(1),
});

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
});

export const USERNAME_RULE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{2,63}$/;
export const createUserSchema = z.object({
  username: text().regex(USERNAME_RULE),
  displayName: text().min(1).max(100),
  role: roleSchema,
  password: rawText(128).min(1),
  provinceCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  schoolId: z.string().uuid().optional(),
  departmentId: z.string().uuid().optional(),
  orgId: z.string().uuid().optional(),
});
export type CreateUserRequest = z.infer<typeof createUserSchema>;

export const accountSchema = userSchema.extend({
  status: z.enum(['active', 'disabled']),
  createdAt: z.string(),
  scopeLabel: z.string(),
});
export type AccountDto = z.infer<typeof accountSchema>;

export const apiTokenCreateSchema = z.object({ name: text().min(1).max(100) });
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenDto = z.infer<typeof apiTokenSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  clientIp: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = pageQuerySchema.extend({
  action: text().max(100).optional(),
  actor: text().max(64).optional(),
  targetType: text().max(100).optional(),
  from: z.string().date().optional(),
  to: z.string().date().optional(),
});

export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city']),
  parentCode: z.string().nullable(),
});
export type RegionDto = z.infer<typeof regionSchema>;

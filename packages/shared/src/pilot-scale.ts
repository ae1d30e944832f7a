import { z } from 'zod';
import { text } from './input';

/**
 * The list of approved scales (issue 17 items 2 and 4; 鄂教职成办函〔2021〕7号 四.2 审核确定试点院校、证书及规模): each
 * approved pilot in the actor's scope with the number of candidates the province approved for an exam year and the
 * live registrations (proposed, consented, registered) counted against it.
 */
export const approvedScaleQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** The exam year the registrations are counted for (default: this year, China time). */
  year: z.coerce.number().int().min(2019).max(2100).optional(),
  /** Part of the school's or the certificate's name. */
  q: text(50).optional(),
  /** Only pilots whose scale is fixed (true) or not yet fixed (false). */
  fixed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ApprovedScaleQuery = z.infer<typeof approvedScaleQuerySchema>;

const ref = z.object({ id: z.string(), name: z.string() });

export const approvedScaleRowSchema = z.object({
  filingId: z.string(),
  school: ref,
  department: ref,
  certificateType: ref,
  /** The filing's (pilot's) year. */
  filingYear: z.number().int(),
  /** The exam year counted. */
  year: z.number().int(),
  approvedScale: z.number().int().nullable(),
  /** Live registrations of the pilot in sessions of `year`. */
  registrations: z.number().int(),
  /** approvedScale − registrations (null when no scale is fixed). */
  remaining: z.number().int().nullable(),
  /** The province of the pilot may fix or change it. */
  mayChange: z.boolean(),
});
export type ApprovedScaleRowDto = z.infer<typeof approvedScaleRowSchema>;

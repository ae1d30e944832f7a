import { z } from 'zod';
import { text } from './input';

/**
 * R3.9 (粤生态职院〔2023〕18号 第十二条): a pilot whose certificate pass rate was below the threshold (90 % by default,
 * the `minPassRate` parameter of the `pass_rate` filing rule) is flagged, and the school's filing of that certificate
 * in the next year is blocked unless the province overrides it with a reason.
 */

/** Pass rate 0–1 of an exam year, or null without candidates. */
export function passRate(r: { candidates: number; passed: number } | null | undefined): number | null {
  return r && r.candidates > 0 ? r.passed / r.candidates : null;
}

export const yearPassRateSchema = z.object({
  year: z.number().int(),
  candidates: z.number().int(),
  passed: z.number().int(),
  /** 0–1 */
  rate: z.number().nullable(),
  belowThreshold: z.boolean(),
});
export type YearPassRateDto = z.infer<typeof yearPassRateSchema>;

export const passRateFlagSchema = z.object({
  /** 0–1, from the round's rules. */
  threshold: z.number(),
  /** This pilot's own year (flagged when below the threshold); null without exam data. */
  pilot: yearPassRateSchema.nullable(),
  /** The year before this filing's year: what restricts this filing; null without exam data. */
  previousYear: yearPassRateSchema.nullable(),
  /** The province lifted the restriction for this school × certificate × year. */
  overridden: z.boolean(),
  override: z.object({ reason: z.string(), at: z.string(), by: z.string().nullable() }).nullable(),
  /** previousYear below the threshold and not overridden: the pass_rate rule blocks submission. */
  restricted: z.boolean(),
  /** The province may override now. */
  canOverride: z.boolean(),
});
export type PassRateFlagDto = z.infer<typeof passRateFlagSchema>;

export const passRateOverrideRequestSchema = z.object({ reason: text().min(1).max(1000) });

/**
 * GET /api/v1/pass-rate-restrictions (R3.9, R5.6): the filings in scope whose school × certificate had a pass rate below
 * the round's threshold the year before — restricted, or already overridden by the province (with its reason).
 */
export const passRateRestrictionQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** restricted: awaiting an override; overridden: the overrides granted. */
  state: z.enum(['restricted', 'overridden']).optional(),
});
export type PassRateRestrictionQuery = z.infer<typeof passRateRestrictionQuerySchema>;

export const passRateRestrictionSchema = z.object({
  filingId: z.string().uuid(),
  schoolName: z.string(),
  certificateName: z.string(),
  /** The filing's year (the restricted one). */
  year: z.number().int(),
  filingStatus: z.string(),
  threshold: z.number(),
  /** The pilot of the year before, below the threshold. */
  previousYear: yearPassRateSchema,
  overridden: z.boolean(),
  /** The province's override (null until granted); flat, so that every row of the .xlsx export has the same columns. */
  overrideReason: z.string().nullable(),
  overriddenAt: z.string().nullable(),
  overriddenBy: z.string().nullable(),
  canOverride: z.boolean(),
});
export type PassRateRestrictionDto = z.infer<typeof passRateRestrictionSchema>;
export const passRateRestrictionPageSchema = z.object({
  items: z.array(passRateRestrictionSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

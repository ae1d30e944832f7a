import { z } from 'zod';

/** Statistics (R10.1, api-v1 `/statistics/summary`): one API for every dashboard and export. */

export const STATISTICS_GROUPS = ['province', 'city', 'school', 'certificateType', 'level', 'year'] as const;
export type StatisticsGroup = (typeof STATISTICS_GROUPS)[number];

export const statisticsQuerySchema = z.object({
  groupBy: z.enum(STATISTICS_GROUPS).default('province'),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  provinceCode: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为 6 位数字')
    .optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为 6 位数字')
    .optional(),
  schoolId: z.string().uuid().optional(),
  certificateTypeId: z.string().uuid().optional(),
});
export type StatisticsQuery = z.infer<typeof statisticsQuerySchema>;

const figures = {
  pilots: z.number().int(),
  plannedCandidates: z.number().int(),
  registeredCandidates: z.number().int(),
  examinedCandidates: z.number().int(),
  passed: z.number().int(),
  /** passed / examinedCandidates; null when nobody was examined. */
  passRate: z.number().nullable(),
  certificatesIssued: z.number().int(),
  certificatesRevoked: z.number().int(),
};
export const statisticsFiguresSchema = z.object(figures);
export type StatisticsFigures = z.infer<typeof statisticsFiguresSchema>;

export const statisticsRowSchema = z.object({ key: z.string(), label: z.string(), ...figures });
export type StatisticsRow = z.infer<typeof statisticsRowSchema>;

export const statisticsSummarySchema = z.object({
  asOf: z.string(),
  rows: z.array(statisticsRowSchema),
  totals: statisticsFiguresSchema,
});
export type StatisticsSummary = z.infer<typeof statisticsSummarySchema>;

/** R3.9: a pass rate below this is highlighted (粤生态职院〔2023〕18号 第十二条 for its school; the platform's default). */
export const PASS_RATE_WARNING = 0.9;

/** Figures from counts: passRate = passed / examined (null when none). */
export function withPassRate<T extends { passed: number; examinedCandidates: number }>(f: T): T & { passRate: number | null } {
  return { ...f, passRate: f.examinedCandidates > 0 ? f.passed / f.examinedCandidates : null };
}

/** The 动态报送 report (R10.1, R10.2): one province's (or, nationally, every province's) figures of a year as .xlsx. */
export const statisticsReportQuerySchema = z.object({
  /** Default: the current year (China time). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** A province administrator's own province by default; the national administrator any province, or none for all. */
  provinceCode: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为 6 位数字')
    .optional(),
});
export type StatisticsReportQuery = z.infer<typeof statisticsReportQuerySchema>;

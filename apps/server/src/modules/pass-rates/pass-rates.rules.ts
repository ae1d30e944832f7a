import { type FilingRuleDef, type PassRateFlagDto, type RuleOverrides, type YearPassRateDto, effectiveRules, passRate } from '@onex/shared';

/**
 * The threshold (0–1) of the pass_rate rule in force for a round (default 0.9, from 001 第十二条 where it applies);
 * `rules`: the school's rules (`filingRulesFor`), whose own threshold the round's overrides then adjust.
 */
export function passRateThreshold(overrides: RuleOverrides, rules?: readonly FilingRuleDef[]): number {
  const v = effectiveRules(overrides, rules).find((r) => r.id === 'pass_rate')?.params.minPassRate;
  return typeof v === 'number' && Number.isFinite(v) ? v : 0.9;
}

export function yearPassRate(
  row: { year: number; candidates: number; passed: number } | undefined,
  threshold: number,
): YearPassRateDto | null {
  if (!row) return null;
  const rate = passRate(row);
  return { year: row.year, candidates: row.candidates, passed: row.passed, rate, belowThreshold: rate !== null && rate < threshold };
}

/** The R3.9 flag of a filing of `year` from the exam results of that year and the one before (pure). */
export function passRateFlag(i: {
  year: number;
  threshold: number;
  rows: readonly { year: number; candidates: number; passed: number }[];
  override: { reason: string; at: Date; by: string | null } | null;
  mayOverride: boolean;
}): PassRateFlagDto {
  const previousYear = yearPassRate(
    i.rows.find((r) => r.year === i.year - 1),
    i.threshold,
  );
  const below = previousYear?.belowThreshold ?? false;
  return {
    threshold: i.threshold,
    pilot: yearPassRate(
      i.rows.find((r) => r.year === i.year),
      i.threshold,
    ),
    previousYear,
    overridden: i.override !== null,
    override: i.override && { reason: i.override.reason, at: i.override.at.toISOString(), by: i.override.by },
    restricted: below && i.override === null,
    canOverride: i.mayOverride && below && i.override === null,
  };
}

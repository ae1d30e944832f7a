import { SCORECARD_WEIGHTS, type ScorecardPart } from '@onex/shared';

export interface ScoreFacts {
  examined: number;
  passed: number;
  reportsDue: number;
  reportsOnTime: number;
  /** Inspection findings marked as an issue. */
  findings: number | null;
  /** Complaints about the subject closed as upheld or partly upheld (成立 / 部分成立). */
  complaints: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The yearly score (R8.7), pure, from facts and SCORECARD_WEIGHTS: each part earns points of its weight, parts without
 * facts are null and the total is scaled over the parts that have them (null when none has).
 */
export function scorecard(f: ScoreFacts, w = SCORECARD_WEIGHTS): { parts: Record<ScorecardPart, number | null>; score: number | null } {
  const penalty = (n: number | null, p: { weight: number; penalty: number }) => (n === null ? null : Math.max(0, p.weight - n * p.penalty));
  const parts: Record<ScorecardPart, number | null> = {
    passRate: f.examined > 0 ? round1((w.passRate.weight * f.passed) / f.examined) : null,
    reportsOnTime: f.reportsDue > 0 ? round1((w.reportsOnTime.weight * f.reportsOnTime) / f.reportsDue) : null,
    findings: penalty(f.findings, w.findings),
    complaints: penalty(f.complaints, w.complaints),
  };
  let earned = 0;
  let possible = 0;
  for (const k of Object.keys(parts) as ScorecardPart[]) {
    const v = parts[k];
    if (v === null) continue;
    earned += v;
    possible += w[k].weight;
  }
  return { parts, score: possible > 0 ? round1((earned * 100) / possible) : null };
}

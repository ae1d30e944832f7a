import {
  FUND_PROHIBITED_USES,
  FUND_CATEGORIES,
  FUND_FACTORS,
  type FactorWeight,
  type FundCategory,
  type FundFactor,
  type FundSource,
  STUDENT_TRAINING_FEE_RULE,
  fundRuleApplies,
} from '@onex/shared';

/** Pure rules of the special funds (R4.5–R4.6): prohibited uses, line limits, the factor method and its rounding. */

export interface SchoolFacts {
  name: string;
  provinceCode: string;
}

export interface ProhibitedHit {
  code: string;
  label: string;
  source: FundSource;
}

/**
 * The prohibited use a spending entry falls under, for this school: its declared use, or a keyword of a prohibited use
 * in its purpose. Only rules whose jurisdiction covers the school apply.
 */
export function prohibitedUse(school: SchoolFacts, entry: { use?: string | undefined; purpose: string }): ProhibitedHit | null {
  for (const u of FUND_PROHIBITED_USES) {
    if (!fundRuleApplies(u.source.jurisdiction, school)) continue;
    if (entry.use === u.code || u.keywords.some((k) => entry.purpose.includes(k)))
      return { code: u.code, label: u.label, source: u.source };
  }
  return null;
}

/** A training fee charged to pilot students cannot be income where 002 三.5 applies. */
export function studentTrainingFeeRefused(school: SchoolFacts, source: string): boolean {
  return source === 'student_training_fee' && fundRuleApplies(STUDENT_TRAINING_FEE_RULE.jurisdiction, school);
}

/** Spending within a line: what is already spent (positive fen) plus this amount may not exceed the line. */
export function withinLine(budgetFen: number, spentFen: number, amountFen: number): boolean {
  return spentFen + amountFen <= budgetFen;
}

export type Line = { category: FundCategory; amountFen: number };

/**
 * Why a budget adjustment cannot stand: it changes no line, or leaves a line (a missing one counts as 0) below what
 * is already spent on it. A reallocation (total unchanged) and a raise (total higher) are both adjustments.
 */
export function adjustmentProblem(
  current: readonly Line[],
  proposed: readonly Line[],
  spent: ReadonlyMap<FundCategory, number>,
): { kind: 'unchanged' } | { kind: 'below_spent'; category: FundCategory; amountFen: number; spentFen: number } | null {
  const amount = (ls: readonly Line[], c: FundCategory) => ls.find((l) => l.category === c)?.amountFen ?? 0;
  for (const c of FUND_CATEGORIES) {
    const s = spent.get(c) ?? 0;
    if (amount(proposed, c) < s) return { kind: 'below_spent', category: c, amountFen: amount(proposed, c), spentFen: s };
  }
  const sameSet = (a: readonly Line[], b: readonly Line[]) =>
    a.every((l) => b.some((m) => m.category === l.category && m.amountFen === l.amountFen));
  if (current.length === proposed.length && sameSet(current, proposed)) return { kind: 'unchanged' };
  return null;
}

/**
 * Largest-remainder rounding: integer parts of `total × w_i / Σw`, then the remaining fen one by one to the largest
 * fractional parts (ties by index, so the result is deterministic). The parts sum exactly to `total`.
 * Computed in BigInt so totals of any size are exact.
 */
export function largestRemainder(totalFen: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  // Scale real weights to integers (1e6 resolution), then divide exactly.
  const w = weights.map((x) => BigInt(Math.round(Math.max(0, x) * 1e6)));
  const sum = w.reduce((a, b) => a + b, 0n);
  const total = BigInt(totalFen);
  if (sum === 0n)
    return largestRemainder(
      totalFen,
      weights.map(() => 1),
    );
  const base = w.map((x) => (total * x) / sum);
  const rem = w.map((x, i) => ({ i, r: total * x - base[i]! * sum }));
  let left = total - base.reduce((a, b) => a + b, 0n);
  rem.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (let k = 0; left > 0n; k = (k + 1) % n, left--) base[rem[k]!.i]! += 1n;
  return base.map(Number);
}

/** The facts of one school the factors are computed from. */
export interface AllocationFacts {
  schoolId: string;
  pilots: number;
  trainees: number;
  registrations: number;
  /** Certificates weighted by level: 初级 1, 中级 2, 高级 3. */
  certificateLevelPoints: number;
  passed: number;
  examined: number;
}

export const FACTOR_VALUE: Record<FundFactor, (f: AllocationFacts) => number> = {
  progress: (f) => f.pilots,
  training_scale: (f) => f.trainees,
  exam_scale: (f) => f.registrations,
  certificate_levels: (f) => f.certificateLevelPoints,
  pass_rate: (f) => (f.examined > 0 ? f.passed / f.examined : 0),
};

export const ALLOCATION_FORMULA =
  '各因素取值 v_i,f 按全省最大值归一化：n_i,f = v_i,f / max_j v_j,f（最大值为 0 时记 0）；得分 s_i = Σ_f 权重_f × n_i,f；' +
  '份额 = 总额 × s_i / Σ_j s_j，按最大余数法取整到分，使各校份额之和恰好等于总额（所有学校得分为 0 时平均分配）。';

export interface ComputedShare {
  schoolId: string;
  facts: Record<FundFactor, number>;
  normalized: Record<FundFactor, number>;
  score: number;
  shareFen: number;
}

/** The factor method: normalise each factor by its maximum, weight, and divide the total by largest remainder. */
export function computeShares(totalFen: number, weights: readonly FactorWeight[], facts: readonly AllocationFacts[]): ComputedShare[] {
  const raw = facts.map((f) => Object.fromEntries(FUND_FACTORS.map((k) => [k, FACTOR_VALUE[k](f)])) as Record<FundFactor, number>);
  const max = Object.fromEntries(FUND_FACTORS.map((k) => [k, Math.max(0, ...raw.map((r) => r[k]))])) as Record<FundFactor, number>;
  const normalized = raw.map(
    (r) => Object.fromEntries(FUND_FACTORS.map((k) => [k, max[k] > 0 ? r[k] / max[k] : 0])) as Record<FundFactor, number>,
  );
  const scores = normalized.map((n) => weights.reduce((s, w) => s + w.weight * n[w.factor], 0));
  const shares = largestRemainder(totalFen, scores);
  return facts.map((f, i) => ({
    schoolId: f.schoolId,
    facts: raw[i]!,
    normalized: normalized[i]!,
    score: scores[i]!,
    shareFen: shares[i]!,
  }));
}

/** Only an approved (or approved and published) pilot not ended before the year holds funds (003 四(四)). */
export function pilotMayHoldFunds(p: { status: string; decision: string | null; pilot_ended_year: number | null }, year: number): boolean {
  const approved = p.status === 'approved' || (p.status === 'published' && p.decision === 'approved');
  return approved && (p.pilot_ended_year === null || year <= p.pilot_ended_year);
}

/** An exam-fee settlement still open more than `days` days after the exam is overdue (002 三.5: 及时完成考核费用结算). */
export function settlementOverdue(examDate: string, settledAt: Date | null, now: Date, days: number): boolean {
  return settledAt === null && daysBetween(examDate, now) > days;
}
export function daysBetween(isoDate: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(`${isoDate}T00:00:00+08:00`)) / 86_400_000);
}

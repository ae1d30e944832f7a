import { BUDGET_ACTIONS, BUDGET_STATUSES, FUND_FACTORS, FUND_PROHIBITED_USES, type FactorWeight, budgetTransition } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import {
  type AllocationFacts,
  adjustmentProblem,
  computeShares,
  largestRemainder,
  pilotMayHoldFunds,
  prohibitedUse,
  settlementOverdue,
  studentTrainingFeeRefused,
  withinLine,
} from './funds.rules';

const GDST = { name: '广东生态工程职业学院', provinceCode: '440000' };
const GZCP = { name: '广州城市职业学院', provinceCode: '440000' };
const WHVC = { name: '武汉职业技术学院', provinceCode: '420000' };

/** Deterministic random numbers (mulberry32), so a failing case can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (r: () => number, max: number) => Math.floor(r() * (max + 1));

function randomFacts(r: () => number, n: number): AllocationFacts[] {
  return Array.from({ length: n }, (_, i) => {
    const examined = int(r, 500);
    return {
      schoolId: `s${i}`,
      pilots: 1 + int(r, 12),
      trainees: int(r, 2000),
      registrations: int(r, 800),
      certificateLevelPoints: int(r, 900),
      passed: int(r, examined),
      examined,
    };
  });
}
function randomWeights(r: () => number): FactorWeight[] {
  const ws = FUND_FACTORS.map((factor) => ({ factor, weight: int(r, 50) }));
  if (ws.every((w) => w.weight === 0)) ws[0]!.weight = 1;
  return ws;
}

describe('special funds rules (R4.5)', () => {
  it('R4.5 each prohibited use of 001 第十一条 is refused at 广东 schools with the clause, by declared use or purpose', () => {
    for (const school of [GDST, GZCP])
      for (const u of FUND_PROHIBITED_USES) {
        const byUse = prohibitedUse(school, { use: u.code, purpose: '支出' });
        expect(byUse?.code).toBe(u.code);
        expect(byUse?.source.clause).toContain('粤生态职院〔2023〕18号 第十一条');
        expect(byUse?.source.clause).toContain('教财厅函〔2020〕12号');
        expect(prohibitedUse(school, { purpose: `用于${u.keywords[0]}` })?.code).toBe(u.code);
      }
    expect(prohibitedUse(GDST, { use: 'teacher_training', purpose: '参加师资培训' })).toBeNull();
  });

  it('R4.5 the prohibitions as 001 states them (根据 the national and 广东 notices) bind 广东, not another province (jurisdiction)', () => {
    expect(prohibitedUse(WHVC, { use: 'interest', purpose: '支付利息' })).toBeNull();
    expect(prohibitedUse(WHVC, { use: 'debt_repayment', purpose: '偿还债务' })).toBeNull();
  });

  it('R4.5 a budget adjustment may reallocate or raise lines, never below what is spent, and must change something', () => {
    const current = [
      { category: 'teacher_training' as const, amountFen: 10_000 },
      { category: 'equipment' as const, amountFen: 50_000 },
    ];
    const spent = new Map([['teacher_training' as const, 9_000]]);
    // Reallocation: 5,000 from equipment to teacher training; the total stays.
    expect(
      adjustmentProblem(
        current,
        [
          { category: 'teacher_training', amountFen: 15_000 },
          { category: 'equipment', amountFen: 45_000 },
        ],
        spent,
      ),
    ).toBeNull();
    // A raise of one line; a new line.
    expect(adjustmentProblem(current, [...current.slice(1), { category: 'teacher_training', amountFen: 20_000 }], spent)).toBeNull();
    expect(adjustmentProblem(current, [...current, { category: 'other', amountFen: 1 }], spent)).toBeNull();
    expect(adjustmentProblem(current, [...current].reverse(), spent)).toEqual({ kind: 'unchanged' });
    expect(adjustmentProblem(current, [{ category: 'teacher_training', amountFen: 8_999 }], spent)).toEqual({
      kind: 'below_spent',
      category: 'teacher_training',
      amountFen: 8_999,
      spentFen: 9_000,
    });
    // Dropping a line something was spent on counts as 0.
    expect(adjustmentProblem(current, [{ category: 'equipment', amountFen: 60_000 }], spent)?.kind).toBe('below_spent');
  });

  it('R4.5 training fees from pilot students: 002 三.5 binds Hubei schools', () => {
    expect(studentTrainingFeeRefused(WHVC, 'student_training_fee')).toBe(true);
    expect(studentTrainingFeeRefused(GZCP, 'student_training_fee')).toBe(false);
    expect(studentTrainingFeeRefused(WHVC, 'exam_service_fee')).toBe(false);
  });

  it('R4.5 a line may be spent up to its amount, not beyond', () => {
    expect(withinLine(10_000, 6_000, 4_000)).toBe(true);
    expect(withinLine(10_000, 6_000, 4_001)).toBe(false);
  });

  it('R4.5 only an approved, not ended pilot holds funds (003 四(四))', () => {
    expect(pilotMayHoldFunds({ status: 'approved', decision: 'approved', pilot_ended_year: null }, 2026)).toBe(true);
    expect(pilotMayHoldFunds({ status: 'published', decision: 'approved', pilot_ended_year: 2026 }, 2026)).toBe(true);
    expect(pilotMayHoldFunds({ status: 'published', decision: 'approved', pilot_ended_year: 2025 }, 2026)).toBe(false);
    expect(pilotMayHoldFunds({ status: 'published', decision: 'rejected', pilot_ended_year: null }, 2026)).toBe(false);
    for (const s of ['draft', 'submitted', 'provincial_review', 'returned', 'rejected'])
      expect(pilotMayHoldFunds({ status: s, decision: null, pilot_ended_year: null }, 2026)).toBe(false);
  });

  it('R4.5 approval chain of 001 第十三条: submit → department → academic affairs → school leader, as a table', () => {
    const table = Object.fromEntries(
      BUDGET_STATUSES.map((s) => [s, Object.fromEntries(BUDGET_ACTIONS.map((a) => [a, budgetTransition(a, s)?.to ?? null]))]),
    );
    const none = { submit: null, department_approve: null, academic_approve: null, leader_approve: null, return: null };
    expect(table).toEqual({
      draft: { ...none, submit: 'submitted' },
      submitted: { ...none, department_approve: 'department_approved', return: 'returned' },
      department_approved: { ...none, academic_approve: 'academic_approved', return: 'returned' },
      academic_approved: { ...none, leader_approve: 'approved', return: 'returned' },
      approved: none,
      returned: { ...none, submit: 'submitted' },
    });
    expect(budgetTransition('submit', 'draft')!.roles).toEqual(['school_admin', 'department_admin']);
    expect(budgetTransition('return', 'submitted')!.roles).toEqual(['department_admin']);
    expect(budgetTransition('return', 'department_approved')!.roles).toEqual(['school_admin']);
    expect(budgetTransition('department_approve', 'submitted')!.roles).toEqual(['department_admin']);
    expect(budgetTransition('academic_approve', 'department_approved')!.roles).toEqual(['school_admin']);
  });
});

describe('overdue settlements (002 三.5)', () => {
  it('R4.4 an open settlement more than the configured days after the exam (China time) is overdue; a settled one never', () => {
    const at = (iso: string) => new Date(iso);
    expect(settlementOverdue('2026-06-20', null, at('2026-07-20T15:59:00Z'), 30)).toBe(false); // 30 days (Beijing 07-20 23:59)
    expect(settlementOverdue('2026-06-20', null, at('2026-07-20T16:00:00Z'), 30)).toBe(true); // day 31 begins in Beijing
    expect(settlementOverdue('2026-06-20', at('2026-07-01T00:00:00Z'), at('2026-12-01T00:00:00Z'), 30)).toBe(false);
  });
});

describe('factor-method allocation (R4.6)', () => {
  it('R4.6 largest remainder: parts sum exactly to the total and follow the weights', () => {
    expect(largestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainder(10, [0, 0])).toEqual([5, 5]);
    expect(largestRemainder(1_000_000_000_001, [2, 1])).toEqual([666_666_666_667, 333_333_333_334]);
  });

  it('R4.6 property: over random facts and weights, shares sum exactly to the total', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const total = int(r, 5_000_000_000);
      const shares = computeShares(total, randomWeights(r), randomFacts(r, 1 + int(r, 40)));
      expect(
        shares.reduce((s, x) => s + x.shareFen, 0),
        `seed ${seed}`,
      ).toBe(total);
      expect(shares.every((x) => Number.isInteger(x.shareFen) && x.shareFen >= 0)).toBe(true);
    }
  });

  it('R4.6 property: a school whose facts dominate another’s gets at least as much (within a fen)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const facts = randomFacts(r, 2 + int(r, 20));
      const weaker = facts[1]!;
      facts[0] = {
        ...weaker,
        schoolId: 's0',
        pilots: weaker.pilots + int(r, 3),
        trainees: weaker.trainees + int(r, 100),
        registrations: weaker.registrations + int(r, 50),
      };
      const shares = computeShares(int(r, 100_000_000), randomWeights(r), facts);
      expect(shares[0]!.shareFen, `seed ${seed}`).toBeGreaterThanOrEqual(shares[1]!.shareFen - 1);
    }
  });

  it('R4.6 property: raising a factor’s weight never lowers the share of a school at or above that factor’s average weight in its score', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const facts = randomFacts(r, 2 + int(r, 20));
      const weights = randomWeights(r);
      const total = 10_000_000 + int(r, 1_000_000_000);
      const k = int(r, weights.length - 1);
      const before = computeShares(total, weights, facts);
      const after = computeShares(
        total,
        weights.map((w, i) => (i === k ? { ...w, weight: w.weight + 1 + int(r, 20) } : w)),
        facts,
      );
      const f = weights[k]!.factor;
      const S = before.reduce((s, x) => s + x.score, 0);
      const N = before.reduce((s, x) => s + x.normalized[f], 0);
      before.forEach((b, i) => {
        // share_i(δ) = (s_i + δ n_i) / (S + δ N) rises with δ exactly when n_i·S ≥ s_i·N (rounding moves it by < 1 fen).
        if (b.normalized[f] * S >= b.score * N + 1e-9) expect(after[i]!.shareFen, `seed ${seed}`).toBeGreaterThanOrEqual(b.shareFen - 1);
        if (b.normalized[f] * S <= b.score * N - 1e-9) expect(after[i]!.shareFen, `seed ${seed}`).toBeLessThanOrEqual(b.shareFen + 1);
      });
    }
  });

  it('R4.6 each share is explained: facts, normalised values and the weighted score', () => {
    const [a, b] = computeShares(
      1_000_00,
      [
        { factor: 'progress', weight: 1 },
        { factor: 'pass_rate', weight: 1 },
      ],
      [
        { schoolId: 'a', pilots: 2, trainees: 0, registrations: 0, certificateLevelPoints: 0, passed: 9, examined: 10 },
        { schoolId: 'b', pilots: 1, trainees: 0, registrations: 0, certificateLevelPoints: 0, passed: 9, examined: 10 },
      ],
    );
    expect(a!.facts.progress).toBe(2);
    expect(a!.normalized).toMatchObject({ progress: 1, pass_rate: 1 });
    expect(b!.normalized).toMatchObject({ progress: 0.5, pass_rate: 1 });
    expect([a!.score, b!.score]).toEqual([2, 1.5]);
    expect(a!.shareFen + b!.shareFen).toBe(100_000);
    expect(a!.shareFen).toBe(Math.round((100_000 * 2) / 3.5));
  });
});

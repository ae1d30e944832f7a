import { describe, expect, it } from 'vitest';
import { factsYear, historyEntry, majorFacts } from './filing-facts.rules';

const y = (year: number, o: Partial<Record<string, number>> = {}) => ({
  year,
  enrolledStudents: 100,
  fullTimeTeachers: 10,
  partTimeTeachers: 5,
  dualQualifiedTeachers: 5,
  industryExpertTeachers: 3,
  ...o,
});

describe('R2.3 eligibility facts shown to reviewers (教职成司函〔2019〕36号 二)', () => {
  it('R2.3 the facts year is the filing year, else the latest year with figures before it', () => {
    expect(factsYear([{ year: 2024 }, { year: 2025 }], 2026)).toBe(2025);
    expect(factsYear([{ year: 2026 }, { year: 2027 }], 2026)).toBe(2026);
    expect(factsYear([], 2026)).toBe(2026);
  });

  it('R2.3 a major passing all three: enrolment in each of the last 3 years, 双师型 exactly 50 %, experts exactly 20 %', () => {
    const m = majorFacts({ id: 'm', majorCode: '610201', name: '计算机应用技术', years: [y(2024), y(2025), y(2026)] }, 2026);
    expect(m.passed).toBe(true);
    expect(m.figures).toMatchObject({ dualQualifiedTeachers: 5, fullTimeTeachers: 10, industryExpertTeachers: 3 });
    const enrol = m.facts.find((f) => f.id === 'continuous_enrollment')!;
    expect(enrol.years).toEqual([
      { year: 2024, enrolledStudents: 100 },
      { year: 2025, enrolledStudents: 100 },
      { year: 2026, enrolledStudents: 100 },
    ]);
    expect(m.facts.find((f) => f.id === 'dual_qualified_ratio')!.message).toContain('5/10');
  });

  it('R2.3 a gap year, 双师型 below half and too few experts each fail with the figures behind them', () => {
    const m = majorFacts(
      {
        id: 'm',
        majorCode: '610201',
        name: 'x',
        years: [y(2024), y(2025, { enrolledStudents: 0 }), y(2026, { dualQualifiedTeachers: 4, industryExpertTeachers: 2 })],
      },
      2026,
    );
    expect(m.passed).toBe(false);
    const f = Object.fromEntries(m.facts.map((x) => [x.id, x]));
    expect(f.continuous_enrollment).toMatchObject({ passed: false, value: 2 });
    expect(f.dual_qualified_ratio).toMatchObject({ passed: false, value: 0.4 });
    expect(f.industry_expert_ratio!.passed).toBe(false);
    expect(f.industry_expert_ratio!.message).toContain('2/15');
  });

  it('R2.3 a pilot history line gives its pass rate only with results', () => {
    const base = { id: 'f', year: 2025, roundName: 'r', status: 'published', decision: 'approved', cancelledAt: null };
    expect(historyEntry({ ...base, candidates: 40, passed: 30 }, []).passRate).toBe(0.75);
    expect(historyEntry({ ...base, candidates: null, passed: null }, []).passRate).toBeNull();
  });
});

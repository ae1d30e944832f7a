import { describe, expect, it } from 'vitest';
import { type YearFigures, eligibilityFacts } from './schools.rules';

const fig = (year: number, o: Partial<YearFigures> = {}): YearFigures => ({
  year,
  enrolledStudents: 100,
  fullTimeTeachers: 20,
  partTimeTeachers: 5,
  dualQualifiedTeachers: 10,
  industryExpertTeachers: 5,
  ...o,
});
const byId = (facts: ReturnType<typeof eligibilityFacts>) => Object.fromEntries(facts.map((f) => [f.id, f]));

describe('R2.3 eligibility facts (教职成司函〔2019〕36号 二)', () => {
  it('R2.3 all three pass at the thresholds exactly (50 % 双师型, 20 % experts, 3 years of students)', () => {
    const f = byId(eligibilityFacts([fig(2024), fig(2025), fig(2026)], 2026));
    expect(f.continuous_enrollment).toMatchObject({ value: 3, threshold: 3, passed: true, source: '教职成司函〔2019〕36号 二' });
    expect(f.dual_qualified_ratio).toMatchObject({ value: 0.5, threshold: 0.5, passed: true });
    expect(f.industry_expert_ratio).toMatchObject({ value: 0.2, threshold: 0.2, passed: true });
  });

  it('R2.3 a year without students breaks continuous enrollment and names the year', () => {
    const f = byId(eligibilityFacts([fig(2024, { enrolledStudents: 0 }), fig(2026)], 2026));
    expect(f.continuous_enrollment).toMatchObject({ value: 1, passed: false });
    expect(f.continuous_enrollment!.message).toContain('2024、2025');
    expect(f.continuous_enrollment!.years).toEqual([
      { year: 2024, enrolledStudents: 0 },
      { year: 2025, enrolledStudents: null },
      { year: 2026, enrolledStudents: 100 },
    ]);
  });

  it('R2.3 the window is relative to the given year', () => {
    const years = [fig(2023), fig(2024), fig(2025), fig(2026, { enrolledStudents: 0 })];
    expect(byId(eligibilityFacts(years, 2025)).continuous_enrollment!.passed).toBe(true);
    expect(byId(eligibilityFacts(years, 2026)).continuous_enrollment!.passed).toBe(false);
  });

  it('R2.3 ratios just below the thresholds fail with the percentage in the message', () => {
    const f = byId(eligibilityFacts([fig(2026, { dualQualifiedTeachers: 9, industryExpertTeachers: 4 })], 2026));
    expect(f.dual_qualified_ratio).toMatchObject({ value: 0.45, passed: false });
    expect(f.dual_qualified_ratio!.message).toContain('45%');
    expect(f.industry_expert_ratio).toMatchObject({ value: 0.16, passed: false });
  });

  it('R2.3 missing figures or no full-time teachers give no value and fail', () => {
    const f = byId(eligibilityFacts([], 2026));
    expect(f.dual_qualified_ratio).toMatchObject({ value: null, passed: false });
    expect(f.industry_expert_ratio!.message).toContain('缺少');
    const zero = byId(eligibilityFacts([fig(2026, { fullTimeTeachers: 0, dualQualifiedTeachers: 0 })], 2026));
    expect(zero.dual_qualified_ratio).toMatchObject({ value: null, passed: false });
  });
});

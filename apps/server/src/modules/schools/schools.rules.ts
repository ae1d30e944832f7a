import type { EligibilityFactDto } from '@onex/shared';

/** The clause R2.3's facts come from. */
export const ELIGIBILITY_SOURCE = '教职成司函〔2019〕36号 二';
export const DUAL_QUALIFIED_MIN_RATIO = 0.5;
export const INDUSTRY_EXPERT_MIN_RATIO = 0.2;
export const ENROLLMENT_YEARS = 3;

export interface YearFigures {
  year: number;
  enrolledStudents: number;
  fullTimeTeachers: number;
  partTimeTeachers: number;
  dualQualifiedTeachers: number;
  industryExpertTeachers: number;
}

const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;

/** 近 3 年连续招生: students enrolled in each of the years refYear−2 … refYear. */
export function enrollmentFact(years: readonly YearFigures[], refYear: number): EligibilityFactDto {
  const window = Array.from({ length: ENROLLMENT_YEARS }, (_, i) => refYear - ENROLLMENT_YEARS + 1 + i);
  const perYear = window.map((year) => ({ year, enrolledStudents: years.find((y) => y.year === year)?.enrolledStudents ?? null }));
  const missing = perYear.filter((y) => !y.enrolledStudents).map((y) => y.year);
  const value = ENROLLMENT_YEARS - missing.length;
  return {
    id: 'continuous_enrollment',
    label: '近 3 年连续招生',
    value,
    threshold: ENROLLMENT_YEARS,
    unit: 'years',
    passed: missing.length === 0,
    message: missing.length
      ? `${missing.join('、')} 年度无在校学生数据，不满足近 3 年连续招生`
      : `${window[0]}–${refYear} 年度均有在校学生`,
    source: ELIGIBILITY_SOURCE,
    years: perYear,
  };
}

function ratioFact(
  id: 'dual_qualified_ratio' | 'industry_expert_ratio',
  label: string,
  part: number | undefined,
  whole: number | undefined,
  threshold: number,
  year: number,
): EligibilityFactDto {
  const value = part === undefined || !whole ? null : part / whole;
  const passed = value !== null && value >= threshold;
  const message =
    value === null
      ? `${year} 年度缺少教师数据，无法计算${label}`
      : `${label} ${pct(value)}（${part}/${whole}），${passed ? '达到' : '低于'}要求的 ${pct(threshold)}`;
  return { id, label, value, threshold, unit: 'ratio', passed, message, source: ELIGIBILITY_SOURCE };
}

/**
 * The eligibility facts of a major that a reviewer sees (R2.3, 教职成司函〔2019〕36号 二 1 and 3), relative to `refYear`:
 * students in each of the last 3 years; 双师型 ≥ 50 % of the full-time teachers; industry experts ≥ 20 % of the
 * teaching team (full-time + part-time). Teacher ratios use the figures of `refYear`.
 */
export function eligibilityFacts(years: readonly YearFigures[], refYear: number): EligibilityFactDto[] {
  const y = years.find((f) => f.year === refYear);
  return [
    enrollmentFact(years, refYear),
    ratioFact(
      'dual_qualified_ratio',
      '“双师型”教师占专任教师比例',
      y?.dualQualifiedTeachers,
      y?.fullTimeTeachers,
      DUAL_QUALIFIED_MIN_RATIO,
      refYear,
    ),
    ratioFact(
      'industry_expert_ratio',
      '行业企业专家占教学团队比例',
      y?.industryExpertTeachers,
      y ? y.fullTimeTeachers + y.partTimeTeachers : undefined,
      INDUSTRY_EXPERT_MIN_RATIO,
      refYear,
    ),
  ];
}

/** The year facts are computed for by default: the latest year with figures, else the current year. */
export function defaultEligibilityYear(years: readonly { year: number }[], currentYear: number): number {
  return years.length ? Math.max(...years.map((y) => y.year)) : currentYear;
}

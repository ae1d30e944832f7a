import type { FilingMajorFactsDto, PilotHistoryEntryDto } from '@onex/shared';
import { type YearFigures, eligibilityFacts } from '../schools/schools.rules';

/**
 * The year a major's facts are read for (R2.3): the filing's year when it has figures, else the latest year with
 * figures before it (a school files in spring with last year's figures), else the filing's year (everything missing).
 */
export function factsYear(years: readonly { year: number }[], filingYear: number): number {
  const upTo = years.filter((y) => y.year <= filingYear).map((y) => y.year);
  return upTo.length ? Math.max(...upTo) : filingYear;
}

/** One plan major's eligibility facts with the figures behind them (教职成司函〔2019〕36号 二). */
export function majorFacts(
  m: { id: string; majorCode: string; name: string; years: readonly YearFigures[] },
  filingYear: number,
): FilingMajorFactsDto {
  const year = factsYear(m.years, filingYear);
  const y = m.years.find((f) => f.year === year);
  const facts = eligibilityFacts(m.years, year);
  return {
    schoolMajorId: m.id,
    majorCode: m.majorCode,
    majorName: m.name,
    year,
    figures: y
      ? {
          enrolledStudents: y.enrolledStudents,
          fullTimeTeachers: y.fullTimeTeachers,
          partTimeTeachers: y.partTimeTeachers,
          dualQualifiedTeachers: y.dualQualifiedTeachers,
          industryExpertTeachers: y.industryExpertTeachers,
        }
      : null,
    facts,
    passed: facts.every((f) => f.passed),
  };
}

/** An earlier pilot's line of history: its exam pass rate (passed / candidates) when results exist. */
export function historyEntry(
  p: {
    id: string;
    year: number;
    roundName: string;
    status: string;
    decision: string | null;
    cancelledAt: Date | null;
    candidates: number | null;
    passed: number | null;
  },
  flags: PilotHistoryEntryDto['flags'],
): PilotHistoryEntryDto {
  const rate = p.candidates ? (p.passed ?? 0) / p.candidates : null;
  return {
    filingId: p.id,
    year: p.year,
    roundName: p.roundName,
    status: p.status,
    decision: p.decision,
    cancelledAt: p.cancelledAt?.toISOString() ?? null,
    candidates: p.candidates,
    passedCandidates: p.passed,
    passRate: rate,
    flags,
  };
}

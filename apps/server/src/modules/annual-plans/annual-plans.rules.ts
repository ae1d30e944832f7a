import type { CertificateLevel, FilingStatus } from '@onex/shared';

/** A pilot files the plans of the years after the one it was approved in (鄂教职成办函〔2021〕7号 四.4). */
export function mayFileYear(f: { status: FilingStatus; decision: 'approved' | 'rejected' | null; year: number }, year: number): boolean {
  return f.status === 'published' && f.decision === 'approved' && f.year < year;
}

export interface PlanMajorRow {
  schoolMajorId: string;
  majorName: string;
  level: CertificateLevel | null;
  plannedCandidates: number;
}

/**
 * 沿用: the rows carried forward to `year` — the previous year's plan when filed (and not discontinued), else, when
 * the previous year is the filing's own year, the plan of the filing itself; null when there is nothing to carry.
 */
export function carriedRows(
  year: number,
  filing: {
    year: number;
    levels: readonly CertificateLevel[];
    majors: readonly { schoolMajorId: string; majorName: string; plannedTrainees: number }[];
  },
  previous: { mode: string; rows: readonly PlanMajorRow[] } | undefined,
): PlanMajorRow[] | null {
  if (previous) return previous.mode === 'discontinue' ? null : previous.rows.map((r) => ({ ...r }));
  if (year - 1 !== filing.year) return null;
  const level = filing.levels.length === 1 ? filing.levels[0]! : null;
  return filing.majors.map((m) => ({
    schoolMajorId: m.schoolMajorId,
    majorName: m.majorName,
    level,
    plannedCandidates: m.plannedTrainees,
  }));
}

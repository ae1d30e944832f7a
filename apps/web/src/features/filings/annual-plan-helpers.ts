import type { AnnualPlanDto, AnnualPlanEntryDto, AnnualPlanMode, CertificateLevel, FilingDetailDto } from '@onex/shared';

/**
 * Annual plans of approved pilots (R3.8, 鄂教职成办函〔2021〕7号 四.4): the state of a pilot's plan for a year, the rows
 * of the new-plan form (one per major and level), and last year's plan shown for reference.
 */

/** Where a pilot stands for the year: a filed plan (its mode), not filed yet, or ended in an earlier year. */
export type PlanState = AnnualPlanMode | 'not_filed' | 'ended';

export function planState(e: Pick<AnnualPlanEntryDto, 'plan' | 'pilotEndedYear' | 'year'>): PlanState {
  if (e.plan) return e.plan.mode;
  if (e.pilotEndedYear !== null && e.pilotEndedYear <= e.year) return 'ended';
  return 'not_filed';
}

export const PLAN_STATE_COLORS: Record<PlanState, string> = {
  new: 'green',
  carry_forward: 'cyan',
  discontinue: 'red',
  not_filed: 'orange',
  ended: 'default',
};

/** One row of the new-plan form. */
export interface PlanFormRow {
  key: string;
  schoolMajorId: string;
  majorName: string;
  level: CertificateLevel | null;
  plannedCandidates: number | null;
}

/** Planned candidates of a previous plan, per major and level (a row without a level counts for every level). */
export type SeedRow = { schoolMajorId: string; level: CertificateLevel | null; plannedCandidates: number };

/**
 * The new-plan form: one row per major of the filing and level of the certificate, prefilled from `seed` (this
 * year's plan when refiling, else last year's) where the major and level match.
 */
export function planFormRows(e: Pick<AnnualPlanEntryDto, 'majors' | 'levels'>, seed: readonly SeedRow[] = []): PlanFormRow[] {
  const levels: (CertificateLevel | null)[] = e.levels.length ? [...e.levels] : [null];
  return e.majors.flatMap((m) =>
    levels.map((level) => {
      const exact = seed.find((r) => r.schoolMajorId === m.schoolMajorId && r.level === level);
      const any = seed.find((r) => r.schoolMajorId === m.schoolMajorId && r.level === null && levels.length === 1);
      return {
        key: `${m.schoolMajorId}/${level ?? ''}`,
        schoolMajorId: m.schoolMajorId,
        majorName: m.majorName,
        level,
        plannedCandidates: (exact ?? any)?.plannedCandidates ?? null,
      };
    }),
  );
}

/** The rows sent for a new plan: those with a number (0 included), without the form's keys. */
export function planRowsBody(rows: readonly PlanFormRow[]) {
  return rows
    .filter((r) => typeof r.plannedCandidates === 'number' && Number.isFinite(r.plannedCandidates))
    .map((r) => ({ schoolMajorId: r.schoolMajorId, level: r.level, plannedCandidates: Math.max(0, Math.round(r.plannedCandidates!)) }));
}

export const candidatesTotal = (rows: readonly { plannedCandidates: number | null }[]) =>
  rows.reduce((s, r) => s + (typeof r.plannedCandidates === 'number' ? r.plannedCandidates : 0), 0);

/** Last year's plan for reference: the plan filed for year − 1, or, the year after approval, the filing's own plan. */
export type PreviousPlan = { kind: 'plan'; plan: AnnualPlanDto } | { kind: 'filing'; filingId: string } | { kind: 'none' };

export function previousPlanOf(
  e: Pick<AnnualPlanEntryDto, 'filingId' | 'filingYear' | 'year'>,
  lastYear: readonly Pick<AnnualPlanEntryDto, 'filingId' | 'plan'>[] | undefined,
): PreviousPlan {
  const plan = lastYear?.find((x) => x.filingId === e.filingId)?.plan;
  if (plan) return { kind: 'plan', plan };
  if (e.filingYear === e.year - 1) return { kind: 'filing', filingId: e.filingId };
  return { kind: 'none' };
}

/** The filing's own plan as plan rows (申请培训人数 per major; the level when the filing has one only). */
export function filingPlanRows(f: Pick<FilingDetailDto, 'levels' | 'sections'>): (SeedRow & { majorName: string })[] {
  const level = f.levels.length === 1 ? f.levels[0]! : null;
  return f.sections.plan.rows.map((r) => ({
    schoolMajorId: r.schoolMajorId,
    majorName: r.majorName,
    level,
    plannedCandidates: r.plannedTrainees,
  }));
}

/** Can last year's plan be carried forward (沿用)? Not when it discontinued the pilot or there is none. */
export function canCarry(prev: PreviousPlan): boolean {
  if (prev.kind === 'none') return false;
  return prev.kind === 'filing' || prev.plan.mode !== 'discontinue';
}

/** The years the page offers: from 2019 (the first 1+X pilots) to next year, newest first. */
export function planYears(current: number): number[] {
  const out: number[] = [];
  for (let y = current + 1; y >= 2019; y--) out.push(y);
  return out;
}

/** A `?year=` parameter as a year, or undefined (the server's current year). */
export function toYear(value: string | null | undefined): number | undefined {
  if (!value || !/^\d{4}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 2000 && n <= 2100 ? n : undefined;
}

import type { AnnualPlanDto, AnnualPlanEntryDto, Page, PutAnnualPlanRequest } from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { lockVisibleFiling } from '../filings/filings.service';
import * as q from './annual-plans.queries';
import { type PlanMajorRow, carriedRows, mayFileYear } from './annual-plans.rules';

const PLAN_FILERS = ['school_admin'] as const;

function toDto(p: q.PlanRow): AnnualPlanDto {
  return {
    id: p.id,
    filingId: p.filing_id,
    year: p.year,
    mode: p.mode,
    plannedCandidates: p.planned_candidates,
    rows: p.majors.map((r) => ({ ...r, level: r.level ?? null })),
    carriedFromPlanId: p.carried_from_plan_id,
    status: p.status,
    updatedAt: p.updated_at.toISOString(),
  };
}

/** R3.8: the approved pilots of earlier years in the actor's scope, each with its plan of `year` (null: not filed). */
export async function listAnnualPlans(
  deps: Deps,
  ctx: RequestContext,
  f: { year?: number | undefined; page: number; pageSize: number },
): Promise<Page<AnnualPlanEntryDto> & { year: number }> {
  const actor = requireActor(ctx);
  const year = f.year ?? deps.clock.now().getFullYear();
  const { items, total } = await q.pilotsWithPlan(deps.db, actor, year, f.page, f.pageSize);
  const [majors, plans] = await Promise.all([
    q.majorsOf(
      deps.db,
      items.map((i) => i.filing_id),
    ),
    q.plansByIds(
      deps.db,
      items.flatMap((i) => (i.plan_id ? [i.plan_id] : [])),
    ),
  ]);
  const mayFile = (PLAN_FILERS as readonly string[]).includes(actor.role);
  return {
    year,
    total,
    page: f.page,
    pageSize: f.pageSize,
    items: items.map((i) => {
      const plan = plans.find((p) => p.id === i.plan_id);
      return {
        filingId: i.filing_id,
        filingYear: i.filing_year,
        schoolId: i.school_id,
        schoolName: i.school_name,
        departmentName: i.department_name,
        certificateTypeId: i.certificate_type_id,
        certificateTypeName: i.certificate_type_name,
        levels: i.levels,
        majors: majors
          .filter((m) => m.filing_id === i.filing_id)
          .map((m) => ({ schoolMajorId: m.school_major_id, majorName: m.major_name })),
        year,
        plan: plan ? toDto(plan) : null,
        pilotEndedYear: i.pilot_ended_year,
        canFile: mayFile && i.pilot_ended_year === null,
      };
    }),
  };
}

function invalid(path: string, message: string) {
  return new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });
}

/**
 * R3.8 (鄂教职成办函〔2021〕7号 四.4): the school files the year's plan of a pilot approved in an earlier year — new
 * rows (拟考证人数 per major and level), the previous year's plan carried forward (沿用), or 'discontinue' (the pilot
 * ends). 404 outside scope, 403 for anyone but the school's administrator, 409 for a filing not approved before that
 * year or a pilot that has ended.
 */
export async function putAnnualPlan(
  deps: Deps,
  ctx: RequestContext,
  filingId: string,
  year: number,
  b: PutAnnualPlanRequest,
): Promise<AnnualPlanDto> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const f = await lockVisibleFiling(trx, actor, filingId);
    if (!(PLAN_FILERS as readonly string[]).includes(actor.role)) throw new AppError('FORBIDDEN');
    if (!mayFileYear(f, year)) throw new AppError('ANNUAL_PLAN_NOT_ALLOWED', { filingYear: f.year, year });
    if (f.pilot_ended_year !== null) throw new AppError('PILOT_ENDED', { pilotEndedYear: f.pilot_ended_year });
    if (f.cancelled_at) throw new AppError('PILOT_CANCELLED', { cancelledAt: f.cancelled_at.toISOString() }); // R8.3
    const majors = (await q.majorsOf(trx, [filingId])).map((m) => ({
      schoolMajorId: m.school_major_id,
      majorName: m.major_name,
      plannedTrainees: m.planned_trainees,
    }));
    let rows: PlanMajorRow[] = [];
    let carriedFrom: string | null = null;
    if (b.mode === 'new') {
      rows = (b.rows ?? []).map((r, i) => {
        const m = majors.find((x) => x.schoolMajorId === r.schoolMajorId);
        if (!m) throw invalid(`body.rows.${i}.schoolMajorId`, '专业须为该试点备案的专业');
        const level = r.level ?? (f.levels.length === 1 ? f.levels[0]! : null);
        if (level && !f.levels.includes(level)) throw invalid(`body.rows.${i}.level`, '等级须为该试点备案的等级');
        return { schoolMajorId: m.schoolMajorId, majorName: m.majorName, level, plannedCandidates: r.plannedCandidates };
      });
    } else if (b.mode === 'carry_forward') {
      const previous = await q.planOf(trx, filingId, year - 1);
      const carried = carriedRows(
        year,
        { year: f.year, levels: f.levels, majors },
        previous && { mode: previous.mode, rows: previous.majors },
      );
      if (!carried) throw new AppError('ANNUAL_PLAN_NOTHING_TO_CARRY', { year: year - 1 });
      rows = carried;
      carriedFrom = previous?.id ?? null;
    }
    const plan = await q.upsertPlan(trx, {
      filingId,
      provinceCode: f.province_code,
      cityCode: f.city_code,
      schoolId: f.school_id,
      certificateTypeId: f.certificate_type_id,
      year,
      mode: b.mode,
      rows,
      carriedFromPlanId: carriedFrom,
      at: now,
      by: actor.userId,
    });
    if (b.mode === 'discontinue') await q.endPilot(trx, filingId, year, now);
    await recordAudit(trx, ctx, now, {
      action: 'filing.annual_plan',
      targetType: 'filing_annual_plan',
      targetId: plan.id,
      summary: { filingId, year, mode: b.mode, plannedCandidates: plan.planned_candidates, carriedFrom },
      scope: { provinceCode: f.province_code, cityCode: f.city_code, schoolId: f.school_id },
    });
    return toDto(plan);
  });
}

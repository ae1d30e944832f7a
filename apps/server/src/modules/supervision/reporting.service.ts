import type { CreateReportTypeRequest, Page, PilotFlagDto, ReportDutyDto, ReportDutyQuery, ReportTypeDto } from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { auditedTransaction, recordAudit } from '../audit/audit.service';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import { notify } from '../notifications/notifications.service';
import * as q from './reporting.queries';
import { answerErrors, isLate, isMissed, missRuleFor, periodsUntil, trailingMisses } from './reporting.rules';

const TYPE_OWNERS = ['national_admin', 'province_admin'] as const;
const SYSTEM: RequestContext = { actor: null, requestId: 'system', clientIp: null };
/** Reminders go out this many days before a report is due. */
const REMIND_DAYS = 2;

function typeDto(t: q.ReportTypeRow): ReportTypeDto {
  return {
    id: t.id,
    name: t.name,
    level: t.level,
    provinceCode: t.province_code,
    reporterKind: t.reporter_kind,
    period: t.period,
    dueDates: t.due_dates,
    deadlineDays: t.deadline_days,
    startsOn: t.starts_on,
    fields: t.fields,
    required: t.required,
    missThreshold: t.miss_threshold,
    active: t.active,
  };
}

/** R8.1: a province (for its pilots) or the national administrator (for all) defines a report type; duties follow. */
export async function createReportType(deps: Deps, ctx: RequestContext, b: CreateReportTypeRequest): Promise<ReportTypeDto> {
  const actor = requireActor(ctx, TYPE_OWNERS);
  const national = actor.role === 'national_admin';
  const t = await auditedTransaction(deps, ctx, async (trx, now) => {
    const row = await q.insertReportType(trx, {
      name: b.name,
      level: national ? 'national' : 'province',
      province_code: national ? null : actor.provinceCode,
      reporter_kind: b.reporterKind,
      period: b.period,
      due_dates: b.period === 'by_date' ? b.dueDates : [],
      deadline_days: b.deadlineDays,
      starts_on: b.startsOn,
      fields: JSON.stringify(b.fields),
      required: b.required,
      miss_threshold: b.missThreshold,
      created_at: now,
      created_by: actor.userId,
    });
    return {
      result: row,
      audit: {
        action: 'report_type.create',
        targetType: 'report_type',
        targetId: row.id,
        summary: { name: row.name, period: row.period, reporterKind: row.reporter_kind, missThreshold: row.miss_threshold },
        scope: { provinceCode: row.province_code },
      },
    };
  });
  await generateDutiesOfType(deps.db, t, deps.clock.now());
  return typeDto(t);
}

export async function listReportTypes(deps: Deps, ctx: RequestContext): Promise<ReportTypeDto[]> {
  const actor = requireActor(ctx);
  return (await q.listReportTypes(deps.db, actor.provinceCode, actor.role === 'national_admin')).map(typeDto);
}

/** One duty per approved pilot in the type's scope and per period begun by now (idempotent). */
async function generateDutiesOfType(db: Db, t: q.ReportTypeRow, now: Date): Promise<number> {
  const periods = periodsUntil(
    { period: t.period, startsOn: t.starts_on, deadlineDays: t.deadline_days, dueDates: t.due_dates },
    chinaDate(now),
  );
  if (periods.length === 0) return 0;
  const pilots = await q.pilotsFor(db, t.level === 'province' ? t.province_code : null);
  return q.insertDuties(
    db,
    pilots.flatMap((p) =>
      periods.map((per) => ({
        report_type_id: t.id,
        filing_id: p.id,
        province_code: p.province_code,
        city_code: p.city_code,
        school_id: p.school_id,
        department_id: p.department_id,
        period_start: per.start,
        period_end: per.end,
        due_date: per.due,
        created_at: now,
      })),
    ),
  );
}

/**
 * R8.1 / 001 §十九(一): a pilot whose latest consecutive missed required reports reach the rule's threshold is flagged
 * for cancellation, citing the rule and its jurisdiction (missRuleFor). One open flag per pilot and type.
 */
async function flagMissedReports(trx: Db, t: q.ReportTypeRow, now: Date): Promise<number> {
  if (!t.required) return 0;
  const today = chinaDate(now);
  const byPilot = new Map<string, Awaited<ReturnType<typeof q.dutiesOfType>>>();
  for (const d of await q.dutiesOfType(trx, t.id)) byPilot.set(d.filing_id, [...(byPilot.get(d.filing_id) ?? []), d]);
  let flagged = 0;
  for (const [filingId, duties] of byPilot) {
    const first = duties[0]!;
    const rule = missRuleFor(first.school_name, {
      name: t.name,
      level: t.level,
      provinceCode: t.province_code,
      missThreshold: t.miss_threshold,
    });
    const run = trailingMisses(
      duties.map((d) => ({ status: d.status, dueDate: d.due_date, periodStart: d.period_start })),
      today,
    );
    if (run < rule.threshold || (await q.openFlag(trx, filingId, t.id))) continue;
    const made = await q.insertFlag(trx, {
      filing_id: filingId,
      province_code: first.province_code,
      city_code: first.city_code,
      school_id: first.school_id,
      clause: rule.clause,
      jurisdiction: rule.jurisdiction,
      detail: `“${t.name}”连续 ${run} 次未报送（${rule.text}）`,
      report_type_id: t.id,
      flagged_at: now,
    });
    if (!made) continue;
    flagged++;
    await notify(trx, now, {
      to: { role: 'province_admin', provinceCode: first.province_code },
      kind: 'pilot_flagged',
      title: `${first.school_name}试点连续 ${run} 次未报送“${t.name}”，建议取消试点`,
      body: `依据：${rule.clause}（${rule.jurisdiction}）`,
      link: `/supervision/flags`,
    });
  }
  return flagged;
}

async function reporterIds(db: Db, d: Awaited<ReturnType<typeof q.dutiesDueBetween>>[number]): Promise<string[]> {
  if (d.reporter_kind === 'project_leader') return d.project_leader_user_id ? [d.project_leader_user_id] : [];
  if (d.reporter_kind === 'department') return q.departmentAdmins(db, d.department_id);
  return [];
}

/** Reminds the reporters of every duty due within REMIND_DAYS (once per duty and user). */
async function remindDueReports(trx: Db, now: Date): Promise<number> {
  const today = chinaDate(now);
  const until = chinaDate(new Date(now.getTime() + REMIND_DAYS * 86_400_000));
  let written = 0;
  for (const d of await q.dutiesDueBetween(trx, today, until)) {
    const audience =
      d.reporter_kind === 'school' ? { role: 'school_admin' as const, schoolId: d.school_id } : { userIds: await reporterIds(trx, d) };
    written += await notify(trx, now, {
      to: audience,
      kind: 'report_due',
      title: `请于 ${d.due_date} 前报送“${d.type_name}”`,
      link: `/supervision/reports/${d.id}`,
      dedupeKey: `report_due:${d.id}`,
    });
  }
  return written;
}

/**
 * The periodic reporting tick (at start and hourly): duties for new periods and new pilots, the missed-reports
 * flags, and reminders before deadlines. One system audit row when anything changed.
 */
export function runReportingDuties(db: Db, now: Date): Promise<{ duties: number; flags: number; reminders: number }> {
  return db.transaction().execute((trx) => reportingTick(trx, now));
}

/** The tick inside the caller's transaction (the demo data runs it in its own). */
export async function reportingTick(trx: Db, now: Date): Promise<{ duties: number; flags: number; reminders: number }> {
  let duties = 0;
  let flags = 0;
  for (const t of await q.activeReportTypes(trx)) {
    duties += await generateDutiesOfType(trx, t, now);
    flags += await flagMissedReports(trx, t, now);
  }
  const reminders = await remindDueReports(trx, now);
  if (duties + flags + reminders > 0)
    await recordAudit(trx, SYSTEM, now, { action: 'report_duty.tick', targetType: 'report_duty', summary: { duties, flags, reminders } });
  return { duties, flags, reminders };
}

/** Who files a duty: its type's reporter kind (a department's administrator, the pilot's leader, the school). */
function mayFile(a: Actor, d: q.DutyRow): boolean {
  if (d.reporter_kind === 'department') return a.role === 'department_admin' && a.departmentId === d.department_id;
  if (d.reporter_kind === 'project_leader') return a.role === 'project_leader' && a.userId === d.project_leader_user_id;
  return a.role === 'school_admin' && a.schoolId === d.school_id;
}
/** Who reviews: the province of the pilot, and the national administrator for its own types. */
function mayReview(a: Actor, d: q.DutyRow): boolean {
  return (
    (a.role === 'province_admin' && a.provinceCode === d.province_code) || (a.role === 'national_admin' && d.type_level === 'national')
  );
}

function dutyDto(a: Actor, d: q.DutyRow, today: string): ReportDutyDto {
  const canFile = mayFile(a, d) && (d.status === 'pending' || d.status === 'returned');
  const canReview = mayReview(a, d) && d.status === 'submitted';
  return {
    id: d.id,
    reportTypeId: d.report_type_id,
    reportTypeName: d.report_type_name,
    filingId: d.filing_id,
    schoolName: d.school_name,
    departmentName: d.department_name,
    certificateTypeName: d.certificate_type_name,
    periodStart: d.period_start,
    periodEnd: d.period_end,
    dueDate: d.due_date,
    status: d.status,
    submittedAt: d.submitted_at ? d.submitted_at.toISOString() : null,
    late: d.late,
    missed: isMissed({ status: d.status, dueDate: d.due_date }, today),
    answers: d.answers,
    opinion: d.opinion,
    fields: d.fields,
    allowedActions: [...(canFile ? (['submit'] as const) : []), ...(canReview ? (['accept', 'return'] as const) : [])],
  };
}

export async function listDuties(deps: Deps, ctx: RequestContext, f: ReportDutyQuery): Promise<Page<ReportDutyDto>> {
  const actor = requireActor(ctx);
  const today = chinaDate(deps.clock.now());
  const { items, total } = await q.listDuties(deps.db, scopeOf(actor), f, today, f.page, f.pageSize);
  return { items: items.map((d) => dutyDto(actor, d, today)), total, page: f.page, pageSize: f.pageSize };
}

async function visibleDuty(db: Db, actor: Actor, id: string): Promise<q.DutyRow> {
  const d = await q.findDuty(db, id);
  if (
    !d ||
    !inScope(scopeOf(actor), { provinceCode: d.province_code, cityCode: d.city_code, schoolId: d.school_id, departmentId: d.department_id })
  )
    throw notFound();
  return d;
}

export async function getDuty(deps: Deps, ctx: RequestContext, id: string): Promise<ReportDutyDto> {
  const actor = requireActor(ctx);
  return dutyDto(actor, await visibleDuty(deps.db, actor, id), chinaDate(deps.clock.now()));
}

/** The reporter files (or files again after a return); a report filed after its due date is counted late. */
export async function submitDuty(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  answers: Record<string, string | number>,
): Promise<ReportDutyDto> {
  const actor = requireActor(ctx);
  await auditedTransaction(deps, ctx, async (trx, now) => {
    await q.lockDuty(trx, id);
    const d = await visibleDuty(trx, actor, id);
    if (!mayFile(actor, d)) throw new AppError('FORBIDDEN');
    const errors = answerErrors(d.fields, answers);
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { fields: errors });
    const late = isLate(chinaDate(now), d.due_date);
    const done = await q.updateDuty(trx, id, ['pending', 'returned'], {
      status: 'submitted',
      answers: JSON.stringify(answers),
      submitted_at: now,
      submitted_by: actor.userId,
      late,
      reviewed_at: null,
      reviewed_by: null,
    });
    if (!done) throw new AppError('CONFLICT', { status: d.status });
    return {
      result: null,
      audit: {
        action: 'report_duty.submit',
        targetType: 'report_duty',
        targetId: id,
        summary: { reportTypeId: d.report_type_id, filingId: d.filing_id, periodStart: d.period_start, late },
        scope: { provinceCode: d.province_code, cityCode: d.city_code, schoolId: d.school_id },
      },
    };
  });
  return getDuty(deps, ctx, id);
}

/** The reviewer accepts, or returns with an opinion (required); the reporter files again. */
export async function reviewDuty(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  b: { decision: 'accept' | 'return'; opinion?: string | undefined },
): Promise<ReportDutyDto> {
  const actor = requireActor(ctx);
  await auditedTransaction(deps, ctx, async (trx, now) => {
    await q.lockDuty(trx, id);
    const d = await visibleDuty(trx, actor, id);
    if (!mayReview(actor, d)) throw new AppError('FORBIDDEN');
    if (b.decision === 'return' && !b.opinion)
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.opinion', message: '退回时请填写意见' }] });
    const done = await q.updateDuty(trx, id, ['submitted'], {
      status: b.decision === 'accept' ? 'accepted' : 'returned',
      reviewed_at: now,
      reviewed_by: actor.userId,
      opinion: b.opinion ?? null,
    });
    if (!done) throw new AppError('CONFLICT', { status: d.status });
    if (b.decision === 'return')
      await notify(trx, now, {
        to: { role: 'school_admin', schoolId: d.school_id },
        kind: 'report_returned',
        title: `“${d.report_type_name}”（${d.period_start}—${d.period_end}）被退回`,
        body: b.opinion ?? '',
        link: `/supervision/reports/${id}`,
      });
    return {
      result: null,
      audit: {
        action: `report_duty.${b.decision}`,
        targetType: 'report_duty',
        targetId: id,
        summary: { opinion: b.opinion ?? null },
        scope: { provinceCode: d.province_code, cityCode: d.city_code, schoolId: d.school_id },
      },
    };
  });
  return getDuty(deps, ctx, id);
}

export async function listPilotFlags(deps: Deps, ctx: RequestContext): Promise<PilotFlagDto[]> {
  const actor = requireActor(ctx);
  return (await q.listFlags(deps.db, scopeOf(actor))).map((f) => ({
    id: f.id,
    filingId: f.filing_id,
    schoolName: f.school_name,
    certificateTypeName: f.certificate_type_name,
    kind: f.kind,
    clause: f.clause,
    jurisdiction: f.jurisdiction,
    detail: f.detail,
    flaggedAt: f.flagged_at.toISOString(),
  }));
}

import {
  type CoverageRowDto,
  type Page,
  type QualificationDto,
  type Role,
  type TrainingPlanAction,
  type TrainingPlanDto,
  type TrainingPlanInput,
  type TrainingRecordDto,
  type TrainingRecordInput,
  feeAboveStandard,
  trainingFeeStandardFen,
  trainingPlanTransition,
} from '@onex/shared';
import type { z } from 'zod';
import type { qualificationFieldsSchema } from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { auditedTransaction } from '../audit/audit.service';
import { storeEvidenceFile } from '../files/files.service';
import { notify } from '../notifications/notifications.service';
import * as q from './training.queries';
import { coverageOf, pilotIsActive, planRequired } from './training.rules';

/** Who sees training: regional administrators their region's, a school its own, a department (and project leader) its pilots'. */
export const TRAINING_READ_ROLES: readonly Role[] = [
  'national_admin',
  'province_admin',
  'municipal_admin',
  'school_admin',
  'department_admin',
  'project_leader',
];
/** The school side writes plans, records and certificates (001 第六条（四）: the project leader draws up the plan). */
export const TRAINING_WRITE_ROLES: readonly Role[] = ['school_admin', 'department_admin', 'project_leader'];

const pilotFacts = (p: { province_code: string; city_code: string; school_id: string; department_id: string }) => ({
  provinceCode: p.province_code,
  cityCode: p.city_code,
  schoolId: p.school_id,
  departmentId: p.department_id,
});

/** A project leader works on its own pilots only (those it leads or drew up, as for filings); undefined: no narrowing. */
const leaderOf = (actor: Actor) => (actor.role === 'project_leader' ? actor.userId : undefined);
const leads = (actor: Actor, p: { project_leader_user_id: string | null; filing_created_by: string | null }) =>
  actor.role !== 'project_leader' || p.project_leader_user_id === actor.userId || p.filing_created_by === actor.userId;

/** An approved, running pilot the actor may write for; outside its scope → 404. */
async function writablePilot(db: Db, actor: Actor, filingId: string) {
  const p = await q.findPilot(db, filingId);
  if (!p || !inScope(scopeOf(actor), pilotFacts(p)) || !leads(actor, p)) throw notFound();
  if (!TRAINING_WRITE_ROLES.includes(actor.role)) throw forbidden();
  if (!pilotIsActive(p)) throw new AppError('TRAINING_PILOT_NOT_APPROVED');
  return p;
}

// ---- plans ----

function planDto(p: q.PlanRow, events: Awaited<ReturnType<typeof q.eventsOf>>): TrainingPlanDto {
  const scale = Number(p.student_scale);
  const required = planRequired(p.kind, scale);
  return {
    id: p.id,
    filingId: p.filing_id,
    schoolId: p.school_id,
    schoolName: p.school_name,
    departmentId: p.department_id,
    certificateTypeName: p.certificate_type_name,
    year: p.year,
    kind: p.kind,
    title: p.title,
    plannedTrainees: p.planned_trainees,
    studentScale: scale,
    requiredTrainees: required,
    undersized: p.planned_trainees < required,
    content: p.content,
    status: p.status,
    events: events
      .filter((e) => e.plan_id === p.id)
      .map((e) => ({
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        actorName: e.actor_name,
        comment: e.comment,
        at: e.at.toISOString(),
      })),
  };
}

async function planOut(db: Db, id: string) {
  const p = (await q.findPlan(db, id))!;
  return planDto(p, await q.eventsOf(db, [id]));
}

export async function listPlans(
  deps: Deps,
  ctx: RequestContext,
  f: { status?: TrainingPlanDto['status']; kind?: TrainingPlanDto['kind']; year?: number; page: number; pageSize: number },
): Promise<Page<TrainingPlanDto>> {
  const actor = requireActor(ctx, TRAINING_READ_ROLES);
  const { items, total } = await q.listPlans(deps.db, scopeOf(actor), { ...f, leader: leaderOf(actor) }, f.page, f.pageSize);
  const events = await q.eventsOf(
    deps.db,
    items.map((p) => p.id),
  );
  return { items: items.map((p) => planDto(p, events)), total, page: f.page, pageSize: f.pageSize };
}

async function visiblePlan(db: Db, actor: Actor, id: string, lock = false) {
  const p = await (lock ? q.lockPlan(db, id) : q.findPlan(db, id));
  if (!p || !TRAINING_READ_ROLES.includes(actor.role) || !inScope(scopeOf(actor), pilotFacts(p)) || !leads(actor, p)) throw notFound();
  return p;
}

export async function getPlan(deps: Deps, ctx: RequestContext, id: string): Promise<TrainingPlanDto> {
  const actor = requireActor(ctx, TRAINING_READ_ROLES);
  await visiblePlan(deps.db, actor, id);
  return planOut(deps.db, id);
}

/** R9.3: a plan for a running pilot; its size is compared with the pilot's student scale (三.4). */
export async function createPlan(deps: Deps, ctx: RequestContext, b: TrainingPlanInput): Promise<TrainingPlanDto> {
  const actor = requireActor(ctx, TRAINING_WRITE_ROLES);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const pilot = await writablePilot(trx, actor, b.filingId);
    const id = await q.insertPlan(trx, { pilot, ...b, at: now, by: actor.userId });
    const out = await planOut(trx, id);
    return {
      result: out,
      audit: {
        action: 'training_plan.create',
        targetType: 'training_plan',
        targetId: id,
        summary: {
          filingId: b.filingId,
          kind: b.kind,
          year: b.year,
          plannedTrainees: b.plannedTrainees,
          requiredTrainees: out.requiredTrainees,
        },
        scope: { provinceCode: pilot.province_code, cityCode: pilot.city_code, schoolId: pilot.school_id },
      },
    };
  });
}

const ACTION_AUDIT = {
  submit: 'training_plan.submit',
  department_approve: 'training_plan.department_approve',
  academic_approve: 'training_plan.academic_approve',
  return: 'training_plan.return',
} as const satisfies Record<TrainingPlanAction, string>;

/** 001 第六条（四）: submit → 二级学院（部） → 教务部, by the table; who is told at each step. */
export async function actOnPlan(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  action: TrainingPlanAction,
  comment: string | undefined,
): Promise<TrainingPlanDto> {
  const actor = requireActor(ctx, TRAINING_READ_ROLES);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const p = await visiblePlan(trx, actor, id, true);
    const t = trainingPlanTransition(action, p.status);
    if (!t) throw new AppError('TRAINING_PLAN_TRANSITION_INVALID', { status: p.status, action });
    if (!t.roles.includes(actor.role)) throw forbidden();
    if (t.commentRequired && !comment) throw new AppError('TRAINING_PLAN_COMMENT_REQUIRED');
    await q.setPlanStatus(trx, id, t.to, now);
    await q.insertPlanEvent(trx, {
      planId: id,
      action,
      from: p.status,
      to: t.to,
      actorId: actor.userId,
      actorName: actor.displayName,
      comment: comment ?? null,
      at: now,
    });
    // A submitted plan goes to the administrators of its own department (others cannot open it).
    const to =
      t.to === 'submitted'
        ? { userIds: await q.departmentAdmins(trx, p.department_id) }
        : t.to === 'department_approved'
          ? { role: 'school_admin' as const, schoolId: p.school_id }
          : null;
    if (to)
      await notify(trx, now, {
        to,
        kind: 'training_plan',
        title: `培训计划待审核：${p.title}`,
        link: '/training',
        exceptUserId: actor.userId,
      });
    else if (p.created_by)
      await notify(trx, now, {
        to: { userIds: [p.created_by] },
        kind: 'training_plan',
        title: `培训计划${t.to === 'approved' ? '已审核通过' : '被退回'}：${p.title}`,
        body: comment ?? '',
        link: '/training',
        exceptUserId: actor.userId,
      });
    return {
      result: await planOut(trx, id),
      audit: {
        action: ACTION_AUDIT[action],
        targetType: 'training_plan',
        targetId: id,
        summary: { from: p.status, to: t.to, comment: comment ?? null },
        scope: { provinceCode: p.province_code, cityCode: p.city_code, schoolId: p.school_id },
      },
    };
  });
}

// ---- records ----

function recordDto(r: q.RecordRow): TrainingRecordDto {
  return {
    id: r.id,
    filingId: r.filing_id,
    planId: r.plan_id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    certificateTypeName: r.certificate_type_name,
    kind: r.kind,
    teacherName: r.teacher_name,
    course: r.course,
    provider: r.provider,
    startDate: r.start_date,
    days: r.days,
    hours: Number(r.hours),
    feeFen: r.fee_fen,
    standardFen: r.standard_fen,
    feeAboveStandard: r.fee_above_standard,
    workloadHours: Number(r.workload_hours),
  };
}

export async function listRecords(
  deps: Deps,
  ctx: RequestContext,
  f: { kind?: TrainingRecordDto['kind']; feeAboveStandard?: 'true' | 'false'; q?: string; page: number; pageSize: number },
): Promise<Page<TrainingRecordDto>> {
  const actor = requireActor(ctx, TRAINING_READ_ROLES);
  const { items, total } = await q.listRecords(
    deps.db,
    scopeOf(actor),
    {
      kind: f.kind,
      q: f.q,
      feeAboveStandard: f.feeAboveStandard === undefined ? undefined : f.feeAboveStandard === 'true',
      leader: leaderOf(actor),
    },
    f.page,
    f.pageSize,
  );
  return { items: items.map(recordDto), total, page: f.page, pageSize: f.pageSize };
}

/** R9.3: who, course, provider, hours, fee and workload; a fee above the national standard is recorded and flagged (三.4). */
export async function createRecord(deps: Deps, ctx: RequestContext, b: TrainingRecordInput): Promise<TrainingRecordDto> {
  const actor = requireActor(ctx, TRAINING_WRITE_ROLES);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const pilot = await writablePilot(trx, actor, b.filingId);
    if (b.planId) {
      const plan = await q.findPlan(trx, b.planId);
      if (!plan || plan.filing_id !== pilot.id) throw new AppError('TRAINING_PLAN_MISMATCH');
    }
    const standardFen = trainingFeeStandardFen(b.days);
    const above = feeAboveStandard(b.feeFen, b.days);
    const id = await q.insertRecord(trx, {
      pilot,
      planId: b.planId ?? null,
      kind: b.kind,
      teacherName: b.teacherName,
      course: b.course,
      provider: b.provider,
      startDate: b.startDate,
      days: b.days,
      hours: b.hours,
      feeFen: b.feeFen,
      standardFen,
      feeAboveStandard: above,
      workloadHours: b.workloadHours,
      at: now,
      by: actor.userId,
    });
    return {
      result: recordDto((await q.findRecord(trx, id))!),
      audit: {
        action: 'training_record.create',
        targetType: 'training_record',
        targetId: id,
        summary: {
          filingId: pilot.id,
          kind: b.kind,
          course: b.course,
          provider: b.provider,
          feeFen: b.feeFen,
          standardFen,
          feeAboveStandard: above,
        },
        scope: { provinceCode: pilot.province_code, cityCode: pilot.city_code, schoolId: pilot.school_id },
      },
    };
  });
}

// ---- teachers' own certificates ----

function qualificationDto(x: q.QualificationRow): QualificationDto {
  return {
    id: x.id,
    schoolId: x.school_id,
    schoolName: x.school_name,
    teacherName: x.teacher_name,
    kind: x.kind,
    certificateTypeId: x.certificate_type_id,
    certificateTypeName: x.certificate_type_name,
    level: x.level,
    number: x.number,
    issuedOn: x.issued_on,
    evidenceFileId: x.evidence_file_id,
  };
}

export async function listQualifications(
  deps: Deps,
  ctx: RequestContext,
  f: { kind?: QualificationDto['kind']; q?: string; page: number; pageSize: number },
): Promise<Page<QualificationDto>> {
  const actor = requireActor(ctx, TRAINING_READ_ROLES);
  const { items, total } = await q.listQualifications(deps.db, scopeOf(actor), f, f.page, f.pageSize);
  return { items: items.map(qualificationDto), total, page: f.page, pageSize: f.pageSize };
}

/** A teacher's X certificate or 考评员 qualification, with its evidence (PDF, PNG or JPEG by content). */
export async function createQualification(
  deps: Deps,
  ctx: RequestContext,
  b: z.infer<typeof qualificationFieldsSchema>,
  file: { bytes: Buffer; filename: string },
): Promise<QualificationDto> {
  const actor = requireActor(ctx, TRAINING_WRITE_ROLES);
  const school = await q.schoolFacts(deps.db, actor.schoolId ?? '');
  if (!school) throw forbidden();
  if (!(await q.certificateTypeExists(deps.db, b.certificateTypeId))) throw notFound();
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const evidence = await storeEvidenceFile(trx, ctx, file.bytes, file.filename, {
      at: now,
      owner: { provinceCode: school.province_code, schoolId: school.id },
    });
    const id = await q.insertQualification(trx, {
      school,
      teacherName: b.teacherName,
      kind: b.kind,
      certificateTypeId: b.certificateTypeId,
      level: b.level ?? null,
      number: b.number,
      issuedOn: b.issuedOn,
      evidenceFileId: evidence.id,
      at: now,
      by: actor.userId,
    });
    return {
      result: qualificationDto((await q.findQualification(trx, id))!),
      audit: {
        action: 'teacher_qualification.create',
        targetType: 'teacher_qualification',
        targetId: id,
        summary: { kind: b.kind, certificateTypeId: b.certificateTypeId, number: b.number, evidenceFileId: evidence.id },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

// ---- coverage ----

/** R9.3: every running pilot in scope with its trained teachers and assessors against what its scale needs. */
export async function coverage(
  deps: Deps,
  ctx: RequestContext,
  f: { shortOnly?: 'true' | 'false'; page: number; pageSize: number },
): Promise<Page<CoverageRowDto>> {
  const actor = requireActor(ctx, TRAINING_READ_ROLES);
  const pilots = await q.activePilots(deps.db, scopeOf(actor), leaderOf(actor));
  const trained = await q.trainedPeople(
    deps.db,
    pilots.map((p) => p.id),
  );
  const qualified = await q.qualifiedPeople(deps.db, [...new Set(pilots.map((p) => p.school_id))]);
  const rows = pilots
    .map((p) => ({
      filingId: p.id,
      schoolId: p.school_id,
      schoolName: p.school_name,
      certificateTypeName: p.certificate_type_name,
      studentScale: Number(p.student_scale),
      ...coverageOf(
        { filingId: p.id, schoolId: p.school_id, certificateTypeId: p.certificate_type_id, studentScale: Number(p.student_scale) },
        trained,
        qualified,
      ),
    }))
    .filter((r) => f.shortOnly !== 'true' || r.short);
  return { items: rows.slice((f.page - 1) * f.pageSize, f.page * f.pageSize), total: rows.length, page: f.page, pageSize: f.pageSize };
}

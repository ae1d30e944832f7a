import { type SqlBool, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import { containsPattern, paginate } from '../../db/list-query';
import { scopeWhere } from '../../db/scope-filter';
import type { Db } from '../../db/types';

const SCOPE_COLS = (t: string) => ({
  provinceCode: `${t}.province_code`,
  cityCode: `${t}.city_code`,
  schoolId: `${t}.school_id`,
  departmentId: `${t}.department_id`,
});

/** The participating students of a pilot: 申请培训人数 of its 申报计划, summed over its majors. */
const studentScale = sql<string>`(SELECT coalesce(sum(m.planned_trainees), 0) FROM filing_majors m WHERE m.filing_id = f.id)`;

/**
 * A project leader's own pilots (the parties' table: 试点负责人 — its own pilot project), as filings decide it: those it
 * leads or drew up. Undefined: no narrowing (every other role).
 */
const ledBy = (userId: string | undefined) =>
  userId === undefined ? sql<SqlBool>`true` : sql<SqlBool>`(f.project_leader_user_id = ${userId} OR f.created_by = ${userId})`;

const pilotBase = (db: Db) =>
  db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select([
      'f.id',
      'f.status',
      'f.decision',
      'f.pilot_ended_year',
      'f.cancelled_at',
      'f.school_id',
      'f.department_id',
      'f.province_code',
      'f.city_code',
      'f.certificate_type_id',
      'f.project_leader_user_id',
      'f.created_by as filing_created_by',
      's.name as school_name',
      'ct.name as certificate_type_name',
      studentScale.as('student_scale'),
    ]);
export type PilotRow = Awaited<ReturnType<ReturnType<typeof pilotBase>['executeTakeFirstOrThrow']>>;

export function findPilot(db: Db, filingId: string) {
  return pilotBase(db).where('f.id', '=', filingId).executeTakeFirst();
}

/** Approved pilots in scope that have not ended or been cancelled: the rows of the coverage view. */
export function activePilots(db: Db, scope: Scope, leader?: string) {
  return pilotBase(db)
    .where(scopeWhere(scope, SCOPE_COLS('f')))
    .where(ledBy(leader))
    .where((eb) => eb.or([eb('f.status', '=', 'approved'), eb.and([eb('f.status', '=', 'published'), eb('f.decision', '=', 'approved')])]))
    .where('f.cancelled_at', 'is', null)
    .where('f.pilot_ended_year', 'is', null)
    .orderBy('s.name')
    .orderBy('ct.name')
    .execute();
}

// ---- plans ----

export async function insertPlan(
  db: Db,
  p: {
    pilot: PilotRow;
    year: number;
    kind: 'teacher' | 'assessor';
    title: string;
    plannedTrainees: number;
    content: string;
    at: Date;
    by: string | null;
  },
): Promise<string> {
  const r = await db
    .insertInto('training_plans')
    .values({
      filing_id: p.pilot.id,
      province_code: p.pilot.province_code,
      city_code: p.pilot.city_code,
      school_id: p.pilot.school_id,
      department_id: p.pilot.department_id,
      year: p.year,
      kind: p.kind,
      title: p.title,
      planned_trainees: p.plannedTrainees,
      content: p.content,
      created_at: p.at,
      created_by: p.by,
      updated_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const planBase = (db: Db) =>
  db
    .selectFrom('training_plans as p')
    .innerJoin('filings as f', 'f.id', 'p.filing_id')
    .innerJoin('schools as s', 's.id', 'p.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .selectAll('p')
    .select([
      's.name as school_name',
      'ct.name as certificate_type_name',
      studentScale.as('student_scale'),
      'f.project_leader_user_id',
      'f.created_by as filing_created_by',
    ]);
export type PlanRow = Awaited<ReturnType<ReturnType<typeof planBase>['executeTakeFirstOrThrow']>>;

export function findPlan(db: Db, id: string) {
  return planBase(db).where('p.id', '=', id).executeTakeFirst();
}
export async function lockPlan(db: Db, id: string) {
  await db.selectFrom('training_plans').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return findPlan(db, id);
}
export function listPlans(
  db: Db,
  scope: Scope,
  f: { status?: string; kind?: string; year?: number; leader?: string },
  page: number,
  pageSize: number,
) {
  let q = planBase(db)
    .where(scopeWhere(scope, SCOPE_COLS('p')))
    .where(ledBy(f.leader));
  if (f.status) q = q.where('p.status', '=', f.status as 'draft');
  if (f.kind) q = q.where('p.kind', '=', f.kind as 'teacher');
  if (f.year) q = q.where('p.year', '=', f.year);
  return paginate(q.orderBy('p.year', 'desc').orderBy('p.created_at', 'desc').orderBy('p.id'), page, pageSize);
}
export function setPlanStatus(db: Db, id: string, status: PlanRow['status'], at: Date) {
  return db.updateTable('training_plans').set({ status, updated_at: at }).where('id', '=', id).execute();
}
export function insertPlanEvent(
  db: Db,
  e: {
    planId: string;
    action: string;
    from: string;
    to: string;
    actorId: string | null;
    actorName: string;
    comment: string | null;
    at: Date;
  },
) {
  return db
    .insertInto('training_plan_events')
    .values({
      plan_id: e.planId,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      actor_id: e.actorId,
      actor_name: e.actorName,
      comment: e.comment,
      at: e.at,
    })
    .execute();
}
export function eventsOf(db: Db, planIds: readonly string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('training_plan_events')
    .selectAll()
    .where('plan_id', 'in', [...planIds])
    .orderBy('seq')
    .execute();
}

// ---- records ----

export async function insertRecord(
  db: Db,
  r: {
    pilot: PilotRow;
    planId: string | null;
    kind: 'teacher' | 'assessor';
    teacherName: string;
    course: string;
    provider: string;
    startDate: string;
    days: number;
    hours: number;
    feeFen: number;
    standardFen: number;
    feeAboveStandard: boolean;
    workloadHours: number;
    at: Date;
    by: string | null;
  },
): Promise<string> {
  const x = await db
    .insertInto('training_records')
    .values({
      filing_id: r.pilot.id,
      plan_id: r.planId,
      province_code: r.pilot.province_code,
      city_code: r.pilot.city_code,
      school_id: r.pilot.school_id,
      department_id: r.pilot.department_id,
      kind: r.kind,
      teacher_name: r.teacherName,
      course: r.course,
      provider: r.provider,
      start_date: r.startDate,
      days: r.days,
      hours: r.hours,
      fee_fen: r.feeFen,
      standard_fen: r.standardFen,
      fee_above_standard: r.feeAboveStandard,
      workload_hours: r.workloadHours,
      created_at: r.at,
      created_by: r.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return x.id;
}

const recordBase = (db: Db) =>
  db
    .selectFrom('training_records as r')
    .innerJoin('filings as f', 'f.id', 'r.filing_id')
    .innerJoin('schools as s', 's.id', 'r.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .selectAll('r')
    .select(['s.name as school_name', 'ct.name as certificate_type_name']);
export type RecordRow = Awaited<ReturnType<ReturnType<typeof recordBase>['executeTakeFirstOrThrow']>>;

export function findRecord(db: Db, id: string) {
  return recordBase(db).where('r.id', '=', id).executeTakeFirst();
}
export function listRecords(
  db: Db,
  scope: Scope,
  f: { kind?: string; feeAboveStandard?: boolean; q?: string; leader?: string },
  page: number,
  pageSize: number,
) {
  let q = recordBase(db)
    .where(scopeWhere(scope, SCOPE_COLS('r')))
    .where(ledBy(f.leader));
  if (f.kind) q = q.where('r.kind', '=', f.kind as 'teacher');
  if (f.feeAboveStandard !== undefined) q = q.where('r.fee_above_standard', '=', f.feeAboveStandard);
  if (f.q)
    q = q.where((eb) =>
      eb.or([
        eb('r.teacher_name', 'ilike', containsPattern(f.q!)),
        eb('r.course', 'ilike', containsPattern(f.q!)),
        eb('r.provider', 'ilike', containsPattern(f.q!)),
      ]),
    );
  return paginate(q.orderBy('r.start_date', 'desc').orderBy('r.id'), page, pageSize);
}

/** Distinct trained people per pilot and kind (coverage). */
export function trainedPeople(db: Db, filingIds: readonly string[]) {
  if (filingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('training_records')
    .select(['filing_id', 'kind', 'teacher_name'])
    .distinct()
    .where('filing_id', 'in', [...filingIds])
    .execute();
}

// ---- qualifications ----

export async function insertQualification(
  db: Db,
  x: {
    school: { id: string; province_code: string; city_code: string };
    teacherName: string;
    kind: 'x_certificate' | 'assessor';
    certificateTypeId: string;
    level: 'junior' | 'intermediate' | 'senior' | null;
    number: string;
    issuedOn: string;
    evidenceFileId: string;
    at: Date;
    by: string | null;
  },
): Promise<string> {
  const r = await db
    .insertInto('teacher_qualifications')
    .values({
      province_code: x.school.province_code,
      city_code: x.school.city_code,
      school_id: x.school.id,
      teacher_name: x.teacherName,
      kind: x.kind,
      certificate_type_id: x.certificateTypeId,
      level: x.level,
      number: x.number,
      issued_on: x.issuedOn,
      evidence_file_id: x.evidenceFileId,
      created_at: x.at,
      created_by: x.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const qualificationBase = (db: Db) =>
  db
    .selectFrom('teacher_qualifications as t')
    .innerJoin('schools as s', 's.id', 't.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 't.certificate_type_id')
    .selectAll('t')
    .select(['s.name as school_name', 'ct.name as certificate_type_name']);
export type QualificationRow = Awaited<ReturnType<ReturnType<typeof qualificationBase>['executeTakeFirstOrThrow']>>;

export function findQualification(db: Db, id: string) {
  return qualificationBase(db).where('t.id', '=', id).executeTakeFirst();
}
/** Qualifications belong to a school (a department administrator sees its school's: a teacher may serve several pilots). */
export function listQualifications(db: Db, scope: Scope, f: { kind?: string; q?: string }, page: number, pageSize: number) {
  const s: Scope = scope.kind === 'department' ? { kind: 'school', schoolId: scope.schoolId } : scope;
  let q = qualificationBase(db).where(scopeWhere(s, { provinceCode: 't.province_code', cityCode: 't.city_code', schoolId: 't.school_id' }));
  if (f.kind) q = q.where('t.kind', '=', f.kind as 'assessor');
  if (f.q)
    q = q.where((eb) => eb.or([eb('t.teacher_name', 'ilike', containsPattern(f.q!)), eb('t.number', 'ilike', containsPattern(f.q!))]));
  return paginate(q.orderBy('t.issued_on', 'desc').orderBy('t.id'), page, pageSize);
}
export function qualifiedPeople(db: Db, schoolIds: readonly string[]) {
  if (schoolIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('teacher_qualifications')
    .select(['school_id', 'certificate_type_id', 'kind', 'teacher_name'])
    .distinct()
    .where('school_id', 'in', [...schoolIds])
    .execute();
}

export function schoolFacts(db: Db, id: string) {
  return db.selectFrom('schools').select(['id', 'name', 'province_code', 'city_code']).where('id', '=', id).executeTakeFirst();
}
export function certificateTypeExists(db: Db, id: string) {
  return db.selectFrom('certificate_types').select('id').where('id', '=', id).executeTakeFirst();
}

/** The active administrators of one department (a plan submitted for review is theirs to approve). */
export async function departmentAdmins(db: Db, departmentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'department_admin')
    .where('department_id', '=', departmentId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

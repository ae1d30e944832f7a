import type { CertificateLevel, ExamForm, ExamSessionStatus, RegistrationStatus } from '@onex/shared';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema';

/** Exam sessions (R5.2): Kysely only. */

function sessionsBase(db: Kysely<DB>) {
  return db
    .selectFrom('exam_sessions')
    .innerJoin('certificate_types', 'certificate_types.id', 'exam_sessions.certificate_type_id')
    .innerJoin('evaluation_orgs', 'evaluation_orgs.id', 'exam_sessions.org_id')
    .innerJoin('exam_sites', 'exam_sites.id', 'exam_sessions.exam_site_id')
    .leftJoin('schools as host', 'host.id', 'exam_sites.school_id')
    .selectAll('exam_sessions')
    .select((eb) => [
      'certificate_types.name as certificate_type_name',
      'evaluation_orgs.name as org_name',
      'evaluation_orgs.publicity_days as org_publicity_days',
      'exam_sites.name as site_name',
      'exam_sites.address as site_address',
      'exam_sites.school_id as site_school_id',
      'exam_sites.open_shared as site_open_shared',
      'host.name as site_school_name',
      eb
        .selectFrom('exam_registrations as reg')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('reg.session_id', '=', 'exam_sessions.id')
        .where('reg.status', '=', 'registered')
        .as('candidate_count'),
    ]);
}
export type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionsBase>['executeTakeFirstOrThrow']>>;

export function findSession(db: Kysely<DB>, id: string) {
  return sessionsBase(db).where('exam_sessions.id', '=', id).executeTakeFirst();
}

/** Serializes changes of a session and of its seats (capacity checks lock it too). */
export async function lockSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.selectFrom('exam_sessions').select('id').where('id', '=', id).forUpdate().execute();
}

export const sessionEq = (col: 'province_code' | 'city_code' | 'org_id', value: string): Expression<SqlBool> =>
  sql<SqlBool>`${sql.ref(`exam_sessions.${col}`)} = ${value}`;
export const ALL: Expression<SqlBool> = sql<SqlBool>`true`;
export const NONE: Expression<SqlBool> = sql<SqlBool>`false`;

/** An approved pilot (filing) of the school for the session's certificate (approved, or approved and published). */
function approvedPilotOf(schoolId: string): Expression<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM filings f WHERE f.school_id = ${schoolId}
    AND f.certificate_type_id = exam_sessions.certificate_type_id
    AND (f.status = 'approved' OR (f.status = 'published' AND f.decision = 'approved')))`;
}

/**
 * Sessions a school may see: at a site open to it (its own site, or an open-shared site of its province) for a
 * certificate it has an approved pilot of; any session at a site it hosts (it arranges invigilation, R5.4); any
 * session in which it has registrations.
 */
export function schoolSees(schoolId: string, provinceCode: string | null): Expression<SqlBool> {
  const shared = sql<SqlBool>`(exam_sites.status = 'approved' AND exam_sites.open_shared AND exam_sites.province_code = ${provinceCode ?? ''})`;
  const hasRegistrations = sql<SqlBool>`EXISTS (SELECT 1 FROM exam_registrations r
    WHERE r.session_id = exam_sessions.id AND r.school_id = ${schoolId})`;
  return sql<SqlBool>`(exam_sites.school_id = ${schoolId} OR (${shared} AND ${approvedPilotOf(schoolId)}) OR ${hasRegistrations})`;
}

/** An approved pilot (filing) of the department for the session's certificate. */
function approvedPilotOfDepartment(departmentId: string): Expression<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM filings f WHERE f.department_id = ${departmentId}
    AND f.certificate_type_id = exam_sessions.certificate_type_id
    AND (f.status = 'approved' OR (f.status = 'published' AND f.decision = 'approved')))`;
}

/**
 * Sessions a department (二级学院) may see (issue 17 item 3; 001 第十二条 selects its students, 第十五条 arranges
 * invigilation): at a site open to its school (the school's own site, or an open-shared site of the province) for a
 * certificate the department itself has an approved pilot of; any session in which its own students have
 * registrations. Another department's sessions are not its own (404).
 */
export function departmentSees(schoolId: string, departmentId: string, provinceCode: string | null): Expression<SqlBool> {
  const shared = sql<SqlBool>`(exam_sites.status = 'approved' AND exam_sites.open_shared AND exam_sites.province_code = ${provinceCode ?? ''})`;
  const ownStudents = sql<SqlBool>`EXISTS (SELECT 1 FROM exam_registrations r JOIN learners l ON l.id = r.learner_id
    WHERE r.session_id = exam_sessions.id AND r.school_id = ${schoolId} AND l.department_id = ${departmentId})`;
  return sql<SqlBool>`(((exam_sites.school_id = ${schoolId} OR ${shared}) AND ${approvedPilotOfDepartment(departmentId)}) OR ${ownStudents})`;
}

/** Learners: sessions at their school's own site or a shared site of the province, for a certificate the school pilots. */
function openToSchool(schoolId: string, provinceCode: string | null): Expression<SqlBool> {
  const shared = sql<SqlBool>`(exam_sites.status = 'approved' AND exam_sites.open_shared AND exam_sites.province_code = ${provinceCode ?? ''})`;
  return sql<SqlBool>`((exam_sites.school_id = ${schoolId} OR ${shared}) AND ${approvedPilotOf(schoolId)})`;
}

/** Sessions a learner sees: those open for registration to its school (pilot student) or shared in its province (social), and its own. */
export function learnerSees(learner: { id: string; schoolId: string | null; provinceCode: string | null }): Expression<SqlBool> {
  const own = sql<SqlBool>`EXISTS (SELECT 1 FROM exam_registrations r WHERE r.session_id = exam_sessions.id AND r.learner_id = ${learner.id})`;
  const openToIt = learner.schoolId
    ? openToSchool(learner.schoolId, learner.provinceCode)
    : sql<SqlBool>`(exam_sites.status = 'approved' AND exam_sites.open_shared AND exam_sites.province_code = ${learner.provinceCode ?? ''})`;
  return sql<SqlBool>`((exam_sessions.status = 'registration_open' AND ${openToIt}) OR ${own})`;
}

export async function sessionVisible(db: Kysely<DB>, id: string, where: Expression<SqlBool>): Promise<boolean> {
  const r = await sessionsBase(db).where('exam_sessions.id', '=', id).where(where).executeTakeFirst();
  return r !== undefined;
}

export interface SessionFilter {
  status?: ExamSessionStatus | undefined;
  certificateTypeId?: string | undefined;
  /** Sessions at sites hosted by this school (the department's 监考安排). */
  hostSchoolId?: string | undefined;
}

export async function listSessions(db: Kysely<DB>, where: Expression<SqlBool>, f: SessionFilter, page: number, pageSize: number) {
  let q = sessionsBase(db).where(where);
  if (f.status) q = q.where('exam_sessions.status', '=', f.status);
  if (f.certificateTypeId) q = q.where('exam_sessions.certificate_type_id', '=', f.certificateTypeId);
  if (f.hostSchoolId) q = q.where('exam_sites.school_id', '=', f.hostSchoolId);
  const [items, total] = await Promise.all([
    q
      .orderBy('exam_sessions.exam_date', 'desc')
      .orderBy('exam_sessions.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export interface NewSession {
  org_id: string;
  certificate_type_id: string;
  level: CertificateLevel;
  exam_site_id: string;
  province_code: string;
  city_code: string;
  exam_date: string;
  exam_form: ExamForm;
  capacity: number;
  registration_opens_at: Date;
  registration_closes_at: Date;
  created_at: Date;
  created_by: string | null;
}
export async function insertSession(db: Kysely<DB>, v: NewSession): Promise<string> {
  const r = await db.insertInto('exam_sessions').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateSessionStatus(
  db: Kysely<DB>,
  id: string,
  from: ExamSessionStatus,
  to: ExamSessionStatus,
  now: Date,
  extra: { scores_published_at?: Date } = {},
): Promise<boolean> {
  const r = await db
    .updateTable('exam_sessions')
    .set({ status: to, updated_at: now, ...extra })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertSessionEvent(
  db: Kysely<DB>,
  v: {
    session_id: string;
    province_code: string;
    action: string;
    from_status: ExamSessionStatus;
    to_status: ExamSessionStatus;
    comment: string | null;
    actor_id: string | null;
    at: Date;
  },
): Promise<void> {
  await db.insertInto('exam_session_events').values(v).execute();
}

export function sessionEvents(db: Kysely<DB>, id: string) {
  return db.selectFrom('exam_session_events').selectAll().where('session_id', '=', id).orderBy('at').orderBy('id').execute();
}

/** Registrations of a session by status; optionally only one school's (and one department's learners). */
export async function registrationCounts(db: Kysely<DB>, sessionId: string, schoolId?: string, departmentId?: string) {
  let q = db
    .selectFrom('exam_registrations')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('session_id', '=', sessionId)
    .groupBy('status');
  if (schoolId) q = q.where('school_id', '=', schoolId);
  if (departmentId)
    q = q.where('learner_id', 'in', db.selectFrom('learners').select('learners.id').where('learners.department_id', '=', departmentId));
  const rows = await q.execute();
  return rows.map((r) => ({ status: r.status as RegistrationStatus, n: Number(r.n) }));
}

/** The levels of a certificate with their exam forms. */
export async function levelForms(db: Kysely<DB>, certificateTypeId: string) {
  const rows = await db
    .selectFrom('certificate_levels as l')
    .leftJoin('certificate_level_exam_forms as f', 'f.level_id', 'l.id')
    .select(['l.level', 'f.form'])
    .where('l.certificate_type_id', '=', certificateTypeId)
    .execute();
  const out = new Map<CertificateLevel, ExamForm[]>();
  for (const r of rows) {
    const forms = out.get(r.level) ?? [];
    if (r.form) forms.push(r.form);
    out.set(r.level, forms);
  }
  return out;
}

export function siteForSession(db: Kysely<DB>, siteId: string) {
  return db.selectFrom('exam_sites').selectAll().where('id', '=', siteId).executeTakeFirst();
}

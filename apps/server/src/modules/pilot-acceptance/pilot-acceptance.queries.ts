import { type Expression, type SqlBool, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import type { PilotAcceptanceStatus } from '../../db/schema';
import { scopeWhere } from '../../db/scope-filter';
import type { Db } from '../../db/types';

/** SQL of pilot task books and acceptance (issue 18 item 5). */

const COLUMNS = { provinceCode: 'f.province_code', cityCode: 'f.city_code', schoolId: 'f.school_id', departmentId: 'f.department_id' };

/** A pilot: a filing the province approved and published (000 §二: the school knows the decision only then). */
function pilots(db: Db) {
  return db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .leftJoin('pilot_task_books as t', 't.filing_id', 'f.id')
    .where('f.decision', '=', 'approved')
    .where('f.status', '=', 'published');
}

export function listPilots(db: Db, scope: Scope, status?: PilotAcceptanceStatus) {
  let q = pilots(db)
    .select([
      'f.id as filing_id',
      'f.year',
      'ct.name as certificate_name',
      's.id as school_id',
      's.name as school_name',
      't.id as task_book_id',
      't.status',
      't.shortfalls',
    ])
    .where(scopeWhere(scope, COLUMNS) as Expression<SqlBool>);
  if (status) q = q.where('t.status', '=', status);
  return q.orderBy('f.year', 'desc').orderBy('s.name').orderBy('ct.name').limit(500).execute();
}

export function findPilot(db: Db, filingId: string) {
  return pilots(db)
    .select([
      'f.id as filing_id',
      'f.year',
      'f.province_code',
      'f.city_code',
      'f.school_id',
      'f.department_id',
      'ct.name as certificate_name',
      's.name as school_name',
      't.id as task_book_id',
    ])
    .where('f.id', '=', filingId)
    .executeTakeFirst();
}

export function findTaskBook(db: Db, filingId: string) {
  return db.selectFrom('pilot_task_books').selectAll().where('filing_id', '=', filingId).executeTakeFirst();
}

export function lockTaskBook(db: Db, filingId: string) {
  return db.selectFrom('pilot_task_books').selectAll().where('filing_id', '=', filingId).forUpdate().executeTakeFirst();
}

export function milestonesOf(db: Db, taskBookId: string) {
  return db.selectFrom('pilot_milestones').selectAll().where('task_book_id', '=', taskBookId).orderBy('position').execute();
}

export function mappingsOf(db: Db, taskBookId: string) {
  return db
    .selectFrom('pilot_course_mappings as m')
    .innerJoin('school_courses as c', 'c.id', 'm.course_id')
    .select(['m.course_id', 'c.code', 'c.name', 'm.module'])
    .where('m.task_book_id', '=', taskBookId)
    .orderBy('c.code')
    .execute();
}

export function eventsOf(db: Db, taskBookId: string) {
  return db.selectFrom('pilot_acceptance_events').selectAll().where('task_book_id', '=', taskBookId).orderBy('at').execute();
}

/**
 * What the records say of a pilot (001 第二十条): the candidates the filing planned, and those examined — registered
 * for the pilot with a current result — and passed.
 */
export async function pilotFigures(db: Db, filingId: string) {
  const r = await sql<{ planned: string; examined: string; passed: string }>`
    SELECT
      (SELECT coalesce(sum(planned_trainees), 0) FROM filing_majors WHERE filing_id = ${filingId})::text AS planned,
      count(DISTINCT reg.learner_id)::text AS examined,
      count(DISTINCT reg.learner_id) FILTER (WHERE res.passed)::text AS passed
    FROM exam_registrations reg
    JOIN exam_results res ON res.registration_id = reg.id AND res.superseded_at IS NULL
    WHERE reg.filing_id = ${filingId} AND reg.status = 'registered'`.execute(db);
  const row = r.rows[0]!;
  return { planned: Number(row.planned), examined: Number(row.examined), passed: Number(row.passed) };
}

export function coursesOfSchool(db: Db, schoolId: string, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('school_courses')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('id', 'in', [...ids])
    .execute();
}

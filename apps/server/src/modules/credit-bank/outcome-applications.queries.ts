import { type Expression, type Insertable, type SqlBool, sql } from 'kysely';
import { paginate } from '../../db/list-query';
import { type ScopeColumns, scopeWhere } from '../../db/scope-filter';
import type { Db } from '../../db/types';
import type { Scope } from '../../auth/scope';
import type { OutcomeApplicationStatus, OutcomeApplicationsTable } from '../../db/schema';

/** SQL of learners' own outcome applications (issue 18 item 6) and the public recognition lists (item 7). */

const COLUMNS: ScopeColumns = { provinceCode: 'a.province_code', cityCode: 'a.city_code', schoolId: 'a.school_id' };

function base(db: Db) {
  return db
    .selectFrom('outcome_applications as a')
    .innerJoin('learners as l', 'l.id', 'a.learner_id')
    .innerJoin('schools as s', 's.id', 'a.school_id')
    .selectAll('a')
    .select(['l.name as learner_name', 's.name as school_name']);
}
export type ApplicationRow = Awaited<ReturnType<typeof findApplication>> & object;

export function findApplication(db: Db, id: string) {
  return base(db).where('a.id', '=', id).executeTakeFirst();
}

export function lockApplication(db: Db, id: string) {
  return db.selectFrom('outcome_applications').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function listApplications(
  db: Db,
  f: { scope?: Scope; userId?: string; status?: OutcomeApplicationStatus | undefined },
  page: number,
  pageSize: number,
) {
  let q = base(db);
  if (f.scope) q = q.where(scopeWhere(f.scope, COLUMNS) as Expression<SqlBool>);
  if (f.userId) q = q.where('a.user_id', '=', f.userId);
  if (f.status) q = q.where('a.status', '=', f.status);
  return paginate(q.orderBy('a.created_at', 'desc').orderBy('a.id'), page, pageSize);
}

/** The learner row of a learner user that is enrolled at a school (the school reviews its applications). */
export function learnerOfUser(db: Db, userId: string) {
  return db
    .selectFrom('learners as l')
    .innerJoin('schools as s', 's.id', 'l.school_id')
    .select(['l.id', 'l.name', 'l.school_id', 's.province_code', 's.city_code', 's.name as school_name'])
    .where('l.user_id', '=', userId)
    .orderBy('l.created_at')
    .executeTakeFirst();
}

export function insertApplication(db: Db, values: Insertable<OutcomeApplicationsTable>) {
  return db.insertInto('outcome_applications').values(values).returning('id').executeTakeFirstOrThrow();
}

export function entryIdByKey(db: Db, key: string) {
  return db.selectFrom('learning_outcomes').select('id').where('idempotency_key', '=', key).executeTakeFirst();
}

// ---- Public recognition lists ----

/** Schools with published rules in force (the public list of schools). */
export async function schoolsWithPublishedRules(db: Db, today: string) {
  const r = await sql<{ id: string; name: string; province_code: string; rule_count: string }>`
    SELECT s.id, s.name, s.province_code, count(r.id)::text AS rule_count
    FROM schools s JOIN recognition_rules r ON r.school_id = s.id
    WHERE r.status = 'published' AND (r.valid_to IS NULL OR r.valid_to >= ${today}::date)
    GROUP BY s.id, s.name, s.province_code
    ORDER BY s.province_code, s.name`.execute(db);
  return r.rows;
}

export function publishedRulesOfSchool(db: Db, schoolId: string, today: string) {
  return db
    .selectFrom('recognition_rules as r')
    .innerJoin('school_majors as m', 'm.id', 'r.school_major_id')
    .select([
      'r.id',
      'r.code',
      'r.name',
      'm.name as major_name',
      'r.valid_from',
      'r.valid_to',
      'r.max_outcome_age_years',
      'r.basis',
      'r.published_at',
    ])
    .where('r.school_id', '=', schoolId)
    .where('r.status', '=', 'published')
    .where((eb) => eb.or([eb('r.valid_to', 'is', null), eb('r.valid_to', '>=', today)]))
    .orderBy('m.name')
    .orderBy('r.code')
    .execute();
}

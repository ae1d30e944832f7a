import type { ReportDutyStatus } from '@onex/shared';
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import { paginate } from '../../db/list-query';
import type { ReportTypesTable } from '../../db/schema';
import { scopeWhere } from '../../db/scope-filter';
import type { Db } from '../../db/types';

export type ReportTypeRow = Omit<Selectable<ReportTypesTable>, 'due_dates' | 'starts_on'> & { due_dates: string[]; starts_on: string };

/** Dates as text (the pg driver would turn a date[] into Date objects). */
const typeColumns = [
  'id',
  'name',
  'level',
  'province_code',
  'reporter_kind',
  'period',
  sql<string[]>`due_dates::text[]`.as('due_dates'),
  'deadline_days',
  sql<string>`starts_on::text`.as('starts_on'),
  'fields',
  'required',
  'miss_threshold',
  'active',
  'created_at',
  'created_by',
] as const;

export function insertReportType(db: Db, v: Insertable<ReportTypesTable>) {
  return db
    .insertInto('report_types')
    .values(v)
    .returning([...typeColumns])
    .executeTakeFirstOrThrow() as Promise<ReportTypeRow>;
}

/** Province types of the actor's province and national types (national: all). */
export function listReportTypes(db: Db, provinceCode: string | null, all: boolean) {
  let q = db.selectFrom('report_types').select([...typeColumns]);
  if (!all) q = q.where((eb) => eb.or([eb('level', '=', 'national'), eb('province_code', '=', provinceCode)]));
  return q.orderBy('created_at', 'desc').execute() as Promise<ReportTypeRow[]>;
}

export function activeReportTypes(db: Db) {
  return db
    .selectFrom('report_types')
    .select([...typeColumns])
    .where('active', '=', true)
    .execute() as Promise<ReportTypeRow[]>;
}

/** Approved pilots still running (not ended, not cancelled), in a province (or everywhere). */
export function pilotsFor(db: Db, provinceCode: string | null) {
  let q = db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .select(['f.id', 'f.province_code', 'f.city_code', 'f.school_id', 'f.department_id', 's.name as school_name'])
    .where('f.status', 'in', ['approved', 'published'])
    .where('f.decision', '=', 'approved')
    .where('f.pilot_ended_year', 'is', null)
    .where('f.cancelled_at', 'is', null);
  if (provinceCode) q = q.where('f.province_code', '=', provinceCode);
  return q.execute();
}

export interface NewDuty {
  report_type_id: string;
  filing_id: string;
  province_code: string;
  city_code: string;
  school_id: string;
  department_id: string;
  period_start: string;
  period_end: string;
  due_date: string;
  created_at: Date;
}

/** Inserts duties; an existing (type, pilot, period) is left as it is. Returns how many were new. */
export async function insertDuties(db: Db, rows: readonly NewDuty[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const r = await db
      .insertInto('report_duties')
      .values(rows.slice(i, i + 1000))
      .onConflict((c) => c.columns(['report_type_id', 'filing_id', 'period_start']).doNothing())
      .returning('id')
      .execute();
    n += r.length;
  }
  return n;
}

/** Every duty of a type (for the missed-reports check), with what the check needs. */
export function dutiesOfType(db: Db, typeId: string) {
  return db
    .selectFrom('report_duties as d')
    .innerJoin('schools as s', 's.id', 'd.school_id')
    .select([
      'd.filing_id',
      'd.status',
      sql<string>`d.due_date::text`.as('due_date'),
      sql<string>`d.period_start::text`.as('period_start'),
      'd.province_code',
      'd.city_code',
      'd.school_id',
      's.name as school_name',
    ])
    .where('d.report_type_id', '=', typeId)
    .execute();
}

export function openFlag(db: Db, filingId: string, typeId: string) {
  return db
    .selectFrom('pilot_flags')
    .select('id')
    .where('filing_id', '=', filingId)
    .where('report_type_id', '=', typeId)
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
}

export function insertFlag(
  db: Db,
  v: {
    filing_id: string;
    province_code: string;
    city_code: string;
    school_id: string;
    clause: string;
    jurisdiction: string;
    detail: string;
    report_type_id: string;
    flagged_at: Date;
  },
) {
  return db
    .insertInto('pilot_flags')
    .values({ ...v, kind: 'missed_reports' })
    .onConflict((c) => c.doNothing())
    .returning('id')
    .executeTakeFirst();
}

const dutyView = (db: Db) =>
  db
    .selectFrom('report_duties as d')
    .innerJoin('report_types as t', 't.id', 'd.report_type_id')
    .innerJoin('filings as f', 'f.id', 'd.filing_id')
    .innerJoin('schools as s', 's.id', 'd.school_id')
    .innerJoin('departments as dep', 'dep.id', 'd.department_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select([
      'd.id',
      'd.report_type_id',
      't.name as report_type_name',
      't.reporter_kind',
      't.level as type_level',
      't.fields',
      'd.filing_id',
      'f.project_leader_user_id',
      's.name as school_name',
      'dep.name as department_name',
      'ct.name as certificate_type_name',
      sql<string>`d.period_start::text`.as('period_start'),
      sql<string>`d.period_end::text`.as('period_end'),
      sql<string>`d.due_date::text`.as('due_date'),
      'd.status',
      'd.submitted_at',
      'd.late',
      'd.answers',
      'd.opinion',
      'd.province_code',
      'd.city_code',
      'd.school_id',
      'd.department_id',
    ]);
export type DutyRow = Awaited<ReturnType<typeof findDuty>> & {};

export const dutyScope = (scope: Scope) =>
  scopeWhere(scope, { provinceCode: 'd.province_code', cityCode: 'd.city_code', schoolId: 'd.school_id', departmentId: 'd.department_id' });

export function findDuty(db: Db, id: string) {
  return dutyView(db).where('d.id', '=', id).executeTakeFirst();
}

export function lockDuty(db: Db, id: string) {
  return db.selectFrom('report_duties').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export function listDuties(
  db: Db,
  scope: Scope,
  f: {
    reportTypeId?: string | undefined;
    status?: ReportDutyStatus | undefined;
    missed?: boolean | undefined;
    late?: boolean | undefined;
  },
  today: string,
  page: number,
  pageSize: number,
) {
  let q = dutyView(db).where(dutyScope(scope)).where('d.period_start', '<=', today);
  if (f.reportTypeId) q = q.where('d.report_type_id', '=', f.reportTypeId);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.missed !== undefined) {
    const missed = sql<boolean>`(d.status IN ('pending', 'returned') AND d.due_date < ${today}::date)`;
    q = q.where(f.missed ? missed : sql<boolean>`NOT ${missed}`);
  }
  if (f.late !== undefined) q = q.where('d.late', '=', f.late);
  return paginate(q.orderBy('d.due_date', 'desc').orderBy('s.name').orderBy('d.id'), page, pageSize);
}

export function updateDuty(
  db: Db,
  id: string,
  from: readonly ReportDutyStatus[],
  patch: {
    status: ReportDutyStatus;
    answers?: string;
    submitted_at?: Date;
    submitted_by?: string;
    late?: boolean;
    reviewed_at?: Date | null;
    reviewed_by?: string | null;
    opinion?: string | null;
  },
) {
  return db
    .updateTable('report_duties')
    .set(patch)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .returning('id')
    .executeTakeFirst();
}

/** Duties still to file that fall due between two dates (inclusive), for reminders. */
export function dutiesDueBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('report_duties as d')
    .innerJoin('report_types as t', 't.id', 'd.report_type_id')
    .innerJoin('filings as f', 'f.id', 'd.filing_id')
    .select([
      'd.id',
      't.name as type_name',
      't.reporter_kind',
      sql<string>`d.due_date::text`.as('due_date'),
      'd.school_id',
      'd.department_id',
      'f.project_leader_user_id',
    ])
    .where('d.status', 'in', ['pending', 'returned'])
    .where('d.due_date', '>=', from)
    .where('d.due_date', '<=', to)
    .execute();
}

/** Active accounts of a department's administrators. */
export async function departmentAdmins(db: Db, departmentId: string): Promise<string[]> {
  const r = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'department_admin')
    .where('department_id', '=', departmentId)
    .where('status', '=', 'active')
    .execute();
  return r.map((u) => u.id);
}

export function listFlags(db: Db, scope: Scope) {
  return db
    .selectFrom('pilot_flags as p')
    .innerJoin('filings as f', 'f.id', 'p.filing_id')
    .innerJoin('schools as s', 's.id', 'p.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select([
      'p.id',
      'p.filing_id',
      's.name as school_name',
      'ct.name as certificate_type_name',
      'p.kind',
      'p.clause',
      'p.jurisdiction',
      'p.detail',
      'p.flagged_at',
    ])
    .where(
      scopeWhere(scope, {
        provinceCode: 'p.province_code',
        cityCode: 'p.city_code',
        schoolId: 'p.school_id',
        departmentId: 'f.department_id',
      }),
    )
    .where('p.cleared_at', 'is', null)
    .orderBy('p.flagged_at', 'desc')
    .execute();
}

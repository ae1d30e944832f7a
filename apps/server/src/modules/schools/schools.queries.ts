import type { SchoolFlag, SchoolStatus, SchoolType } from '@onex/shared';
import { type Kysely, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import type { DB, TrainingRoomJson } from '../../db/schema';
import { scopeWhere } from '../../db/scope-filter';
import { containsPattern } from '../../db/list-query';

const SCHOOL_SCOPE_COLUMNS = { provinceCode: 'schools.province_code', cityCode: 'schools.city_code', schoolId: 'schools.id' } as const;
const MAJOR_SCOPE_COLUMNS = { ...SCHOOL_SCOPE_COLUMNS, departmentId: 'school_majors.department_id' } as const;

// ── Schools ──────────────────────────────────────────────────────────────────

function schoolsBase(db: Kysely<DB>) {
  return db
    .selectFrom('schools')
    .leftJoin('regions as p', 'p.code', 'schools.province_code')
    .leftJoin('regions as c', 'c.code', 'schools.city_code')
    .leftJoin('users as applicant', 'applicant.id', 'schools.applicant_user_id')
    .selectAll('schools')
    .select((eb) => [
      'p.name as province_name',
      'applicant.username as applicant_username',
      'c.name as city_name',
      eb
        .selectFrom('departments')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('departments.school_id', '=', 'schools.id')
        .as('department_count'),
      eb
        .selectFrom('school_majors')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('school_majors.school_id', '=', 'schools.id')
        .as('major_count'),
    ]);
}
export type SchoolRow = Awaited<ReturnType<ReturnType<typeof schoolsBase>['executeTakeFirstOrThrow']>>;

export interface SchoolFilter {
  q?: string | undefined;
  status?: SchoolStatus | undefined;
  schoolType?: SchoolType | undefined;
  provinceCode?: string | undefined;
  cityCode?: string | undefined;
}

export async function listSchools(db: Kysely<DB>, scope: Scope, f: SchoolFilter, page: number, pageSize: number) {
  let q = schoolsBase(db).where(scopeWhere(scope, SCHOOL_SCOPE_COLUMNS));
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('schools.name', 'ilike', like), eb('schools.credit_code', 'ilike', like)]));
  }
  if (f.status) q = q.where('schools.status', '=', f.status);
  if (f.schoolType) q = q.where('schools.school_type', '=', f.schoolType);
  if (f.provinceCode) q = q.where('schools.province_code', '=', f.provinceCode);
  if (f.cityCode) q = q.where('schools.city_code', '=', f.cityCode);
  const [items, total] = await Promise.all([
    q
      .orderBy('schools.province_code')
      .orderBy('schools.name')
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

export function findSchool(db: Kysely<DB>, id: string) {
  return schoolsBase(db).where('schools.id', '=', id).executeTakeFirst();
}

/** Locks the school row for the rest of the transaction. */
export function lockSchool(db: Kysely<DB>, id: string) {
  return db.selectFrom('schools').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Another school with this credit code or name (one registration per school). */
export function findDuplicateSchool(db: Kysely<DB>, f: { creditCode?: string | undefined; name?: string | undefined }, exceptId?: string) {
  return db
    .selectFrom('schools')
    .select(['id', 'name', 'credit_code'])
    .where((eb) =>
      eb.or([
        ...(f.creditCode ? [eb('credit_code', '=', f.creditCode)] : []),
        ...(f.name ? [eb('name', '=', f.name)] : []),
        ...(!f.creditCode && !f.name ? [sql<boolean>`false`] : []),
      ]),
    )
    .$if(!!exceptId, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst();
}

export function findRegion(db: Kysely<DB>, code: string) {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

export interface SchoolValues {
  name: string;
  creditCode: string | null;
  schoolType: SchoolType;
  provinceCode: string;
  cityCode: string;
  flags: SchoolFlag[];
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

export async function insertSchool(db: Kysely<DB>, v: SchoolValues, by: string, at: Date): Promise<string> {
  const r = await db
    .insertInto('schools')
    .values({
      name: v.name,
      credit_code: v.creditCode,
      school_type: v.schoolType,
      province_code: v.provinceCode,
      city_code: v.cityCode,
      status: 'pending',
      flags: v.flags,
      address: v.address,
      contact_name: v.contactName,
      contact_phone: v.contactPhone,
      updated_at: at,
      registered_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export const SCHOOL_COLUMN: Record<keyof SchoolValues, keyof DB['schools']> = {
  name: 'name',
  creditCode: 'credit_code',
  schoolType: 'school_type',
  provinceCode: 'province_code',
  cityCode: 'city_code',
  flags: 'flags',
  address: 'address',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
};

export async function updateSchool(db: Kysely<DB>, id: string, changes: Partial<SchoolValues>, at: Date): Promise<void> {
  const set: Record<string, unknown> = { updated_at: at };
  for (const [k, v] of Object.entries(changes)) set[SCHOOL_COLUMN[k as keyof SchoolValues]] = v;
  await db.updateTable('schools').set(set).where('id', '=', id).execute();
}

/** pending → approved; false when it was not pending any more. */
export async function approveSchool(db: Kysely<DB>, id: string, by: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('schools')
    .set({ status: 'approved', approved_by: by, approved_at: at, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── Departments ──────────────────────────────────────────────────────────────

function departmentsBase(db: Kysely<DB>) {
  return db
    .selectFrom('departments')
    .innerJoin('schools', 'schools.id', 'departments.school_id')
    .select((eb) => [
      'departments.id',
      'departments.name',
      'departments.school_id',
      'schools.province_code',
      'schools.city_code',
      eb
        .selectFrom('school_majors')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('school_majors.department_id', '=', 'departments.id')
        .as('major_count'),
    ]);
}
export type DepartmentRow = Awaited<ReturnType<ReturnType<typeof departmentsBase>['executeTakeFirstOrThrow']>>;

export function listDepartments(db: Kysely<DB>, schoolId: string, scope: Scope) {
  return departmentsBase(db)
    .where('departments.school_id', '=', schoolId)
    .where(scopeWhere(scope, { ...SCHOOL_SCOPE_COLUMNS, departmentId: 'departments.id' }))
    .orderBy('departments.name')
    .execute();
}

export function findDepartment(db: Kysely<DB>, id: string) {
  return departmentsBase(db).where('departments.id', '=', id).executeTakeFirst();
}

export function findDepartmentByName(db: Kysely<DB>, schoolId: string, name: string, exceptId?: string) {
  return db
    .selectFrom('departments')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('name', '=', name)
    .$if(!!exceptId, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst();
}

export async function insertDepartment(db: Kysely<DB>, schoolId: string, name: string): Promise<string> {
  const r = await db.insertInto('departments').values({ school_id: schoolId, name }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function renameDepartment(db: Kysely<DB>, id: string, name: string) {
  await db.updateTable('departments').set({ name }).where('id', '=', id).execute();
}

/** Majors or accounts still bound to the department. */
export async function departmentInUse(db: Kysely<DB>, id: string): Promise<boolean> {
  const major = await db.selectFrom('school_majors').select('id').where('department_id', '=', id).limit(1).executeTakeFirst();
  const user = await db.selectFrom('users').select('id').where('department_id', '=', id).limit(1).executeTakeFirst();
  return !!major || !!user;
}

export async function deleteDepartment(db: Kysely<DB>, id: string) {
  await db.deleteFrom('departments').where('id', '=', id).execute();
}

export function departmentsOfSchool(db: Kysely<DB>, schoolId: string) {
  return db.selectFrom('departments').select(['id', 'name']).where('school_id', '=', schoolId).execute();
}

// ── School majors and yearly figures ─────────────────────────────────────────

function majorsBase(db: Kysely<DB>) {
  return db
    .selectFrom('school_majors')
    .innerJoin('departments', 'departments.id', 'school_majors.department_id')
    .innerJoin('schools', 'schools.id', 'school_majors.school_id')
    .select([
      'school_majors.id',
      'school_majors.school_id',
      'school_majors.department_id',
      'school_majors.major_code',
      'school_majors.name',
      'departments.name as department_name',
      'schools.province_code',
      'schools.city_code',
    ]);
}
export type MajorRow = Awaited<ReturnType<ReturnType<typeof majorsBase>['executeTakeFirstOrThrow']>>;

export function listMajors(db: Kysely<DB>, schoolId: string, scope: Scope, departmentId?: string) {
  return majorsBase(db)
    .where('school_majors.school_id', '=', schoolId)
    .where(scopeWhere(scope, MAJOR_SCOPE_COLUMNS))
    .$if(!!departmentId, (q) => q.where('school_majors.department_id', '=', departmentId!))
    .orderBy('departments.name')
    .orderBy('school_majors.major_code')
    .execute();
}

export function findMajor(db: Kysely<DB>, id: string) {
  return majorsBase(db).where('school_majors.id', '=', id).executeTakeFirst();
}

export function majorsOfSchool(db: Kysely<DB>, schoolId: string) {
  return db.selectFrom('school_majors').select(['id', 'major_code', 'department_id', 'name']).where('school_id', '=', schoolId).execute();
}

export function findMajorByCode(db: Kysely<DB>, schoolId: string, code: string) {
  return db.selectFrom('school_majors').select('id').where('school_id', '=', schoolId).where('major_code', '=', code).executeTakeFirst();
}

export interface MajorValues {
  schoolId: string;
  departmentId: string;
  provinceCode: string;
  majorCode: string;
  name: string;
}

export async function insertMajor(db: Kysely<DB>, v: MajorValues, at: Date): Promise<string> {
  const r = await db
    .insertInto('school_majors')
    .values({
      school_id: v.schoolId,
      department_id: v.departmentId,
      province_code: v.provinceCode,
      major_code: v.majorCode,
      name: v.name,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateMajor(
  db: Kysely<DB>,
  id: string,
  c: { departmentId?: string | undefined; majorCode?: string | undefined; name?: string | undefined },
  at: Date,
) {
  await db
    .updateTable('school_majors')
    .set({
      updated_at: at,
      ...(c.departmentId ? { department_id: c.departmentId } : {}),
      ...(c.majorCode ? { major_code: c.majorCode } : {}),
      ...(c.name ? { name: c.name } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteMajor(db: Kysely<DB>, id: string) {
  await db.deleteFrom('school_major_years').where('school_major_id', '=', id).execute();
  await db.deleteFrom('school_majors').where('id', '=', id).execute();
}

export function yearsOfMajors(db: Kysely<DB>, majorIds: string[]) {
  if (!majorIds.length) return Promise.resolve([]);
  return db.selectFrom('school_major_years').selectAll().where('school_major_id', 'in', majorIds).orderBy('year').execute();
}
export type MajorYearRow = Awaited<ReturnType<typeof yearsOfMajors>>[number];

export interface YearValues {
  year: number;
  enrolledStudents: number;
  fullTimeTeachers: number;
  partTimeTeachers: number;
  seniorTitleTeachers: number;
  dualQualifiedTeachers: number;
  industryExpertTeachers: number;
  nationalInnovationTeam: boolean;
  lastYearUsage: number;
  /** Absent: kept as they are (the import carries no facilities). */
  trainingRooms?: TrainingRoomJson[];
  offCampusBases?: { name: string }[];
}

/** Inserts or replaces a major's figures of one year. */
export async function upsertYear(
  db: Kysely<DB>,
  majorId: string,
  provinceCode: string,
  v: YearValues,
  by: string | null,
  at: Date,
): Promise<void> {
  const figures = {
    enrolled_students: v.enrolledStudents,
    full_time_teachers: v.fullTimeTeachers,
    part_time_teachers: v.partTimeTeachers,
    senior_title_teachers: v.seniorTitleTeachers,
    dual_qualified_teachers: v.dualQualifiedTeachers,
    industry_expert_teachers: v.industryExpertTeachers,
    national_innovation_team: v.nationalInnovationTeam,
    last_year_usage: v.lastYearUsage,
    updated_at: at,
    updated_by: by,
    ...(v.trainingRooms ? { training_rooms: JSON.stringify(v.trainingRooms) } : {}),
    ...(v.offCampusBases ? { off_campus_bases: JSON.stringify(v.offCampusBases) } : {}),
  };
  await db
    .insertInto('school_major_years')
    .values({ school_major_id: majorId, province_code: provinceCode, year: v.year, ...figures })
    .onConflict((c) => c.columns(['school_major_id', 'year']).doUpdateSet(figures))
    .execute();
}

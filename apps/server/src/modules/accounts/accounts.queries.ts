import { type Kysely, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import type { DB } from '../../db/schema';
import { scopeWhere } from '../../db/scope-filter';
import type { Role } from '@onex/shared';
import { containsPattern } from '../../db/list-query';

export const USER_SCOPE_COLUMNS = {
  provinceCode: 'users.province_code',
  cityCode: 'users.city_code',
  schoolId: 'users.school_id',
  departmentId: 'users.department_id',
  orgId: 'users.org_id',
  userId: 'users.id',
} as const;

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  provinceCode: string | null;
  cityCode: string | null;
  schoolId: string | null;
  departmentId: string | null;
  orgId: string | null;
  createdAt: Date;
  createdBy: string | null;
}

export async function insertUser(db: Kysely<DB>, u: NewUser): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: u.role,
      province_code: u.provinceCode,
      city_code: u.cityCode,
      school_id: u.schoolId,
      department_id: u.departmentId,
      org_id: u.orgId,
      created_at: u.createdAt,
      created_by: u.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function usernameExists(db: Kysely<DB>, username: string): Promise<boolean> {
  const r = await db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return !!r;
}

export function findRegion(db: Kysely<DB>, code: string) {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findSchool(db: Kysely<DB>, id: string) {
  return db.selectFrom('schools').select(['id', 'province_code', 'city_code']).where('id', '=', id).executeTakeFirst();
}

export function findDepartment(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('departments')
    .innerJoin('schools', 'schools.id', 'departments.school_id')
    .select(['departments.id', 'departments.school_id', 'schools.province_code', 'schools.city_code'])
    .where('departments.id', '=', id)
    .executeTakeFirst();
}

export function findOrg(db: Kysely<DB>, id: string) {
  return db.selectFrom('evaluation_orgs').select(['id']).where('id', '=', id).executeTakeFirst();
}

function accountsBase(db: Kysely<DB>) {
  return db
    .selectFrom('users')
    .leftJoin('regions as p', 'p.code', 'users.province_code')
    .leftJoin('regions as c', 'c.code', 'users.city_code')
    .leftJoin('schools', 'schools.id', 'users.school_id')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .leftJoin('evaluation_orgs', 'evaluation_orgs.id', 'users.org_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.status',
      'users.created_at',
      'users.province_code',
      'users.city_code',
      'users.school_id',
      'users.department_id',
      'users.org_id',
      'p.name as province_name',
      'c.name as city_name',
      'schools.name as school_name',
      'departments.name as department_name',
      'evaluation_orgs.name as org_name',
    ]);
}
export type AccountRow = Awaited<ReturnType<ReturnType<typeof accountsBase>['executeTakeFirstOrThrow']>>;

export async function listAccounts(
  db: Kysely<DB>,
  scope: Scope,
  f: { q?: string | undefined; role?: Role | undefined },
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('users').where(scopeWhere(scope, USER_SCOPE_COLUMNS));
  if (f.role) q = q.where('users.role', '=', f.role);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('users.username', 'ilike', like), eb('users.display_name', 'ilike', like)]));
  }
  const ids = q.select('users.id');
  const [items, total] = await Promise.all([
    accountsBase(db)
      .where('users.id', 'in', ids)
      .orderBy('users.created_at')
      .orderBy('users.username')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findAccount(db: Kysely<DB>, id: string) {
  return accountsBase(db).where('users.id', '=', id).executeTakeFirst();
}

export async function setUserStatus(db: Kysely<DB>, id: string, status: 'active' | 'disabled') {
  await db.updateTable('users').set({ status }).where('id', '=', id).execute();
  if (status === 'disabled') await db.deleteFrom('sessions').where('user_id', '=', id).execute();
}

export async function setUserPassword(db: Kysely<DB>, id: string, hash: string) {
  await db.updateTable('users').set({ password_hash: hash, password_changed_at: null }).where('id', '=', id).execute();
  await db.deleteFrom('sessions').where('user_id', '=', id).execute();
}

/** Places an administrator may bind new accounts to, limited to its scope (for the account form). */
export async function scopeOptions(db: Kysely<DB>, scope: Scope) {
  const provinces = db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'province').orderBy('code');
  const cities = db.selectFrom('regions').select(['code', 'name', 'parent_code']).where('level', '=', 'city').orderBy('code');
  const schools = db.selectFrom('schools').select(['id', 'name', 'province_code', 'city_code']).orderBy('name');
  const departments = db
    .selectFrom('departments')
    .innerJoin('schools', 'schools.id', 'departments.school_id')
    .select(['departments.id', 'departments.name', 'departments.school_id'])
    .orderBy('departments.name');
  const orgs = db.selectFrom('evaluation_orgs').select(['id', 'name']).orderBy('name');
  return {
    provinces: await provinces.where(scopeWhere(scope, { provinceCode: 'code' })).execute(),
    cities: await cities.where(scopeWhere(scope, { provinceCode: 'parent_code', cityCode: 'code' })).execute(),
    schools: await schools.where(scopeWhere(scope, { provinceCode: 'province_code', cityCode: 'city_code', schoolId: 'id' })).execute(),
    departments: await departments
      .where(
        scopeWhere(scope, {
          provinceCode: 'schools.province_code',
          cityCode: 'schools.city_code',
          schoolId: 'departments.school_id',
          departmentId: 'departments.id',
        }),
      )
      .execute(),
    orgs: await orgs.where(scopeWhere(scope, { orgId: 'id' })).execute(),
  };
}

export async function insertApiToken(db: Kysely<DB>, t: { userId: string; name: string; tokenHash: string; at: Date }): Promise<string> {
  const r = await db
    .insertInto('api_tokens')
    .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, created_at: t.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function listApiTokens(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

export function findApiToken(db: Kysely<DB>, id: string) {
  return db.selectFrom('api_tokens').select(['id', 'user_id', 'name', 'revoked_at']).where('id', '=', id).executeTakeFirst();
}

export async function revokeApiToken(db: Kysely<DB>, id: string, at: Date) {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

import { type Kysely, sql } from 'kysely';
import type { DB, UserRow } from '../../db/schema';

export function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Failed (or still unchecked) logins of a username since `since` and after its last successful login. */
export async function countRecentFailures(db: Kysely<DB>, username: string, since: Date): Promise<number> {
  const u = username.toLowerCase();
  const lastSuccess = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where(sql`lower(username)`, '=', u)
    .where('succeeded', '=', true)
    .where('at', '>=', since)
    .executeTakeFirst();
  const from = lastSuccess?.at && new Date(lastSuccess.at) > since ? new Date(lastSuccess.at) : since;
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(sql`lower(username)`, '=', u)
    .where('succeeded', '=', false)
    .where('at', '>', from)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Failed (or still unchecked) logins from one client address since `since`, whatever the username. */
export async function countAddressFailures(db: Kysely<DB>, clientIp: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('client_ip', '=', clientIp)
    .where('succeeded', '=', false)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Advisory lock class of login attempts (two-key form: the second key is a hash of the username or address).
const LOGIN_LOCK_CLASS = 0x4c4f47; // 'LOG'

/**
 * Serialises the login attempts of one client address and of one username until the transaction ends, so that
 * counting the earlier attempts and recording this one are one step. Always the address first, then the username.
 */
export async function lockLoginKeys(trx: Kysely<DB>, username: string, clientIp: string | null) {
  if (clientIp) await sql`SELECT pg_advisory_xact_lock(${LOGIN_LOCK_CLASS}::int, hashtext(${`ip:${clientIp}`}::text))`.execute(trx);
  await sql`SELECT pg_advisory_xact_lock(${LOGIN_LOCK_CLASS}::int, hashtext(${`user:${username.toLowerCase()}`}::text))`.execute(trx);
}

/** Records an attempt; a reserved attempt is written as failed and marked succeeded once its password matched. */
export async function insertLoginAttempt(
  db: Kysely<DB>,
  a: { username: string; at: Date; succeeded: boolean; clientIp: string | null },
): Promise<string> {
  const r = await db
    .insertInto('login_attempts')
    .values({ username: a.username, at: a.at, succeeded: a.succeeded, client_ip: a.clientIp })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(r.id);
}

export async function markAttemptSucceeded(db: Kysely<DB>, id: string) {
  await db.updateTable('login_attempts').set({ succeeded: true }).where('id', '=', id).execute();
}

export async function insertSession(
  db: Kysely<DB>,
  s: { id: string; userId: string; csrfToken: string; at: Date; expiresAt: Date; clientIp: string | null; userAgent: string | null },
) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.at,
      last_seen_at: s.at,
      expires_at: s.expiresAt,
      client_ip: s.clientIp,
      user_agent: s.userAgent,
    })
    .execute();
}

/** The account columns an actor is built from. */
const ACTOR_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.role',
  'users.province_code',
  'users.city_code',
  'users.school_id',
  'users.department_id',
  'users.org_id',
  'users.status',
] as const;

export function findSessionWithUser(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at', ...ACTOR_COLUMNS])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, id: string, at: Date) {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteOtherSessions(db: Kysely<DB>, userId: string, keepId: string | undefined) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) q = q.where('id', '<>', keepId);
  await q.execute();
}

export async function updatePasswordHash(db: Kysely<DB>, userId: string, hash: string, at: Date) {
  await db.updateTable('users').set({ password_hash: hash, password_changed_at: at }).where('id', '=', userId).execute();
}

export function findApiTokenWithUser(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.revoked_at', 'api_tokens.last_used_at', ...ACTOR_COLUMNS])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchApiToken(db: Kysely<DB>, id: string, at: Date) {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** Names of the places an account is bound to, for people. */
export async function scopeNames(
  db: Kysely<DB>,
  ids: { provinceCode: string | null; cityCode: string | null; schoolId: string | null; departmentId: string | null; orgId: string | null },
) {
  const region = (code: string | null) =>
    code ? db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst() : undefined;
  const [province, city, school, department, org] = await Promise.all([
    region(ids.provinceCode),
    region(ids.cityCode),
    ids.schoolId ? db.selectFrom('schools').select('name').where('id', '=', ids.schoolId).executeTakeFirst() : undefined,
    ids.departmentId ? db.selectFrom('departments').select('name').where('id', '=', ids.departmentId).executeTakeFirst() : undefined,
    ids.orgId ? db.selectFrom('evaluation_orgs').select('name').where('id', '=', ids.orgId).executeTakeFirst() : undefined,
  ]);
  return { province: province?.name, city: city?.name, school: school?.name, department: department?.name, org: org?.name };
}

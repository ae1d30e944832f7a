import type { IdType, LearnerKind, Role } from '@onex/shared';
import { type Kysely, type SqlBool, type Expression, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import type { DB } from '../../db/schema';
import { scopeWhere } from '../../db/scope-filter';
import { containsPattern } from '../../db/list-query';

const LEARNER_SCOPE_COLUMNS = {
  provinceCode: 'learners.province_code',
  cityCode: 'learners.city_code',
  schoolId: 'learners.school_id',
  departmentId: 'learners.department_id',
  userId: 'learners.user_id',
} as const;

function learnersBase(db: Kysely<DB>) {
  return db
    .selectFrom('learners')
    .leftJoin('schools', 'schools.id', 'learners.school_id')
    .leftJoin('departments', 'departments.id', 'learners.department_id')
    .leftJoin('school_majors', 'school_majors.id', 'learners.school_major_id')
    .leftJoin('users', 'users.id', 'learners.user_id')
    .selectAll('learners')
    .select(['schools.name as school_name', 'departments.name as department_name', 'school_majors.name as major_name', 'users.username']);
}
export type LearnerRow = Awaited<ReturnType<ReturnType<typeof learnersBase>['executeTakeFirstOrThrow']>>;

/** An organization's view: learners with a consented or registered place in one of its sessions. */
function examinedByOrg(orgId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from exam_registrations r where r.learner_id = learners.id and r.org_id = ${orgId}
    and r.status in ('consented', 'registered'))`;
}

function learnerScopeWhere(scope: Scope): Expression<SqlBool> {
  return scope.kind === 'org' ? examinedByOrg(scope.orgId) : scopeWhere(scope, LEARNER_SCOPE_COLUMNS);
}

export function findLearner(db: Kysely<DB>, id: string) {
  return learnersBase(db).where('learners.id', '=', id).executeTakeFirst();
}

export function findLearnerByUser(db: Kysely<DB>, userId: string) {
  return learnersBase(db).where('learners.user_id', '=', userId).executeTakeFirst();
}

export function findLearnerByIdHash(db: Kysely<DB>, idType: IdType, hash: string) {
  return learnersBase(db).where('learners.id_type', '=', idType).where('learners.id_number_hash', '=', hash).executeTakeFirst();
}

export function findLearnerByActivationHash(db: Kysely<DB>, hash: string) {
  return learnersBase(db).where('learners.activation_code_hash', '=', hash).forUpdate('learners').executeTakeFirst();
}

export async function existingIdHashes(db: Kysely<DB>, pairs: { idType: IdType; hash: string }[]): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const rows = await db
    .selectFrom('learners')
    .select(['id_type', 'id_number_hash'])
    .where('id_number_hash', 'in', [...new Set(pairs.map((p) => p.hash))])
    .execute();
  return new Set(rows.map((r) => `${r.id_type}:${r.id_number_hash}`));
}

/** Whether an organization examines a learner (a consented or registered place in one of its sessions). */
export async function orgExaminesLearner(db: Kysely<DB>, orgId: string, learnerId: string): Promise<boolean> {
  const r = await db
    .selectFrom('exam_registrations')
    .select('id')
    .where('learner_id', '=', learnerId)
    .where('org_id', '=', orgId)
    .where('status', 'in', ['consented', 'registered'])
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

export interface LearnerFilter {
  schoolId?: string | undefined;
  kind?: LearnerKind | undefined;
  q?: string | undefined;
  idHash?: string | undefined;
  povertyRegistered?: boolean | undefined;
  activated?: boolean | undefined;
}

export async function listLearners(db: Kysely<DB>, scope: Scope, f: LearnerFilter, page: number, pageSize: number) {
  let q = learnersBase(db).where(learnerScopeWhere(scope));
  if (f.schoolId) q = q.where('learners.school_id', '=', f.schoolId);
  if (f.kind) q = q.where('learners.kind', '=', f.kind);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('learners.name', 'ilike', like), eb('learners.class_name', 'ilike', like)]));
  }
  if (f.idHash) q = q.where('learners.id_number_hash', '=', f.idHash);
  if (f.povertyRegistered !== undefined) q = q.where('learners.poverty_registered', '=', f.povertyRegistered);
  if (f.activated !== undefined) q = q.where('learners.activated_at', f.activated ? 'is not' : 'is', null);
  const [items, total] = await Promise.all([
    q
      .orderBy('learners.created_at', 'desc')
      .orderBy('learners.class_name')
      .orderBy('learners.name')
      .orderBy('learners.id')
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

export interface NewLearner {
  kind: LearnerKind;
  userId: string | null;
  schoolId: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  departmentId: string | null;
  schoolMajorId: string | null;
  className: string | null;
  name: string;
  idType: IdType;
  protectedId: { id_number_enc: string; id_number_hash: string; id_number_last4: string };
  povertyRegistered: boolean;
  activationCodeHash: string | null;
  activationExpiresAt: Date | null;
  activatedAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
}

export async function insertLearner(db: Kysely<DB>, l: NewLearner): Promise<string> {
  const r = await db
    .insertInto('learners')
    .values({
      kind: l.kind,
      user_id: l.userId,
      school_id: l.schoolId,
      province_code: l.provinceCode,
      city_code: l.cityCode,
      department_id: l.departmentId,
      school_major_id: l.schoolMajorId,
      class_name: l.className,
      name: l.name,
      id_type: l.idType,
      ...l.protectedId,
      poverty_registered: l.povertyRegistered,
      activation_code_hash: l.activationCodeHash,
      activation_expires_at: l.activationExpiresAt,
      activated_at: l.activatedAt,
      created_at: l.createdAt,
      created_by: l.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** A social learner's sealed phone and the moment it consented to the processing of its data (issue 17 item 1). */
export async function setSocialContact(db: Kysely<DB>, id: string, c: { phoneSealed: string; phoneLast4: string; consentAt: Date }) {
  await db
    .updateTable('learners')
    .set({ phone_sealed: c.phoneSealed, phone_last4: c.phoneLast4, privacy_consent_at: c.consentAt })
    .where('id', '=', id)
    .execute();
}

export async function setActivationCode(db: Kysely<DB>, id: string, hash: string, expiresAt: Date, now: Date): Promise<void> {
  await db
    .updateTable('learners')
    .set({ activation_code_hash: hash, activation_expires_at: expiresAt, updated_at: now })
    .where('id', '=', id)
    .where('activated_at', 'is', null)
    .execute();
}

export async function linkUser(db: Kysely<DB>, id: string, userId: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('learners')
    .set({ user_id: userId, activated_at: now, activation_code_hash: null, activation_expires_at: null, updated_at: now })
    .where('id', '=', id)
    .where('user_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertLearnerUser(
  db: Kysely<DB>,
  u: { username: string; displayName: string; passwordHash: string; provinceCode: string | null; createdAt: Date },
): Promise<string> {
  const role: Role = 'learner';
  const r = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role,
      province_code: u.provinceCode,
      city_code: null,
      school_id: null,
      department_id: null,
      org_id: null,
      created_at: u.createdAt,
      created_by: null,
      password_changed_at: u.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function usernameTaken(db: Kysely<DB>, username: string): Promise<boolean> {
  const r = await db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return !!r;
}

export function findSchool(db: Kysely<DB>, id: string) {
  return db.selectFrom('schools').select(['id', 'name', 'province_code', 'city_code', 'status']).where('id', '=', id).executeTakeFirst();
}

export function majorsOfSchool(db: Kysely<DB>, schoolId: string) {
  return db
    .selectFrom('school_majors')
    .select(['id', 'name', 'major_code', 'department_id'])
    .where('school_id', '=', schoolId)
    .orderBy('major_code')
    .execute();
}

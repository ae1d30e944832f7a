import type { SchoolFlag, SchoolType } from '@onex/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;

export interface RegistrationValues {
  name: string;
  creditCode: string;
  schoolType: SchoolType;
  provinceCode: string;
  cityCode: string;
  flags: SchoolFlag[];
  address: string | null;
  contactName: string;
  contactPhone: string;
  leadingBody: string;
  leadingBodyHead: string;
  responsibleDepartment: string;
  responsiblePerson: string;
}

const columns = (v: RegistrationValues) => ({
  name: v.name,
  credit_code: v.creditCode,
  school_type: v.schoolType,
  province_code: v.provinceCode,
  city_code: v.cityCode,
  flags: v.flags,
  address: v.address,
  contact_name: v.contactName,
  contact_phone: v.contactPhone,
  leading_body: v.leadingBody,
  leading_body_head: v.leadingBodyHead,
  responsible_department: v.responsibleDepartment,
  responsible_person: v.responsiblePerson,
});

export async function insertRegistration(db: Db, v: RegistrationValues, code: string, at: Date): Promise<string> {
  const r = await db
    .insertInto('schools')
    .values({
      ...columns(v),
      status: 'pending',
      self_registered: true,
      registration_code: code,
      submitted_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The applicant's account: the school's first administrator, disabled until the province approves. */
export async function insertApplicant(
  db: Db,
  u: { username: string; displayName: string; passwordHash: string; provinceCode: string; cityCode: string; schoolId: string; at: Date },
): Promise<string> {
  const r = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: 'school_admin',
      province_code: u.provinceCode,
      city_code: u.cityCode,
      school_id: u.schoolId,
      status: 'disabled',
      created_at: u.at,
      // The applicant chose this password itself.
      password_changed_at: u.at,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function linkProof(db: Db, schoolId: string, applicantId: string | null, proofFileId: string): Promise<void> {
  await db
    .updateTable('schools')
    .set({ proof_file_id: proofFileId, ...(applicantId ? { applicant_user_id: applicantId } : {}) })
    .where('id', '=', schoolId)
    .execute();
}

export function usernameExists(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst()
    .then(Boolean);
}

function byCode(db: Db) {
  return db
    .selectFrom('schools')
    .leftJoin('regions as p', 'p.code', 'schools.province_code')
    .leftJoin('users as a', 'a.id', 'schools.applicant_user_id')
    .select([
      'schools.id',
      'schools.name',
      'schools.credit_code',
      'schools.province_code',
      'schools.city_code',
      'schools.status',
      'schools.submitted_at',
      'schools.created_at',
      'schools.approved_at',
      'schools.return_reason',
      'schools.returned_at',
      'schools.registration_code',
      'schools.applicant_user_id',
      'p.name as province_name',
      'a.username as applicant_username',
    ]);
}

export function findByCode(db: Db, code: string) {
  return byCode(db).where('schools.registration_code', '=', code).where('schools.self_registered', '=', true).executeTakeFirst();
}

export function lockByCode(db: Db, code: string) {
  return byCode(db)
    .where('schools.registration_code', '=', code)
    .where('schools.self_registered', '=', true)
    .forUpdate('schools')
    .executeTakeFirst();
}

export async function resubmit(db: Db, id: string, v: RegistrationValues, proofFileId: string | null, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('schools')
    .set({
      ...columns(v),
      ...(proofFileId ? { proof_file_id: proofFileId } : {}),
      status: 'pending',
      submitted_at: at,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('status', '=', 'returned')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markReturned(db: Db, id: string, reason: string, by: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('schools')
    .set({ status: 'returned', return_reason: reason, returned_at: at, returned_by: by, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Approval enables the applicant's account (only a school administrator of this school that is still disabled). */
export async function activateApplicant(db: Db, schoolId: string, userId: string): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ status: 'active' })
    .where('id', '=', userId)
    .where('school_id', '=', schoolId)
    .where('role', '=', 'school_admin')
    .where('status', '=', 'disabled')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A resubmission may correct the region: the applicant's account follows its school. */
export async function moveApplicant(db: Db, userId: string, provinceCode: string, cityCode: string): Promise<void> {
  await db.updateTable('users').set({ province_code: provinceCode, city_code: cityCode }).where('id', '=', userId).execute();
}

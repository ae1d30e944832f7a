import type { ConsentVia, RegistrationStatus } from '@onex/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** Voluntary exam registrations (R5.3): Kysely only. */

function registrationsBase(db: Kysely<DB>) {
  return db
    .selectFrom('exam_registrations')
    .innerJoin('learners', 'learners.id', 'exam_registrations.learner_id')
    .leftJoin('schools', 'schools.id', 'exam_registrations.school_id')
    .selectAll('exam_registrations')
    .select([
      'learners.name as learner_name',
      'learners.class_name as learner_class',
      'learners.user_id as learner_user_id',
      'learners.department_id as learner_department_id',
      'schools.name as school_name',
    ]);
}
export type RegistrationRow = Awaited<ReturnType<ReturnType<typeof registrationsBase>['executeTakeFirstOrThrow']>>;

export function findRegistration(db: Kysely<DB>, id: string) {
  return registrationsBase(db).where('exam_registrations.id', '=', id).executeTakeFirst();
}

export async function lockRegistration(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const r = await db.selectFrom('exam_registrations').select('session_id').where('id', '=', id).forUpdate().executeTakeFirst();
  return r?.session_id;
}

export function findRegistrationsByIds(db: Kysely<DB>, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return registrationsBase(db).where('exam_registrations.id', 'in', ids).orderBy('learners.name').execute();
}

export async function listSessionRegistrations(
  db: Kysely<DB>,
  sessionId: string,
  f: { schoolId?: string | undefined; departmentId?: string | undefined; status?: RegistrationStatus | undefined },
  page: number,
  pageSize: number,
) {
  let q = registrationsBase(db).where('exam_registrations.session_id', '=', sessionId);
  if (f.schoolId) q = q.where('exam_registrations.school_id', '=', f.schoolId);
  if (f.departmentId) q = q.where('learners.department_id', '=', f.departmentId);
  if (f.status) q = q.where('exam_registrations.status', '=', f.status);
  const [items, total] = await Promise.all([
    q
      .orderBy('learners.class_name')
      .orderBy('learners.name')
      .orderBy('exam_registrations.id')
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

/** A learner's registrations with their session and current result. */
export function myRegistrations(db: Kysely<DB>, learnerIds: string[]) {
  if (!learnerIds.length) return Promise.resolve([]);
  return registrationsBase(db)
    .innerJoin('exam_sessions', 'exam_sessions.id', 'exam_registrations.session_id')
    .innerJoin('certificate_types', 'certificate_types.id', 'exam_sessions.certificate_type_id')
    .innerJoin('exam_sites', 'exam_sites.id', 'exam_sessions.exam_site_id')
    .leftJoin('exam_results', (j) =>
      j.onRef('exam_results.registration_id', '=', 'exam_registrations.id').on('exam_results.superseded_at', 'is', null),
    )
    .select([
      'certificate_types.name as certificate_type_name',
      'exam_sessions.level',
      'exam_sessions.exam_date',
      'exam_sessions.status as session_status',
      'exam_sessions.registration_opens_at',
      'exam_sessions.registration_closes_at',
      'exam_sites.name as site_name',
      'exam_sites.address as site_address',
      'exam_results.score',
      'exam_results.passed',
    ])
    .where('exam_registrations.learner_id', 'in', learnerIds)
    .orderBy('exam_sessions.exam_date', 'desc')
    .orderBy('exam_registrations.id')
    .execute();
}

export function learnersOfUser(db: Kysely<DB>, userId: string) {
  return db.selectFrom('learners').select(['id', 'school_id', 'province_code', 'kind']).where('user_id', '=', userId).execute();
}

export function learnersByIds(db: Kysely<DB>, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('learners')
    .select(['id', 'kind', 'school_id', 'department_id', 'school_major_id', 'poverty_registered', 'name'])
    .where('id', 'in', ids)
    .execute();
}

export async function filingMajorIds(db: Kysely<DB>, filingId: string): Promise<string[]> {
  const rows = await db.selectFrom('filing_majors').select('school_major_id').where('filing_id', '=', filingId).execute();
  return rows.map((r) => r.school_major_id);
}

export function existingRegistrations(db: Kysely<DB>, sessionId: string, learnerIds: string[]) {
  if (!learnerIds.length) return Promise.resolve([]);
  return db
    .selectFrom('exam_registrations')
    .select(['id', 'learner_id', 'status'])
    .where('session_id', '=', sessionId)
    .where('learner_id', 'in', learnerIds)
    .execute();
}

export interface NewRegistration {
  session_id: string;
  learner_id: string;
  school_id: string;
  filing_id: string;
  agreement_id: string;
  province_code: string;
  org_id: string;
  proposed_by: string;
  fee_fen: number;
  fee_exempt: boolean;
  created_at: Date;
}
export async function insertRegistrations(db: Kysely<DB>, rows: NewRegistration[]): Promise<string[]> {
  if (!rows.length) return [];
  const r = await db.insertInto('exam_registrations').values(rows).returning('id').execute();
  return r.map((x) => x.id);
}

/** A withdrawn or declined registration proposed again: back to proposed, its consent cleared. */
export async function reproposeRegistration(
  db: Kysely<DB>,
  id: string,
  from: RegistrationStatus,
  v: { proposed_by: string; fee_fen: number; fee_exempt: boolean; agreement_id: string; filing_id: string; now: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('exam_registrations')
    .set({
      status: 'proposed',
      consent_at: null,
      consent_via: null,
      consent_file_id: null,
      proposed_by: v.proposed_by,
      fee_fen: v.fee_fen,
      fee_exempt: v.fee_exempt,
      agreement_id: v.agreement_id,
      filing_id: v.filing_id,
      updated_at: v.now,
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateRegistration(
  db: Kysely<DB>,
  id: string,
  from: RegistrationStatus,
  set: { status: RegistrationStatus; consent_at?: Date; consent_via?: ConsentVia; consent_file_id?: string | null; updated_at: Date },
): Promise<boolean> {
  const r = await db.updateTable('exam_registrations').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Seats taken: registered candidates of the session (call with the session row locked). */
export async function registeredCount(db: Kysely<DB>, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('exam_registrations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('session_id', '=', sessionId)
    .where('status', '=', 'registered')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

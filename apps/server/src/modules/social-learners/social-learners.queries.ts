import type { CertificateLevel, SocialApplicationStatus, SocialDocumentKind } from '@onex/shared';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';

/** Social learners' channel (issue 17 item 1): Kysely only. */

// ---- fees ----

/** The levels of an organization's published certificates (their social fees are read from the fee notices). */
export function orgLevels(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('certificate_types as ct')
    .innerJoin('certificate_levels as cl', 'cl.certificate_type_id', 'ct.id')
    .select(['ct.id as certificate_type_id', 'ct.name as certificate_type_name', 'cl.level'])
    .where('ct.org_id', '=', orgId)
    .where('ct.status', '=', 'published')
    .orderBy('ct.name')
    .orderBy('cl.level')
    .execute();
}

export function certificateTypeOf(db: Kysely<DB>, id: string) {
  return db.selectFrom('certificate_types').select(['id', 'org_id', 'status', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function upsertFee(
  db: Kysely<DB>,
  v: { certificateTypeId: string; level: CertificateLevel; orgId: string; feeFen: number; capFen: number; at: Date; by: string },
) {
  await db
    .insertInto('social_exam_fees')
    .values({
      certificate_type_id: v.certificateTypeId,
      level: v.level,
      org_id: v.orgId,
      fee_fen: v.feeFen,
      cap_fen: v.capFen,
      published_at: v.at,
      published_by: v.by,
    })
    .onConflict((oc) =>
      oc
        .columns(['certificate_type_id', 'level'])
        .doUpdateSet({ fee_fen: v.feeFen, cap_fen: v.capFen, published_at: v.at, published_by: v.by }),
    )
    .execute();
}

// ---- offers ----

const registeredCount = sql<number>`(SELECT count(*)::int FROM exam_registrations r WHERE r.session_id = s.id AND r.status = 'registered')`;

/**
 * Sessions in their registration window, of a published certificate whose level has a social fee in the
 * organization's 收费公告 in force on `today` (issue 17 item 6).
 */
export async function listOffers(
  db: Kysely<DB>,
  now: Date,
  today: string,
  f: { certificateTypeId?: string | undefined; level?: CertificateLevel | undefined; provinceCode?: string | undefined },
  page: number,
  pageSize: number,
) {
  let q = db
    .selectFrom('exam_sessions as s')
    .innerJoin('certificate_types as ct', 'ct.id', 's.certificate_type_id')
    .innerJoin('evaluation_orgs as o', 'o.id', 's.org_id')
    .innerJoin('exam_sites as site', 'site.id', 's.exam_site_id')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('org_fee_notices as n')
          .select(['n.social_fee_fen as fee_fen', 'n.cap_fen'])
          .whereRef('n.certificate_type_id', '=', 's.certificate_type_id')
          .whereRef('n.level', '=', 's.level')
          .where('n.effective_on', '<=', today)
          .orderBy('n.effective_on', 'desc')
          .orderBy('n.published_at', 'desc')
          .limit(1)
          .as('f'),
      (j) => j.onTrue(),
    )
    .where('f.fee_fen', 'is not', null)
    .where('s.status', '=', 'registration_open')
    .where('s.registration_opens_at', '<=', now)
    .where('s.registration_closes_at', '>', now)
    .where('ct.status', '=', 'published')
    .where('site.status', '=', 'approved')
    .where(sql<boolean>`s.capacity > ${registeredCount}`);
  if (f.certificateTypeId) q = q.where('s.certificate_type_id', '=', f.certificateTypeId);
  if (f.level) q = q.where('s.level', '=', f.level);
  if (f.provinceCode) q = q.where('s.province_code', '=', f.provinceCode);
  const [items, total] = await Promise.all([
    q
      .select([
        's.id',
        's.level',
        's.exam_date',
        's.province_code',
        's.registration_closes_at',
        's.capacity',
        's.org_id',
        'o.name as org_name',
        's.certificate_type_id',
        'ct.name as certificate_type_name',
        'site.name as site_name',
        'site.address as site_address',
        'f.fee_fen',
        'f.cap_fen',
        registeredCount.as('registered'),
      ])
      .orderBy('s.exam_date')
      .orderBy('s.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

// ---- applications ----

function applicationsBase(db: Kysely<DB>) {
  return db
    .selectFrom('social_applications as a')
    .innerJoin('learners as l', 'l.id', 'a.learner_id')
    .innerJoin('exam_sessions as s', 's.id', 'a.session_id')
    .innerJoin('certificate_types as ct', 'ct.id', 's.certificate_type_id')
    .innerJoin('evaluation_orgs as o', 'o.id', 'a.org_id')
    .innerJoin('exam_sites as site', 'site.id', 's.exam_site_id')
    .selectAll('a')
    .select([
      'l.name as learner_name',
      'l.user_id as learner_user_id',
      'l.id_number_enc',
      'l.phone_last4',
      'ct.name as certificate_type_name',
      's.level',
      's.exam_date',
      's.status as session_status',
      'site.name as site_name',
      'o.name as org_name',
    ]);
}
export type ApplicationRow = Awaited<ReturnType<ReturnType<typeof applicationsBase>['executeTakeFirstOrThrow']>>;

export function findApplication(db: Kysely<DB>, id: string) {
  return applicationsBase(db).where('a.id', '=', id).executeTakeFirst();
}

export async function lockApplication(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const r = await db.selectFrom('social_applications').select('session_id').where('id', '=', id).forUpdate().executeTakeFirst();
  return r?.session_id;
}

export function applicationsOfLearner(db: Kysely<DB>, learnerId: string) {
  return applicationsBase(db).where('a.learner_id', '=', learnerId).orderBy('a.created_at', 'desc').execute();
}

export async function listOrgApplications(
  db: Kysely<DB>,
  orgId: string,
  f: { sessionId?: string | undefined; status?: SocialApplicationStatus | undefined },
  page: number,
  pageSize: number,
) {
  let q = applicationsBase(db).where('a.org_id', '=', orgId);
  if (f.sessionId) q = q.where('a.session_id', '=', f.sessionId);
  if (f.status) q = q.where('a.status', '=', f.status);
  const [items, total] = await Promise.all([
    q
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id')
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

export async function existingApplication(db: Kysely<DB>, sessionId: string, learnerId: string) {
  return db
    .selectFrom('social_applications')
    .select(['id', 'status'])
    .where('session_id', '=', sessionId)
    .where('learner_id', '=', learnerId)
    .executeTakeFirst();
}

export async function insertApplication(
  db: Kysely<DB>,
  v: {
    learnerId: string;
    sessionId: string;
    orgId: string;
    provinceCode: string;
    cityCode: string;
    feeFen: number;
    capFen: number;
    at: Date;
  },
): Promise<string> {
  const r = await db
    .insertInto('social_applications')
    .values({
      learner_id: v.learnerId,
      session_id: v.sessionId,
      org_id: v.orgId,
      province_code: v.provinceCode,
      city_code: v.cityCode,
      fee_fen: v.feeFen,
      cap_fen: v.capFen,
      created_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** A withdrawn or rejected application applied for again: back to draft, payment and decision cleared. */
export async function reopenApplication(
  db: Kysely<DB>,
  id: string,
  from: SocialApplicationStatus,
  v: { feeFen: number; capFen: number; at: Date },
) {
  const r = await db
    .updateTable('social_applications')
    .set({
      status: 'draft',
      fee_fen: v.feeFen,
      cap_fen: v.capFen,
      paid_fen: null,
      paid_at: null,
      payment_ref: null,
      reason: null,
      decided_at: null,
      decided_by: null,
      updated_at: v.at,
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateApplication(
  db: Kysely<DB>,
  id: string,
  from: SocialApplicationStatus,
  set: {
    status: SocialApplicationStatus;
    paid_fen?: number;
    paid_at?: Date;
    payment_ref?: string;
    registration_id?: string;
    reason?: string;
    decided_at?: Date;
    decided_by?: string;
    updated_at: Date;
  },
): Promise<boolean> {
  const r = await db.updateTable('social_applications').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- documents ----

export function documentsOf(db: Kysely<DB>, applicationIds: readonly string[]) {
  if (!applicationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('social_application_documents')
    .select(['application_id', 'kind', 'file_name', 'mime', 'size', 'created_at'])
    .where('application_id', 'in', applicationIds)
    .execute();
}

export function documentContent(db: Kysely<DB>, applicationId: string, kind: SocialDocumentKind) {
  return db
    .selectFrom('social_application_documents')
    .select(['file_name', 'mime', 'content_sealed', 'sha256'])
    .where('application_id', '=', applicationId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

export async function upsertDocument(
  db: Kysely<DB>,
  v: {
    applicationId: string;
    kind: SocialDocumentKind;
    fileName: string;
    mime: string;
    size: number;
    sha256: string;
    sealed: string;
    at: Date;
  },
) {
  const row = {
    file_name: v.fileName,
    mime: v.mime,
    size: v.size,
    sha256: v.sha256,
    content_sealed: v.sealed,
    created_at: v.at,
  };
  await db
    .insertInto('social_application_documents')
    .values({ application_id: v.applicationId, kind: v.kind, ...row })
    .onConflict((oc) => oc.columns(['application_id', 'kind']).doUpdateSet(row))
    .execute();
}

// ---- registration on confirmation ----

export async function registeredCountOf(db: Kysely<DB>, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('exam_registrations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('session_id', '=', sessionId)
    .where('status', '=', 'registered')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function registrationOf(db: Kysely<DB>, sessionId: string, learnerId: string) {
  return db
    .selectFrom('exam_registrations')
    .select(['id', 'status'])
    .where('session_id', '=', sessionId)
    .where('learner_id', '=', learnerId)
    .executeTakeFirst();
}

/** The social candidate's registration: consented by its own application, paid by the learner, no school. */
export async function insertSocialRegistration(
  db: Kysely<DB>,
  v: { sessionId: string; learnerId: string; provinceCode: string; orgId: string; feeFen: number; consentAt: Date; by: string; at: Date },
): Promise<string> {
  const r = await db
    .insertInto('exam_registrations')
    .values({
      session_id: v.sessionId,
      learner_id: v.learnerId,
      school_id: null,
      province_code: v.provinceCode,
      org_id: v.orgId,
      proposed_by: v.by,
      status: 'registered',
      consent_at: v.consentAt,
      consent_via: 'learner',
      fee_fen: v.feeFen,
      payer: 'learner',
      created_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** An earlier registration of the same learner and session (withdrawn), registered again. */
export async function reRegister(db: Kysely<DB>, id: string, v: { feeFen: number; consentAt: Date; at: Date }) {
  await db
    .updateTable('exam_registrations')
    .set({ status: 'registered', consent_at: v.consentAt, consent_via: 'learner', fee_fen: v.feeFen, payer: 'learner', updated_at: v.at })
    .where('id', '=', id)
    .execute();
}

export function learnerOfUser(db: Kysely<DB>, userId: string) {
  return db.selectFrom('learners').select(['id', 'kind', 'name']).where('user_id', '=', userId).executeTakeFirst();
}

import type { Db } from '../../db/types';
import { containsPattern, paginate } from '../../db/list-query';

export async function insertConsultation(
  db: Db,
  c: {
    orgId: string;
    certificateTypeId: string | null;
    askerUserId: string;
    askerRole: string;
    schoolId: string | null;
    provinceCode: string | null;
    question: string;
    at: Date;
  },
): Promise<string> {
  const r = await db
    .insertInto('consultations')
    .values({
      org_id: c.orgId,
      certificate_type_id: c.certificateTypeId,
      asker_user_id: c.askerUserId,
      asker_role: c.askerRole,
      school_id: c.schoolId,
      province_code: c.provinceCode,
      question: c.question,
      asked_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const base = (db: Db) =>
  db
    .selectFrom('consultations as c')
    .innerJoin('evaluation_orgs as o', 'o.id', 'c.org_id')
    .leftJoin('certificate_types as ct', 'ct.id', 'c.certificate_type_id')
    .leftJoin('schools as s', 's.id', 'c.school_id')
    .selectAll('c')
    .select(['o.name as org_name', 'ct.name as certificate_type_name', 's.name as school_name']);
export type ConsultationRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export function findConsultation(db: Db, id: string) {
  return base(db).where('c.id', '=', id).executeTakeFirst();
}
export async function lockConsultation(db: Db, id: string) {
  await db.selectFrom('consultations').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return findConsultation(db, id);
}

/** Whose questions a list holds: an organization's, a school's, or one asker's. */
export type Whose = { orgId: string } | { schoolId: string } | { userId: string };

export function listConsultations(db: Db, whose: Whose, f: { answered?: boolean; q?: string }, page: number, pageSize: number) {
  let q = base(db);
  if ('orgId' in whose) q = q.where('c.org_id', '=', whose.orgId);
  else if ('schoolId' in whose) q = q.where('c.school_id', '=', whose.schoolId);
  else q = q.where('c.asker_user_id', '=', whose.userId);
  if (f.answered !== undefined) q = q.where('c.answer', f.answered ? 'is not' : 'is', null);
  if (f.q) q = q.where('c.question', 'ilike', containsPattern(f.q));
  return paginate(q.orderBy('c.asked_at', 'desc').orderBy('c.id'), page, pageSize);
}

export function answer(db: Db, id: string, a: { answer: string; by: string; at: Date; published: boolean }) {
  return db
    .updateTable('consultations')
    .set({ answer: a.answer, answered_by: a.by, answered_at: a.at, published: a.published })
    .where('id', '=', id)
    .execute();
}
export function setPublished(db: Db, id: string, published: boolean) {
  return db.updateTable('consultations').set({ published }).where('id', '=', id).execute();
}

export function publicFaqs(db: Db, f: { orgId?: string; q?: string }, page: number, pageSize: number) {
  let q = base(db).where('c.published', '=', true).where('c.answer', 'is not', null);
  if (f.orgId) q = q.where('c.org_id', '=', f.orgId);
  if (f.q) q = q.where((eb) => eb.or([eb('c.question', 'ilike', containsPattern(f.q!)), eb('c.answer', 'ilike', containsPattern(f.q!))]));
  return paginate(q.orderBy('c.answered_at', 'desc').orderBy('c.id'), page, pageSize);
}

export function orgExists(db: Db, id: string) {
  return db.selectFrom('evaluation_orgs').select('id').where('id', '=', id).executeTakeFirst();
}
export function certificateTypeOf(db: Db, id: string) {
  return db.selectFrom('certificate_types').select(['id', 'org_id']).where('id', '=', id).executeTakeFirst();
}
export function schoolFacts(db: Db, id: string) {
  return db.selectFrom('schools').select(['id', 'province_code']).where('id', '=', id).executeTakeFirst();
}

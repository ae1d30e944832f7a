import type { CertificateLevel, ExamForm } from '@onex/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;

/** The school a policy subject is, with its province. */
export function schoolSubject(db: Db, schoolId: string) {
  return db.selectFrom('schools').select(['id', 'name', 'province_code', 'city_code']).where('id', '=', schoolId).executeTakeFirst();
}

/**
 * Documents added on the platform that can be in force for a province (national, the province's own and its schools';
 * the shared `jurisdictionCovers` then keeps those of the subject), with the school's name.
 */
export function documentsOfProvince(db: Db, provinceCode: string | null) {
  let q = db
    .selectFrom('policy_documents as d')
    .leftJoin('schools as s', 's.id', 'd.school_id')
    .select([
      'd.id',
      'd.level',
      'd.province_code',
      'd.school_id',
      's.name as school_name',
      'd.number',
      'd.title',
      'd.issuer',
      'd.created_at',
    ]);
  if (provinceCode !== null) q = q.where((eb) => eb.or([eb('d.level', '=', 'national'), eb('d.province_code', '=', provinceCode)]));
  return q.orderBy('d.created_at').execute();
}
export type DocumentRow = Awaited<ReturnType<typeof documentsOfProvince>>[number];

export function findDocument(db: Db, id: string) {
  return db.selectFrom('policy_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export function rulesOfDocuments(db: Db, documentIds: readonly string[]) {
  if (documentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('policy_rules').selectAll().where('document_id', 'in', documentIds).orderBy('created_at').execute();
}

export async function insertDocument(
  db: Db,
  v: {
    level: 'national' | 'province' | 'school';
    provinceCode: string | null;
    schoolId: string | null;
    number: string;
    title: string;
    issuer: string;
  },
  by: string,
  at: Date,
): Promise<string> {
  const r = await db
    .insertInto('policy_documents')
    .values({
      level: v.level,
      province_code: v.provinceCode,
      school_id: v.schoolId,
      number: v.number,
      title: v.title,
      issuer: v.issuer,
      created_by: by,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertRule(
  db: Db,
  v: { documentId: string; kind: string; clause: string; severity: 'block' | 'warn' | null; params: Record<string, unknown> },
  by: string,
  at: Date,
): Promise<string> {
  const r = await db
    .insertInto('policy_rules')
    .values({
      document_id: v.documentId,
      kind: v.kind,
      clause: v.clause,
      severity: v.severity,
      params: JSON.stringify(v.params),
      created_by: by,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The exam forms and score shares of each level of a certificate (the basis of its fee caps, R1.2). */
export async function levelForms(db: Db, certificateTypeId: string) {
  const rows = await db
    .selectFrom('certificate_levels as l')
    .innerJoin('certificate_level_exam_forms as f', 'f.level_id', 'l.id')
    .select(['l.level', 'f.form', 'f.share'])
    .where('l.certificate_type_id', '=', certificateTypeId)
    .execute();
  const byLevel = new Map<CertificateLevel, { form: ExamForm; share: number }[]>();
  for (const r of rows) byLevel.set(r.level, [...(byLevel.get(r.level) ?? []), { form: r.form, share: Number(r.share) }]);
  return byLevel;
}

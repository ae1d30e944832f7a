import { type Kysely, type Transaction, sql } from 'kysely';
import type { CertificateLevel, CertificateTypeStatus, ExamForm } from '@onex/shared';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;

/** Which certificate types a reader sees: all; the public catalog; or the public catalog plus one organization's own. */
export type TypeVisibility =
  | { kind: 'all' }
  | { kind: 'statuses'; statuses: readonly CertificateTypeStatus[] }
  | { kind: 'statusesOrOrg'; statuses: readonly CertificateTypeStatus[]; orgId: string };

export interface TypeFilter {
  q?: string | undefined;
  batch?: string | undefined;
  level?: CertificateLevel | undefined;
  orgId?: string | undefined;
  major?: string | undefined;
  status?: CertificateTypeStatus | undefined;
}

const likeOf = (s: string) => `%${s.replace(/[%_\\]/g, '\\$&')}%`;

function typeBase(db: Db) {
  return db
    .selectFrom('certificate_types as t')
    .innerJoin('evaluation_orgs as o', 'o.id', 't.org_id')
    .innerJoin('certificate_batches as b', 'b.code', 't.batch_code')
    .select([
      't.id',
      't.code',
      't.name',
      't.status',
      't.org_id',
      't.batch_code',
      't.description',
      't.target_group',
      't.award_requirements',
      't.details_to_be_confirmed',
      't.updated_at',
      'o.name as org_name',
      'o.to_be_confirmed as org_to_be_confirmed',
      'b.name as batch_name',
      'b.ordinal as batch_ordinal',
    ]);
}
export type TypeRow = Awaited<ReturnType<ReturnType<typeof typeBase>['executeTakeFirstOrThrow']>>;

function filtered(db: Db, vis: TypeVisibility, f: TypeFilter) {
  let q = typeBase(db);
  if (vis.kind === 'statuses') q = q.where('t.status', 'in', vis.statuses);
  if (vis.kind === 'statusesOrOrg') q = q.where((eb) => eb.or([eb('t.status', 'in', vis.statuses), eb('t.org_id', '=', vis.orgId)]));
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.orgId) q = q.where('t.org_id', '=', f.orgId);
  if (f.batch) q = q.where((eb) => eb.or([eb('b.code', '=', f.batch!), eb('b.name', '=', f.batch!)]));
  if (f.q) q = q.where((eb) => eb.or([eb('t.name', 'ilike', likeOf(f.q!)), eb('t.code', 'ilike', likeOf(f.q!))]));
  if (f.level)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('certificate_levels as l')
          .select('l.id')
          .whereRef('l.certificate_type_id', '=', 't.id')
          .where('l.level', '=', f.level!),
      ),
    );
  if (f.major)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('certificate_type_majors as tm')
          .innerJoin('majors as m', 'm.id', 'tm.major_id')
          .select('m.id')
          .whereRef('tm.certificate_type_id', '=', 't.id')
          .where((e) => e.or([e('m.code', '=', f.major!), e('m.name', 'ilike', likeOf(f.major!))])),
      ),
    );
  return q;
}

export async function listTypes(db: Db, vis: TypeVisibility, f: TypeFilter, page: number, pageSize: number) {
  const base = filtered(db, vis, f);
  const [items, total] = await Promise.all([
    base
      .orderBy('b.ordinal')
      .orderBy('t.code')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findType(db: Db, id: string) {
  return typeBase(db).where('t.id', '=', id).executeTakeFirst();
}

/** Locks a certificate type's row for the rest of the transaction (workflow transitions and edits). */
export function lockType(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('certificate_types')
    .select(['id', 'org_id', 'status', 'code', 'name'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function findTypeStatus(db: Db, id: string) {
  return db.selectFrom('certificate_types').select(['id', 'name', 'org_id', 'status']).where('id', '=', id).executeTakeFirst();
}

export async function levelsOf(db: Db, typeIds: readonly string[]) {
  if (typeIds.length === 0) return [];
  return db
    .selectFrom('certificate_levels as l')
    .leftJoin('certificate_level_exam_forms as f', 'f.level_id', 'l.id')
    .select(['l.certificate_type_id', 'l.id as level_id', 'l.level', 'l.pass_mark', 'l.details_to_be_confirmed', 'f.form', 'f.share'])
    .where('l.certificate_type_id', 'in', typeIds)
    .orderBy(sql`array_position(array['junior','intermediate','senior'], l.level)`)
    .orderBy(sql`array_position(array['paper','computer','practical_general','practical_special'], f.form)`)
    .execute();
}

export async function majorsOf(db: Db, typeIds: readonly string[]) {
  if (typeIds.length === 0) return [];
  return db
    .selectFrom('certificate_type_majors as tm')
    .innerJoin('majors as m', 'm.id', 'tm.major_id')
    .select(['tm.certificate_type_id', 'm.id', 'm.code', 'm.name'])
    .where('tm.certificate_type_id', 'in', typeIds)
    .orderBy('m.code')
    .orderBy('m.name')
    .execute();
}

export function standardDocumentsOf(db: Db, typeId: string) {
  return db
    .selectFrom('standard_documents as d')
    .innerJoin('files as f', 'f.id', 'd.file_id')
    .select(['d.id', 'd.version', 'd.file_id', 'd.uploaded_at', 'f.original_name', 'f.size', 'f.sha256'])
    .where('d.certificate_type_id', '=', typeId)
    .orderBy('d.uploaded_at', 'desc')
    .execute();
}

export async function typeCodeOrNameTaken(db: Db, code: string | undefined, name: string | undefined, exceptId?: string) {
  if (!code && !name) return false;
  let q = db
    .selectFrom('certificate_types')
    .select('id')
    .where((eb) => eb.or([...(code ? [eb('code', '=', code)] : []), ...(name ? [eb('name', '=', name)] : [])]));
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export interface TypeValues {
  code: string;
  name: string;
  orgId: string;
  batchCode: string;
  description: string | null;
  targetGroup: string | null;
  awardRequirements: string | null;
  detailsToBeConfirmed: boolean;
  status: CertificateTypeStatus;
}

export async function insertType(db: Db, v: TypeValues, at: Date, by: string | null): Promise<string> {
  const r = await db
    .insertInto('certificate_types')
    .values({
      code: v.code,
      name: v.name,
      org_id: v.orgId,
      batch_code: v.batchCode,
      status: v.status,
      description: v.description,
      target_group: v.targetGroup,
      award_requirements: v.awardRequirements,
      details_to_be_confirmed: v.detailsToBeConfirmed,
      created_at: at,
      created_by: by,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateType(db: Db, id: string, v: Partial<Omit<TypeValues, 'status'>>, at: Date) {
  const set = {
    ...(v.code !== undefined && { code: v.code }),
    ...(v.name !== undefined && { name: v.name }),
    ...(v.orgId !== undefined && { org_id: v.orgId }),
    ...(v.batchCode !== undefined && { batch_code: v.batchCode }),
    ...(v.description !== undefined && { description: v.description }),
    ...(v.targetGroup !== undefined && { target_group: v.targetGroup }),
    ...(v.awardRequirements !== undefined && { award_requirements: v.awardRequirements }),
    ...(v.detailsToBeConfirmed !== undefined && { details_to_be_confirmed: v.detailsToBeConfirmed }),
    updated_at: at,
  };
  await db.updateTable('certificate_types').set(set).where('id', '=', id).execute();
}

export async function touchType(db: Db, id: string, at: Date) {
  await db.updateTable('certificate_types').set({ updated_at: at }).where('id', '=', id).execute();
}

/** `UPDATE … WHERE status = from`: false when another transaction moved the type first. */
export async function setTypeStatus(db: Db, id: string, from: CertificateTypeStatus, to: CertificateTypeStatus, at: Date) {
  const r = await db
    .updateTable('certificate_types')
    .set({ status: to, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertTypeEvent(
  db: Db,
  e: {
    typeId: string;
    action: string;
    from: CertificateTypeStatus;
    to: CertificateTypeStatus;
    comment: string | null;
    actorId: string | null;
    at: Date;
  },
) {
  await db
    .insertInto('certificate_type_events')
    .values({
      certificate_type_id: e.typeId,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      comment: e.comment,
      actor_id: e.actorId,
      at: e.at,
    })
    .execute();
}

export async function setTypeMajors(db: Db, typeId: string, majorIds: readonly string[]) {
  await db.deleteFrom('certificate_type_majors').where('certificate_type_id', '=', typeId).execute();
  if (majorIds.length)
    await db
      .insertInto('certificate_type_majors')
      .values(majorIds.map((major_id) => ({ certificate_type_id: typeId, major_id })))
      .execute();
}

export interface LevelValues {
  level: CertificateLevel;
  passMark: number | null;
  detailsToBeConfirmed: boolean;
  examForms: readonly { form: ExamForm; share: number }[];
}

/** Replaces a type's levels and their exam forms (forms go with their level: ON DELETE CASCADE). */
export async function replaceLevels(db: Db, typeId: string, levels: readonly LevelValues[]) {
  await db.deleteFrom('certificate_levels').where('certificate_type_id', '=', typeId).execute();
  for (const l of levels) {
    const r = await db
      .insertInto('certificate_levels')
      .values({ certificate_type_id: typeId, level: l.level, pass_mark: l.passMark, details_to_be_confirmed: l.detailsToBeConfirmed })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('certificate_level_exam_forms')
      .values(l.examForms.map((f) => ({ level_id: r.id, form: f.form, share: f.share.toFixed(3) })))
      .execute();
  }
}

export async function countLevels(db: Db, typeId: string) {
  const r = await db
    .selectFrom('certificate_levels')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('certificate_type_id', '=', typeId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertStandardDocument(db: Db, d: { typeId: string; version: string; fileId: string; at: Date; by: string | null }) {
  const r = await db
    .insertInto('standard_documents')
    .values({ certificate_type_id: d.typeId, version: d.version, file_id: d.fileId, uploaded_at: d.at, uploaded_by: d.by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function standardDocumentVersionExists(db: Db, typeId: string, version: string) {
  const r = await db
    .selectFrom('standard_documents')
    .select('id')
    .where('certificate_type_id', '=', typeId)
    .where('version', '=', version)
    .executeTakeFirst();
  return !!r;
}

/** Is this file the standard document of a type in the given statuses? */
export async function fileIsStandardDocumentOf(db: Db, fileId: string, statuses: readonly CertificateTypeStatus[]) {
  const r = await db
    .selectFrom('standard_documents as d')
    .innerJoin('certificate_types as t', 't.id', 'd.certificate_type_id')
    .select('d.id')
    .where('d.file_id', '=', fileId)
    .where('t.status', 'in', statuses)
    .executeTakeFirst();
  return !!r;
}

// ---- batches and majors ----

export function listBatches(db: Db) {
  return db.selectFrom('certificate_batches').select(['code', 'name', 'ordinal']).orderBy('ordinal').execute();
}

export function findBatch(db: Db, codeOrName: string) {
  return db
    .selectFrom('certificate_batches')
    .select(['code', 'name', 'ordinal'])
    .where((eb) => eb.or([eb('code', '=', codeOrName), eb('name', '=', codeOrName)]))
    .executeTakeFirst();
}

export async function batchTaken(db: Db, b: { code: string; name: string; ordinal: number }) {
  const r = await db
    .selectFrom('certificate_batches')
    .select('code')
    .where((eb) => eb.or([eb('code', '=', b.code), eb('name', '=', b.name), eb('ordinal', '=', b.ordinal)]))
    .executeTakeFirst();
  return !!r;
}

export async function insertBatch(db: Db, b: { code: string; name: string; ordinal: number }) {
  await db.insertInto('certificate_batches').values(b).execute();
}

export function listMajors(
  db: Db,
  f: { q?: string | undefined; educationLevel?: string | undefined; catalogEdition?: string | undefined },
) {
  let q = db.selectFrom('majors').select(['id', 'code', 'name', 'education_level', 'catalog_edition', 'to_be_confirmed']);
  if (f.q) q = q.where((eb) => eb.or([eb('name', 'ilike', likeOf(f.q!)), eb('code', 'like', `${f.q!.replace(/[%_\\]/g, '')}%`)]));
  if (f.educationLevel) q = q.where('education_level', '=', f.educationLevel as never);
  if (f.catalogEdition) q = q.where('catalog_edition', '=', f.catalogEdition);
  return q.orderBy('catalog_edition', 'desc').orderBy('education_level').orderBy('code').orderBy('name').limit(500).execute();
}

export async function countMajors(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return 0;
  const r = await db
    .selectFrom('majors')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function orgExists(db: Db, id: string) {
  return db.selectFrom('evaluation_orgs').select('id').where('id', '=', id).executeTakeFirst();
}

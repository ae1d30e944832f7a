import { sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import { containsPattern, paginate } from '../../db/list-query';
import { scopeWhere } from '../../db/scope-filter';
import type { Db } from '../../db/types';

export async function insertCollection(
  db: Db,
  c: {
    provinceCode: string;
    title: string;
    year: number;
    deadline: string;
    categories: string[];
    criteria: { key: string; label: string; maxScore: number }[];
    description: string | null;
    at: Date;
    by: string | null;
  },
): Promise<string> {
  const r = await db
    .insertInto('typical_case_collections')
    .values({
      province_code: c.provinceCode,
      title: c.title,
      year: c.year,
      deadline: c.deadline,
      categories: JSON.stringify(c.categories),
      criteria: JSON.stringify(c.criteria),
      description: c.description,
      created_at: c.at,
      created_by: c.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const collectionBase = (db: Db) =>
  db
    .selectFrom('typical_case_collections as c')
    .innerJoin('regions as r', 'r.code', 'c.province_code')
    .select([
      'c.id',
      'c.province_code',
      'r.name as province_name',
      'c.title',
      'c.year',
      'c.deadline',
      'c.categories',
      'c.criteria',
      'c.description',
      'c.status',
      'c.published_at',
      sql<string>`(SELECT count(*) FROM typical_cases t WHERE t.collection_id = c.id AND t.status <> 'draft')`.as('case_count'),
      sql<string>`(SELECT count(*) FROM typical_cases t WHERE t.collection_id = c.id AND t.status = 'selected')`.as('selected_count'),
    ]);
export type CollectionRow = Awaited<ReturnType<ReturnType<typeof collectionBase>['executeTakeFirstOrThrow']>>;

export function findCollection(db: Db, id: string) {
  return collectionBase(db).where('c.id', '=', id).executeTakeFirst();
}
export async function lockCollection(db: Db, id: string) {
  await db.selectFrom('typical_case_collections').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return findCollection(db, id);
}

/** Collections of the actor's province (a school and a city see their province's; national all). */
export function listCollections(
  db: Db,
  provinceCode: string | null,
  f: { status?: string; year?: number },
  page: number,
  pageSize: number,
) {
  let q = collectionBase(db);
  if (provinceCode) q = q.where('c.province_code', '=', provinceCode);
  if (f.status) q = q.where('c.status', '=', f.status as 'open');
  if (f.year) q = q.where('c.year', '=', f.year);
  return paginate(q.orderBy('c.deadline', 'desc').orderBy('c.id'), page, pageSize);
}

export function publishCollection(db: Db, id: string, at: Date) {
  return db.updateTable('typical_case_collections').set({ status: 'published', published_at: at }).where('id', '=', id).execute();
}

export function publishedCollections(db: Db) {
  return collectionBase(db).where('c.status', '=', 'published').orderBy('c.published_at', 'desc').execute();
}

// ---- cases ----

export async function insertCase(
  db: Db,
  c: {
    collectionId: string;
    provinceCode: string;
    cityCode: string;
    schoolId: string;
    title: string;
    category: string;
    background: string;
    measures: string;
    outcomes: string;
    charCount: number;
    at: Date;
    by: string | null;
  },
): Promise<string> {
  const r = await db
    .insertInto('typical_cases')
    .values({
      collection_id: c.collectionId,
      province_code: c.provinceCode,
      city_code: c.cityCode,
      school_id: c.schoolId,
      title: c.title,
      category: c.category,
      background: c.background,
      measures: c.measures,
      outcomes: c.outcomes,
      char_count: c.charCount,
      created_at: c.at,
      created_by: c.by,
      updated_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const caseBase = (db: Db) =>
  db
    .selectFrom('typical_cases as t')
    .innerJoin('typical_case_collections as c', 'c.id', 't.collection_id')
    .innerJoin('schools as s', 's.id', 't.school_id')
    .select([
      't.id',
      't.collection_id',
      'c.title as collection_title',
      'c.deadline',
      'c.criteria',
      'c.status as collection_status',
      't.school_id',
      's.name as school_name',
      't.province_code',
      't.city_code',
      't.title',
      't.category',
      't.background',
      't.measures',
      't.outcomes',
      't.char_count',
      't.pdf_file_id',
      't.word_file_id',
      't.status',
      't.scores',
      't.total_score',
      't.review_comment',
      't.submitted_at',
      sql<string>`(SELECT count(*) FROM typical_case_images i WHERE i.case_id = t.id)`.as('image_count'),
    ]);
export type CaseRow = Awaited<ReturnType<ReturnType<typeof caseBase>['executeTakeFirstOrThrow']>>;

export function findCase(db: Db, id: string) {
  return caseBase(db).where('t.id', '=', id).executeTakeFirst();
}
export async function lockCase(db: Db, id: string) {
  await db.selectFrom('typical_cases').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return findCase(db, id);
}

export function listCases(
  db: Db,
  scope: Scope,
  f: { collectionId?: string; status?: string; q?: string; submittedOnly: boolean },
  page: number,
  pageSize: number,
) {
  let q = caseBase(db).where(scopeWhere(scope, { provinceCode: 't.province_code', cityCode: 't.city_code', schoolId: 't.school_id' }));
  if (f.submittedOnly) q = q.where('t.status', '<>', 'draft');
  if (f.collectionId) q = q.where('t.collection_id', '=', f.collectionId);
  if (f.status) q = q.where('t.status', '=', f.status as 'draft');
  if (f.q) q = q.where((eb) => eb.or([eb('t.title', 'ilike', containsPattern(f.q!)), eb('s.name', 'ilike', containsPattern(f.q!))]));
  return paginate(
    q
      .orderBy(sql`t.total_score DESC NULLS LAST`)
      .orderBy('t.submitted_at', 'desc')
      .orderBy('t.id'),
    page,
    pageSize,
  );
}

export function updateCase(
  db: Db,
  id: string,
  set: Partial<{
    title: string;
    category: string;
    background: string;
    measures: string;
    outcomes: string;
    char_count: number;
    pdf_file_id: string;
    word_file_id: string;
    status: 'submitted' | 'reviewed' | 'selected' | 'not_selected';
    scores: string;
    total_score: number;
    review_comment: string | null;
    submitted_at: Date;
    reviewed_at: Date;
    reviewed_by: string;
  }>,
  at: Date,
) {
  return db
    .updateTable('typical_cases')
    .set({ ...set, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export function imagesOf(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('typical_case_images as i')
    .innerJoin('files as f', 'f.id', 'i.file_id')
    .select(['i.case_id', 'i.file_id', 'i.caption', 'f.original_name'])
    .where('i.case_id', 'in', [...caseIds])
    .orderBy('i.case_id')
    .orderBy('i.sort_order')
    .execute();
}
export async function addImage(db: Db, caseId: string, fileId: string, caption: string | null) {
  const r = await db
    .selectFrom('typical_case_images')
    .select(sql<number>`coalesce(max(sort_order), 0)`.as('m'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  await db
    .insertInto('typical_case_images')
    .values({ case_id: caseId, file_id: fileId, caption, sort_order: Number(r?.m ?? 0) + 1 })
    .execute();
}
export function removeImage(db: Db, caseId: string, fileId: string) {
  return db.deleteFrom('typical_case_images').where('case_id', '=', caseId).where('file_id', '=', fileId).executeTakeFirst();
}

export function fileNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('files')
    .select(['id', 'original_name'])
    .where('id', 'in', [...ids])
    .execute();
}

export function selectedCases(db: Db, collectionId: string) {
  return caseBase(db)
    .where('t.collection_id', '=', collectionId)
    .where('t.status', '=', 'selected')
    .orderBy(sql`t.total_score DESC NULLS LAST`)
    .orderBy('t.id')
    .execute();
}

/** A picture of a selected case of a published collection is public (the public collection shows it). */
export async function isPublishedCaseImage(db: Db, fileId: string): Promise<boolean> {
  const r = await db
    .selectFrom('typical_case_images as i')
    .innerJoin('typical_cases as t', 't.id', 'i.case_id')
    .innerJoin('typical_case_collections as c', 'c.id', 't.collection_id')
    .select('i.file_id')
    .where('i.file_id', '=', fileId)
    .where('t.status', '=', 'selected')
    .where('c.status', '=', 'published')
    .executeTakeFirst();
  return !!r;
}

export function schoolFacts(db: Db, schoolId: string) {
  return db.selectFrom('schools').select(['id', 'name', 'province_code', 'city_code']).where('id', '=', schoolId).executeTakeFirst();
}

/** Open collections whose deadline is from `from` to `until` (China dates), with the day each was opened. */
export function openCollectionsDueBetween(db: Db, from: string, until: string) {
  return db
    .selectFrom('typical_case_collections as c')
    .select(['c.id', 'c.province_code', 'c.title', 'c.deadline', 'c.created_at'])
    .where('c.status', '=', 'open')
    .where('c.deadline', '>=', from)
    .where('c.deadline', '<=', until)
    .orderBy('c.deadline')
    .orderBy('c.id')
    .execute();
}

/** The collection's audience that has not answered: approved schools of its province without a submitted case in it. */
export function schoolsWithoutSubmission(db: Db, collectionId: string, provinceCode: string) {
  return db
    .selectFrom('schools as s')
    .select(['s.id'])
    .where('s.province_code', '=', provinceCode)
    .where('s.status', '=', 'approved')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('typical_cases as t')
            .select('t.id')
            .whereRef('t.school_id', '=', 's.id')
            .where('t.collection_id', '=', collectionId)
            .where('t.status', '<>', 'draft'),
        ),
      ),
    )
    .orderBy('s.id')
    .execute();
}

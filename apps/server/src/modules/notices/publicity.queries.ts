import type { PublicityQuery } from '@onex/shared';
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import { containsPattern, paginate } from '../../db/list-query';
import type { PublicityItemsTable } from '../../db/schema';
import { scopeWhere } from '../../db/scope-filter';
import type { Db } from '../../db/types';

export type PublicityRow = Selectable<PublicityItemsTable> & { objections: number };

const objections = sql<number>`(select count(*)::int from publicity_objections o where o.item_id = p.id)`.as('objections');

function statusWhere(status: PublicityQuery['status'], today: string) {
  if (status === 'scheduled') return sql<boolean>`p.starts_on > ${today}::date`;
  if (status === 'open') return sql<boolean>`p.starts_on <= ${today}::date and p.ends_on >= ${today}::date`;
  if (status === 'closed') return sql<boolean>`p.ends_on < ${today}::date`;
  return sql<boolean>`true`;
}

/** Items of a scope (`null`: the public list, every item that has started). */
export function listItems(db: Db, scope: Scope | null, f: PublicityQuery, today: string) {
  let q = db.selectFrom('publicity_items as p').selectAll('p').select(objections).where(statusWhere(f.status, today));
  q = scope ? q.where(scopeWhere(scope, { provinceCode: 'p.province_code', orgId: 'p.org_id' })) : q.where('p.starts_on', '<=', today);
  if (f.subjectType) q = q.where('p.subject_type', '=', f.subjectType);
  return paginate(q.orderBy('p.starts_on', 'desc').orderBy('p.created_at', 'desc').orderBy('p.id'), f.page, f.pageSize);
}

export function findItem(db: Db, id: string): Promise<PublicityRow | undefined> {
  return db.selectFrom('publicity_items as p').selectAll('p').select(objections).where('p.id', '=', id).executeTakeFirst();
}

export function itemOf(db: Db, subjectType: PublicityItemsTable['subject_type'], subjectId: string) {
  return db
    .selectFrom('publicity_items')
    .select('id')
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
}

export function insertItem(db: Db, p: Insertable<PublicityItemsTable>) {
  return db.insertInto('publicity_items').values(p).returning('id').executeTakeFirstOrThrow();
}

export function linkObjection(db: Db, complaintId: string, itemId: string, at: Date) {
  return db.insertInto('publicity_objections').values({ complaint_id: complaintId, item_id: itemId, filed_at: at }).execute();
}

/* Subjects */

export function filingSubject(db: Db, id: string) {
  return db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as c', 'c.id', 'f.certificate_type_id')
    .innerJoin('departments as d', 'd.id', 'f.department_id')
    .select([
      'f.id',
      'f.status',
      'f.decision',
      'f.year',
      'f.levels',
      'f.province_code',
      'f.city_code',
      'f.school_id',
      's.name as school_name',
      'c.name as certificate_name',
      'd.name as department_name',
    ])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

export function sessionSubject(db: Db, id: string) {
  return db
    .selectFrom('exam_sessions as e')
    .innerJoin('certificate_types as c', 'c.id', 'e.certificate_type_id')
    .select(['e.id', 'e.org_id', 'e.province_code', 'e.level', 'e.exam_date', 'e.certificate_type_id', 'c.name as certificate_name'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

/** The certificates a session issued and did not revoke: holder's name, number, school; never an ID number. */
export function sessionCertificates(db: Db, sessionId: string) {
  return db
    .selectFrom('certificates as c')
    .leftJoin('schools as s', 's.id', 'c.school_id')
    .select(['c.holder_name', 'c.number', 'c.level', 'c.issued_on', 's.name as school_name'])
    .where('c.session_id', '=', sessionId)
    .where('c.revoked_at', 'is', null)
    .orderBy('c.number')
    .execute();
}

/** A typical case with its school and collection (issue 14 item 2: selected cases go on display). */
export function typicalCaseSubject(db: Db, id: string) {
  return db
    .selectFrom('typical_cases as tc')
    .innerJoin('schools as s', 's.id', 'tc.school_id')
    .innerJoin('typical_case_collections as col', 'col.id', 'tc.collection_id')
    .select([
      'tc.id',
      'tc.status',
      'tc.title',
      'tc.category',
      'tc.province_code',
      'tc.school_id',
      's.name as school_name',
      'col.title as collection_title',
      'col.year',
    ])
    .where('tc.id', '=', id)
    .executeTakeFirst();
}

/* Candidates (issue 14 item 3): the items of a subject type that may go on display, within a scope */

const displayed = (type: PublicityItemsTable['subject_type'], idCol: string) =>
  sql<boolean>`exists (select 1 from publicity_items pi where pi.subject_type = ${type} and pi.subject_id = ${sql.ref(idCol)})`.as(
    'displayed',
  );

/** Approved filings (the province's decision, before or after it is published), as `PUBLICITY_SUBJECTS.filing` wants. */
export function filingCandidates(db: Db, scope: Scope, q: string | undefined, limit: number) {
  let s = db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as c', 'c.id', 'f.certificate_type_id')
    .innerJoin('departments as d', 'd.id', 'f.department_id')
    .select(['f.id', 'f.year', 's.name as school_name', 'c.name as certificate_name', 'd.name as department_name'])
    .select(displayed('filing', 'f.id'))
    .where(scopeWhere(scope, { provinceCode: 'f.province_code', cityCode: 'f.city_code', schoolId: 'f.school_id' }))
    .where('f.decision', '=', 'approved')
    .where('f.status', 'in', ['approved', 'published']);
  if (q) s = s.where((eb) => eb.or([eb('s.name', 'ilike', containsPattern(q)), eb('c.name', 'ilike', containsPattern(q))]));
  return s.orderBy('f.year', 'desc').orderBy('s.name').orderBy('c.name').orderBy('f.id').limit(limit).execute();
}

/** Selected typical cases, as `PUBLICITY_SUBJECTS.typical_case` wants. */
export function typicalCaseCandidates(db: Db, scope: Scope, q: string | undefined, limit: number) {
  let s = db
    .selectFrom('typical_cases as tc')
    .innerJoin('schools as s', 's.id', 'tc.school_id')
    .innerJoin('typical_case_collections as col', 'col.id', 'tc.collection_id')
    .select(['tc.id', 'tc.title', 's.name as school_name', 'col.title as collection_title', 'col.year'])
    .select(displayed('typical_case', 'tc.id'))
    .where(scopeWhere(scope, { provinceCode: 'tc.province_code', cityCode: 'tc.city_code', schoolId: 'tc.school_id' }))
    .where('tc.status', '=', 'selected');
  if (q) s = s.where((eb) => eb.or([eb('s.name', 'ilike', containsPattern(q)), eb('tc.title', 'ilike', containsPattern(q))]));
  return s.orderBy('col.year', 'desc').orderBy('s.name').orderBy('tc.id').limit(limit).execute();
}

/** Sessions that issued certificates not revoked, as `PUBLICITY_SUBJECTS.session_certificates` wants. */
export function sessionCandidates(db: Db, scope: Scope, q: string | undefined, limit: number) {
  const issued = sql<number>`(select count(*)::int from certificates x where x.session_id = e.id and x.revoked_at is null)`;
  let s = db
    .selectFrom('exam_sessions as e')
    .innerJoin('certificate_types as c', 'c.id', 'e.certificate_type_id')
    .select(['e.id', 'e.level', 'e.exam_date', 'c.name as certificate_name', issued.as('issued')])
    .select(displayed('session_certificates', 'e.id'))
    .where(scopeWhere(scope, { provinceCode: 'e.province_code', orgId: 'e.org_id' }))
    .where(sql<boolean>`${issued} > 0`);
  if (q) s = s.where('c.name', 'ilike', containsPattern(q));
  return s.orderBy('e.exam_date', 'desc').orderBy('c.name').orderBy('e.id').limit(limit).execute();
}

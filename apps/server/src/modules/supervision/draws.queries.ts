import type { Insertable, Selectable } from 'kysely';
import { paginate } from '../../db/list-query';
import type { InspectionDrawsTable, InspectorsTable } from '../../db/schema';
import type { Db } from '../../db/types';

export type DrawRow = Selectable<InspectionDrawsTable>;
export type InspectorRow = Selectable<InspectorsTable>;

export function insertInspector(db: Db, v: Insertable<InspectorsTable>) {
  return db.insertInto('inspectors').values(v).returningAll().executeTakeFirstOrThrow();
}

/** Inspectors of a province's pool (or the national pool when provinceCode is null). */
export function inspectorsOf(db: Db, provinceCode: string | null) {
  const q = db.selectFrom('inspectors').selectAll().where('active', '=', true);
  return (provinceCode ? q.where('province_code', '=', provinceCode) : q.where('province_code', 'is', null)).orderBy('id').execute();
}

export interface DrawFilters {
  provinceCode?: string | undefined;
  schoolType?: string | undefined;
  certificateTypeId?: string | undefined;
}

/** Schools with an approved, running pilot (or organizations owning a certificate type), filtered; id and name. */
export function drawCandidates(db: Db, kind: 'school' | 'organization', f: DrawFilters) {
  if (kind === 'organization') {
    let q = db.selectFrom('evaluation_orgs as o').select(['o.id', 'o.name']);
    if (f.certificateTypeId)
      q = q.where('o.id', 'in', db.selectFrom('certificate_types').select('org_id').where('id', '=', f.certificateTypeId));
    return q.orderBy('o.id').execute();
  }
  let pilots = db
    .selectFrom('filings')
    .select('school_id')
    .where('status', 'in', ['approved', 'published'])
    .where('decision', '=', 'approved')
    .where('cancelled_at', 'is', null);
  if (f.certificateTypeId) pilots = pilots.where('certificate_type_id', '=', f.certificateTypeId);
  let q = db.selectFrom('schools as s').select(['s.id', 's.name']).where('s.id', 'in', pilots);
  if (f.provinceCode) q = q.where('s.province_code', '=', f.provinceCode);
  if (f.schoolType) q = q.where('s.school_type', '=', f.schoolType as never);
  return q.orderBy('s.id').execute();
}

export function insertDraw(db: Db, v: Insertable<InspectionDrawsTable>) {
  return db.insertInto('inspection_draws').values(v).returningAll().executeTakeFirstOrThrow();
}

export function findDraw(db: Db, id: string) {
  return db.selectFrom('inspection_draws').selectAll().where('id', '=', id).executeTakeFirst();
}

export function publishDraw(db: Db, id: string, at: Date, result: string | null) {
  return db.updateTable('inspection_draws').set({ published_at: at, result }).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Draws of a province (province admin) or all (national), newest first. */
export function listDraws(db: Db, provinceCode: string | null, page: number, pageSize: number) {
  let q = db.selectFrom('inspection_draws').selectAll();
  if (provinceCode) q = q.where('province_code', '=', provinceCode);
  return paginate(q.orderBy('drawn_at', 'desc').orderBy('id'), page, pageSize);
}

export function listPublishedDraws(db: Db, page: number, pageSize: number) {
  return paginate(
    db.selectFrom('inspection_draws').selectAll().where('published_at', 'is not', null).orderBy('published_at', 'desc').orderBy('id'),
    page,
    pageSize,
  );
}

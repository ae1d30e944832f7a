import type { Insertable, Selectable } from 'kysely';
import type { Scope } from '../../auth/scope';
import type { InspectionsTable, RectificationOrdersTable } from '../../db/schema';
import { paginate } from '../../db/list-query';
import { scopeWhere } from '../../db/scope-filter';
import type { Db } from '../../db/types';

export type InspectionRow = Selectable<InspectionsTable> & { school_name: string; certificate_type_name: string; department_id: string };
export type OrderRow = Selectable<RectificationOrdersTable>;

const base = (db: Db) =>
  db
    .selectFrom('inspections as i')
    .innerJoin('filings as f', 'f.id', 'i.filing_id')
    .innerJoin('schools as s', 's.id', 'i.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .selectAll('i')
    .select(['s.name as school_name', 'ct.name as certificate_type_name', 'f.department_id']);

export const inspectionScope = (scope: Scope) =>
  scopeWhere(scope, { provinceCode: 'i.province_code', cityCode: 'i.city_code', schoolId: 'i.school_id', departmentId: 'f.department_id' });

export function findInspection(db: Db, id: string): Promise<InspectionRow | undefined> {
  return base(db).where('i.id', '=', id).executeTakeFirst();
}
export function lockInspection(db: Db, id: string) {
  return db.selectFrom('inspections').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}
export function listInspections(db: Db, scope: Scope): Promise<InspectionRow[]> {
  return base(db).where(inspectionScope(scope)).orderBy('i.planned_on', 'desc').orderBy('i.id').limit(500).execute();
}
export function insertInspection(db: Db, v: Insertable<InspectionsTable>) {
  return db.insertInto('inspections').values(v).returning('id').executeTakeFirstOrThrow();
}
export function setInspection(
  db: Db,
  id: string,
  patch: { status: 'planned' | 'rectifying' | 'closed'; result?: string; published_at?: Date | null },
) {
  return db.updateTable('inspections').set(patch).where('id', '=', id).execute();
}
export function findingsOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inspection_findings')
    .selectAll()
    .where('inspection_id', 'in', [...ids])
    .orderBy('created_at')
    .execute();
}
export function insertFinding(
  db: Db,
  v: { inspection_id: string; item_key: string; finding: string; issue: boolean; file_ids: string; created_at: Date; created_by: string },
) {
  return db.insertInto('inspection_findings').values(v).execute();
}
export function ordersOf(db: Db, ids: readonly string[]): Promise<OrderRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('rectification_orders')
    .selectAll()
    .where('inspection_id', 'in', [...ids])
    .orderBy('round')
    .execute();
}
export function lockOrder(db: Db, id: string) {
  return db.selectFrom('rectification_orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export function insertOrder(db: Db, v: { inspection_id: string; round: number; requirement: string; deadline: string; created_at: Date }) {
  return db.insertInto('rectification_orders').values(v).returning('id').executeTakeFirstOrThrow();
}
export function updateOrder(
  db: Db,
  id: string,
  from: OrderRow['status'],
  patch: Partial<Pick<OrderRow, 'status' | 'report' | 'reported_at' | 'decided_at' | 'decision_comment'>> & { report_file_ids?: string },
) {
  return db
    .updateTable('rectification_orders')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .returning('id')
    .executeTakeFirst();
}
export async function filesExist(db: Db, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const r = await db
    .selectFrom('files')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return r.length === new Set(ids).size;
}

/** Closed inspections whose result was published (公开), newest first. */
export function listPublishedInspections(db: Db, page: number, pageSize: number) {
  return paginate(
    base(db).where('i.published_at', 'is not', null).where('i.status', '=', 'closed').orderBy('i.published_at', 'desc').orderBy('i.id'),
    page,
    pageSize,
  );
}

import type { ExamSiteStatus } from '@onex/shared';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema';

/** Exam sites (R5.1): Kysely only. */

function sitesBase(db: Kysely<DB>) {
  return db
    .selectFrom('exam_sites')
    .innerJoin('certificate_types', 'certificate_types.id', 'exam_sites.certificate_type_id')
    .innerJoin('evaluation_orgs', 'evaluation_orgs.id', 'exam_sites.org_id')
    .leftJoin('schools', 'schools.id', 'exam_sites.school_id')
    .selectAll('exam_sites')
    .select(['certificate_types.name as certificate_type_name', 'evaluation_orgs.name as org_name', 'schools.name as school_name']);
}
export type SiteRow = Awaited<ReturnType<ReturnType<typeof sitesBase>['executeTakeFirstOrThrow']>>;

export function findSite(db: Kysely<DB>, id: string) {
  return sitesBase(db).where('exam_sites.id', '=', id).executeTakeFirst();
}

export async function lockSite(db: Kysely<DB>, id: string): Promise<void> {
  await db.selectFrom('exam_sites').select('id').where('id', '=', id).forUpdate().execute();
}

export interface SiteFilter {
  status?: ExamSiteStatus | undefined;
  certificateTypeId?: string | undefined;
  sharedOnly?: boolean;
}

export async function listSites(db: Kysely<DB>, where: Expression<SqlBool>, f: SiteFilter, page: number, pageSize: number) {
  let q = sitesBase(db).where(where);
  if (f.status) q = q.where('exam_sites.status', '=', f.status);
  if (f.certificateTypeId) q = q.where('exam_sites.certificate_type_id', '=', f.certificateTypeId);
  if (f.sharedOnly) q = q.where('exam_sites.status', '=', 'approved').where('exam_sites.open_shared', '=', true);
  const [items, total] = await Promise.all([
    q
      .orderBy('exam_sites.created_at', 'desc')
      .orderBy('exam_sites.id')
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

/** `col = value`, as a WHERE expression over the joined site columns. */
export function siteEq(col: 'province_code' | 'city_code' | 'school_id' | 'org_id', value: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(`exam_sites.${col}`)} = ${value}`;
}
export const sharedInProvince = (provinceCode: string): Expression<SqlBool> =>
  sql<SqlBool>`(exam_sites.status = 'approved' AND exam_sites.open_shared AND exam_sites.province_code = ${provinceCode})`;
export const ALL: Expression<SqlBool> = sql<SqlBool>`true`;
export const NONE: Expression<SqlBool> = sql<SqlBool>`false`;
export const or = (a: Expression<SqlBool>, b: Expression<SqlBool>): Expression<SqlBool> => sql<SqlBool>`(${a} OR ${b})`;

export interface NewSite {
  org_id: string;
  school_id: string | null;
  province_code: string;
  city_code: string;
  certificate_type_id: string;
  name: string;
  address: string;
  capacity: number;
  application_file_id: string | null;
  created_at: Date;
  created_by: string | null;
}
export async function insertSite(db: Kysely<DB>, v: NewSite): Promise<string> {
  const r = await db.insertInto('exam_sites').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateSite(
  db: Kysely<DB>,
  id: string,
  fromStatus: ExamSiteStatus,
  set: { status?: ExamSiteStatus; open_shared?: boolean; reason?: string | null; decided_at?: Date; decided_by?: string },
): Promise<boolean> {
  const r = await db.updateTable('exam_sites').set(set).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function schoolFacts(db: Kysely<DB>, schoolId: string) {
  return db.selectFrom('schools').select(['id', 'name', 'province_code', 'city_code']).where('id', '=', schoolId).executeTakeFirst();
}

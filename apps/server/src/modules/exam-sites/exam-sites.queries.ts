import type { CertificateLevel, ExamSiteStatus, PublicExamSiteQuery } from '@onex/shared';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { containsPattern, paginate } from '../../db/list-query';
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
  /** Issue 17 item 8: an organization's own site is in force at once. */
  registered_by?: 'school' | 'organization';
  levels?: CertificateLevel[] | null;
  status?: ExamSiteStatus;
  open_shared?: boolean;
  decided_at?: Date | null;
  decided_by?: string | null;
}
export async function insertSite(db: Kysely<DB>, v: NewSite): Promise<string> {
  const r = await db.insertInto('exam_sites').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateSite(
  db: Kysely<DB>,
  id: string,
  fromStatus: ExamSiteStatus,
  set: {
    status?: ExamSiteStatus;
    open_shared?: boolean;
    reason?: string | null;
    decided_at?: Date;
    decided_by?: string;
    closed_at?: Date;
    closed_by?: string;
    closed_reason?: string;
  },
): Promise<boolean> {
  const r = await db.updateTable('exam_sites').set(set).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function schoolFacts(db: Kysely<DB>, schoolId: string) {
  return db.selectFrom('schools').select(['id', 'name', 'province_code', 'city_code']).where('id', '=', schoolId).executeTakeFirst();
}

/** Issue 17 item 8: the organization edits the facts of a site it registered. */
export async function editSite(
  db: Kysely<DB>,
  id: string,
  set: { name?: string; address?: string; capacity?: number; levels?: CertificateLevel[]; updated_at: Date },
): Promise<void> {
  await db.updateTable('exam_sites').set(set).where('id', '=', id).execute();
}

/** A city (地市) and its province, for an organization's own site. */
export function cityOf(db: Kysely<DB>, code: string) {
  return db.selectFrom('regions').select(['code', 'parent_code']).where('code', '=', code).where('level', '=', 'city').executeTakeFirst();
}

/** The largest capacity of the site's sessions not yet closed (a site cannot shrink below them). */
export async function largestOpenSession(db: Kysely<DB>, siteId: string): Promise<number> {
  const r = await db
    .selectFrom('exam_sessions')
    .select((eb) => eb.fn.max<number>('capacity').as('n'))
    .where('exam_site_id', '=', siteId)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The levels a site examines: its own list, or every level of its certificate. */
const siteLevels = sql<CertificateLevel[]>`coalesce(exam_sites.levels,
  ARRAY(SELECT cl.level FROM certificate_levels cl WHERE cl.certificate_type_id = exam_sites.certificate_type_id))`;

/**
 * The public register 考核站点名录 (issue 17 item 8): approved sites of every organization, filtered; only the site's
 * facts and the names of its region, organization, certificate and host school.
 */
export function listPublicSites(db: Kysely<DB>, f: PublicExamSiteQuery) {
  let q = db
    .selectFrom('exam_sites')
    .innerJoin('certificate_types', 'certificate_types.id', 'exam_sites.certificate_type_id')
    .innerJoin('evaluation_orgs', 'evaluation_orgs.id', 'exam_sites.org_id')
    .innerJoin('regions as province', 'province.code', 'exam_sites.province_code')
    .innerJoin('regions as city', 'city.code', 'exam_sites.city_code')
    .leftJoin('schools', 'schools.id', 'exam_sites.school_id')
    .select([
      'exam_sites.id',
      'exam_sites.name',
      'exam_sites.address',
      'exam_sites.province_code',
      'province.name as province_name',
      'exam_sites.city_code',
      'city.name as city_name',
      'exam_sites.org_id',
      'evaluation_orgs.name as org_name',
      'exam_sites.certificate_type_id',
      'certificate_types.name as certificate_type_name',
      'exam_sites.capacity',
      'exam_sites.open_shared',
      'exam_sites.registered_by',
      'schools.name as school_name',
      siteLevels.as('levels'),
    ])
    .where('exam_sites.status', '=', 'approved');
  if (f.provinceCode) q = q.where('exam_sites.province_code', '=', f.provinceCode);
  if (f.cityCode) q = q.where('exam_sites.city_code', '=', f.cityCode);
  if (f.orgId) q = q.where('exam_sites.org_id', '=', f.orgId);
  if (f.certificateTypeId) q = q.where('exam_sites.certificate_type_id', '=', f.certificateTypeId);
  if (f.level) q = q.where(sql<SqlBool>`${f.level} = ANY(${siteLevels})`);
  if (f.openShared !== undefined) q = q.where('exam_sites.open_shared', '=', f.openShared);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('exam_sites.name', 'ilike', like), eb('exam_sites.address', 'ilike', like)]));
  }
  return paginate(
    q.orderBy('exam_sites.province_code').orderBy('exam_sites.city_code').orderBy('exam_sites.name').orderBy('exam_sites.id'),
    f.page,
    f.pageSize,
  );
}

/** The levels of a certificate. */
export async function certificateLevels(db: Kysely<DB>, certificateTypeId: string): Promise<CertificateLevel[]> {
  const rows = await db.selectFrom('certificate_levels').select('level').where('certificate_type_id', '=', certificateTypeId).execute();
  return rows.map((r) => r.level);
}

/** The levels of the site's sessions not yet closed. */
export async function openSessionLevels(db: Kysely<DB>, siteId: string): Promise<CertificateLevel[]> {
  const rows = await db
    .selectFrom('exam_sessions')
    .select('level')
    .distinct()
    .where('exam_site_id', '=', siteId)
    .where('status', '!=', 'closed')
    .execute();
  return rows.map((r) => r.level);
}

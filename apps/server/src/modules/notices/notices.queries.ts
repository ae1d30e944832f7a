import type { NoticeQuery, PublicNoticeQuery, Role } from '@onex/shared';
import { type Expression, type Insertable, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import { containsPattern, paginate } from '../../db/list-query';
import type { NoticesTable } from '../../db/schema';
import type { Db } from '../../db/types';
import type { ReaderUnit } from './notices.rules';

export type NoticeRow = Selectable<NoticesTable>;

/** The reader's unit facts: a school role takes its school's province and city. */
export async function readerUnit(
  db: Db,
  a: { userId: string; role: Role; provinceCode: string | null; cityCode: string | null; schoolId: string | null; orgId: string | null },
): Promise<ReaderUnit> {
  if (a.schoolId) {
    const s = await db.selectFrom('schools').select(['province_code', 'city_code']).where('id', '=', a.schoolId).executeTakeFirst();
    return { ...a, provinceCode: s?.province_code ?? null, cityCode: s?.city_code ?? null };
  }
  return { userId: a.userId, role: a.role, provinceCode: a.provinceCode, cityCode: a.cityCode, schoolId: null, orgId: a.orgId };
}

const NEVER = sql<SqlBool>`false`;

/** Forwarded to the reader's unit: its school (school roles) or its city (a municipal administrator). */
function deliveredTo(r: ReaderUnit): RawBuilder<SqlBool> {
  if (r.schoolId)
    return sql<SqlBool>`exists (select 1 from notice_deliveries d where d.notice_id = n.id and d.recipient_kind = 'school' and d.school_id = ${r.schoolId})`;
  if (r.role === 'municipal_admin' && r.cityCode)
    return sql<SqlBool>`exists (select 1 from notice_deliveries d where d.notice_id = n.id and d.recipient_kind = 'city' and d.city_code = ${r.cityCode})`;
  return NEVER;
}

/** notices.rules `noticeVisible` as a WHERE expression over `notices as n`. */
export function visibleTo(r: ReaderUnit): Expression<SqlBool> {
  if (r.role === 'national_admin') return sql<SqlBool>`true`;
  const own =
    r.role === 'province_admin' && r.provinceCode
      ? sql<SqlBool>`n.province_code = ${r.provinceCode}`
      : r.role === 'org_admin' && r.orgId
        ? sql<SqlBool>`n.org_id = ${r.orgId}`
        : NEVER;
  const province = r.provinceCode;
  const addressed = sql<SqlBool>`(${r.role} = any(n.audience_roles)
    and (n.province_code is null or n.province_code = ${province})
    and (cardinality(n.audience_province_codes) = 0 or ${province}::text = any(n.audience_province_codes)))`;
  return sql<SqlBool>`(n.is_public or n.created_by = ${r.userId} or ${own} or ${addressed} or ${deliveredTo(r)})`;
}

/** Whether the reader's unit, or the reader, has read it. */
function readBy(r: ReaderUnit) {
  const unit = r.schoolId
    ? sql<boolean>`exists (select 1 from notice_deliveries d where d.notice_id = n.id and d.recipient_kind = 'school' and d.school_id = ${r.schoolId} and d.read_at is not null)`
    : r.role === 'municipal_admin' && r.cityCode
      ? sql<boolean>`exists (select 1 from notice_deliveries d where d.notice_id = n.id and d.recipient_kind = 'city' and d.city_code = ${r.cityCode} and d.read_at is not null)`
      : sql<boolean>`false`;
  return sql<boolean>`(${unit} or exists (select 1 from notice_reads nr where nr.notice_id = n.id and nr.user_id = ${r.userId}))`;
}

export function listVisible(db: Db, r: ReaderUnit, f: NoticeQuery) {
  let q = db
    .selectFrom('notices as n')
    .selectAll('n')
    .select([
      readBy(r).as('is_read'),
      sql<boolean>`exists (select 1 from notice_deliveries d where d.notice_id = n.id)`.as('is_forwarded'),
      deliveredTo(r).as('delivered'),
    ])
    .where(visibleTo(r));
  if (f.category) q = q.where('n.category', '=', f.category);
  if (f.level) q = q.where('n.level', '=', f.level);
  if (f.q) q = q.where('n.title', 'ilike', containsPattern(f.q));
  if (f.unread === 'true') q = q.where(sql<SqlBool>`not ${readBy(r)}`);
  if (f.unread === 'false') q = q.where(readBy(r));
  return paginate(q.orderBy('n.published_at', 'desc').orderBy('n.id'), f.page, f.pageSize);
}

export function listPublic(db: Db, f: PublicNoticeQuery) {
  let q = db
    .selectFrom('notices as n')
    .select(['n.id', 'n.title', 'n.level', 'n.province_code', 'n.published_at', 'n.category'])
    .where('n.is_public', '=', true);
  if (f.level) q = q.where('n.level', '=', f.level);
  if (f.provinceCode) q = q.where('n.province_code', '=', f.provinceCode);
  if (f.q) q = q.where('n.title', 'ilike', containsPattern(f.q));
  return paginate(q.orderBy('n.published_at', 'desc').orderBy('n.id'), f.page, f.pageSize);
}

export function findNotice(db: Db, id: string) {
  return db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertNotice(db: Db, n: Insertable<NoticesTable>) {
  return db.insertInto('notices').values(n).returningAll().executeTakeFirstOrThrow();
}

export async function attachFiles(db: Db, noticeId: string, fileIds: readonly string[]) {
  if (fileIds.length === 0) return;
  await db
    .insertInto('notice_attachments')
    .values(fileIds.map((fileId, position) => ({ notice_id: noticeId, file_id: fileId, position })))
    .execute();
}

/** Files uploaded by the user that no notice holds yet. */
export function unattachedFilesOf(db: Db, userId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('files as f')
    .select('f.id')
    .where('f.id', 'in', [...ids])
    .where('f.created_by', '=', userId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('notice_attachments as a').select('a.file_id').whereRef('a.file_id', '=', 'f.id'))),
    )
    .execute();
}

export function attachmentsOf(db: Db, noticeId: string) {
  return db
    .selectFrom('notice_attachments as a')
    .innerJoin('files as f', 'f.id', 'a.file_id')
    .select(['f.id', 'f.original_name', 'f.mime', 'f.size'])
    .where('a.notice_id', '=', noticeId)
    .orderBy('a.position')
    .execute();
}

export function noticeOfFile(db: Db, fileId: string) {
  return db
    .selectFrom('notice_attachments as a')
    .innerJoin('notices as n', 'n.id', 'a.notice_id')
    .selectAll('n')
    .where('a.file_id', '=', fileId)
    .executeTakeFirst();
}

/* Forwarding and receipts */

export function cityDelivery(db: Db, noticeId: string, cityCode: string) {
  return db
    .selectFrom('notice_deliveries')
    .selectAll()
    .where('notice_id', '=', noticeId)
    .where('recipient_kind', '=', 'city')
    .where('city_code', '=', cityCode)
    .executeTakeFirst();
}

export function schoolDelivery(db: Db, noticeId: string, schoolId: string) {
  return db
    .selectFrom('notice_deliveries')
    .selectAll()
    .where('notice_id', '=', noticeId)
    .where('recipient_kind', '=', 'school')
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

export function citiesOf(db: Db, provinceCode: string) {
  return db.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', provinceCode).where('level', '=', 'city').execute();
}

/** A city's schools: the given ones (only those of the city), or all its 中职 schools (000 三(二)). */
export function schoolsOfCity(db: Db, cityCode: string, ids?: readonly string[]) {
  let q = db.selectFrom('schools').select(['id', 'name', 'province_code', 'city_code']).where('city_code', '=', cityCode);
  q = ids ? (ids.length ? q.where('id', 'in', [...ids]) : q.where(sql<SqlBool>`false`)) : q.where('school_type', '=', 'secondary');
  return q.orderBy('name').execute();
}

export async function insertDeliveries(
  db: Db,
  rows: {
    noticeId: string;
    kind: 'city' | 'school';
    provinceCode: string;
    cityCode: string;
    schoolId: string | null;
    at: Date;
    by: string;
  }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db
    .insertInto('notice_deliveries')
    .values(
      rows.map((d) => ({
        notice_id: d.noticeId,
        recipient_kind: d.kind,
        province_code: d.provinceCode,
        city_code: d.cityCode,
        school_id: d.schoolId,
        forwarded_at: d.at,
        forwarded_by: d.by,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return r.length;
}

export function markDeliveryRead(db: Db, id: string, userId: string, at: Date) {
  return db
    .updateTable('notice_deliveries')
    .set({ read_at: at, read_by: userId })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

export function markUserRead(db: Db, noticeId: string, userId: string, at: Date) {
  return db
    .insertInto('notice_reads')
    .values({ notice_id: noticeId, user_id: userId, read_at: at })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Receipts of a notice, optionally only those of one city's schools. */
export function receipts(db: Db, noticeId: string, onlyCity?: string) {
  let q = db
    .selectFrom('notice_deliveries as d')
    .leftJoin('schools as s', 's.id', 'd.school_id')
    .innerJoin('regions as c', 'c.code', 'd.city_code')
    .leftJoin('users as u', 'u.id', 'd.read_by')
    .select([
      'd.recipient_kind',
      'd.city_code',
      'd.school_id',
      'd.forwarded_at',
      'd.read_at',
      'u.display_name as read_by_name',
      sql<string>`coalesce(s.name, c.name)`.as('name'),
      sql<boolean>`exists (select 1 from notice_deliveries x where x.notice_id = d.notice_id and x.recipient_kind = 'school' and x.city_code = d.city_code)`.as(
        'forwarded_on',
      ),
    ])
    .where('d.notice_id', '=', noticeId);
  if (onlyCity) q = q.where('d.city_code', '=', onlyCity).where('d.recipient_kind', '=', 'school');
  return q
    .orderBy('d.city_code')
    .orderBy('d.recipient_kind')
    .orderBy(sql`coalesce(s.name, c.name)`)
    .execute();
}

/** Active users of the given roles in the given provinces (all provinces when none), school roles by their school. */
export async function audienceUserIds(db: Db, roles: readonly Role[], provinceCodes: readonly string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  let q = db
    .selectFrom('users as u')
    .leftJoin('schools as s', 's.id', 'u.school_id')
    .select('u.id')
    .where('u.status', '=', 'active')
    .where('u.role', 'in', [...roles]);
  if (provinceCodes.length) q = q.where(sql<string>`coalesce(u.province_code, s.province_code)`, 'in', [...provinceCodes]);
  return (await q.execute()).map((r) => r.id);
}

export function orgName(db: Db, orgId: string) {
  return db.selectFrom('evaluation_orgs').select('name').where('id', '=', orgId).executeTakeFirst();
}
export function regionName(db: Db, code: string) {
  return db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst();
}
export function certificateTypeOrg(db: Db, id: string) {
  return db.selectFrom('certificate_types').select(['org_id', 'name']).where('id', '=', id).executeTakeFirst();
}

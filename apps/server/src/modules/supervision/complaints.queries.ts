import type { ComplaintCategory, ComplaintLevel, ComplaintStatus, ComplaintSubjectType, SchoolType } from '@onex/shared';
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import { containsPattern, paginate } from '../../db/list-query';
import type { ComplaintAttachmentsTable, ComplaintsTable } from '../../db/schema';
import { scopeWhere } from '../../db/scope-filter';
import type { Db } from '../../db/types';

export type ComplaintRow = Selectable<ComplaintsTable>;

export interface SubjectRow {
  name: string;
  schoolType: SchoolType | null;
  provinceCode: string | null;
  cityCode: string | null;
}

/** The subject of a complaint with the facts routing needs; undefined when there is no such record. */
export async function subjectOf(db: Db, type: ComplaintSubjectType, id: string): Promise<SubjectRow | undefined> {
  if (type === 'school') {
    const s = await db
      .selectFrom('schools')
      .select(['name', 'school_type', 'province_code', 'city_code'])
      .where('id', '=', id)
      .executeTakeFirst();
    return s && { name: s.name, schoolType: s.school_type, provinceCode: s.province_code, cityCode: s.city_code };
  }
  const table = type === 'organization' ? 'evaluation_orgs' : 'certificate_types';
  const r = await db.selectFrom(table).select('name').where('id', '=', id).executeTakeFirst();
  return r && { name: r.name, schoolType: null, provinceCode: null, cityCode: null };
}

export function regionExists(db: Db, code: string, level: 'province' | 'city') {
  return db.selectFrom('regions').select('code').where('code', '=', code).where('level', '=', level).executeTakeFirst();
}

export interface NewComplaint {
  trackingCode: string;
  category: ComplaintCategory;
  subjectType: ComplaintSubjectType;
  subjectId: string;
  subject: SubjectRow;
  content: string;
  contactNameSealed: string | null;
  contactPhoneSealed: string | null;
  level: ComplaintLevel;
  provinceCode: string | null;
  cityCode: string | null;
  deadline: string;
  at: Date;
  clientIp: string | null;
}

export function insertComplaint(db: Db, c: NewComplaint) {
  return db
    .insertInto('complaints')
    .values({
      tracking_code: c.trackingCode,
      category: c.category,
      subject_type: c.subjectType,
      subject_id: c.subjectId,
      subject_name: c.subject.name,
      subject_province_code: c.subject.provinceCode,
      subject_city_code: c.subject.cityCode,
      content: c.content,
      contact_name_sealed: c.contactNameSealed,
      contact_phone_sealed: c.contactPhoneSealed,
      level: c.level,
      province_code: c.provinceCode,
      city_code: c.cityCode,
      deadline: c.deadline,
      filed_at: c.at,
      client_ip: c.clientIp,
      updated_at: c.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface ComplaintEventInput {
  complaintId: string;
  at: Date;
  actorId: string | null;
  action: string;
  from: ComplaintStatus | null;
  to: ComplaintStatus;
  level: ComplaintLevel;
  provinceCode: string | null;
  cityCode: string | null;
  comment: string | null;
}

export async function insertEvent(db: Db, e: ComplaintEventInput): Promise<void> {
  await db
    .insertInto('complaint_events')
    .values({
      complaint_id: e.complaintId,
      at: e.at,
      actor_id: e.actorId,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      level: e.level,
      province_code: e.provinceCode,
      city_code: e.cityCode,
      comment: e.comment,
    })
    .execute();
}

export function byTrackingCode(db: Db, code: string) {
  return db.selectFrom('complaints').selectAll().where('tracking_code', '=', code).executeTakeFirst();
}

export function lockComplaint(db: Db, id: string) {
  return db.selectFrom('complaints').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findComplaint(db: Db, id: string) {
  return db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The handler's columns are the scope: a province sees what its province or its cities handle, a city its own. */
export const complaintScope = (scope: Scope) => scopeWhere(scope, { provinceCode: 'c.province_code', cityCode: 'c.city_code' });

export interface ComplaintFilter {
  status?: ComplaintStatus | undefined;
  category?: ComplaintCategory | undefined;
  subjectType?: ComplaintSubjectType | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
}

export function listComplaints(db: Db, scope: Scope, f: ComplaintFilter, today: string, page: number, pageSize: number) {
  let q = db.selectFrom('complaints as c').selectAll('c').where(complaintScope(scope));
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.category) q = q.where('c.category', '=', f.category);
  if (f.subjectType) q = q.where('c.subject_type', '=', f.subjectType);
  if (f.q)
    q = q.where((eb) => eb.or([eb('c.subject_name', 'ilike', containsPattern(f.q!)), eb('c.tracking_code', '=', f.q!.toUpperCase())]));
  if (f.overdue !== undefined) {
    const overdue = sql<boolean>`(c.status IN ('received', 'in_progress') AND c.deadline < ${today}::date)`;
    q = q.where(f.overdue ? overdue : sql<boolean>`NOT ${overdue}`);
  }
  return paginate(q.orderBy('c.filed_at', 'desc').orderBy('c.id'), page, pageSize);
}

export function eventsOf(db: Db, complaintId: string) {
  return db
    .selectFrom('complaint_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.at', 'e.action', 'e.from_status', 'e.to_status', 'e.comment', 'e.level', 'u.display_name as actor_name'])
    .where('e.complaint_id', '=', complaintId)
    .orderBy('e.id')
    .execute();
}

export function updateComplaint(
  db: Db,
  id: string,
  from: ComplaintStatus,
  patch: Partial<
    Pick<ComplaintRow, 'status' | 'level' | 'province_code' | 'city_code' | 'deadline' | 'reply' | 'escalations' | 'verdict'>
  > & {
    updated_at: Date;
  },
) {
  return db.updateTable('complaints').set(patch).where('id', '=', id).where('status', '=', from).returningAll().executeTakeFirst();
}

/** Open complaints past their deadline that have a level above them (city or province), oldest first. */
export function overdueToEscalate(db: Db, today: string) {
  return db
    .selectFrom('complaints')
    .select('id')
    .where('status', 'in', ['received', 'in_progress'])
    .where('level', '<>', 'national')
    .where('deadline', '<', today)
    .orderBy('deadline')
    .execute();
}

/**
 * What the public complaint form can name (R8.5): approved schools, evaluation organizations or certificate types whose
 * name contains `q` (public facts: the catalog and the schools' names), at most 20.
 */
export function searchSubjects(db: Db, type: ComplaintSubjectType, q: string) {
  const pattern = containsPattern(q);
  if (type === 'school') {
    return db
      .selectFrom('schools')
      .select(['id', 'name'])
      .where('status', '=', 'approved')
      .where('name', 'like', pattern)
      .orderBy('name')
      .limit(20)
      .execute();
  }
  const table = type === 'organization' ? 'evaluation_orgs' : 'certificate_types';
  return db.selectFrom(table).select(['id', 'name']).where('name', 'like', pattern).orderBy('name').limit(20).execute();
}

export function lockByTrackingCode(db: Db, code: string) {
  return db.selectFrom('complaints').selectAll().where('tracking_code', '=', code).forUpdate().executeTakeFirst();
}

/** A complaint's attachments without their content, oldest first. */
export function attachmentsOf(db: Db, complaintId: string) {
  return db
    .selectFrom('complaint_attachments')
    .select(['id', 'original_name', 'mime', 'size', 'sha256'])
    .where('complaint_id', '=', complaintId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function insertAttachment(db: Db, a: Insertable<ComplaintAttachmentsTable>) {
  return db.insertInto('complaint_attachments').values(a).returning(['id', 'original_name', 'mime', 'size']).executeTakeFirstOrThrow();
}

export function readAttachment(db: Db, complaintId: string, id: string) {
  return db.selectFrom('complaint_attachments').selectAll().where('complaint_id', '=', complaintId).where('id', '=', id).executeTakeFirst();
}

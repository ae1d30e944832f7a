import type { Role } from '@onex/shared';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;
type Tx = Transaction<DB>;

/**
 * Who receives a notification: named users, or the active accounts of a role narrowed by scope facts (every fact
 * given must match; at least one is required, except for the national administrators).
 */
export type Audience =
  { userIds: readonly string[] } | { role: Role; schoolId?: string; cityCode?: string; provinceCode?: string; orgId?: string };

export async function recipientsOf(db: Db, a: Audience): Promise<string[]> {
  let q = db.selectFrom('users').select('id').where('status', '=', 'active');
  if ('userIds' in a) {
    if (a.userIds.length === 0) return [];
    q = q.where('id', 'in', [...a.userIds]);
  } else {
    // A national administrator's scope is everything; any other role must be narrowed by a fact.
    if (a.role !== 'national_admin' && !a.schoolId && !a.cityCode && !a.provinceCode && !a.orgId) return [];
    q = q.where('role', '=', a.role);
    if (a.schoolId) q = q.where('school_id', '=', a.schoolId);
    if (a.cityCode) q = q.where('city_code', '=', a.cityCode);
    if (a.provinceCode) q = q.where('province_code', '=', a.provinceCode);
    if (a.orgId) q = q.where('org_id', '=', a.orgId);
  }
  return (await q.execute()).map((r) => r.id);
}

export interface NotificationRow {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  at: Date;
  dedupeKey?: string | null;
}

/** Inserts notifications; a row whose user already has its dedupe key is skipped. Returns how many were written. */
export async function insertNotifications(trx: Tx | Db, rows: readonly NotificationRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await trx
    .insertInto('notifications')
    .values(
      rows.map((n) => ({
        user_id: n.userId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        created_at: n.at,
        dedupe_key: n.dedupeKey ?? null,
      })),
    )
    .onConflict((c) => c.columns(['user_id', 'dedupe_key']).doNothing())
    .returning('id')
    .execute();
  return r.length;
}

/** What notification texts say about a filing. */
export function filingNoticeFacts(db: Db, filingId: string) {
  return db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select([
      'f.id',
      'f.school_id',
      'f.city_code',
      'f.province_code',
      'f.needs_municipal_review',
      'f.decision',
      's.name as school_name',
      'ct.name as certificate_name',
    ])
    .where('f.id', '=', filingId)
    .executeTakeFirstOrThrow();
}

export async function listOwn(db: Db, userId: string, unread: boolean, page: number, pageSize: number) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (unread) q = q.where('read_at', 'is', null);
  const [items, total, unreadCount] = await Promise.all([
    q
      .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), unreadCount: Number(unreadCount.n) };
}
export type NotificationDbRow = Awaited<ReturnType<typeof listOwn>>['items'][number];

/** Marks one of the user's notifications read (keeps the first read time); undefined when it is not the user's. */
export async function markRead(trx: Tx, id: string, userId: string, at: Date) {
  await trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
  return trx
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function markAllRead(trx: Tx, userId: string, at: Date) {
  const r = await trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Open 集中备案 rounds whose school deadline falls in (from, to]. */
export function roundsWithDeadlineBetween(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('filing_rounds')
    .select(['id', 'name', 'province_code', 'school_submission_deadline'])
    .where('status', '=', 'open')
    .where('type', '=', 'centralized')
    .where('school_submission_deadline', '>', from)
    .where('school_submission_deadline', '<=', to)
    .execute();
}

/** Registrations awaiting the learner's consent, with the learner's account and what the notice says. */
export function consentNoticeFacts(db: Db, registrationIds: readonly string[]) {
  if (registrationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('exam_registrations as r')
    .innerJoin('learners as l', 'l.id', 'r.learner_id')
    .innerJoin('exam_sessions as s', 's.id', 'r.session_id')
    .innerJoin('certificate_types as ct', 'ct.id', 's.certificate_type_id')
    .select(['r.id', 'l.user_id', 'ct.name as certificate_name', 's.level', 's.exam_date', 's.registration_closes_at'])
    .where('r.id', 'in', [...registrationIds])
    .where('r.status', '=', 'proposed')
    .where('l.user_id', 'is not', null)
    .execute();
}

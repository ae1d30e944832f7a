import type { ChangeKind, ChangeRequestStatus } from '@onex/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../auth/actor';
import type { DB } from '../../db/schema';
import { filingVisibleTo } from '../filings/filings.queries';

type Db = Kysely<DB>;
type Tx = Transaction<DB>;

function base(db: Db) {
  return db
    .selectFrom('filing_change_requests as cr')
    .innerJoin('filings', 'filings.id', 'cr.filing_id')
    .innerJoin('schools as s', 's.id', 'cr.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'filings.certificate_type_id')
    .leftJoin('users as rq', 'rq.id', 'cr.requested_by')
    .leftJoin('users as dc', 'dc.id', 'cr.decided_by')
    .selectAll('cr')
    .select([
      's.name as school_name',
      'ct.name as certificate_type_name',
      'filings.year as filing_year',
      'rq.display_name as requested_by_name',
      'dc.display_name as decided_by_name',
    ]);
}
export type ChangeRequestRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

/** Change requests of filings the actor can see (the filing's visibility is the request's). */
export async function listVisible(db: Db, actor: Actor, status: ChangeRequestStatus | undefined, page: number, pageSize: number) {
  let q = base(db).where(filingVisibleTo(actor));
  if (status) q = q.where('cr.status', '=', status);
  const [items, total] = await Promise.all([
    q
      .orderBy('cr.requested_at', 'desc')
      .orderBy('cr.id')
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

export function ofFiling(db: Db, filingId: string) {
  return base(db).where('cr.filing_id', '=', filingId).orderBy('cr.requested_at', 'desc').orderBy('cr.id').execute();
}

export function findById(db: Db, id: string) {
  return base(db).where('cr.id', '=', id).executeTakeFirst();
}

/** The filing a request belongs to, or undefined. */
export function filingOf(db: Db, id: string) {
  return db
    .selectFrom('filing_change_requests')
    .select('filing_id')
    .where('id', '=', id)
    .executeTakeFirst()
    .then((r) => r?.filing_id);
}

export function pendingExists(db: Db, filingId: string) {
  return db
    .selectFrom('filing_change_requests')
    .select('id')
    .where('filing_id', '=', filingId)
    .where('status', '=', 'submitted')
    .executeTakeFirst()
    .then(Boolean);
}

export async function insertRequest(
  trx: Tx,
  v: {
    filingId: string;
    provinceCode: string;
    cityCode: string;
    schoolId: string;
    kinds: ChangeKind[];
    reason: string;
    proposed: Record<string, unknown>;
    at: Date;
    by: string;
  },
) {
  const r = await trx
    .insertInto('filing_change_requests')
    .values({
      filing_id: v.filingId,
      province_code: v.provinceCode,
      city_code: v.cityCode,
      school_id: v.schoolId,
      kinds: v.kinds,
      reason: v.reason,
      proposed: JSON.stringify(v.proposed),
      requested_at: v.at,
      requested_by: v.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Decides a pending request; false when it was no longer pending. */
export async function decide(trx: Tx, id: string, v: { status: 'recorded' | 'refused'; at: Date; by: string; comment: string | null }) {
  const r = await trx
    .updateTable('filing_change_requests')
    .set({ status: v.status, decided_at: v.at, decided_by: v.by, decision_comment: v.comment })
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

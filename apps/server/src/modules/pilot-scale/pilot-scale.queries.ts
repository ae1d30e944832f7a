import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;

export function filingForScale(db: Db, id: string, lock = false) {
  let q = db
    .selectFrom('filings')
    .select(['id', 'status', 'decision', 'province_code', 'city_code', 'school_id', 'approved_scale'])
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function setScale(
  db: Db,
  v: { filingId: string; provinceCode: string; from: number | null; to: number; reason: string | null; by: string; at: Date },
): Promise<void> {
  await db.updateTable('filings').set({ approved_scale: v.to }).where('id', '=', v.filingId).execute();
  await db
    .insertInto('filing_scale_events')
    .values({
      filing_id: v.filingId,
      province_code: v.provinceCode,
      from_scale: v.from,
      to_scale: v.to,
      reason: v.reason,
      actor_id: v.by,
      at: v.at,
    })
    .execute();
}

export function scaleEvents(db: Db, filingId: string) {
  return db.selectFrom('filing_scale_events').selectAll().where('filing_id', '=', filingId).orderBy('at').orderBy('id').execute();
}

/** Live registrations (proposed, consented, registered) of a pilot in sessions of an exam year. */
export async function liveRegistrations(db: Db, filingId: string, year: number): Promise<number> {
  const r = await sql<{ n: string }>`
    SELECT count(*) AS n FROM exam_registrations r JOIN exam_sessions s ON s.id = r.session_id
    WHERE r.filing_id = ${filingId} AND r.status IN ('proposed', 'consented', 'registered')
      AND extract(year FROM s.exam_date) = ${year}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

import type { ApprovedScaleQuery } from '@onex/shared';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { containsPattern, paginate } from '../../db/list-query';
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

/**
 * Approved pilots within `where` (the actor's scope over `filings`), each with its approved scale and its live
 * registrations in sessions of `year` (issue 17 item 4).
 */
export function listApprovedScales(db: Db, where: Expression<SqlBool>, f: ApprovedScaleQuery, year: number) {
  let q = db
    .selectFrom('filings')
    .innerJoin('schools', 'schools.id', 'filings.school_id')
    .innerJoin('departments', 'departments.id', 'filings.department_id')
    .innerJoin('certificate_types', 'certificate_types.id', 'filings.certificate_type_id')
    .select([
      'filings.id',
      'filings.year',
      'filings.province_code',
      'filings.approved_scale',
      'filings.school_id',
      'schools.name as school_name',
      'filings.department_id',
      'departments.name as department_name',
      'filings.certificate_type_id',
      'certificate_types.name as certificate_type_name',
      sql<string>`(SELECT count(*) FROM exam_registrations r JOIN exam_sessions s ON s.id = r.session_id
        WHERE r.filing_id = filings.id AND r.status IN ('proposed', 'consented', 'registered')
          AND extract(year FROM s.exam_date) = ${year})`.as('registrations'),
    ])
    .where(where)
    .where((eb) =>
      eb.or([
        eb('filings.status', '=', 'approved'),
        eb.and([eb('filings.status', '=', 'published'), eb('filings.decision', '=', 'approved')]),
      ]),
    );
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('schools.name', 'ilike', like), eb('certificate_types.name', 'ilike', like)]));
  }
  if (f.fixed !== undefined) q = q.where('filings.approved_scale', f.fixed ? 'is not' : 'is', null);
  return paginate(
    q.orderBy('schools.name').orderBy('certificate_types.name').orderBy('filings.year', 'desc').orderBy('filings.id'),
    f.page,
    f.pageSize,
  );
}

import { sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import { scopeWhere } from '../../db/scope-filter';
import type { PilotCancellationsTable } from '../../db/schema';
import type { Db } from '../../db/types';
import type { Insertable } from 'kysely';

export function filingCancelledAt(db: Db, filingId: string) {
  return db.selectFrom('filings').select('cancelled_at').where('id', '=', filingId).executeTakeFirst();
}

export async function markFilingCancelled(db: Db, filingId: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('filings')
    .set({ cancelled_at: at })
    .where('id', '=', filingId)
    .where('cancelled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export function insertCancellation(db: Db, v: Insertable<PilotCancellationsTable>) {
  return db.insertInto('pilot_cancellations').values(v).returning(['id', 'cancelled_at']).executeTakeFirstOrThrow();
}

export function clearFlags(db: Db, filingId: string, at: Date) {
  return db.updateTable('pilot_flags').set({ cleared_at: at }).where('filing_id', '=', filingId).where('cleared_at', 'is', null).execute();
}

/** How many of the evidence ids exist and belong to the pilot (flags and duties of the filing, complaints about its school). */
export async function evidenceFound(
  db: Db,
  filing: { id: string; school_id: string },
  ev: readonly { kind: string; id: string }[],
): Promise<number> {
  const ids = (kind: string) => ev.filter((e) => e.kind === kind).map((e) => e.id);
  const count = async (p: Promise<{ n: string | number | bigint } | undefined>) => Number((await p)?.n ?? 0);
  const n = (t: 'pilot_flags' | 'report_duties', list: string[]) =>
    list.length === 0
      ? Promise.resolve(0)
      : count(
          db
            .selectFrom(t)
            .select(sql<string>`count(*)`.as('n'))
            .where('id', 'in', list)
            .where('filing_id', '=', filing.id)
            .executeTakeFirst(),
        );
  const complaints = ids('complaint');
  const files = ids('file');
  const parts = await Promise.all([
    n('pilot_flags', ids('pilot_flag')),
    n('report_duties', ids('report_duty')),
    complaints.length === 0
      ? 0
      : count(
          db
            .selectFrom('complaints')
            .select(sql<string>`count(*)`.as('n'))
            .where('id', 'in', complaints)
            .where('subject_id', '=', filing.school_id)
            .executeTakeFirst(),
        ),
    files.length === 0
      ? 0
      : count(
          db
            .selectFrom('files')
            .select(sql<string>`count(*)`.as('n'))
            .where('id', 'in', files)
            .executeTakeFirst(),
        ),
  ]);
  return parts.reduce((a, b) => a + b, 0);
}

export function listCancellations(db: Db, scope: Scope) {
  return db
    .selectFrom('pilot_cancellations as p')
    .innerJoin('filings as f', 'f.id', 'p.filing_id')
    .innerJoin('schools as s', 's.id', 'p.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select([
      'p.id',
      'p.filing_id',
      's.name as school_name',
      'ct.name as certificate_type_name',
      'p.ground',
      'p.clause',
      'p.reason',
      'p.evidence',
      'p.cancelled_at',
    ])
    .where(
      scopeWhere(scope, {
        provinceCode: 'p.province_code',
        cityCode: 'p.city_code',
        schoolId: 'p.school_id',
        departmentId: 'f.department_id',
      }),
    )
    .orderBy('p.cancelled_at', 'desc')
    .execute();
}

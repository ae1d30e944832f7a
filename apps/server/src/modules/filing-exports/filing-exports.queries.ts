import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;

/** The approved filings of a round (published or not yet) with school, certificate and plan rows, for the 汇总表. */
export async function approvedFilingsOfRound(db: Db, roundId: string) {
  const filings = await db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 'f.school_id', 'f.levels', 's.name as school_name', 's.school_type', 's.flags', 'ct.name as certificate_name'])
    .where('f.round_id', '=', roundId)
    .where('f.decision', '=', 'approved')
    .where('f.status', 'in', ['approved', 'published'])
    // Deterministic on every collation: by school type code, then school and certificate names by code point.
    .orderBy('s.school_type')
    .orderBy(sql`s.name COLLATE "C"`)
    .orderBy(sql`ct.name COLLATE "C"`)
    .execute();
  const majors = filings.length
    ? await db
        .selectFrom('filing_majors')
        .select(['filing_id', 'school_major_id', 'major_name', 'planned_trainees'])
        .where(
          'filing_id',
          'in',
          filings.map((f) => f.id),
        )
        .orderBy('sort_order')
        .execute()
    : [];
  return filings.map((f) => ({ ...f, majors: majors.filter((m) => m.filing_id === f.id) }));
}
export type SummaryFiling = Awaited<ReturnType<typeof approvedFilingsOfRound>>[number];

export function regionName(db: Db, code: string) {
  return db
    .selectFrom('regions')
    .select('name')
    .where('code', '=', code)
    .executeTakeFirst()
    .then((r) => r?.name ?? null);
}

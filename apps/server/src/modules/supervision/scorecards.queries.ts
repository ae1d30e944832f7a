import { sql } from 'kysely';
import type { Db } from '../../db/types';

type Counts = Map<string, { a: number; b: number }>;
const toMap = (rows: { id: string | null; a: string | number; b: string | number }[]): Counts =>
  new Map(rows.filter((r) => r.id).map((r) => [r.id!, { a: Number(r.a), b: Number(r.b) }]));

/** Schools with an approved pilot (in a province, or everywhere), or every evaluation organization. */
export function subjects(db: Db, kind: 'school' | 'organization', provinceCode: string | null) {
  if (kind === 'organization') return db.selectFrom('evaluation_orgs').select(['id', 'name']).orderBy('name').execute();
  let q = db
    .selectFrom('schools as s')
    .select(['s.id', 's.name'])
    .where(
      's.id',
      'in',
      db.selectFrom('filings').select('school_id').where('decision', '=', 'approved').where('status', 'in', ['approved', 'published']),
    );
  if (provinceCode) q = q.where('s.province_code', '=', provinceCode);
  return q.orderBy('s.name').execute();
}

/** examined (a) and passed (b) of the year's current results, per school or organization. */
export async function examCounts(db: Db, kind: 'school' | 'organization', year: number): Promise<Counts> {
  const col = kind === 'school' ? 'school_id' : 'org_id';
  return toMap(
    await db
      .selectFrom('exam_result_facts')
      .select([sql<string>`${sql.ref(col)}`.as('id'), sql<string>`count(*)`.as('a'), sql<string>`count(*) FILTER (WHERE passed)`.as('b')])
      .where('year', '=', year)
      .groupBy(col)
      .execute(),
  );
}

/** Reports due in the year before today (a) and those filed on time (b), per school. */
export async function reportCounts(db: Db, year: number, today: string): Promise<Counts> {
  return toMap(
    await db
      .selectFrom('report_duties')
      .select([
        'school_id as id',
        sql<string>`count(*)`.as('a'),
        sql<string>`count(*) FILTER (WHERE status IN ('submitted', 'accepted') AND NOT late)`.as('b'),
      ])
      .where(sql<boolean>`extract(year FROM due_date) = ${year}`)
      .where('due_date', '<', today)
      .groupBy('school_id')
      .execute(),
  );
}

/** Inspection findings marked as issues, recorded in the year (a), per school. */
export async function findingCounts(db: Db, year: number): Promise<Counts> {
  return toMap(
    await db
      .selectFrom('inspection_findings as f')
      .innerJoin('inspections as i', 'i.id', 'f.inspection_id')
      .select(['i.school_id as id', sql<string>`count(*)`.as('a'), sql<string>`0`.as('b')])
      .where('f.issue', '=', true)
      .where(sql<boolean>`extract(year FROM f.created_at AT TIME ZONE 'Asia/Shanghai') = ${year}`)
      .groupBy('i.school_id')
      .execute(),
  );
}

/** Complaints filed in the year about the subject that were closed as upheld or partly upheld (a), R8.5 verdicts. */
export async function complaintCounts(db: Db, kind: 'school' | 'organization', year: number): Promise<Counts> {
  return toMap(
    await db
      .selectFrom('complaints')
      .select(['subject_id as id', sql<string>`count(*)`.as('a'), sql<string>`0`.as('b')])
      .where('subject_type', '=', kind)
      .where('status', '=', 'closed')
      .where('verdict', 'in', ['upheld', 'partly_upheld'])
      .where(sql<boolean>`extract(year FROM filed_at AT TIME ZONE 'Asia/Shanghai') = ${year}`)
      .groupBy('subject_id')
      .execute(),
  );
}

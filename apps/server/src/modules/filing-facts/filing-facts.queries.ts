import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;

/** The plan's majors of a filing with all their yearly figures up to the filing's year. */
export async function planMajorFigures(db: Db, filingId: string, year: number) {
  const majors = await db
    .selectFrom('filing_majors as fm')
    .innerJoin('school_majors as m', 'm.id', 'fm.school_major_id')
    .select(['m.id', 'm.major_code', 'm.name'])
    .where('fm.filing_id', '=', filingId)
    .orderBy('fm.sort_order')
    .execute();
  if (majors.length === 0) return [];
  const years = await db
    .selectFrom('school_major_years')
    .select([
      'school_major_id',
      'year',
      'enrolled_students',
      'full_time_teachers',
      'part_time_teachers',
      'dual_qualified_teachers',
      'industry_expert_teachers',
    ])
    .where(
      'school_major_id',
      'in',
      majors.map((m) => m.id),
    )
    .where('year', '<=', year)
    .execute();
  return majors.map((m) => ({ ...m, years: years.filter((y) => y.school_major_id === m.id) }));
}

/** Earlier pilots of the same school × certificate (other filings that went beyond a draft), newest first. */
export function earlierPilots(db: Db, f: { id: string; school_id: string; certificate_type_id: string; year: number }) {
  return db
    .selectFrom('filings as f')
    .innerJoin('filing_rounds as r', 'r.id', 'f.round_id')
    .leftJoin('certificate_pass_rates as pr', (j) =>
      j
        .onRef('pr.school_id', '=', 'f.school_id')
        .onRef('pr.certificate_type_id', '=', 'f.certificate_type_id')
        .onRef('pr.year', '=', 'f.year'),
    )
    .select(['f.id', 'f.year', 'f.status', 'f.decision', 'f.cancelled_at', 'r.name as round_name', 'pr.candidates', 'pr.passed'])
    .where('f.school_id', '=', f.school_id)
    .where('f.certificate_type_id', '=', f.certificate_type_id)
    .where('f.id', '!=', f.id)
    .where('f.year', '<=', f.year)
    .where('f.status', '!=', 'draft')
    .orderBy('f.year', 'desc')
    .execute();
}

export function flagsOf(db: Db, filingIds: readonly string[]) {
  if (filingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pilot_flags')
    .select(['filing_id', 'kind', 'clause', 'jurisdiction', 'detail', 'flagged_at', 'cleared_at'])
    .where('filing_id', 'in', [...filingIds])
    .orderBy('flagged_at')
    .execute();
}

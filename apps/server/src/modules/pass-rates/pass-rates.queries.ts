import { type Expression, type Kysely, type SqlBool, type Transaction, sql } from 'kysely';
import { CERTIFICATE_LEVEL_LABELS, type PassRateGroup } from '@onex/shared';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;
type Tx = Transaction<DB>;

export const PASS_RATE_RULE = 'pass_rate';

/** The exam results of a school × certificate in the given years (rows exist only once the exams feature writes them). */
export function passRatesOf(db: Db, schoolId: string, certificateTypeId: string, years: readonly number[]) {
  return db
    .selectFrom('certificate_pass_rates')
    .select(['year', 'candidates', 'passed'])
    .where('school_id', '=', schoolId)
    .where('certificate_type_id', '=', certificateTypeId)
    .where('year', 'in', [...years])
    .execute();
}

/** The province's override of the pass-rate restriction for a school × certificate × filing year, with who gave it. */
export function passRateOverrideOf(db: Db, schoolId: string, certificateTypeId: string, year: number) {
  return db
    .selectFrom('filing_rule_overrides as o')
    .leftJoin('users as u', 'u.id', 'o.created_by')
    .select(['o.id', 'o.reason', 'o.created_at', 'u.display_name'])
    .where('o.school_id', '=', schoolId)
    .where('o.certificate_type_id', '=', certificateTypeId)
    .where('o.year', '=', year)
    .where('o.rule_id', '=', PASS_RATE_RULE)
    .executeTakeFirst();
}

export async function insertPassRateOverride(
  trx: Tx,
  v: { provinceCode: string; schoolId: string; certificateTypeId: string; year: number; reason: string; at: Date; by: string },
) {
  const r = await trx
    .insertInto('filing_rule_overrides')
    .values({
      province_code: v.provinceCode,
      school_id: v.schoolId,
      certificate_type_id: v.certificateTypeId,
      year: v.year,
      rule_id: PASS_RATE_RULE,
      reason: v.reason,
      created_at: v.at,
      created_by: v.by,
    })
    .onConflict((c) => c.columns(['school_id', 'certificate_type_id', 'year', 'rule_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/**
 * R3.9 ← R5.5: recomputes the certificate's pass rates of an exam year, per school, from the current results
 * (exam_result_facts), inside the results import's transaction. Rows of other years, certificates or schools stay.
 */
export async function refreshCertificatePassRates(trx: Db, certificateTypeId: string, year: number): Promise<void> {
  await sql`
    INSERT INTO certificate_pass_rates (school_id, certificate_type_id, year, candidates, passed)
    SELECT f.school_id, f.certificate_type_id, f.year, count(*), count(*) FILTER (WHERE f.passed)
    FROM exam_result_facts f
    WHERE f.certificate_type_id = ${certificateTypeId} AND f.year = ${year} AND f.school_id IS NOT NULL
    GROUP BY f.school_id, f.certificate_type_id, f.year
    ON CONFLICT (school_id, certificate_type_id, year)
    DO UPDATE SET candidates = EXCLUDED.candidates, passed = EXCLUDED.passed`.execute(trx);
}

const GROUP_COLUMN: Record<PassRateGroup, string> = {
  session: 'f.session_id',
  pilot: 'f.filing_id',
  school: 'f.school_id',
  certificate: 'f.certificate_type_id',
  level: 'f.level',
  province: 'f.province_code',
  year: 'f.year',
};

/** R5.6: candidates and passes of the current results grouped by one dimension, within the actor's scope. */
export async function passRatesGrouped(
  db: Db,
  groupBy: PassRateGroup,
  where: Expression<SqlBool>,
  f: { year?: number | undefined; certificateTypeId?: string | undefined; level?: string | undefined },
) {
  const key = sql<string | null>`CAST(${sql.ref(GROUP_COLUMN[groupBy])} AS text)`;
  let q = db
    .selectFrom('exam_result_facts as f')
    .select((eb) => [
      key.as('key'),
      eb.fn.countAll<string>().as('candidates'),
      eb.fn.count<string>('f.result_id').filterWhere('f.passed', '=', true).as('passed'),
    ])
    .where(where);
  if (f.year !== undefined) q = q.where('f.year', '=', f.year);
  if (f.certificateTypeId) q = q.where('f.certificate_type_id', '=', f.certificateTypeId);
  if (f.level) q = q.where('f.level', '=', f.level as 'junior');
  const rows = await q.groupBy(key).orderBy(key).execute();
  return rows.map((r) => ({ key: r.key, candidates: Number(r.candidates), passed: Number(r.passed) }));
}

/** Display names of the groups' keys. */
export async function passRateLabels(db: Db, groupBy: PassRateGroup, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  switch (groupBy) {
    case 'session': {
      const rows = await db
        .selectFrom('exam_sessions as s')
        .innerJoin('certificate_types as c', 'c.id', 's.certificate_type_id')
        .select(['s.id', 's.level', 's.exam_date', 'c.name'])
        .where('s.id', 'in', keys)
        .execute();
      return new Map(rows.map((r) => [r.id, `${r.name}｜${CERTIFICATE_LEVEL_LABELS[r.level].zh}｜${String(r.exam_date)}`]));
    }
    case 'pilot': {
      const rows = await db
        .selectFrom('filings as fl')
        .innerJoin('schools as s', 's.id', 'fl.school_id')
        .innerJoin('certificate_types as c', 'c.id', 'fl.certificate_type_id')
        .select(['fl.id', 'fl.year', 's.name as school', 'c.name as certificate'])
        .where('fl.id', 'in', keys)
        .execute();
      return new Map(rows.map((r) => [r.id, `${r.school}｜${r.certificate}（${r.year} 年试点）`]));
    }
    case 'school': {
      const rows = await db.selectFrom('schools').select(['id', 'name']).where('id', 'in', keys).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    }
    case 'certificate': {
      const rows = await db.selectFrom('certificate_types').select(['id', 'name']).where('id', 'in', keys).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    }
    case 'province': {
      const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', keys).execute();
      return new Map(rows.map((r) => [r.code, r.name]));
    }
    case 'level':
    case 'year':
      return new Map();
  }
}

/**
 * R3.9: filings in scope (`where`, over `fl`) whose school × certificate has exam results in the year before the
 * filing's with at least one failure — the candidates for a restriction (the round's threshold decides), with the
 * province's override if any.
 */
export function restrictionCandidates(db: Db, where: Expression<SqlBool>) {
  return db
    .selectFrom('filings as fl')
    .innerJoin('schools as s', 's.id', 'fl.school_id')
    .innerJoin('certificate_types as c', 'c.id', 'fl.certificate_type_id')
    .innerJoin('filing_rounds as r', 'r.id', 'fl.round_id')
    .innerJoin('certificate_pass_rates as pr', (j) =>
      j
        .onRef('pr.school_id', '=', 'fl.school_id')
        .onRef('pr.certificate_type_id', '=', 'fl.certificate_type_id')
        .on('pr.year', '=', sql<number>`fl.year - 1`),
    )
    .leftJoin('filing_rule_overrides as o', (j) =>
      j
        .onRef('o.school_id', '=', 'fl.school_id')
        .onRef('o.certificate_type_id', '=', 'fl.certificate_type_id')
        .onRef('o.year', '=', 'fl.year')
        .on('o.rule_id', '=', PASS_RATE_RULE),
    )
    .leftJoin('users as u', 'u.id', 'o.created_by')
    .select([
      'fl.id',
      'fl.year',
      'fl.status',
      's.name as school_name',
      'c.name as certificate_name',
      'r.rule_overrides',
      'pr.year as pr_year',
      'pr.candidates',
      'pr.passed',
      'o.reason',
      'o.created_at as override_at',
      'u.display_name as override_by',
    ])
    .where(where)
    .where('pr.candidates', '>', 0)
    .where(sql<SqlBool>`pr.passed < pr.candidates`)
    .orderBy('fl.year', 'desc')
    .orderBy('s.name')
    .orderBy('c.name')
    .execute();
}

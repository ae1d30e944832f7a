import type { StatisticsGroup, StatisticsQuery } from '@onex/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import { RECOMPUTE_COUNTS, RECOMPUTE_PILOTS } from '../../db/migrations/0022_statistics';
import { CITY_KEY, PROVINCE_KEY, recomputeFrom } from '../../db/migrations/0038_statistics_regions';
import type { Db } from '../../db/types';

const MEASURES = `registered, examined, passed, issued, revoked`;

/**
 * The rollups as one relation `u`: counts per level, pilots without one (level ''). The counts come from the coarsest
 * rollup holding every column asked for (0038_statistics_regions): a national or provincial figure sums a few
 * thousand rows, not one per school.
 */
function factsFor(grain: 'province' | 'city' | 'school') {
  const counts =
    grain === 'school'
      ? sql`SELECT province_code, city_code, school_id, department_id, org_id, certificate_type_id, level, year,
                   0 AS pilots, 0 AS planned, ${sql.raw(MEASURES)} FROM stat_counts`
      : grain === 'city'
        ? sql`SELECT province_code, city_code, NULL::uuid AS school_id, NULL::uuid AS department_id, org_id, certificate_type_id,
                     level, year, 0 AS pilots, 0 AS planned, ${sql.raw(MEASURES)} FROM stat_city_counts`
        : sql`SELECT province_code, NULL::text AS city_code, NULL::uuid AS school_id, NULL::uuid AS department_id, org_id,
                     certificate_type_id, level, year, 0 AS pilots, 0 AS planned, ${sql.raw(MEASURES)} FROM stat_province_counts`;
  return sql`(
  ${counts}
  UNION ALL
  SELECT province_code, city_code, school_id, department_id, org_id, certificate_type_id, '' AS level, year,
         pilots, planned, 0, 0, 0, 0, 0
  FROM stat_pilots
) u`;
}

/** The finest columns a query names (scope, filters, groupings), which decide the rollup it reads. */
export function grainOf(columns: { school: boolean; city: boolean }): 'province' | 'city' | 'school' {
  return columns.school ? 'school' : columns.city ? 'city' : 'province';
}

const GROUP_KEY: Record<StatisticsGroup, ReturnType<typeof sql>> = {
  province: sql`u.province_code`,
  city: sql`coalesce(u.city_code, '')`,
  school: sql`coalesce(CAST(u.school_id AS text), '')`,
  certificateType: sql`CAST(u.certificate_type_id AS text)`,
  level: sql`u.level`,
  year: sql`CAST(u.year AS text)`,
};

export interface SummaryRow {
  key: string;
  /** The key of the second grouping (`thenBy`), '' without one. */
  sub: string;
  pilots: number;
  planned: number;
  registered: number;
  examined: number;
  passed: number;
  issued: number;
  revoked: number;
}

/** Sums of the rollups grouped by one key (then by a second, `thenBy`), within the actor's scope (`scope`) and the filters. */
export async function summary(
  db: Db,
  scope: { where: Expression<SqlBool>; school: boolean; city: boolean },
  f: StatisticsQuery,
  thenBy?: StatisticsGroup,
): Promise<SummaryRow[]> {
  const groups = [f.groupBy, thenBy];
  const grain = grainOf({
    school: scope.school || !!f.schoolId || groups.includes('school'),
    city: scope.city || !!f.cityCode || groups.includes('city'),
  });
  const filters = [
    scope.where,
    f.year === undefined ? sql`true` : sql`u.year = ${f.year}`,
    f.provinceCode ? sql`u.province_code = ${f.provinceCode}` : sql`true`,
    f.cityCode ? sql`u.city_code = ${f.cityCode}` : sql`true`,
    f.schoolId ? sql`u.school_id = ${f.schoolId}` : sql`true`,
    f.certificateTypeId ? sql`u.certificate_type_id = ${f.certificateTypeId}` : sql`true`,
  ];
  const key = GROUP_KEY[f.groupBy];
  const sub = thenBy ? GROUP_KEY[thenBy] : sql`''`;
  const r = await sql<SummaryRow>`
    SELECT ${key} AS key, ${sub} AS sub, CAST(sum(pilots) AS integer) AS pilots, CAST(sum(planned) AS integer) AS planned,
           CAST(sum(registered) AS integer) AS registered, CAST(sum(examined) AS integer) AS examined,
           CAST(sum(passed) AS integer) AS passed, CAST(sum(issued) AS integer) AS issued,
           CAST(sum(revoked) AS integer) AS revoked
    FROM ${factsFor(grain)}
    WHERE ${sql.join(filters, sql` AND `)}
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return r.rows;
}

/** Names of the keys of a grouping (regions, schools, certificate types). */
export async function labels(db: Db, group: StatisticsGroup, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter(Boolean);
  if (ids.length === 0) return new Map();
  if (group === 'province' || group === 'city') {
    const rows = await db.selectFrom('regions').select(['code as id', 'name']).where('code', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  if (group === 'school') {
    const rows = await db.selectFrom('schools').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  if (group === 'certificateType') {
    const rows = await db.selectFrom('certificate_types').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  return new Map();
}

const PILOTS_WHERE = `WHERE f.status IN ('approved', 'published')`;
/**
 * The approved pilots. 0022's definition (its one-time backfill) also counted a rejected filing once its round was
 * published (status `published`, decision `rejected`); a pilot is a filing decided `approved`.
 */
export const APPROVED_PILOTS = RECOMPUTE_PILOTS.replace(PILOTS_WHERE, `${PILOTS_WHERE} AND f.decision = 'approved'`);

const PILOT_COLUMNS = [
  'province_code',
  'city_code',
  'school_id',
  'department_id',
  'org_id',
  'certificate_type_id',
  'year',
  'pilots',
  'planned',
];
/** Every column equal (none is nullable): an unchanged row. */
const samePilot = (a: string, b: string) => PILOT_COLUMNS.map((c) => `${a}.${c} = ${b}.${c}`).join(' AND ');

/**
 * Recomputes the pilot rollup (small: approved filings) and records when. Only the rows that changed are deleted or
 * inserted: rewriting the whole table every 30 s left it full of dead rows wherever vacuum lags (a 10 ms summary
 * after an hour with autovacuum off, 0.5 ms vacuumed). The INSERT's snapshot still sees the rows the DELETE removes,
 * which is right: only rows with no identical fresh row are removed.
 */
export async function refreshPilots(db: Db, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`
      WITH fresh AS (${sql.raw(APPROVED_PILOTS)}),
      stale AS (DELETE FROM stat_pilots s WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE ${sql.raw(samePilot('f', 's'))}))
      INSERT INTO stat_pilots (${sql.raw(PILOT_COLUMNS.join(', '))})
      SELECT * FROM fresh f WHERE NOT EXISTS (SELECT 1 FROM stat_pilots s WHERE ${sql.raw(samePilot('s', 'f'))})`.execute(trx);
    await sql`INSERT INTO stat_meta (name, refreshed_at) VALUES ('pilots', ${at})
              ON CONFLICT (name) DO UPDATE SET refreshed_at = excluded.refreshed_at`.execute(trx);
  });
}

export async function pilotsRefreshedAt(db: Db): Promise<Date | null> {
  const r = await db.selectFrom('stat_meta').select('refreshed_at').where('name', '=', 'pilots').executeTakeFirst();
  return r?.refreshed_at ?? null;
}

/** Rows of the rollups that differ from a full recomputation (`npm run stats:verify`), at most 20 per rollup. */
export async function countDifferences(db: Db): Promise<Record<string, unknown>[]> {
  const r = await sql<Record<string, unknown>>`
    WITH live AS (SELECT * FROM stat_counts WHERE registered <> 0 OR examined <> 0 OR passed <> 0 OR issued <> 0 OR revoked <> 0),
         full_ AS (${sql.raw(RECOMPUTE_COUNTS)})
    (SELECT 'rollup' AS side, * FROM (SELECT * FROM live EXCEPT SELECT * FROM full_) a)
    UNION ALL
    (SELECT 'base tables' AS side, * FROM (SELECT * FROM full_ EXCEPT SELECT * FROM live) b)
    LIMIT 20`.execute(db);
  return [
    ...r.rows,
    ...(await coarseDifferences(db, 'stat_city_counts', CITY_KEY)),
    ...(await coarseDifferences(db, 'stat_province_counts', PROVINCE_KEY)),
  ];
}

/** Rows of a coarser rollup (0038) that differ from `stat_counts` summed by its key. */
async function coarseDifferences(db: Db, table: string, key: string): Promise<Record<string, unknown>[]> {
  const cols = `${key}, registered, examined, passed, issued, revoked`;
  const r = await sql<Record<string, unknown>>`
    WITH live AS (SELECT ${sql.raw(cols)} FROM ${sql.table(table)}
                  WHERE registered <> 0 OR examined <> 0 OR passed <> 0 OR issued <> 0 OR revoked <> 0),
         full_ AS (${sql.raw(recomputeFrom(key))})
    (SELECT ${table} AS side, * FROM (SELECT * FROM live EXCEPT SELECT * FROM full_) a)
    UNION ALL
    (SELECT 'stat_counts' AS side, * FROM (SELECT * FROM full_ EXCEPT SELECT * FROM live) b)
    LIMIT 20`.execute(db);
  return r.rows;
}

/** The name of a province (null when the code is no province). */
export async function provinceName(db: Db, code: string): Promise<string | null> {
  const r = await db.selectFrom('regions').select('name').where('code', '=', code).where('level', '=', 'province').executeTakeFirst();
  return r?.name ?? null;
}

/**
 * Statistics at national scale (issue 16 benchmark): `stat_counts` holds a row per school × department × certificate
 * × level × year — half a million rows nationally — so a national or provincial dashboard summing it per request
 * missed the 50 ms target. Two coarser rollups of the same counts, without school and department, answer those:
 *
 * - `stat_city_counts`: per (province, city, organization, certificate type, level, year);
 * - `stat_province_counts`: per (province, organization, certificate type, level, year).
 *
 * A statement-level trigger on `stat_counts` adds each statement's delta (new rows minus old rows, grouped by the
 * coarser key) to both, in the same transaction, so they move with every write exactly as `stat_counts` does
 * (`npm run stats:verify` checks all three). The statistics query reads the coarsest table that holds every column
 * the actor's scope, the filters and the grouping name (statistics.queries.ts `factsFor`). `stat_counts` and
 * `stat_pilots` get indexes for the school and department scopes, which read them directly.
 */

const MEASURES = ['registered', 'examined', 'passed', 'issued', 'revoked'];

export const CITY_KEY = 'province_code, city_code, org_id, certificate_type_id, level, year';
export const PROVINCE_KEY = 'province_code, org_id, certificate_type_id, level, year';

const table = (name: string, key: string) => /* sql */ `
CREATE TABLE ${name} (
  province_code text NOT NULL,
  ${key.includes('city_code') ? 'city_code text,' : ''}
  org_id uuid NOT NULL,
  certificate_type_id uuid NOT NULL,
  level text NOT NULL,
  year integer NOT NULL,
  ${MEASURES.map((m) => `${m} integer NOT NULL DEFAULT 0`).join(',\n  ')}
);
CREATE UNIQUE INDEX ${name}_key ON ${name} (${key}) NULLS NOT DISTINCT;`;

const sums = MEASURES.map((m) => `sum(${m} * sign)`).join(', ');
const nonZero = MEASURES.map((m) => `sum(${m} * sign) <> 0`).join(' OR ');
const set = MEASURES.map((m) => `${m} = t.${m} + excluded.${m}`).join(', ');

/** Adds the delta of `source` (rows of stat_counts with a `sign`) to a coarser rollup. */
const upsert = (name: string, key: string, source: string) => /* sql */ `
    INSERT INTO ${name} AS t (${key}, ${MEASURES.join(', ')})
    SELECT ${key}, ${sums} FROM (${source}) d
    GROUP BY ${key} HAVING ${nonZero}
    ON CONFLICT (${key}) DO UPDATE SET ${set};`;

const signed = (rows: string, sign: number) => `SELECT *, ${sign} AS sign FROM ${rows}`;
const both = (source: string) => upsert('stat_city_counts', CITY_KEY, source) + upsert('stat_province_counts', PROVINCE_KEY, source);

/** Rebuilds a coarser rollup from `stat_counts` (the backfill below; `stats:verify` compares with the same). */
export const recomputeFrom = (key: string) => /* sql */ `
SELECT ${key}, ${MEASURES.map((m) => `sum(${m})::int AS ${m}`).join(', ')}
FROM stat_counts GROUP BY ${key}
HAVING ${MEASURES.map((m) => `sum(${m}) <> 0`).join(' OR ')}`;

export const sql = /* sql */ `
${table('stat_city_counts', CITY_KEY)}
${table('stat_province_counts', PROVINCE_KEY)}

CREATE FUNCTION stat_bump_regions() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN ${both(signed('new_rows', 1))}
  ELSIF TG_OP = 'UPDATE' THEN ${both(`${signed('new_rows', 1)} UNION ALL ${signed('old_rows', -1)}`)}
  ELSE ${both(signed('old_rows', -1))}
  END IF;
  RETURN NULL;
END $fn$;

CREATE TRIGGER stat_counts_regions_insert AFTER INSERT ON stat_counts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_bump_regions();
CREATE TRIGGER stat_counts_regions_update AFTER UPDATE ON stat_counts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_bump_regions();
CREATE TRIGGER stat_counts_regions_delete AFTER DELETE ON stat_counts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_bump_regions();

INSERT INTO stat_city_counts (${CITY_KEY}, ${MEASURES.join(', ')}) ${recomputeFrom(CITY_KEY)};
INSERT INTO stat_province_counts (${PROVINCE_KEY}, ${MEASURES.join(', ')}) ${recomputeFrom(PROVINCE_KEY)};

CREATE INDEX stat_counts_school_idx ON stat_counts (school_id);
CREATE INDEX stat_counts_department_idx ON stat_counts (department_id);
CREATE INDEX stat_pilots_school_idx ON stat_pilots (school_id);
CREATE INDEX stat_pilots_department_idx ON stat_pilots (department_id);
`;

/**
 * Statistics rollups (issue 16, R10.1, api-v1 `/statistics/summary`): figures are read from small tables kept current
 * as data changes, never by scanning the base tables per request.
 *
 * - `stat_counts`: per (province, city, school, department, organization, certificate type, level, year), the
 *   registered and examined candidates, passes, certificates issued and revoked. Statement-level triggers with
 *   transition tables add each statement's delta (new rows counted minus old rows counted), so every write path —
 *   registrations, imports and corrections, issuance, revocation — moves the figures in its own transaction, set-based
 *   (one GROUP BY per statement, not per row). A NULL school is a social learner.
 * - `stat_pilots`: approved pilots and their planned candidates (filings, a few thousand rows per province),
 *   recomputed by the statistics module every 30 s (`stat_meta.refreshed_at` is the `asOf`): a filing's majors
 *   can change after approval (filing changes), which a trigger on filings alone would miss.
 */

const KEY = 'province_code, city_code, school_id, department_id, org_id, certificate_type_id, level, year';

/**
 * A trigger function adding, per key, the measures of the statement's new rows minus those of its old rows, in one
 * upsert (an update that changes no counted fact writes nothing).
 */
function bump(name: string, measures: string[], facts: (rows: string) => string): string {
  const cols = measures.join(', ');
  const sums = measures.map((m) => `sum(${m} * sign)`).join(', ');
  const nonZero = measures.map((m) => `sum(${m} * sign) <> 0`).join(' OR ');
  const set = measures.map((m) => `${m} = t.${m} + excluded.${m}`).join(', ');
  const upsert = (source: string) => /* sql */ `
    INSERT INTO stat_counts AS t (${KEY}, ${cols})
    SELECT ${KEY}, ${sums} FROM (${source}) f
    GROUP BY ${KEY} HAVING ${nonZero}
    ON CONFLICT (${KEY}) DO UPDATE SET ${set};`;
  const signed = (rows: string, sign: number) => `SELECT x.*, ${sign} AS sign FROM (${facts(rows)}) x`;
  return /* sql */ `
CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN ${upsert(signed('new_rows', 1))}
  ELSE ${upsert(`${signed('new_rows', 1)} UNION ALL ${signed('old_rows', -1)}`)}
  END IF;
  RETURN NULL;
END $fn$;`;
}

const registrationFacts = (rows: string) => /* sql */ `
  SELECT r.province_code, coalesce(l.city_code, s.city_code) AS city_code, r.school_id, l.department_id, s.org_id,
         s.certificate_type_id, s.level, CAST(EXTRACT(YEAR FROM s.exam_date) AS integer) AS year,
         CASE WHEN r.status IN ('consented', 'registered') THEN 1 ELSE 0 END AS registered
  FROM ${rows} r JOIN exam_sessions s ON s.id = r.session_id JOIN learners l ON l.id = r.learner_id`;

const resultFacts = (rows: string) => /* sql */ `
  SELECT er.province_code, coalesce(l.city_code, s.city_code) AS city_code, r.school_id, l.department_id, s.org_id,
         s.certificate_type_id, s.level, CAST(EXTRACT(YEAR FROM s.exam_date) AS integer) AS year,
         CASE WHEN er.superseded_at IS NULL THEN 1 ELSE 0 END AS examined,
         CASE WHEN er.superseded_at IS NULL AND er.passed THEN 1 ELSE 0 END AS passed
  FROM ${rows} er JOIN exam_sessions s ON s.id = er.session_id JOIN exam_registrations r ON r.id = er.registration_id
  JOIN learners l ON l.id = r.learner_id`;

const certificateFacts = (rows: string) => /* sql */ `
  SELECT c.province_code, coalesce(c.city_code, s.city_code) AS city_code, c.school_id, l.department_id, c.org_id,
         c.certificate_type_id, c.level, CAST(EXTRACT(YEAR FROM c.issued_on) AS integer) AS year,
         1 AS issued, CASE WHEN c.revoked_at IS NOT NULL THEN 1 ELSE 0 END AS revoked
  FROM ${rows} c JOIN exam_sessions s ON s.id = c.session_id JOIN learners l ON l.id = c.learner_id`;

const triggers = (table: string, fn: string) => /* sql */ `
CREATE TRIGGER ${table}_stats_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
CREATE TRIGGER ${table}_stats_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`;

/** Rebuilds `stat_counts` from the base tables (the migration's backfill; `stats:verify` compares with the same). */
export const RECOMPUTE_COUNTS = /* sql */ `
SELECT ${KEY}, sum(registered)::int AS registered, sum(examined)::int AS examined, sum(passed)::int AS passed,
       sum(issued)::int AS issued, sum(revoked)::int AS revoked
FROM (
  SELECT ${KEY}, registered, 0 AS examined, 0 AS passed, 0 AS issued, 0 AS revoked FROM (${registrationFacts('exam_registrations')}) a
  UNION ALL
  SELECT ${KEY}, 0, examined, passed, 0, 0 FROM (${resultFacts('exam_results')}) b
  UNION ALL
  SELECT ${KEY}, 0, 0, 0, issued, revoked FROM (${certificateFacts('certificates')}) c
) u
GROUP BY ${KEY}
HAVING sum(registered) <> 0 OR sum(examined) <> 0 OR sum(passed) <> 0 OR sum(issued) <> 0 OR sum(revoked) <> 0`;

/** Approved pilots and planned candidates (R3.2 申请培训人数 of their majors), recomputed whole. */
export const RECOMPUTE_PILOTS = /* sql */ `
SELECT f.province_code, f.city_code, f.school_id, f.department_id, t.org_id, f.certificate_type_id, f.year,
       count(*)::int AS pilots, coalesce(sum(m.planned), 0)::int AS planned
FROM filings f
JOIN certificate_types t ON t.id = f.certificate_type_id
LEFT JOIN (SELECT filing_id, sum(planned_trainees) AS planned FROM filing_majors GROUP BY filing_id) m ON m.filing_id = f.id
WHERE f.status IN ('approved', 'published')
GROUP BY f.province_code, f.city_code, f.school_id, f.department_id, t.org_id, f.certificate_type_id, f.year`;

export const sql = /* sql */ `
CREATE TABLE stat_counts (
  province_code text NOT NULL,
  city_code text,
  school_id uuid,
  department_id uuid,
  org_id uuid NOT NULL,
  certificate_type_id uuid NOT NULL,
  level text NOT NULL,
  year integer NOT NULL,
  registered integer NOT NULL DEFAULT 0,
  examined integer NOT NULL DEFAULT 0,
  passed integer NOT NULL DEFAULT 0,
  issued integer NOT NULL DEFAULT 0,
  revoked integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX stat_counts_key ON stat_counts (${KEY}) NULLS NOT DISTINCT;

CREATE TABLE stat_pilots (
  province_code text NOT NULL,
  city_code text NOT NULL,
  school_id uuid NOT NULL,
  department_id uuid NOT NULL,
  org_id uuid NOT NULL,
  certificate_type_id uuid NOT NULL,
  year integer NOT NULL,
  pilots integer NOT NULL,
  planned integer NOT NULL
);
CREATE INDEX stat_pilots_province_idx ON stat_pilots (province_code);

CREATE TABLE stat_meta (
  name text PRIMARY KEY,
  refreshed_at timestamptz NOT NULL
);

${bump('stat_bump_registrations', ['registered'], registrationFacts)}
${bump('stat_bump_results', ['examined', 'passed'], resultFacts)}
${bump('stat_bump_certificates', ['issued', 'revoked'], certificateFacts)}
${triggers('exam_registrations', 'stat_bump_registrations')}
${triggers('exam_results', 'stat_bump_results')}
${triggers('certificates', 'stat_bump_certificates')}

INSERT INTO stat_counts (${KEY}, registered, examined, passed, issued, revoked) ${RECOMPUTE_COUNTS};
INSERT INTO stat_pilots (province_code, city_code, school_id, department_id, org_id, certificate_type_id, year, pilots, planned)
  ${RECOMPUTE_PILOTS};
INSERT INTO stat_meta (name, refreshed_at) VALUES ('pilots', now());
`;

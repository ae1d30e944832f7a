/**
 * npm run bench -- stats [--scale=1] [--seconds=10] [--connections=8]
 *
 * Statistics at national scale (issue 16 Benchmark), on PostgreSQL (BENCH_DATABASE_URL, default the local server):
 * 31 provinces (the reference regions), 3,000 schools, 20,000 approved pilots, 10,000,000 registrations (1,000,000
 * learners × 10 sessions each; 80 % examined, 85 % of those passed) and 5,000,000 certificates, all × `scale`,
 * generated server side (INSERT … SELECT generate_series) with the foreign-key and statistics triggers off during the
 * load. The rollups are then built by the migration's own recomputation — a plain GROUP BY over the base tables — and
 * that query's time is the baseline: what every dashboard request would cost without rollups.
 *
 * Measured, on the built server: GET /api/v1/statistics/summary for a national (by province), a provincial (by city)
 * and a school actor (by certificate), session cookies as a browser sends them, driven by autocannon in a separate
 * process; and the export of 100,000 certificates (`/certificates?status=revoked&format=xlsx` as the national
 * administrator: the first 100,000 certificates are revoked) with the server's peak RSS during it (VmHWM, reset before).
 * Targets: p99 ≤ 50 ms at 8 connections; export ≤ 10 s; peak RSS ≤ 300 MB.
 */
import { createHash, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { idCardCheckChar } from '@onex/shared';
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { RECOMPUTE_COUNTS } from '../apps/server/src/db/migrations/0022_statistics';
import { APPROVED_PILOTS } from '../apps/server/src/modules/statistics/statistics.queries';
import { seedReferenceData } from '../apps/server/src/db/seed/reference';
import { encryptIdNumber } from '../apps/server/src/lib/personal-id';
import { DEFAULT_URL, admin, dbUrl, withBenchDatabase } from './fixtures';
import { buildServer, freePort, ROOT, seconds, startServer, stop, waitForOk } from './lib';

interface LoadInput {
  requests: { path: string; token: string }[];
  base: string;
  seconds: number;
  connections: number;
}

async function load(input: LoadInput): Promise<void> {
  const result = await autocannon({
    url: input.base,
    connections: input.connections,
    duration: input.seconds,
    requests: [
      {
        setupRequest: (req) => {
          const r = input.requests[Math.floor(Math.random() * input.requests.length)]!;
          return { ...req, path: r.path, headers: { ...req.headers, cookie: `onex_sid=${r.token}` } };
        },
      },
    ],
  });
  const out = {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes: (result as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {},
  };
  process.stdout.write(`LOAD ${JSON.stringify(out)}\n`);
}

type LoadOut = { rps: number; p99: number; non2xx: number; errors: number; statusCodes: Record<string, { count: number }> };

function drive(input: LoadInput, dir: string): LoadOut {
  const file = path.join(dir, `load-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(input));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'stats', '--load', file], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('LOAD '));
  if (r.status !== 0 || !line) throw new Error(`load generator failed (${r.status}): ${r.stdout.slice(0, 2000)}`);
  return JSON.parse(line.slice(5)) as LoadOut;
}

const argOf = (args: string[], name: string, d: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);

/** Generates the data set server side; returns the session tokens of the three actors and the baseline time. */
export async function loadData(url: string, scale: number, secretKey: Buffer) {
  const first17 = '44010619990101123';
  const enc = encryptIdNumber(secretKey, first17 + idCardCheckChar(first17));
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const schools = n(3000);
  const pilots = n(20_000);
  const learners = n(1_000_000);
  const perLearner = 10;
  const sessions = Math.max(pilots, 20);
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    await migrate(database.db);
    await seedReferenceData(database.db);
  } finally {
    await database.close();
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = (text: string, values: unknown[] = []) => c.query(text, values);
  try {
    await q(`SET session_replication_role = replica`); // foreign keys and statistics triggers off during the load
    await q(`CREATE TEMP TABLE places AS SELECT row_number() OVER (ORDER BY code) - 1 AS k, parent_code AS province_code, code AS city_code
             FROM regions WHERE level = 'city'`);
    await q(`CREATE TEMP TABLE types AS SELECT row_number() OVER (ORDER BY code) - 1 AS k, id, org_id FROM certificate_types`);
    const places = Number((await q('SELECT count(*) FROM places')).rows[0].count);
    const types = Number((await q('SELECT count(*) FROM types')).rows[0].count);
    await q(
      `INSERT INTO schools (id, name, school_type, province_code, city_code)
       SELECT md5('s' || i)::uuid, '基准学校' || i, 'higher', p.province_code, p.city_code
       FROM generate_series(0, $1 - 1) i JOIN places p ON p.k = (i * 7) % $2`,
      [schools, places],
    );
    await q(
      `INSERT INTO departments (id, school_id, name) SELECT md5('d' || i)::uuid, md5('s' || i)::uuid, '信息学院' FROM generate_series(0, $1 - 1) i`,
      [schools],
    );
    await q(
      `INSERT INTO filings (id, round_id, province_code, city_code, school_id, department_id, certificate_type_id, year, levels,
                            needs_municipal_review, status, decision, created_at, updated_at)
       SELECT md5('f' || i)::uuid, md5('round')::uuid, s.province_code, s.city_code, s.id, md5('d' || (i % $1))::uuid, t.id,
              2024 + i % 3, '{intermediate}', false, 'published', 'approved', now(), now()
       FROM generate_series(0, $2 - 1) i JOIN schools s ON s.id = md5('s' || (i % $1))::uuid JOIN types t ON t.k = i % $3`,
      [schools, pilots, types],
    );
    await q(
      `INSERT INTO filing_majors (filing_id, province_code, school_major_id, major_code, major_name, enrolled_students, full_time_teachers, planned_trainees)
       SELECT f.id, f.province_code, md5('m' || f.id)::uuid, '510201', '计算机应用技术', 200, 20, 30 + (hashtext(f.id::text) & 63) FROM filings f`,
    );
    await q(
      `INSERT INTO exam_sessions (id, org_id, certificate_type_id, level, exam_site_id, province_code, city_code, exam_date, exam_form,
                                  capacity, registration_opens_at, registration_closes_at, status, created_at)
       SELECT md5('x' || i)::uuid, f.org_id, f.certificate_type_id, (ARRAY['junior','intermediate','senior'])[1 + i % 3], md5('site')::uuid,
              f.province_code, f.city_code, make_date(2024 + i % 3, 6, 20), 'computer', 100000, now() - interval '60 days',
              now() - interval '30 days', 'scores_published', now()
       FROM generate_series(0, $1 - 1) i
       JOIN (SELECT f.*, t.org_id, row_number() OVER (ORDER BY f.id) - 1 AS k FROM filings f JOIN types t ON t.id = f.certificate_type_id) f ON f.k = i % $2`,
      [sessions, pilots],
    );
    await q(
      `INSERT INTO learners (id, kind, school_id, province_code, city_code, department_id, name, id_type, id_number_enc, id_number_hash, id_number_last4, created_at)
       SELECT md5('l' || i)::uuid, 'pilot_student', s.id, s.province_code, s.city_code, md5('d' || (i % $2))::uuid, '考生' || i, 'id_card', $3, md5('h' || i), '0000', now()
       FROM generate_series(0, $1 - 1) i JOIN schools s ON s.id = md5('s' || (i % $2))::uuid`,
      [learners, schools, enc],
    );
    // Registration r: learner r % L in session (r / L + learner * 13) % S — ten distinct sessions per learner.
    await q(
      `INSERT INTO exam_registrations (id, session_id, learner_id, school_id, province_code, org_id, status, consent_at, consent_via, created_at)
       SELECT md5('r' || r)::uuid, md5('x' || ((r / $1 + (r % $1) * 13) % $2))::uuid, md5('l' || (r % $1))::uuid,
              md5('s' || ((r % $1) % $3))::uuid, s.province_code, md5('o')::uuid, 'registered', now(), 'learner', now()
       FROM generate_series(0, $1 * ${perLearner} - 1) r JOIN schools s ON s.id = md5('s' || ((r % $1) % $3))::uuid`,
      [learners, sessions, schools],
    );
    await q(`UPDATE exam_registrations r SET org_id = s.org_id FROM exam_sessions s WHERE s.id = r.session_id`);
    await q(
      `INSERT INTO exam_results (id, registration_id, session_id, province_code, score, passed, import_id, created_at)
       SELECT md5('e' || r.id)::uuid, r.id, r.session_id, r.province_code, 75, (hashtext(r.id::text) & 127) < 109, md5('imp')::uuid, now()
       FROM exam_registrations r WHERE (hashtext(r.id::text || 'x') & 127) < 102`,
    );
    const certificates = n(5_000_000);
    await q(
      `INSERT INTO certificates (id, number, verification_code, registration_id, result_id, session_id, learner_id, org_id, certificate_type_id,
                                 level, school_id, province_code, city_code, holder_name, holder_id_masked, issued_on, issuer_key_id,
                                 status_list_id, status_index, batch_id, created_at, revoked_at, revoked_on, revocation_reason)
       SELECT md5('c' || e.id)::uuid, 'N' || k, md5('v' || e.id) , e.registration_id, e.id, e.session_id, r.learner_id, s.org_id,
              s.certificate_type_id, s.level, r.school_id, r.province_code, l.city_code, l.name, '4401**********0000', s.exam_date + 30,
              md5('key')::uuid, md5('list' || (k / 131072))::uuid, k % 131072, md5('batch')::uuid, now(),
              CASE WHEN k <= 100000 THEN now() END, CASE WHEN k <= 100000 THEN current_date END, CASE WHEN k <= 100000 THEN '基准测试撤销' END
       FROM (SELECT e.*, row_number() OVER (ORDER BY e.id) AS k FROM exam_results e WHERE e.passed) e
       JOIN exam_registrations r ON r.id = e.registration_id JOIN exam_sessions s ON s.id = e.session_id JOIN learners l ON l.id = r.learner_id
       WHERE k <= $1`,
      [certificates],
    );
    await q(`SET session_replication_role = origin`);
    await q('ANALYZE');
    await q(`INSERT INTO stat_counts (province_code, city_code, school_id, department_id, org_id, certificate_type_id, level, year,
                                      registered, examined, passed, issued, revoked) ${RECOMPUTE_COUNTS}`);
    await q(`DELETE FROM stat_pilots`);
    await q(
      `INSERT INTO stat_pilots (province_code, city_code, school_id, department_id, org_id, certificate_type_id, year, pilots, planned) ${APPROVED_PILOTS}`,
    );
    await q('ANALYZE');
  } finally {
    await c.end();
  }
}

/**
 * The baseline (the rollup's own recomputation, a plain GROUP BY over the base tables, timed) and the three actors,
 * each with a session (rows written directly, as a login would).
 */
async function prepareRun(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = (text: string, values: unknown[] = []) => c.query(text, values);
  try {
    const t0 = performance.now();
    await q(`SELECT count(*) FROM (${RECOMPUTE_COUNTS}) b`);
    const baselineMs = performance.now() - t0;
    const counts = (
      await q(`SELECT (SELECT count(*) FROM exam_registrations) AS regs, (SELECT count(*) FROM certificates) AS certs,
                                    (SELECT count(*) FROM stat_counts) AS rollup`)
    ).rows[0] as Record<string, string>;
    // The three actors, each with a session (sessions rows written directly, as a login would).
    const province = (await q(`SELECT province_code FROM schools WHERE id = md5('s0')::uuid`)).rows[0].province_code as string;
    const schools = Number((await q('SELECT count(*) FROM schools')).rows[0].count);
    const pilots = Number((await q('SELECT count(*) FROM filings')).rows[0].count);
    const run = randomBytes(4).toString('hex');
    const actors = [
      { username: 'b-national', role: 'national_admin', province: null, school: null, path: '/api/v1/statistics/summary?groupBy=province' },
      { username: 'b-province', role: 'province_admin', province, school: null, path: '/api/v1/statistics/summary?groupBy=city' },
      { username: 'b-school', role: 'school_admin', province, school: 'md5', path: '/api/v1/statistics/summary?groupBy=certificateType' },
    ];
    const requests: { path: string; token: string }[] = [];
    for (const a of actors) {
      const token = randomBytes(32).toString('base64url');
      const user = await q(
        `INSERT INTO users (username, display_name, password_hash, role, province_code, school_id, created_at)
         VALUES ($1, $1, 'x', $2, $3, CASE WHEN $4::text IS NULL THEN NULL ELSE md5('s0')::uuid END, now()) RETURNING id`,
        [`${a.username}-${run}`, a.role, a.province, a.school],
      );
      await q(
        `INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $1, now(), now(), now() + interval '12 hours')`,
        [createHash('sha256').update(token).digest('hex'), user.rows[0].id],
      );
      requests.push({ path: a.path, token });
    }
    return { requests, baselineMs, counts, schools, pilots };
  } finally {
    await c.end();
  }
}

/** A database kept between runs (--keep), created when missing. */
function withKeptDatabase(name: string) {
  return async (fn: (url: string) => Promise<void>) => {
    const base = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]).finally(() => c.end());
    if (exists.rowCount === 0) await admin(base, `CREATE DATABASE ${name}`);
    await fn(dbUrl(base, name));
  };
}

async function hasData(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT to_regclass('public.stat_counts') IS NOT NULL AND EXISTS (SELECT 1 FROM certificates) AS ok`);
    return r.rows[0].ok === true;
  } catch {
    return false;
  } finally {
    await c.end();
  }
}

/** The server's peak (VmHWM) or current (VmRSS) resident memory, MB. */
function rssMb(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export async function run(args: string[]): Promise<void> {
  const loadAt = args.indexOf('--load');
  if (loadAt >= 0) return load(JSON.parse(readFileSync(args[loadAt + 1]!, 'utf8')) as LoadInput);
  const scale = argOf(args, 'scale', 1);
  const secondsEach = argOf(args, 'seconds', 10);
  const connections = argOf(args, 'connections', 8);
  // --keep: the generated data stay in database onex_bench_stats_keep_<scale> for the next run (which skips the load);
  // its ID numbers are encrypted under a key derived from the name, so a later run can open it.
  const keep = args.includes('--keep');
  const keptName = `onex_bench_stats_keep_${String(scale).replace('.', '_')}`;
  const secretKey = keep ? createHash('sha256').update(keptName).digest() : randomBytes(32);
  const dir = mkdtempSync(path.join(tmpdir(), 'onex-bench-stats-'));
  const withDatabase = keep ? withKeptDatabase(keptName) : (fn: (url: string) => Promise<void>) => withBenchDatabase('stats', fn);
  try {
    await withDatabase(async (url) => {
      const t0 = performance.now();
      if (!keep || !(await hasData(url))) await loadData(url, scale, secretKey);
      const data = await prepareRun(url);
      console.log(
        `setup (scale ${scale}): ${data.schools} schools, ${data.pilots} pilots, ${data.counts.regs} registrations, ${data.counts.certs} certificates, ` +
          `${data.counts.rollup} rollup rows (${seconds(performance.now() - t0)} s, not timed)`,
      );
      console.log(`baseline — the same figures by a plain GROUP BY over the base tables: ${data.baselineMs.toFixed(0)} ms`);
      buildServer();
      const port = await freePort();
      // The streamed export is measured (above EXPORT_JOB_THRESHOLD a browser session gets a job, written by the same
      // streaming writer), so the threshold is raised for the run.
      const server = startServer({
        PORT: String(port),
        DATABASE_URL: url,
        SECRET_KEY: secretKey.toString('base64'),
        LOG_LEVEL: 'warn',
        EXPORT_JOB_THRESHOLD: '1000000',
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        await waitForOk(`${base}/api/v1/health`, 120_000, server);
        for (const r of data.requests) {
          const probe = await fetch(base + r.path, { headers: { cookie: `onex_sid=${r.token}` } });
          if (probe.status !== 200) throw new Error(`${r.path} → ${probe.status} ${(await probe.text()).slice(0, 300)}`);
        }
        drive({ requests: data.requests, base, seconds: 3, connections }, dir);
        const out = drive({ requests: data.requests, base, seconds: secondsEach, connections }, dir);
        if (out.non2xx || out.errors)
          throw new Error(`statistics answered ${out.non2xx} non-2xx (${JSON.stringify(out.statusCodes)}) and ${out.errors} errors`);
        const national = data.requests[0]!.token;
        // The export's own peak: reset the server's high-water mark (Linux clear_refs 5) after the dashboard load.
        writeFileSync(`/proc/${server.pid!}/clear_refs`, '5');
        const rssBefore = rssMb(server.pid!, 'VmRSS');
        const e0 = performance.now();
        const res = await fetch(`${base}/api/v1/certificates?status=revoked&format=xlsx`, { headers: { cookie: `onex_sid=${national}` } });
        const bytes = (await res.arrayBuffer()).byteLength;
        const exportS = (performance.now() - e0) / 1000;
        if (res.status !== 200) throw new Error(`export → ${res.status}`);
        const rss = rssMb(server.pid!);
        console.log(
          `GET /statistics/summary (national, provincial, school; ${connections} connections, ${secondsEach} s): ${out.rps.toFixed(0)} req/s, ` +
            `p99 ${out.p99} ms   target p99 ≤ 50 ms`,
        );
        console.log(
          `export of 100,000 certificates as .xlsx: ${exportS.toFixed(2)} s, ${(bytes / 1e6).toFixed(1)} MB; server peak RSS ${rss.toFixed(0)} MB (${rssBefore.toFixed(0)} MB before it)   targets ≤ 10 s, ≤ 300 MB`,
        );
        console.log(
          `RESULT name=stats scale=${scale} rows=${data.counts.regs} p99_ms=${out.p99} rps=${out.rps.toFixed(0)} baseline_ms=${data.baselineMs.toFixed(0)} ` +
            `export_100k_s=${exportS.toFixed(2)} export_rss_mb=${rss.toFixed(0)}`,
        );
        if (out.p99 > 50 || exportS > 10 || rss > 300) process.exitCode = 1;
      } finally {
        await stop(server);
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

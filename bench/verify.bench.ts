/**
 * npm run bench -- verify [--rows=1000000] [--seconds=15] [--connections=32]
 *
 * R6.2 at national scale (issue 6 Benchmark): `rows` certificates in a fresh PostgreSQL database (BENCH_DATABASE_URL),
 * loaded server side from COPYed numbers and names (learners, registrations, results and certificates with their
 * credential values at real sizes); the built server (apps/server/dist/main.js) on that database; random valid
 * (number, name) pairs driven at GET /api/v1/public/certificates/verify by autocannon in a separate process.
 * Baseline in the same run: a bare Fastify route doing only a primary-key lookup (a named prepared statement) with a
 * bare `pg` pool, driven the same way. Targets: ratio ≥ 0.6, p99 ≤ 50 ms. Rate limiting stays on (raised for the run, as for a trusted gateway).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { certificateNumber } from '@onex/shared';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { seedReferenceData } from '../apps/server/src/db/seed/reference';
import { copyIn, people } from './fixtures';
import { withBenchDatabase } from './fixtures';
import { buildServer, freePort, ROOT, startServer, stop, waitForOk } from './lib';

interface LoadInput {
  urls: string[];
  seconds: number;
  connections: number;
}
interface LoadOutput {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** The load generator, in its own process: autocannon with a random URL per request. */
async function load(input: LoadInput): Promise<void> {
  const { urls } = input;
  const result = await autocannon({
    url: urls[0]!,
    connections: input.connections,
    duration: input.seconds,
    requests: [
      {
        setupRequest: (req) => {
          const u = new URL(urls[Math.floor(Math.random() * urls.length)]!);
          return { ...req, path: u.pathname + u.search };
        },
      },
    ],
  });
  const out: LoadOutput = { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
  process.stdout.write(`LOAD ${JSON.stringify(out)}\n`);
}

/** The baseline server, in its own process: one route, one primary-key lookup, a bare pg pool. */
async function baselineServer(url: string, port: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ ok: true }));
  app.get<{ Querystring: { number: string } }>('/baseline', async (req, reply) => {
    // A named prepared statement, as the platform's own lookup uses.
    const r = await pool.query({
      name: 'baseline',
      text: 'SELECT number, holder_name FROM certificates WHERE number = $1',
      values: [req.query.number],
    });
    if (!r.rows[0]) return reply.status(404).send({ error: 'not found' });
    return r.rows[0];
  });
  await app.listen({ port, host: '127.0.0.1' });
}

function drive(input: LoadInput, dir: string): LoadOutput {
  const file = path.join(dir, `load-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify(input));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'verify', '--load', file], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('LOAD '));
  if (r.status !== 0 || !line) throw new Error(`load generator failed (${r.status}): ${r.stdout.slice(0, 2000)}`);
  return JSON.parse(line.slice(5)) as LoadOutput;
}

async function loadCertificates(url: string, n: number): Promise<{ number: string; name: string }[]> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    await migrate(database.db);
    await seedReferenceData(database.db);
  } finally {
    await database.close();
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const one = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await c.query<T>(text, values)).rows[0]!;
    const ct = await one<{ id: string; org_id: string }>(`SELECT id, org_id FROM certificate_types ORDER BY code LIMIT 1`);
    const school = await one<{ id: string }>(
      `INSERT INTO schools (name, school_type, province_code, city_code) VALUES ('基准测试职业学院', 'higher', '440000', '440100') RETURNING id`,
    );
    const site = await one<{ id: string }>(
      `INSERT INTO exam_sites (org_id, school_id, province_code, city_code, certificate_type_id, name, address, capacity, status, created_at)
       VALUES ($1, $2, '440000', '440100', $3, '基准考核站点', '广州', 100, 'approved', now()) RETURNING id`,
      [ct.org_id, school.id, ct.id],
    );
    const session = await one<{ id: string }>(
      `INSERT INTO exam_sessions (org_id, certificate_type_id, level, exam_site_id, province_code, city_code, exam_date, exam_form, capacity,
                                  registration_opens_at, registration_closes_at, status, scores_published_at, created_at)
       VALUES ($1, $2, 'intermediate', $3, '440000', '440100', '2026-06-20', 'computer', $4, '2026-04-01', '2026-05-01', 'closed', now(), now())
       RETURNING id`,
      [ct.org_id, ct.id, site.id, n],
    );
    const imp = await one<{ id: string }>(
      `INSERT INTO result_imports (session_id, org_id, province_code, file_sha256, file_name, status, created_at)
       VALUES ($1, $2, '440000', repeat('0', 64), 'bench.csv', 'succeeded', now()) RETURNING id`,
      [session.id, ct.org_id],
    );
    const key = await one<{ id: string }>(
      `INSERT INTO issuer_keys (org_id, key_no, public_key_multibase, private_key_enc, created_at) VALUES ($1, 1, 'zbench', '-', now()) RETURNING id`,
      [ct.org_id],
    );
    const list = await one<{ id: string }>(`INSERT INTO status_lists (org_id, size, created_at) VALUES ($1, $2, now()) RETURNING id`, [
      ct.org_id,
      Math.max(131_072, Math.ceil(n / 8) * 8),
    ]);
    // The batch's credential template (about 2 KB of JSON) and, per certificate, values of the real sizes.
    const batch = await one<{ id: string }>(
      `INSERT INTO credential_batches (org_id, session_id, issuer_key_id, template, created_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`,
      [ct.org_id, session.id, key.id, JSON.stringify({ pad: 'x'.repeat(2000) })],
    );
    const persons = people(n, true);
    const pairs = persons.map((p, i) => ({ number: certificateNumber(2026, 'intermediate', i + 1), name: p.name }));
    await c.query(`CREATE UNLOGGED TABLE bench_rows (i int, learner_id uuid, number text, name text, code text)`);
    await copyIn(
      c,
      'COPY bench_rows FROM STDIN',
      (function* () {
        for (let i = 0; i < n; i++)
          yield `${i}\t${persons[i]!.id}\t${pairs[i]!.number}\t${pairs[i]!.name}\t${randomBytes(16).toString('hex')}\n`;
      })(),
    );
    await c.query(
      `INSERT INTO learners (id, kind, school_id, province_code, city_code, name, id_type, id_number_enc, id_number_hash, id_number_last4, created_at)
       SELECT learner_id, 'pilot_student', $1, '440000', '440100', name, 'id_card', '-', md5(i::text), lpad((i % 10000)::text, 4, '0'), now() FROM bench_rows`,
      [school.id],
    );
    await c.query(
      `INSERT INTO exam_registrations (id, session_id, learner_id, school_id, province_code, org_id, status, consent_at, consent_via, created_at)
       SELECT gen_random_uuid(), $1, learner_id, $2, '440000', $3, 'registered', now(), 'learner', now() FROM bench_rows`,
      [session.id, school.id, ct.org_id],
    );
    await c.query(
      `INSERT INTO exam_results (registration_id, session_id, province_code, score, passed, import_id, created_at)
       SELECT id, session_id, province_code, 80, true, $2, now() FROM exam_registrations WHERE session_id = $1`,
      [session.id, imp.id],
    );
    await c.query(
      `INSERT INTO certificates (number, verification_code, registration_id, result_id, session_id, learner_id, org_id, certificate_type_id,
                                 level, school_id, province_code, city_code, holder_name, holder_id_masked, issued_on, issuer_key_id,
                                 status_list_id, status_index, batch_id, holder_id_hash, holder_salt, proof_value, created_at)
       SELECT b.number, b.code, r.id, er.id, r.session_id, b.learner_id, r.org_id, $2, 'intermediate', r.school_id, '440000', '440100',
              b.name, '4401**********' || lpad((b.i % 10000)::text, 4, '0'), '2026-07-01', $3, $4, b.i, $5,
              'sha256$' || md5(b.code) || md5(b.number), left(md5(b.name), 16), 'z' || b.code || b.code || b.code, now()
       FROM bench_rows b
       JOIN exam_registrations r ON r.learner_id = b.learner_id AND r.session_id = $1
       JOIN exam_results er ON er.registration_id = r.id`,
      [session.id, ct.id, key.id, list.id, batch.id],
    );
    await c.query('DROP TABLE bench_rows');
    await c.query('VACUUM ANALYZE');
    return pairs;
  } finally {
    await c.end();
  }
}

export async function run(args: string[]): Promise<void> {
  const loadAt = args.indexOf('--load');
  if (loadAt >= 0) return load(JSON.parse(readFileSync(args[loadAt + 1]!, 'utf8')) as LoadInput);
  const baseAt = args.indexOf('--baseline-server');
  if (baseAt >= 0) return baselineServer(args[baseAt + 1]!, Number(args[baseAt + 2]));

  const arg = (name: string, d: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
  const n = arg('rows', 1_000_000);
  const secondsEach = arg('seconds', 15);
  const connections = arg('connections', 32);
  const dir = mkdtempSync(path.join(tmpdir(), 'onex-bench-verify-'));
  try {
    await withBenchDatabase('verify', async (url) => {
      const t0 = performance.now();
      const pairs = await loadCertificates(url, n);
      console.log(`setup: ${n} certificates loaded (${((performance.now() - t0) / 1000).toFixed(1)} s, not timed)`);
      const sample = Array.from({ length: 20_000 }, () => pairs[Math.floor(Math.random() * pairs.length)]!);

      buildServer();
      const port = await freePort();
      const server = startServer({
        PORT: String(port),
        DATABASE_URL: url,
        SECRET_KEY: randomBytes(32).toString('base64'),
        VERIFY_RATE_LIMIT_MAX: '1000000000',
        LOG_LEVEL: 'warn',
      });
      let ours: LoadOutput;
      try {
        await waitForOk(`http://127.0.0.1:${port}/api/v1/health`, 60_000, server);
        const urls = sample.map(
          (p) => `http://127.0.0.1:${port}/api/v1/public/certificates/verify?number=${p.number}&name=${encodeURIComponent(p.name)}`,
        );
        drive({ urls: urls.slice(0, 500), seconds: 3, connections }, dir); // warm-up
        ours = drive({ urls, seconds: secondsEach, connections }, dir);
      } finally {
        await stop(server);
      }

      const bport = await freePort();
      const baseline = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'verify', '--baseline-server', url, String(bport)], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      let base: LoadOutput;
      try {
        await waitForOk(`http://127.0.0.1:${bport}/health`, 60_000, baseline);
        const urls = sample.map((p) => `http://127.0.0.1:${bport}/baseline?number=${p.number}`);
        drive({ urls: urls.slice(0, 500), seconds: 3, connections }, dir);
        base = drive({ urls, seconds: secondsEach, connections }, dir);
      } finally {
        await stop(baseline);
      }

      if (ours.non2xx || ours.errors) throw new Error(`verify answered ${ours.non2xx} non-2xx and ${ours.errors} errors`);
      const ratio = ours.rps / base.rps;
      console.log(
        `GET /api/v1/public/certificates/verify (random valid number + name): ${ours.rps.toFixed(0)} req/s, p99 ${ours.p99} ms   target p99 ≤ 50 ms`,
      );
      console.log(`baseline — bare Fastify + pg primary-key lookup: ${base.rps.toFixed(0)} req/s, p99 ${base.p99} ms`);
      console.log(
        `RESULT name=verify rows=${n} rps=${ours.rps.toFixed(0)} p99_ms=${ours.p99} baseline_rps=${base.rps.toFixed(0)} ratio=${ratio.toFixed(2)}`,
      );
      if (ratio < 0.6 || ours.p99 > 50) process.exitCode = 1;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

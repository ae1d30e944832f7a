/**
 * npm run bench -- mixed [--seconds=60] [--rows=20000]
 *
 * Issue 19 Benchmark: public verification, logins, list pages and a results import at once, for `seconds`, against
 * the built server on PostgreSQL (BENCH_DATABASE_URL) — first one process without replicas (the baseline, same run),
 * then two processes (`WORKERS=2`, node:cluster) with one streaming replica (BENCH_REPLICA_URL, default
 * postgres://postgres@127.0.0.1:5433 — `bash scripts/ci-replica.sh` makes it; without it the second run has no
 * replica and says so). Each run gets a fresh database: demo data (certificates to verify, accounts to log in) and
 * `rows` learners registered in an examined session. The load (autocannon) runs in a separate process, so nothing
 * else this process does delays its clock; the import is the organization's own request — the results file posted to
 * `POST /api/v1/exam-sessions/{id}/results` of the server under load — sent 0.5 s into the load.
 * Prints `RESULT name=mixed verify_rps=… verify_p99_ms=… list_p99_ms=… import_s=… errors=…` for the two-process run
 * and `baseline_*` figures for the single process. Targets: no errors; verification p99 ≤ 50 ms while the import runs.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { DEMO_PASSWORD, seedDemo } from '../apps/server/src/db/seed/demo';
import { seedReferenceData } from '../apps/server/src/db/seed/reference';
import { dbUrl, people, setupRegisteredSession, withBenchDatabase } from './fixtures';
import { ROOT, buildServer, freePort, startServer, stop, waitForOk } from './lib';

interface Figures {
  verifyRps: number;
  verifyP99: number;
  listP99: number;
  loginRps: number;
  importS: number;
  errors: number;
  replica: boolean;
}

interface LoadInput {
  base: string;
  seconds: number;
  verifyPaths: string[];
  cookie: string;
}

type Outcome = { rps: number; p99: number; non2xx: number; errors: number; timeouts: number; statuses: string[] };
type LoadOut = { verify: Outcome; list: Outcome; logins: Outcome };

function csvOf(rows: { idNumber: string; name: string; score: number; passed: boolean }[]): Buffer {
  const lines = ['证件类型,证件号码,姓名,总成绩,考核结果'];
  for (const p of rows) lines.push(`居民身份证,${p.idNumber},${p.name},${p.score},${p.passed ? '合格' : '不合格'}`);
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

async function replicaAnswers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await c.connect();
    return (await c.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]!.r;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The load generator's process (`--load <file>`): verification, list pages and logins at once; prints `LOAD {…}`. */
async function load(input: LoadInput): Promise<void> {
  const common = { url: input.base, duration: input.seconds };
  const { verifyPaths } = input;
  const runs = await Promise.all([
    autocannon({
      ...common,
      connections: 16,
      requests: [{ setupRequest: (req) => ({ ...req, path: verifyPaths[Math.floor(Math.random() * verifyPaths.length)]! }) }],
    }),
    autocannon({
      ...common,
      url: `${input.base}/api/v1/certificates?page=1&pageSize=20`,
      connections: 4,
      headers: { cookie: input.cookie },
    }),
    autocannon({
      ...common,
      url: `${input.base}/api/v1/auth/login`,
      connections: 2,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'national', password: DEMO_PASSWORD }),
    }),
  ]);
  const [verify, list, logins] = runs.map((r): Outcome => ({
    rps: r.requests.average,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statuses: Object.keys((r as { statusCodeStats?: object }).statusCodeStats ?? {}),
  }));
  process.stdout.write(`LOAD ${JSON.stringify({ verify, list, logins })}\n`);
}

/** Starts the load generator in its own process; resolves with its figures when it ends. */
async function drive(input: LoadInput, dir: string): Promise<LoadOut> {
  const file = path.join(dir, `load-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(input));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'mixed', '--load', file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const line = stdout.split('\n').find((l) => l.startsWith('LOAD '));
  if (code !== 0 || !line) throw new Error(`load generator failed (${code}): ${stdout.slice(0, 2000)}`);
  return JSON.parse(line.slice(5)) as LoadOut;
}

/** A signed-in session of `userId`, written as the login would (the token's hash is the key; CSRF token alongside). */
async function sessionOf(url: string, userId: string): Promise<{ token: string; csrf: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(16).toString('base64url');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, now(), now(), now() + interval '12 hours')`,
      [createHash('sha256').update(token).digest('hex'), userId, csrf],
    );
  } finally {
    await c.end();
  }
  return { token, csrf };
}

async function runOnce(
  label: string,
  o: { seconds: number; rows: number; workers: number; replicaBase: string | null },
  dir: string,
): Promise<Figures> {
  return withBenchDatabase(`mixed${o.workers}`, async (url) => {
    const secretKey = randomBytes(32);
    const t0 = performance.now();
    const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    let certs: { number: string; holder_name: string }[];
    try {
      await migrate(database.db);
      await seedReferenceData(database.db);
      await seedDemo(database.db, new Date(), secretKey, 'http://localhost'); // first: it fills an empty database only
      certs = await database.db.selectFrom('certificates').select(['number', 'holder_name']).where('revoked_on', 'is', null).execute();
    } finally {
      await database.close();
    }
    const session = await setupRegisteredSession(url, secretKey, people(o.rows), 'examined');
    const org = await sessionOf(url, session.userId);
    const results = csvOf(session.rows);
    const replicaUrl = o.replicaBase ? dbUrl(o.replicaBase, new URL(url).pathname.slice(1)) : null;
    const replica = replicaUrl !== null && (await replicaAnswers(replicaUrl));
    const port = await freePort();
    const server = startServer({
      DATABASE_URL: url,
      SECRET_KEY: secretKey.toString('base64'),
      PORT: String(port),
      WORKERS: String(o.workers),
      ...(replica ? { DATABASE_REPLICA_URLS: replicaUrl! } : {}),
      // Limits raised for the run, as behind a trusted gateway: the load comes from one address.
      VERIFY_RATE_LIMIT_MAX: '100000000',
      USER_LIST_RATE_LIMIT_MAX: '100000000',
      USER_RATE_LIMIT_MAX: '100000000',
      LOGIN_ADDRESS_LIMIT: '100000000',
      PUBLIC_RATE_LIMIT_MAX: '100000000',
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForOk(`${base}/api/v1/health`, 120_000, server);
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'national', password: DEMO_PASSWORD }),
      });
      const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
      console.log(
        `${label}: ${o.workers} 进程 process(es), ${replica ? '1 个只读副本 replica' : '无副本 no replica'}; ${certs.length} certificates, ` +
          `${o.rows} results to import (setup ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
      const verifyPaths = certs.map(
        (c) => `/api/v1/public/certificates/verify?number=${encodeURIComponent(c.number)}&name=${encodeURIComponent(c.holder_name)}`,
      );
      const loadDone = drive({ base, seconds: o.seconds, verifyPaths, cookie }, dir);
      // The import: the organization posts the results file to the server under load, as its page does.
      const importing = (async () => {
        await new Promise((r) => setTimeout(r, 500));
        const form = new FormData();
        form.append('file', new Blob([results], { type: 'text/csv' }), 'results.csv');
        const s = performance.now();
        const res = await fetch(`${base}/api/v1/exam-sessions/${session.sessionId}/results`, {
          method: 'POST',
          headers: { cookie: `onex_sid=${org.token}`, 'x-csrf-token': org.csrf },
          body: form,
        });
        if (res.status !== 200) throw new Error(`results import → ${res.status} ${(await res.text()).slice(0, 500)}`);
        return (performance.now() - s) / 1000;
      })();
      const [out, importS] = await Promise.all([loadDone, importing]);
      const { verify: v, list: l, logins: g } = out;
      const errors = [v, l, g].reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0);
      const f: Figures = { verifyRps: v.rps, verifyP99: v.p99, listP99: l.p99, loginRps: g.rps, importS, errors, replica };
      console.log(
        `  verify ${f.verifyRps.toFixed(0)} req/s p99 ${f.verifyP99} ms; lists p99 ${f.listP99} ms (${l.rps.toFixed(0)} req/s); ` +
          `logins ${f.loginRps.toFixed(1)}/s; import ${f.importS.toFixed(1)} s; errors ${f.errors} ` +
          `(verify ${v.non2xx}+${v.errors}, lists ${l.non2xx}+${l.errors}, logins ${g.non2xx}+${g.errors}; statuses ` +
          `${JSON.stringify([v, l, g].map((r) => r.statuses))})`,
      );
      return f;
    } finally {
      await stop(server);
    }
  });
}

export async function run(args: string[]): Promise<void> {
  const loadAt = args.indexOf('--load');
  if (loadAt >= 0) return load(JSON.parse(readFileSync(args[loadAt + 1]!, 'utf8')) as LoadInput);
  const arg = (name: string, d: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
  const seconds = arg('seconds', 60);
  const rows = arg('rows', 20_000);
  const replicaBase = process.env.BENCH_REPLICA_URL ?? 'postgres://postgres@127.0.0.1:5433/postgres';
  buildServer();
  const dir = mkdtempSync(path.join(tmpdir(), 'onex-bench-mixed-'));
  let single: Figures;
  let scaled: Figures;
  try {
    single = await runOnce('baseline', { seconds, rows, workers: 1, replicaBase: null }, dir);
    scaled = await runOnce('mixed', { seconds, rows, workers: 2, replicaBase }, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!scaled.replica) console.log('注意 note: 无可用只读副本 no replica answered at BENCH_REPLICA_URL (bash scripts/ci-replica.sh)');
  console.log(
    `RESULT name=mixed verify_rps=${scaled.verifyRps.toFixed(0)} verify_p99_ms=${scaled.verifyP99} list_p99_ms=${scaled.listP99} ` +
      `import_s=${scaled.importS.toFixed(1)} errors=${scaled.errors} baseline_verify_rps=${single.verifyRps.toFixed(0)} ` +
      `baseline_verify_p99_ms=${single.verifyP99} baseline_list_p99_ms=${single.listP99} baseline_import_s=${single.importS.toFixed(1)} ` +
      `baseline_errors=${single.errors} workers=2 replicas=${scaled.replica ? 1 : 0}`,
  );
}

/**
 * npm run bench -- mixed [--seconds=60] [--rows=20000]
 *
 * Issue 19 Benchmark: public verification, logins, list pages and a results import at once, for `seconds`, against
 * the built server on PostgreSQL (BENCH_DATABASE_URL) — first one process without replicas (the baseline, same run),
 * then two processes (`WORKERS=2`, node:cluster) with one streaming replica (BENCH_REPLICA_URL, default
 * postgres://postgres@127.0.0.1:5433 — `bash scripts/ci-replica.sh` makes it; without it the second run has no
 * replica and says so). Each run gets a fresh database: demo data (certificates to verify, accounts to log in) and
 * `rows` learners registered in an examined session whose results file is imported while the load runs (through the
 * service, in this process). Prints `RESULT name=mixed verify_rps=… verify_p99_ms=… list_p99_ms=… import_s=… errors=…`
 * for the two-process run and `baseline_*` figures for the single process. Targets: no errors; verification p99 ≤ 50 ms
 * while the import runs.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Config } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { DEMO_PASSWORD, seedDemo } from '../apps/server/src/db/seed/demo';
import { seedReferenceData } from '../apps/server/src/db/seed/reference';
import { systemClock } from '../apps/server/src/lib/clock';
import { actorFromRow } from '../apps/server/src/modules/auth/auth.service';
import { importResults } from '../apps/server/src/modules/results-import/results-import.service';
import { dbUrl, people, setupRegisteredSession, withBenchDatabase } from './fixtures';
import { buildServer, freePort, startServer, stop, waitForOk } from './lib';

interface Figures {
  verifyRps: number;
  verifyP99: number;
  listP99: number;
  loginRps: number;
  importS: number;
  errors: number;
  replica: boolean;
}

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

async function runOnce(label: string, o: { seconds: number; rows: number; workers: number; replicaBase: string | null }): Promise<Figures> {
  return withBenchDatabase(`mixed${o.workers}`, async (url) => {
    const secretKey = randomBytes(32);
    const t0 = performance.now();
    const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    await migrate(database.db);
    await seedReferenceData(database.db);
    await seedDemo(database.db, new Date(), secretKey, 'http://localhost'); // first: it fills an empty database only
    const session = await setupRegisteredSession(url, secretKey, people(o.rows), 'examined');
    const certs = await database.db.selectFrom('certificates').select(['number', 'holder_name']).where('revoked_on', 'is', null).execute();
    const verifyPaths = certs.map(
      (c) => `/api/v1/public/certificates/verify?number=${encodeURIComponent(c.number)}&name=${encodeURIComponent(c.holder_name)}`,
    );
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
      await waitForOk(`http://127.0.0.1:${port}/api/v1/health`, 120_000, server);
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'national', password: DEMO_PASSWORD }),
      });
      const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
      console.log(
        `${label}: ${o.workers} 进程 process(es), ${replica ? '1 个只读副本 replica' : '无副本 no replica'}; ${certs.length} certificates, ` +
          `${o.rows} results to import (setup ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
      const base = `http://127.0.0.1:${port}`;
      const common = { duration: o.seconds };
      const verify = autocannon({
        ...common,
        url: base,
        connections: 16,
        requests: [{ setupRequest: (req) => ({ ...req, path: verifyPaths[Math.floor(Math.random() * verifyPaths.length)]! }) }],
      });
      const list = autocannon({ ...common, url: `${base}/api/v1/certificates?page=1&pageSize=20`, connections: 4, headers: { cookie } });
      const logins = autocannon({
        ...common,
        url: `${base}/api/v1/auth/login`,
        connections: 2,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'national', password: DEMO_PASSWORD }),
      });
      // The import, through the service of POST /exam-sessions/{id}/results, while the load runs.
      const importing = (async () => {
        await new Promise((r) => setTimeout(r, 500));
        const config = { secretKey } as Config;
        const deps = { config, db: database.db, dbKind: database.kind, pool: database.pool, clock: systemClock };
        const user = await database.db.selectFrom('users').selectAll().where('id', '=', session.userId).executeTakeFirstOrThrow();
        const ctx = { actor: actorFromRow(user, 'token'), requestId: 'bench', clientIp: null };
        const s = performance.now();
        await importResults(
          deps,
          ctx,
          session.sessionId,
          { bytes: csvOf(session.rows), filename: 'results.csv' },
          { correction: false, note: null },
        );
        return (performance.now() - s) / 1000;
      })();
      const [v, l, g, importS] = await Promise.all([verify, list, logins, importing]);
      const errors = [v, l, g].reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0);
      const f: Figures = {
        verifyRps: v.requests.average,
        verifyP99: v.latency.p99,
        listP99: l.latency.p99,
        loginRps: g.requests.average,
        importS,
        errors,
        replica,
      };
      console.log(
        `  verify ${f.verifyRps.toFixed(0)} req/s p99 ${f.verifyP99} ms; lists p99 ${f.listP99} ms (${l.requests.average.toFixed(0)} req/s); ` +
          `logins ${f.loginRps.toFixed(1)}/s; import ${f.importS.toFixed(1)} s; errors ${f.errors} ` +
          `(verify ${v.non2xx}+${v.errors}, lists ${l.non2xx}+${l.errors}, logins ${g.non2xx}+${g.errors}; statuses ` +
          `${JSON.stringify([v, l, g].map((r) => Object.keys(r.statusCodeStats ?? {})))})`,
      );
      return f;
    } finally {
      await stop(server);
      await database.close();
    }
  });
}

export async function run(args: string[]): Promise<void> {
  const arg = (name: string, d: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
  const seconds = arg('seconds', 60);
  const rows = arg('rows', 20_000);
  const replicaBase = process.env.BENCH_REPLICA_URL ?? 'postgres://postgres@127.0.0.1:5433/postgres';
  buildServer();
  const single = await runOnce('baseline', { seconds, rows, workers: 1, replicaBase: null });
  const scaled = await runOnce('mixed', { seconds, rows, workers: 2, replicaBase });
  if (!scaled.replica) console.log('注意 note: 无可用只读副本 no replica answered at BENCH_REPLICA_URL (bash scripts/ci-replica.sh)');
  console.log(
    `RESULT name=mixed verify_rps=${scaled.verifyRps.toFixed(0)} verify_p99_ms=${scaled.verifyP99} list_p99_ms=${scaled.listP99} ` +
      `import_s=${scaled.importS.toFixed(1)} errors=${scaled.errors} baseline_verify_rps=${single.verifyRps.toFixed(0)} ` +
      `baseline_verify_p99_ms=${single.verifyP99} baseline_list_p99_ms=${single.listP99} baseline_import_s=${single.importS.toFixed(1)} ` +
      `baseline_errors=${single.errors} workers=2 replicas=${scaled.replica ? 1 : 0}`,
  );
}

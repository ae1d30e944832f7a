/**
 * npm run bench -- overload [--seconds=10] [--connections=400]
 *
 * Overload shedding (issue 20 #8). The built server on the embedded default (PGlite, demo data, a fresh DATA_DIR);
 * a national administrator's session; the signed-in list page GET /api/v1/schools?q=… driven by autocannon in a
 * separate process. 1) capacity: closed loop, 16 connections. 2) 3× capacity offered (autocannon's overallRate over
 * many connections), shedding on (the defaults): accepted requests keep p99 ≤ 1 s, the rest get 503 quickly.
 * Baseline in the same run: the same server and load with shedding off (OVERLOAD_* = 0), where requests queue.
 * Per-user list limits are raised for the run (one user drives all the load).
 */
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildServer, freePort, ROOT, startServer, stop, waitForOk } from './lib';

interface LoadInput {
  url: string;
  cookie: string;
  seconds: number;
  connections: number;
  /** Requests per second offered over all connections; closed loop when absent. */
  overallRate?: number;
}
interface LoadOutput {
  rps: number;
  accepted: number;
  rejected: number;
  other: number;
  timeouts: number;
  acceptedP99: number;
  rejectedP99: number;
}

const p99 = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)]!;
};

/** The load generator, in its own process: latencies are kept per answer (2xx accepted, 503 shed). */
async function load(input: LoadInput): Promise<void> {
  const accepted: number[] = [];
  const rejected: number[] = [];
  let other = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    // The callback form returns the instance, whose 'response' events carry each answer's status and latency.
    const i = autocannon(
      {
        url: input.url,
        connections: input.connections,
        duration: input.seconds,
        headers: { cookie: input.cookie },
        ...(input.overallRate ? { overallRate: input.overallRate } : {}),
        timeout: 10,
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    i.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) accepted.push(ms);
      else if (status === 503) rejected.push(ms);
      else other++;
    });
  });
  const out: LoadOutput = {
    rps: result.requests.average,
    accepted: accepted.length,
    rejected: rejected.length,
    other,
    timeouts: result.timeouts,
    acceptedP99: p99(accepted),
    rejectedP99: p99(rejected),
  };
  process.stdout.write(`LOAD ${JSON.stringify(out)}\n`);
}

function drive(input: LoadInput, dir: string): LoadOutput {
  const file = path.join(dir, `load-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify(input));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'overload', '--load', file], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('LOAD '));
  if (r.status !== 0 || !line) throw new Error(`load generator failed (${r.status}): ${r.stdout.slice(0, 2000)}`);
  return JSON.parse(line.slice(5)) as LoadOutput;
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'national', password: 'Demo@2026' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** Starts the server on `dataDir`, signs in, runs `fn` with the page's URL and the cookie, stops the server. */
async function withServer<T>(dataDir: string, env: Record<string, string>, fn: (url: string, cookie: string) => T): Promise<T> {
  const port = await freePort();
  const server = startServer({ PORT: String(port), DATA_DIR: dataDir, USER_LIST_RATE_LIMIT_MAX: '1000000000', ...env });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForOk(`${base}/api/v1/health`, 180_000, server);
    return fn(`${base}/api/v1/schools?q=${encodeURIComponent('职业')}&page=1&pageSize=20`, await signIn(base));
  } finally {
    await stop(server);
  }
}

const line = (label: string, o: LoadOutput) =>
  `${label}: ${o.rps.toFixed(0)} req/s answered; accepted ${o.accepted} (p99 ${o.acceptedP99} ms), 503 ${o.rejected} (p99 ${o.rejectedP99} ms), other ${o.other}, timeouts ${o.timeouts}`;

export async function run(args: string[]): Promise<void> {
  const loadAt = args.indexOf('--load');
  if (loadAt >= 0) return load(JSON.parse(readFileSync(args[loadAt + 1]!, 'utf8')) as LoadInput);

  const arg = (name: string, d: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
  const seconds = arg('seconds', 10);
  const connections = arg('connections', 400);
  const dir = mkdtempSync(path.join(tmpdir(), 'onex-bench-overload-'));
  const dataDir = path.join(dir, 'data');
  try {
    buildServer();
    const off = { OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0', OVERLOAD_MAX_HEAP_MB: '0', OVERLOAD_TARGET_WAIT_MS: '0' };
    // Capacity without shedding (closed loop: a new request only when one is answered).
    const capacity = await withServer(dataDir, off, (url, cookie) => {
      drive({ url, cookie, seconds: 3, connections: 16 }, dir); // warm-up
      return drive({ url, cookie, seconds, connections: 16 }, dir);
    });
    const offered = Math.round(capacity.rps * 3);
    console.log(line('capacity (closed loop, 16 connections)', capacity));
    const overload = (env: Record<string, string>) =>
      withServer(dataDir, env, (url, cookie) => {
        drive({ url, cookie, seconds: 3, connections: 16 }, dir); // warm-up: the steady state is measured, not a cold start
        return drive({ url, cookie, seconds, connections, overallRate: offered }, dir);
      });
    const shed = await overload({});
    const base = await overload(off);
    console.log(`offered ${offered} req/s (3 × capacity) over ${connections} connections for ${seconds} s`);
    console.log(line('shedding on (defaults)', shed));
    console.log(line('baseline, shedding off', base));
    console.log(
      `RESULT name=overload capacity_rps=${capacity.rps.toFixed(0)} offered_rps=${offered} accepted_p99_ms=${shed.acceptedP99} ` +
        `rejected_p99_ms=${shed.rejectedP99} accepted=${shed.accepted} rejected=${shed.rejected} ` +
        `baseline_p99_ms=${base.acceptedP99} baseline_accepted=${base.accepted} baseline_timeouts=${base.timeouts}`,
    );
    if (shed.acceptedP99 > 1000) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * npm run bench -- account [--accounts=1000000] [--seconds=20] [--connections=8]
 *
 * R7 at provincial scale (issue 7 Benchmark): in a fresh PostgreSQL database (BENCH_DATABASE_URL, default the local
 * server) — migrated, reference data seeded — `accounts` learners, each with a user-less learner record and a learning
 * account, and about 20 × `accounts` outcome entries in the ledger (1,000,000 accounts → about 20,000,000 entries).
 * One account in a hundred is "sampled": it holds 50 outcomes (two of them certificates, with their certificate rows),
 * a learner user and a session; the others hold 8–32 outcomes (20 on average). Entries are written in 50 rounds (the
 * r-th outcome of every account in round r), so an account's entries lie scattered over the table as a ledger filled
 * over years would have them, not side by side. Everything is generated server side (INSERT … SELECT generate_series
 * with deterministic ids); foreign-key triggers are off during the load and the ledger's secondary indexes are built
 * after it, with the migration's own definitions. The cached totals are then computed from the entries.
 *
 * Measured: the built server (apps/server/dist/main.js, buildApp on PostgreSQL) answering
 * GET /api/v1/me/learning-account for random sampled accounts, authenticated by the session cookie exactly as a browser
 * sends it (sessions rows written directly — the cheapest honest way: the server still resolves the session, the
 * learner and the account on every request), driven by autocannon in a separate process. Each account's ID number is
 * encrypted with the run's key (one valid ciphertext shared by every row: the server decrypts it on every request to
 * mask it, as for real data); the blind index is unique per account. Target: p99 ≤ 30 ms.
 */
import { createHash, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { idCardCheckChar } from '@onex/shared';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { seedReferenceData } from '../apps/server/src/db/seed/reference';
import { encryptIdNumber } from '../apps/server/src/lib/personal-id';
import { withBenchDatabase } from './fixtures';
import { buildServer, freePort, ROOT, seconds, startServer, stop, waitForOk } from './lib';

const SAMPLE_EVERY = 100;
const SAMPLED_OUTCOMES = 50;
const ROUNDS = 50;

interface LoadInput {
  url: string;
  tokens: string[];
  seconds: number;
  connections: number;
}
interface LoadOutput {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  requests: number;
}

/** The load generator, in its own process: autocannon, a random sampled account's session cookie per request. */
async function load(input: LoadInput): Promise<void> {
  const { tokens } = input;
  const result = await autocannon({
    url: input.url,
    connections: input.connections,
    duration: input.seconds,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, cookie: `onex_sid=${tokens[Math.floor(Math.random() * tokens.length)]}` },
        }),
      },
    ],
  });
  const out: LoadOutput = {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    requests: result.requests.total,
  };
  process.stdout.write(`LOAD ${JSON.stringify(out)}\n`);
}

function drive(input: LoadInput, dir: string): LoadOutput {
  const file = path.join(dir, `load-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(input));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'account', '--load', file], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('LOAD '));
  if (r.status !== 0 || !line) throw new Error(`load generator failed (${r.status}): ${r.stdout.slice(0, 2000)}`);
  return JSON.parse(line.slice(5)) as LoadOutput;
}

/** Outcomes of account i (SQL): 50 for a sampled account, else 8–32 (20 on average). */
const OUTCOMES_OF = `(CASE WHEN i % ${SAMPLE_EVERY} = 0 THEN ${SAMPLED_OUTCOMES} ELSE 8 + ((i::bigint * 7919) % 25)::int END)`;

interface Loaded {
  tokens: string[];
  entries: number;
  sampled: number;
  timings: string[];
}

async function loadData(url: string, n: number, secretKey: Buffer): Promise<Loaded> {
  const timings: string[] = [];
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    timings.push(`${label} ${seconds(performance.now() - t0)} s`);
  };
  await step('migrate', async () => {
    const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    try {
      await migrate(database.db);
      await seedReferenceData(database.db);
    } finally {
      await database.close();
    }
  });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = (text: string, values: unknown[] = []) => c.query(text, values);
  try {
    await q(`SET maintenance_work_mem = '1GB'`);
    await q(`SET max_parallel_maintenance_workers = 2`);
    // Foreign keys are guaranteed by construction (deterministic ids); their triggers are off during the load.
    await q(`SET session_replication_role = replica`).catch(() => undefined);
    const one = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await c.query<T>(text, values)).rows[0]!;
    const ct = await one<{ id: string; org_id: string; name: string }>(
      `SELECT id, org_id, name FROM certificate_types WHERE code = 'IR-PROG'`,
    );
    const school = await one<{ id: string }>(
      `INSERT INTO schools (name, school_type, province_code, city_code) VALUES ('基准测试职业学院', 'higher', '440000', '440100') RETURNING id`,
    );
    const first17 = '44010619990101123';
    const enc = encryptIdNumber(secretKey, first17 + idCardCheckChar(first17));
    const sampled = Math.floor(n / SAMPLE_EVERY);

    await step(`users (${sampled})`, () =>
      q(
        `INSERT INTO users (id, username, display_name, password_hash, role, province_code, created_at, password_changed_at)
         SELECT md5('u' || i)::uuid, 'bench-' || i, '学员' || i, '-', 'learner', '440000', now(), now()
         FROM generate_series(${SAMPLE_EVERY}, $1::int, ${SAMPLE_EVERY}) i`,
        [n],
      ),
    );
    await step(`learners (${n})`, () =>
      q(
        `INSERT INTO learners (id, user_id, kind, school_id, province_code, city_code, name, id_type, id_number_enc, id_number_hash,
                               id_number_last4, activated_at, created_at)
         SELECT md5('l' || i)::uuid, CASE WHEN i % ${SAMPLE_EVERY} = 0 THEN md5('u' || i)::uuid END, 'pilot_student', $2, '440000', '440100',
                '学员' || i, 'id_card', $3, encode(sha256(('bench:' || i)::bytea), 'hex'), lpad((i % 10000)::text, 4, '0'), now(), now()
         FROM generate_series(1, $1::int) i`,
        [n, school.id, enc],
      ),
    );
    await step(`learning accounts (${n})`, () =>
      q(
        `INSERT INTO learning_accounts (id, id_type, id_number_enc, id_number_hash, id_number_last4, holder_name, learner_id, school_id,
                                        province_code, opened_via, created_at)
         SELECT md5('a' || i)::uuid, 'id_card', $3, encode(sha256(('bench:' || i)::bytea), 'hex'), lpad((i % 10000)::text, 4, '0'),
                '学员' || i, md5('l' || i)::uuid, $2, '440000', 'learner', now()
         FROM generate_series(1, $1::int) i`,
        [n, school.id, enc],
      ),
    );

    // Two certificates (初级, 中级 of 工业机器人应用编程) of every sampled account, with the exam records they point at.
    await step(`certificates (${2 * sampled})`, async () => {
      const site = await one<{ id: string }>(
        `INSERT INTO exam_sites (org_id, school_id, province_code, city_code, certificate_type_id, name, address, capacity, status, created_at)
         VALUES ($1, $2, '440000', '440100', $3, '基准考核站点', '广州', 100, 'approved', now()) RETURNING id`,
        [ct.org_id, school.id, ct.id],
      );
      const key = await one<{ id: string }>(
        `INSERT INTO issuer_keys (org_id, key_no, public_key_multibase, private_key_enc, created_at) VALUES ($1, 1, 'zbench', '-', now()) RETURNING id`,
        [ct.org_id],
      );
      const list = await one<{ id: string }>(`INSERT INTO status_lists (org_id, size, created_at) VALUES ($1, $2, now()) RETURNING id`, [
        ct.org_id,
        Math.max(131_072, Math.ceil((2 * sampled + 8) / 8) * 8),
      ]);
      for (const [k, level] of [
        [1, 'junior'],
        [2, 'intermediate'],
      ] as const) {
        const session = await one<{ id: string }>(
          `INSERT INTO exam_sessions (org_id, certificate_type_id, level, exam_site_id, province_code, city_code, exam_date, exam_form, capacity,
                                      registration_opens_at, registration_closes_at, status, scores_published_at, created_at)
           VALUES ($1, $2, $3, $4, '440000', '440100', '2025-06-20', 'computer', $5, '2025-04-01', '2025-05-01', 'closed', now(), now())
           RETURNING id`,
          [ct.org_id, ct.id, level, site.id, Math.max(1, sampled)],
        );
        const imp = await one<{ id: string }>(
          `INSERT INTO result_imports (session_id, org_id, province_code, file_sha256, file_name, status, created_at)
           VALUES ($1, $2, '440000', repeat('0', 64), 'bench.csv', 'succeeded', now()) RETURNING id`,
          [session.id, ct.org_id],
        );
        await q(
          `INSERT INTO exam_registrations (id, session_id, learner_id, school_id, province_code, org_id, status, consent_at, consent_via, created_at)
           SELECT md5('r${k}' || i)::uuid, $1, md5('l' || i)::uuid, $2, '440000', $3, 'registered', now(), 'learner', now()
           FROM generate_series(${SAMPLE_EVERY}, $4::int, ${SAMPLE_EVERY}) i`,
          [session.id, school.id, ct.org_id, n],
        );
        await q(
          `INSERT INTO exam_results (id, registration_id, session_id, province_code, score, passed, import_id, created_at)
           SELECT md5('e${k}' || i)::uuid, md5('r${k}' || i)::uuid, $1, '440000', 80, true, $2, now()
           FROM generate_series(${SAMPLE_EVERY}, $3::int, ${SAMPLE_EVERY}) i`,
          [session.id, imp.id, n],
        );
        const batch = await one<{ id: string }>(
          `INSERT INTO credential_batches (org_id, session_id, issuer_key_id, template, created_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`,
          [ct.org_id, session.id, key.id, JSON.stringify({ pad: 'x'.repeat(2000) })],
        );
        await q(
          `INSERT INTO certificates (id, number, verification_code, registration_id, result_id, session_id, learner_id, org_id,
                                     certificate_type_id, level, school_id, province_code, city_code, holder_name, holder_id_masked,
                                     issued_on, issuer_key_id, status_list_id, status_index, batch_id, created_at)
           SELECT md5('c${k}' || i)::uuid, '2025${k}' || lpad(i::text, 10, '0') || 'B', md5('v${k}' || i), md5('r${k}' || i)::uuid,
                  md5('e${k}' || i)::uuid, $1, md5('l' || i)::uuid, $2, $3, $4, $5, '440000', '440100', '学员' || i,
                  '4401**********' || lpad((i % 10000)::text, 4, '0'), '2025-07-0${k}', $6, $7, (i / ${SAMPLE_EVERY}) * 2 + ${k}, $8, now()
           FROM generate_series(${SAMPLE_EVERY}, $9::int, ${SAMPLE_EVERY}) i`,
          [session.id, ct.org_id, ct.id, level, school.id, key.id, list.id, batch.id, n],
        );
      }
    });

    // The ledger: its secondary indexes are dropped and rebuilt from the migration's definitions after the load.
    const constraints = (
      await q(
        `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'learning_outcomes'::regclass AND contype = 'u'`,
      )
    ).rows as { conname: string; def: string }[];
    const indexes = (
      await q(
        `SELECT i.indexname, i.indexdef FROM pg_indexes i
         WHERE i.tablename = 'learning_outcomes' AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'learning_outcomes'::regclass)`,
      )
    ).rows as { indexname: string; indexdef: string }[];
    for (const k of constraints) await q(`ALTER TABLE learning_outcomes DROP CONSTRAINT ${k.conname}`);
    for (const i of indexes) await q(`DROP INDEX ${i.indexname}`);
    await step(`ledger entries (${ROUNDS} rounds)`, async () => {
      for (let r = 1; r <= ROUNDS; r++) {
        await q(
          `INSERT INTO learning_outcomes (id, account_id, outcome_type, name, level, credits, hours, recorded_on, source, source_kind,
                                          idempotency_key, certificate_id, credit_outcome_id, school_id, province_code, created_at)
           SELECT md5('o' || i || ':' || $2)::uuid, md5('a' || i)::uuid,
                  CASE WHEN cert THEN 'certificate' WHEN $2 % 10 = 0 THEN 'training' WHEN $2 % 17 = 0 THEN 'competition' ELSE 'course' END,
                  CASE WHEN cert THEN $4 || '职业技能等级证书（' || CASE $2 WHEN 3 THEN '初级' ELSE '中级' END || '）'
                       ELSE '课程 ' || lpad($2::text, 2, '0') || ' · 专业核心课程' END,
                  CASE WHEN cert THEN CASE $2 WHEN 3 THEN 'junior' ELSE 'intermediate' END ELSE (60 + (i + $2) % 40)::text END,
                  ((i + $2) % 4 + 1)::numeric, 16 * ((i + $2) % 4 + 1), date '2019-09-01' + ($2 * 30 + i % 30),
                  '基准测试职业学院', CASE WHEN cert THEN 'certificate_issuance' ELSE 'school' END,
                  'bench:' || i || ':' || $2,
                  CASE WHEN cert THEN md5('c' || CASE $2 WHEN 3 THEN 1 ELSE 2 END || i)::uuid END,
                  NULL, $3, '440000', now()
           FROM (SELECT i, (i % ${SAMPLE_EVERY} = 0 AND $2 IN (3, 7)) AS cert FROM generate_series(1, $1::int) i) g
           WHERE ${OUTCOMES_OF} >= $2`,
          [n, r, school.id, ct.name],
        );
      }
    });
    await step('ledger indexes', async () => {
      for (const k of constraints) await q(`ALTER TABLE learning_outcomes ADD CONSTRAINT ${k.conname} ${k.def}`);
      for (const i of indexes) await q(i.indexdef);
    });
    await step('cached totals', () =>
      q(
        `UPDATE learning_accounts a SET total_credits = s.credits, outcome_count = s.n
         FROM (SELECT account_id, sum(credits) AS credits, count(*)::int AS n FROM learning_outcomes GROUP BY account_id) s
         WHERE a.id = s.account_id`,
      ),
    );
    await q(`SET session_replication_role = origin`).catch(() => undefined);
    await step('vacuum analyze', () => q('VACUUM ANALYZE'));
    const entries = Number((await one<{ n: string }>(`SELECT count(*) AS n FROM learning_outcomes`)).n);

    // Sessions of the sampled learner users (the cookie's token is random; the database keeps its SHA-256).
    const tokens = Array.from({ length: sampled }, () => randomBytes(32).toString('base64url'));
    const userIds = Array.from({ length: sampled }, (_, s) => (s + 1) * SAMPLE_EVERY);
    await q(
      `INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at)
       SELECT t.hash, md5('u' || t.i)::uuid, t.hash, now(), now(), now() + interval '12 hours'
       FROM unnest($1::text[], $2::int[]) AS t (hash, i)`,
      [tokens.map((t) => createHash('sha256').update(t).digest('hex')), userIds],
    );
    return { tokens, entries, sampled, timings };
  } finally {
    await c.end();
  }
}

function argOf(args: string[], name: string, d: number): number {
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  if (eq) return Number(eq.split('=')[1]);
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? Number(args[at + 1]) : d;
}

export async function run(args: string[]): Promise<void> {
  const loadAt = args.indexOf('--load');
  if (loadAt >= 0) return load(JSON.parse(readFileSync(args[loadAt + 1]!, 'utf8')) as LoadInput);

  const n = argOf(args, 'accounts', 1_000_000);
  const secondsEach = argOf(args, 'seconds', 20);
  const connections = argOf(args, 'connections', 8);
  if (!Number.isInteger(n) || n < SAMPLE_EVERY) throw new Error(`--accounts must be an integer ≥ ${SAMPLE_EVERY}`);
  const secretKey = randomBytes(32);
  const dir = mkdtempSync(path.join(tmpdir(), 'onex-bench-account-'));
  try {
    await withBenchDatabase('account', async (url) => {
      const t0 = performance.now();
      const data = await loadData(url, n, secretKey);
      console.log(
        `setup: ${n} accounts, ${data.entries} ledger entries, ${data.sampled} sampled accounts with ${SAMPLED_OUTCOMES} outcomes and a session ` +
          `(${seconds(performance.now() - t0)} s, not timed: ${data.timings.join(', ')})`,
      );

      buildServer();
      const port = await freePort();
      const server = startServer({ PORT: String(port), DATABASE_URL: url, SECRET_KEY: secretKey.toString('base64'), LOG_LEVEL: 'warn' });
      let out: LoadOutput;
      try {
        await waitForOk(`http://127.0.0.1:${port}/api/v1/health`, 120_000, server);
        const endpoint = `http://127.0.0.1:${port}/api/v1/me/learning-account`;
        // The contract answer of a sampled account: 50 outcomes, two of them certificates.
        const probe = await fetch(endpoint, { headers: { cookie: `onex_sid=${data.tokens[0]}` } });
        const body = (await probe.json()) as { outcomes?: { type: string; certificateNumber?: string }[]; totalCredits?: number };
        if (
          probe.status !== 200 ||
          body.outcomes?.length !== SAMPLED_OUTCOMES ||
          body.outcomes.filter((o) => o.certificateNumber).length !== 2
        )
          throw new Error(`unexpected answer ${probe.status}: ${JSON.stringify(body).slice(0, 500)}`);
        console.log(`probe: ${SAMPLED_OUTCOMES} outcomes, totalCredits ${body.totalCredits}, ${JSON.stringify(body).length} bytes of JSON`);
        drive({ url: endpoint, tokens: data.tokens, seconds: 3, connections }, dir); // warm-up
        out = drive({ url: endpoint, tokens: data.tokens, seconds: secondsEach, connections }, dir);
      } finally {
        await stop(server);
      }
      if (out.non2xx || out.errors) throw new Error(`the account read answered ${out.non2xx} non-2xx and ${out.errors} errors`);
      console.log(
        `GET /api/v1/me/learning-account (random sampled account, session cookie, ${connections} connections, ${secondsEach} s): ` +
          `${out.rps.toFixed(0)} req/s, p50 ${out.p50} ms, p99 ${out.p99} ms   target p99 ≤ 30 ms`,
      );
      console.log(`RESULT name=account accounts=${n} entries=${data.entries} rps=${out.rps.toFixed(0)} p99_ms=${out.p99}`);
      if (out.p99 > 30) process.exitCode = 1;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * npm run bench -- import [--format=xlsx|csv] [--rows=100000]
 *
 * R5.5 at scale (issue 5 Benchmark): against PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 * in a fresh database — migrated, reference data seeded — 100,000 learners with valid 居民身份证 numbers (GB 11643)
 * are registered in one examined session (COPY; not timed) and a results file for them is written (.xlsx by default).
 * The import is then timed THROUGH THE SERVICE (importResults: the code path of POST /api/v1/exam-sessions/{id}/results:
 * read, validate every row, blind-index lookups, one transaction) in a child process, so that its peak RSS
 * (process.resourceUsage().maxRSS) is the import's own. Baseline in the same run: a plain COPY of the same rows into a
 * bare table. Targets: ≤ 30 s, peak RSS ≤ 1 GB. The database is dropped at the end.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { idCardCheckChar } from '@onex/shared';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Config } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { seedReferenceData } from '../apps/server/src/db/seed/reference';
import { systemClock } from '../apps/server/src/lib/clock';
import { encryptIdNumber, idNumberHash } from '../apps/server/src/lib/personal-id';
import { actorFromRow } from '../apps/server/src/modules/auth/auth.service';
import { importResults } from '../apps/server/src/modules/results-import/results-import.service';
import { ROOT, seconds } from './lib';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鑫宇浩然轩涵梓欣怡琪俊雨桐嘉晓志佳健婷乐';

function dbUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** COPY … FROM STDIN of text-format lines. */
async function copyIn(client: pg.PoolClient | pg.Client, statement: string, lines: Iterable<string>): Promise<void> {
  const stream = client.query(copyFrom(statement));
  async function* chunks() {
    let buf: string[] = [];
    for (const l of lines) {
      buf.push(l);
      if (buf.length >= 5000) {
        yield buf.join('');
        buf = [];
      }
    }
    if (buf.length) yield buf.join('');
  }
  await pipeline(Readable.from(chunks()), stream);
}

interface Person {
  id: string;
  idNumber: string;
  name: string;
  score: number;
  passed: boolean;
}

/** n distinct valid 居民身份证 numbers (birth dates from 1990 on × 3-digit sequences), names, scores 0–100.0. */
function people(n: number): Person[] {
  const base = Date.UTC(1990, 0, 1);
  const out: Person[] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(base + (i % 5000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `440106${day}${String(Math.floor(i / 5000)).padStart(3, '0')}`;
    const score = ((i * 379) % 1001) / 10;
    out.push({
      id: randomUUID(),
      idNumber: first17 + idCardCheckChar(first17),
      name: SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + (i % 3 ? GIVEN[(i * 13) % GIVEN.length]! : ''),
      score,
      passed: score >= 60,
    });
  }
  return out;
}

async function xlsxOf(rows: Person[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => sink.on('end', r));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('成绩');
  ws.addRow(['证件类型', '证件号码', '姓名', '总成绩', '考核结果']).commit();
  for (const p of rows) ws.addRow(['居民身份证', p.idNumber, p.name, p.score, p.passed ? '合格' : '不合格']).commit();
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

function csvOf(rows: Person[]): Buffer {
  const lines = ['证件类型,证件号码,姓名,总成绩,考核结果'];
  for (const p of rows) lines.push(`居民身份证,${p.idNumber},${p.name},${p.score},${p.passed ? '合格' : '不合格'}`);
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

interface ChildInput {
  url: string;
  sessionId: string;
  userId: string;
  file: string;
  fileName: string;
  keyHex: string;
}
interface ChildOutput {
  seconds: number;
  maxRssMb: number;
  outcome: unknown;
}

/** The timed part, in its own process: the service call of the contract endpoint. */
async function child(input: ChildInput): Promise<void> {
  const database = await openDatabase({ databaseUrl: input.url, poolSize: 4 });
  try {
    const config = { secretKey: Buffer.from(input.keyHex, 'hex') } as Config;
    const deps = { config, db: database.db, dbKind: database.kind, clock: systemClock };
    const user = await database.db.selectFrom('users').selectAll().where('id', '=', input.userId).executeTakeFirstOrThrow();
    const ctx = { actor: actorFromRow(user, 'token'), requestId: 'bench', clientIp: null };
    const bytes = readFileSync(input.file);
    const t0 = performance.now();
    const outcome = await importResults(deps, ctx, input.sessionId, { bytes, filename: input.fileName }, { correction: false, note: null });
    const ms = performance.now() - t0;
    const out: ChildOutput = { seconds: ms / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, outcome };
    process.stdout.write(`CHILD ${JSON.stringify(out)}\n`);
  } finally {
    await database.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const childAt = args.indexOf('--child');
  if (childAt >= 0) return child(JSON.parse(args[childAt + 1]!) as ChildInput);

  const format = args.find((a) => a.startsWith('--format='))?.slice(9) === 'csv' ? 'csv' : 'xlsx';
  const n = Number(args.find((a) => a.startsWith('--rows='))?.slice(7) ?? 100_000);
  const base = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  const name = `onex_bench_import_${process.pid}`;
  const url = dbUrl(base, name);
  const secretKey = randomBytes(32);
  const dir = mkdtempSync(path.join(tmpdir(), 'onex-bench-import-'));
  await admin(base, `CREATE DATABASE ${name}`);
  try {
    // ---- setup (not timed) ----
    const tSetup = performance.now();
    const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    let sessionId: string, userId: string, rows: Person[];
    try {
      await migrate(database.db);
      await seedReferenceData(database.db);
      const db = database.db;
      const ct = await db
        .selectFrom('certificate_types as c')
        .innerJoin('certificate_levels as l', 'l.certificate_type_id', 'c.id')
        .select(['c.id', 'c.org_id', 'l.level'])
        .where('l.pass_mark', '=', '60')
        .orderBy('c.code')
        .limit(1)
        .executeTakeFirstOrThrow();
      const now = new Date();
      const school = await db
        .insertInto('schools')
        .values({ name: '基准测试职业学院', school_type: 'higher', province_code: '440000', city_code: '440100' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const user = await db
        .insertInto('users')
        .values({
          username: 'bench-org',
          display_name: '基准测试组织',
          password_hash: '-',
          role: 'org_admin',
          org_id: ct.org_id,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      userId = user.id;
      const site = await db
        .insertInto('exam_sites')
        .values({
          org_id: ct.org_id,
          school_id: school.id,
          province_code: '440000',
          city_code: '440100',
          certificate_type_id: ct.id,
          name: '基准考核站点',
          address: '广州',
          capacity: n,
          status: 'approved',
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const session = await db
        .insertInto('exam_sessions')
        .values({
          org_id: ct.org_id,
          certificate_type_id: ct.id,
          level: ct.level,
          exam_site_id: site.id,
          province_code: '440000',
          city_code: '440100',
          exam_date: '2026-06-20',
          exam_form: 'computer',
          capacity: n,
          registration_opens_at: new Date('2026-04-01T00:00:00Z'),
          registration_closes_at: new Date('2026-05-01T00:00:00Z'),
          status: 'examined',
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      sessionId = session.id;

      rows = people(n);
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      const client = await pool.connect();
      try {
        const at = now.toISOString();
        await copyIn(
          client,
          'COPY learners (id, kind, school_id, province_code, city_code, name, id_type, id_number_enc, id_number_hash, id_number_last4, created_at) FROM STDIN',
          (function* () {
            for (const p of rows)
              yield `${p.id}\tpilot_student\t${school.id}\t440000\t440100\t${p.name}\tid_card\t${encryptIdNumber(secretKey, p.idNumber)}\t${idNumberHash(secretKey, p.idNumber)}\t${p.idNumber.slice(-4)}\t${at}\n`;
          })(),
        );
        await copyIn(
          client,
          'COPY exam_registrations (session_id, learner_id, school_id, province_code, org_id, status, consent_at, consent_via, created_at) FROM STDIN',
          (function* () {
            for (const p of rows) yield `${sessionId}\t${p.id}\t${school.id}\t440000\t${ct.org_id}\tregistered\t${at}\tlearner\t${at}\n`;
          })(),
        );
        await client.query('ANALYZE learners; ANALYZE exam_registrations');
      } finally {
        client.release();
        await pool.end();
      }
    } finally {
      await database.close();
    }
    const file = format === 'csv' ? csvOf(rows) : await xlsxOf(rows);
    const filePath = path.join(dir, `results.${format}`);
    writeFileSync(filePath, file);
    console.log(
      `setup: ${n} learners registered in one session, results .${format} of ${(file.length / 1e6).toFixed(1)} MB (${seconds(performance.now() - tSetup)} s, not timed)`,
    );

    // ---- the import, through the service, in a child process ----
    const input: ChildInput = { url, sessionId, userId, file: filePath, fileName: `results.${format}`, keyHex: secretKey.toString('hex') };
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'import', '--child', JSON.stringify(input)], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('CHILD '));
    if (r.status !== 0 || !line) throw new Error(`import failed (${r.status}): ${r.stdout.slice(0, 2000)}`);
    const out = JSON.parse(line.slice(6)) as ChildOutput;

    // ---- check what was written ----
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    let baselineMs: number;
    try {
      const written = Number((await check.query('SELECT count(*) AS n FROM exam_results WHERE session_id = $1', [sessionId])).rows[0].n);
      const status = (await check.query('SELECT status FROM exam_sessions WHERE id = $1', [sessionId])).rows[0].status;
      if (written !== n || status !== 'scores_entered')
        throw new Error(`expected ${n} results and scores_entered, got ${written} and ${status}`);

      // ---- baseline: a plain COPY of the same rows into a bare table ----
      await check.query('CREATE TABLE bench_copy (id_type text, id_number text, name text, score numeric(5,1), result text)');
      const t0 = performance.now();
      await copyIn(
        check,
        'COPY bench_copy FROM STDIN',
        (function* () {
          for (const p of rows) yield `居民身份证\t${p.idNumber}\t${p.name}\t${p.score}\t${p.passed ? '合格' : '不合格'}\n`;
        })(),
      );
      baselineMs = performance.now() - t0;
    } finally {
      await check.end();
    }

    const ratio = (out.seconds * 1000) / baselineMs;
    console.log(
      `import through the service (read .${format}, validate every row, look up by blind index, one transaction): ${out.seconds.toFixed(2)} s   target ≤ 30 s`,
    );
    console.log(`  outcome: ${JSON.stringify(out.outcome)}`);
    console.log(`  peak RSS of the importing process: ${out.maxRssMb.toFixed(0)} MB   target ≤ 1024 MB`);
    console.log(`baseline — plain COPY of the same ${n} rows into a bare table: ${seconds(baselineMs)} s`);
    console.log(
      `RESULT name=import rows=${n} seconds=${out.seconds.toFixed(2)} baseline_seconds=${seconds(baselineMs)} ratio=${ratio.toFixed(1)} peak_rss_mb=${out.maxRssMb.toFixed(0)}`,
    );
    if (out.seconds > 30 || out.maxRssMb > 1024) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

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
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import type { Config } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/database';
import { systemClock } from '../apps/server/src/lib/clock';
import { actorFromRow } from '../apps/server/src/modules/auth/auth.service';
import { importResults } from '../apps/server/src/modules/results-import/results-import.service';
import { copyIn, type Person, people, setupRegisteredSession, withBenchDatabase } from './fixtures';
import { ROOT, seconds } from './lib';

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
    const deps = { config, db: database.db, dbKind: database.kind, pool: database.pool, clock: systemClock };
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
  const secretKey = randomBytes(32);
  const dir = mkdtempSync(path.join(tmpdir(), 'onex-bench-import-'));
  await withBenchDatabase('import', async (url) => {
    // ---- setup (not timed) ----
    const tSetup = performance.now();
    const { sessionId, userId, rows } = await setupRegisteredSession(url, secretKey, people(n), 'examined');
    const file = format === 'csv' ? csvOf(rows) : await xlsxOf(rows);
    const filePath = path.join(dir, `results.${format}`);
    writeFileSync(filePath, file);
    console.log(
      `setup: ${n} learners registered in one session, results .${format} of ${(file.length / 1e6).toFixed(1)} MB (${seconds(performance.now() - tSetup)} s, not timed)`,
    );

    // ---- the import, through the service, in a child process ----
    const input: ChildInput = { url, sessionId, userId, file: filePath, fileName: `results.${format}`, keyHex: secretKey.toString('hex') };
    // The child's heap grows as the server's does (HEAP_GROWING_PERCENT, default 30; main.ts sets the same V8 flag).
    const growing = `--heap-growing-percent=${process.env.HEAP_GROWING_PERCENT ?? 30}`;
    const r = spawnSync(process.execPath, [growing, '--import', 'tsx', 'bench/run.ts', 'import', '--child', JSON.stringify(input)], {
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
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/**
 * npm run bench -- bombs
 *
 * Issue 20 item 1 (spreadsheet bombs): the bomb corpus (apps/server/src/test/spreadsheet-bombs.ts: a zip bomb and a
 * shared-strings bomb of 512 MB each once inflated, a sheet of 1,000,000 rows, a non-zip file named .xlsx) and a
 * normal 5,000-row learners file (the baseline, in the same run) go through the guarded reader (readSpreadsheet: a
 * worker thread, limits checked while inflating), each in its own child process so that its peak RSS
 * (process.resourceUsage().maxRSS, the worker included) is its own. Also measured: wall time, the main thread's peak
 * heap and its longest event-loop stall (the parse runs off the main thread, so it should stay small).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LEARNER_IMPORT_COLUMNS } from '@onex/shared';
import { readSpreadsheet } from '../apps/server/src/lib/spreadsheet';
import { bombCorpus, rowXml, xlsx } from '../apps/server/src/test/spreadsheet-bombs';
import { ROOT } from './lib';

interface CaseOutput {
  ms: number;
  maxRssMb: number;
  mainHeapMb: number;
  loopMaxMs: number;
  outcome: string;
}

async function child(file: string): Promise<void> {
  const bytes = readFileSync(file);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let heap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (heap = Math.max(heap, process.memoryUsage().heapUsed)), 20);
  const t0 = performance.now();
  let outcome: string;
  try {
    const r = await readSpreadsheet(bytes, { sheetName: '学生名单', maxRows: 5000 });
    outcome = r.overflowRow === null ? `read ${r.rows.length - 1} rows` : `TOO_MANY_ROWS at row ${r.overflowRow}`;
  } catch (err) {
    const e = err as { code?: string; details?: { limit?: string } };
    outcome = `${e.code ?? String(err)}${e.details?.limit ? ` (${e.details.limit})` : ''}`;
  }
  const ms = performance.now() - t0;
  clearInterval(sampler);
  loop.disable();
  const out: CaseOutput = {
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    mainHeapMb: heap / 1024 / 1024,
    loopMaxMs: loop.max / 1e6,
    outcome,
  };
  console.log(JSON.stringify(out));
}

async function normalFile(rows: number): Promise<Buffer> {
  return xlsx({
    sheetName: '学生名单',
    sheet: function* () {
      yield Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowXml(1, [...LEARNER_IMPORT_COLUMNS])}`,
      );
      for (let n = 2; n <= rows + 1; n++)
        yield Buffer.from(
          rowXml(n, [`学生${n}`, '居民身份证', `44010620040101${String(n).padStart(4, '0')}`, '物联网应用技术', `物联网${n % 10}班`, '否']),
        );
      yield Buffer.from('</sheetData></worksheet>');
    },
  });
}

export async function run(args: string[]): Promise<void> {
  const childAt = args.indexOf('--child');
  if (childAt >= 0) return child(args[childAt + 1]!);

  const dir = mkdtempSync(path.join(tmpdir(), 'onex-bombs-'));
  try {
    const corpus = await bombCorpus({ sheetName: '学生名单', header: [...LEARNER_IMPORT_COLUMNS] });
    const cases: [string, Buffer][] = [
      ['normal-5000-rows', await normalFile(5000)],
      ['zip-bomb', corpus.zipBomb],
      ['shared-strings-bomb', corpus.sharedStringsBomb],
      ['million-rows', corpus.manyRows],
      ['not-zip', corpus.notZip],
    ];
    const results: Record<string, CaseOutput> = {};
    console.log('case                  file KB   wall s   peak RSS MB   main heap MB   main loop max ms   outcome');
    for (const [name, bytes] of cases) {
      const file = path.join(dir, `${name}.xlsx`);
      writeFileSync(file, bytes);
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'bombs', '--child', file], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${name}: child failed\n${r.stderr}`);
      const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as CaseOutput;
      results[name] = out;
      console.log(
        `${name.padEnd(20)} ${String(Math.round(bytes.length / 1024)).padStart(8)} ${(out.ms / 1000).toFixed(2).padStart(8)} ${out.maxRssMb
          .toFixed(0)
          .padStart(13)} ${out.mainHeapMb.toFixed(0).padStart(14)} ${out.loopMaxMs.toFixed(0).padStart(18)}   ${out.outcome}`,
      );
    }
    const base = results['normal-5000-rows']!;
    const worst = Object.entries(results).reduce((a, b) => (b[1].maxRssMb > a[1].maxRssMb ? b : a));
    const kv = (k: string, o: CaseOutput) => `${k}_s=${(o.ms / 1000).toFixed(2)} ${k}_rss_mb=${o.maxRssMb.toFixed(0)}`;
    console.log(
      `RESULT name=bombs ${kv('baseline', base)} ${kv('zip_bomb', results['zip-bomb']!)} ${kv('shared_strings_bomb', results['shared-strings-bomb']!)} ` +
        `${kv('million_rows', results['million-rows']!)} ${kv('not_zip', results['not-zip']!)} worst_rss_case=${worst[0]} ` +
        `max_main_loop_stall_ms=${Math.max(...Object.values(results).map((o) => o.loopMaxMs)).toFixed(0)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, buildServer, freePort, seconds, startServer, stop, waitForOk } from './lib';

/** Time from process start to a healthy /api/v1/health on the embedded default: first start (empty data folder) and restart. */
async function timeToHealthy(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = startServer({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
  try {
    await waitForOk(`http://127.0.0.1:${port}/api/v1/health`, 60_000, child);
    return performance.now() - t0;
  } finally {
    await stop(child);
  }
}

/** Baseline, in the same run: a bare process that only opens PGlite in a folder and answers a query (the engine's own floor). */
function pgliteFloor(dir: string): number {
  const script = `import { PGlite } from '@electric-sql/pglite'; const db = await PGlite.create(${JSON.stringify(dir)}); await db.query('select 1'); await db.close();`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: path.join(ROOT, 'apps/server'),
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('baseline failed');
  return performance.now() - t0;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'onex-bench-startup-'));
  const floorDir = mkdtempSync(path.join(tmpdir(), 'onex-bench-floor-'));
  buildServer();
  try {
    const first = await timeToHealthy(dir);
    const restarts = [];
    for (let i = 0; i < 3; i++) restarts.push(await timeToHealthy(dir));
    const restart = restarts.sort((a, b) => a - b)[1]!;
    const floorFirst = pgliteFloor(floorDir);
    const floorRestart = pgliteFloor(floorDir);
    console.log(`first start (empty data folder, migrations + demo data): ${seconds(first)} s   target ≤ 20 s`);
    console.log(`restart (median of 3):                                  ${seconds(restart)} s   target ≤ 3 s`);
    console.log(`baseline — bare PGlite process, create folder:          ${seconds(floorFirst)} s`);
    console.log(`baseline — bare PGlite process, reopen folder:          ${seconds(floorRestart)} s`);
    console.log(
      `RESULT name=startup first_s=${seconds(first)} restart_s=${seconds(restart)} baseline_first_s=${seconds(floorFirst)} baseline_restart_s=${seconds(floorRestart)}`,
    );
    if (first > 20_000 || restart > 3_000) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(floorDir, { recursive: true, force: true });
  }
}

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE, acquireDataDirLock } from './data-dir-lock';
import { openDatabase } from './database';

const SERVER = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const children: ChildProcess[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'onex-lock-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A separate node process (its PID is the holder's: no tsx wrapper) that takes the folder's lock and holds it until killed. */
function holdInChild(dir: string): Promise<ChildProcess> {
  const script = path.join(tempDir(), 'hold.ts');
  writeFileSync(
    script,
    `import { acquireDataDirLock } from ${JSON.stringify(path.join(import.meta.dirname, 'data-dir-lock.ts'))};
    acquireDataDirLock(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: SERVER, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve(child));
    child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
}

function withoutDatabaseUrl(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _, SECRET_KEY: __, ...env } = process.env;
  return env;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));
}

describe('issue 20 item 2: one process per embedded data folder', () => {
  it('the same folder opened twice in one process: the second open is refused, naming the PID (Chinese and English)', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    try {
      const holder = JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'));
      expect(holder).toMatchObject({ pid: process.pid, host: hostname() });
      expect(Date.parse(holder.startedAt)).not.toBeNaN();
      const second = openDatabase({ dataDir: dir });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(`正被进程 ${process.pid} 使用`);
      await expect(second).rejects.toThrow(`data folder in use by process ${process.pid}`);
    } finally {
      await first.close();
    }
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false); // released on close
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('a lock left by a process that is gone (dead PID) is taken over', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // exited: its PID is free
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: dead, host: hostname(), startedAt: '2026-01-01T00:00:00Z' }));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it('a lock file left empty by a crash is taken over; a lock held from another host is not', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, LOCK_FILE), old, old);
    acquireDataDirLock(dir).release();
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'other-host', startedAt: 'x' }));
    expect(() => acquireDataDirLock(dir)).toThrow(/主机 other-host/);
  });

  it('a lock held by another process blocks this one until that process dies; then it is taken over', async () => {
    const dir = tempDir();
    const child = await holdInChild(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(`正被进程 ${child.pid} 使用`);
    child.kill('SIGKILL'); // no chance to clean up: the lock file stays, stale
    await exited(child);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    acquireDataDirLock(dir).release();
  });

  it('audit:verify on a folder a running process holds refuses (exit 1) and says to stop the server', async () => {
    const dir = tempDir();
    const child = await holdInChild(dir);
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(SERVER, 'src/cli/audit-verify.ts')], {
      cwd: SERVER,
      env: { ...withoutDatabaseUrl(), DATA_DIR: dir },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`正被进程 ${child.pid} 使用`);
    expect(r.stderr).toContain('请先停止服务器');
    expect(existsSync(path.join(dir, 'pglite'))).toBe(false); // refused before the database files were touched
  });
});

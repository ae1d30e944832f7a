import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * The embedded database folder belongs to one process at a time: PGlite has no locking of its own, and two processes
 * on one folder silently lose each other's writes (issue 20). The lock is a file created atomically (`O_CREAT|O_EXCL`,
 * fs 'wx') holding the holder's PID, host and start time — no dependency, and the PID lets a lock left by a killed
 * process be recognised and taken over (proper-lockfile judges staleness by an mtime it must keep refreshing).
 */

export const LOCK_FILE = 'onex.lock';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.host === hostname() ? '' : `（主机 ${holder.host} host）`;
    super(
      `数据目录 ${dataDir} 正被进程 ${holder.pid}${where} 使用（自 ${holder.startedAt} 起）` +
        ` (data folder in use by process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}); ` +
        `请先停止该进程再启动服务器或运行命令 (stop that process first: two processes on one embedded database lose data). ` +
        `若确认该进程已不存在，可删除 ${path.join(dataDir, LOCK_FILE)} (if it no longer exists, delete the lock file).`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  file: string;
  release(): void;
}

/** Takes the folder's lock or throws DataDirLockedError naming the holder; a lock whose process is gone is taken over. */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const text = JSON.stringify(me);
  for (let attempt = 0; attempt < 30; attempt++) {
    if (tryCreate(file, text)) return held(file, text);
    const holder = readHolder(file);
    if (holder === undefined) continue; // released between our two steps: try again
    if (holder && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
    if (!holder && isYoung(file)) {
      pause(100); // another process may be between creating the file and writing its PID
      continue;
    }
    removeStale(file, holder);
  }
  throw new DataDirLockedError(dataDir, readHolder(file) ?? { pid: 0, host: '?', startedAt: '?' });
}

function tryCreate(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The holder, null when the file is unreadable (a crash between create and write), undefined when it is gone. */
function readHolder(file: string): LockHolder | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isInteger(h.pid) && h.pid > 0 ? h : null;
  } catch {
    return null;
  }
}

function isYoung(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < 2000;
  } catch {
    return false;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A process on another host cannot be probed: its lock counts as alive (shared folders). */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

/**
 * Moves the stale file aside (rename is atomic: of two processes taking over at once, one wins). Should the file moved
 * turn out to be a fresh lock another process took meanwhile, it is put back with link(), which never overwrites.
 */
function removeStale(file: string, stale: LockHolder | null): void {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = readHolder(aside);
  if (moved && (!stale || moved.pid !== stale.pid || moved.startedAt !== stale.startedAt)) {
    try {
      linkSync(aside, file);
    } catch {
      // a third process holds it now; its lock stands
    }
  }
  unlinkSync(aside);
}

function held(file: string, text: string): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (readFileSync(file, 'utf8') === text) unlinkSync(file); // never remove a lock that is no longer ours
    } catch {
      // already gone
    }
  };
  // process.exit() without close (e.g. the forced shutdown after 10 s) still frees the folder.
  process.on('exit', release);
  return { file, release };
}

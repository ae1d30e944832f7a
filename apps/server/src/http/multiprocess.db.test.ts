import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { databaseUrlFor, pgAdmin } from '../test/pg-admin';

/**
 * Issue 19 items 2 and 3, with real separate processes: rate limits counted in Redis hold across two server processes;
 * background jobs claimed with FOR UPDATE SKIP LOCKED by two processes on one PostgreSQL database run once each.
 */
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CHILD = path.join(ROOT, 'apps/server/src/test/serve-child.ts');
const redisUrl = process.env.TEST_REDIS_URL;
const pgUrl = process.env.TEST_DATABASE_URL;
const children: ChildProcess[] = [];

function start(mode: 'serve' | 'claim', env: Record<string, string>): { child: ChildProcess; lines: string[]; ready: Promise<string> } {
  const child = spawn(TSX, [CHILD, mode], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', SECRET_KEY: randomBytes(32).toString('base64'), DATA_DIR: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        if (line.startsWith('LISTENING ')) resolve(line.slice(10));
      }
    });
    child.on('exit', (code) => (code === 0 ? resolve('exited') : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
  return { child, lines, ready };
}

const databases: string[] = [];
/** A fresh copy of the run's migrated PostgreSQL template (never the template itself: copies of it would fail meanwhile). */
async function freshDatabase(): Promise<string> {
  const name = `onex_mp_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await pgAdmin(pgUrl!, `CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  databases.push(name);
  return databaseUrlFor(pgUrl!, name);
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const name of databases) await pgAdmin(pgUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe.skipIf(!redisUrl)(
  `shared rate limits in Redis (issue 19 #3) ${redisUrl ? '' : '（跳过 skipped: set TEST_REDIS_URL, e.g. redis://127.0.0.1:6379）'}`,
  () => {
    it('the public verification limit holds across two server processes (REDIS_URL)', async () => {
      const env: Record<string, string> = {
        REDIS_URL: redisUrl!,
        VERIFY_RATE_LIMIT_MAX: '5',
        TRUST_PROXY: '1',
        PGLITE_IMAGE: inject('pgliteImage'),
      };
      if (pgUrl) env.DATABASE_URL = await freshDatabase();
      const a = start('serve', env);
      const b = start('serve', env);
      const ports = await Promise.all([a.ready, b.ready]);
      // A client address of its own (X-Forwarded-For, TRUST_PROXY): counts left in Redis by earlier runs do not meet it.
      const client = `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const port = ports[i % 2];
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/public/certificates/verify?number=x&name=y`, {
          headers: { 'x-forwarded-for': client },
        });
        statuses.push(res.status);
      }
      // 5 allowed in all (3 by one process, 2 by the other), then 429 from both: the count is shared.
      expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
    }, 180_000);
  },
);

describe.skipIf(!pgUrl)(
  `background jobs across processes (issue 19 #2) ${pgUrl ? '' : '（跳过 skipped: two processes need PostgreSQL — set TEST_DATABASE_URL）'}`,
  () => {
    it('two processes claiming from one queue run each job exactly once (FOR UPDATE SKIP LOCKED)', async () => {
      const url = await freshDatabase();
      const n = 60;
      await pgAdmin(
        url,
        `INSERT INTO users (username, display_name, role, password_hash, created_at)
           VALUES ('mp-test', '多进程测试', 'national_admin', 'x', now());
         INSERT INTO export_jobs (requested_by, route, path, created_at, expires_at)
           SELECT (SELECT id FROM users WHERE username = 'mp-test'), '/api/v1/schools', '/api/v1/schools',
                  now() - (${n} - g) * interval '1 ms', now() + interval '1 day'
           FROM generate_series(1, ${n}) g`,
      );
      const a = start('claim', { DATABASE_URL: url });
      const b = start('claim', { DATABASE_URL: url });
      await Promise.all([a.ready, b.ready]);
      const ids = [...a.lines, ...b.lines].filter((l) => l.startsWith('CLAIMED ')).map((l) => l.slice(8));
      expect(ids.length).toBe(n);
      expect(new Set(ids).size).toBe(n);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM export_jobs WHERE status = 'succeeded' AND attempts = 1`);
        expect(Number(r.rows[0]!.n)).toBe(n);
      } finally {
        await client.end();
      }
    }, 180_000);
  },
);

import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildApp } from '../app';
import { writeAuditCheckpoint } from '../modules/audit/audit.service';
import { databaseUrlFor, pgAdmin } from '../test/pg-admin';
import { testConfig } from '../test/test-app';
import { BackupKeyMismatchError, backupDatabase, readBackupHeader, restoreDatabase } from './backup';
import { type Database, openDatabase } from './database';
import { DataDirLockedError, acquireDataDirLock } from './data-dir-lock';
import { assertSecretKeyMatches } from './key-check';
import { seedDemo } from './seed/demo';
import type { Db } from './types';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../../..');

/**
 * Issue 19 item 5: back up, wipe, restore — certificates verify, learning accounts and files are intact, the audit
 * chain verifies (npm run audit:verify, as a separate process). On the database the run uses: the embedded one in a
 * data folder, or PostgreSQL (pg_dump/pg_restore custom format) when TEST_DATABASE_URL is set.
 */
const pgUrl = process.env.TEST_DATABASE_URL;
const secretKey = randomBytes(32);
let dir: string;
let dataDir: string;
let dbUrl: string | undefined;
let dbName: string | undefined;

const config = () => ({ ...testConfig({ secretKey, dataDir, databaseUrl: dbUrl, auditCheckpointDir: path.join(dataDir, 'checkpoints') }) });
const open = (): Promise<Database> => openDatabase(dbUrl ? { databaseUrl: dbUrl, poolSize: 2 } : { dataDir });

interface Snapshot {
  certificates: { number: string; holder_name: string }[];
  accounts: unknown[];
  files: string[];
}
async function snapshot(db: Db): Promise<Snapshot> {
  const certificates = await db.selectFrom('certificates').select(['number', 'holder_name']).orderBy('number').execute();
  const accounts = await db.selectFrom('learning_accounts').selectAll().orderBy('id').execute();
  const files = (await db.selectFrom('files').select(['id', 'bytes']).orderBy('id').execute()).map(
    (f) => `${f.id}:${createHash('sha256').update(f.bytes).digest('hex')}`,
  );
  return { certificates, accounts, files };
}

let before: Snapshot;
let backupFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'onex-backup-test-'));
  dataDir = path.join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'secret.key'), secretKey.toString('base64'));
  if (pgUrl) {
    dbName = `onex_bk_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await pgAdmin(pgUrl, `CREATE DATABASE ${dbName} TEMPLATE ${inject('pgTemplate')}`);
    dbUrl = databaseUrlFor(pgUrl, dbName);
  } else {
    // The run's migrated image as this data folder's starting point (faster than migrating again).
    const image = new Blob([readFileSync(inject('pgliteImage'))]);
    const pglite = await PGlite.create(path.join(dataDir, 'pglite'), { loadDataDir: image });
    await pglite.close();
  }
  const database = await open();
  try {
    await assertSecretKeyMatches(database.db, secretKey, new Date());
    await seedDemo(database.db, new Date(), secretKey, 'https://1x.example.cn');
    await writeAuditCheckpoint(database.db, secretKey, config().auditCheckpointDir, new Date());
    before = await snapshot(database.db);
  } finally {
    await database.close();
  }
  backupFile = path.join(dir, 'onex.backup');
}, 240_000);

afterAll(async () => {
  if (pgUrl && dbName) await pgAdmin(pgUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

describe(`backup and restore (issue 19 #5) on ${pgUrl ? 'PostgreSQL' : 'the embedded database'}`, () => {
  it('the demo data holds certificates, learning accounts and files to compare', () => {
    expect(before.certificates.length).toBeGreaterThan(0);
    expect(before.accounts.length).toBeGreaterThan(0);
    expect(before.files.length).toBeGreaterThan(0);
  });

  it.runIf(!pgUrl)('an embedded database in use by a running server is refused with the reason, not copied half-written', async () => {
    const held = acquireDataDirLock(dataDir);
    try {
      await expect(backupDatabase(config(), backupFile)).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      held.release();
    }
  });

  it('backs up, wipes, restores: certificates verify, accounts and files are intact, audit:verify passes', async () => {
    const header = await backupDatabase(config(), backupFile);
    expect(header.kind).toBe(pgUrl ? 'postgresql' : 'pglite');
    expect(header.keyCheck).toMatch(/^[0-9a-f]{64}$/);
    expect(readBackupHeader(backupFile).header).toEqual(header);

    // Wipe.
    if (dbUrl) await pgAdmin(dbUrl, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    else rmSync(path.join(dataDir, 'pglite'), { recursive: true, force: true });
    const wiped = await open();
    try {
      const t = await sql<{ t: string | null }>`SELECT to_regclass('certificates')::text AS t`.execute(wiped.db);
      expect(t.rows[0]?.t ?? null).toBeNull();
    } finally {
      await wiped.close();
    }

    await restoreDatabase(config(), backupFile);

    const database = await open();
    try {
      expect(await snapshot(database.db)).toEqual(before);
      const app = await buildApp({ config: config(), db: database.db, dbKind: database.kind, pool: database.pool, logger: false });
      try {
        const c = before.certificates[0]!;
        const res = await app.inject({
          url: `/api/v1/public/certificates/verify?number=${encodeURIComponent(c.number)}&name=${encodeURIComponent(c.holder_name)}`,
        });
        expect(res.statusCode).toBe(200);
        expect(res.json<{ result: string }>().result).toMatch(/valid|revoked/);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }

    // npm run audit:verify, as an operator runs it after a restore.
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      AUDIT_CHECKPOINT_DIR: config().auditCheckpointDir,
      DATABASE_URL: dbUrl ?? '',
      SECRET_KEY: secretKey.toString('base64'),
      LOG_LEVEL: 'silent',
    };
    if (!dbUrl) delete (env as Record<string, string | undefined>).DATABASE_URL;
    const out = await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['apps/server/src/cli/audit-verify.ts'], { cwd: ROOT, env });
    expect(out.stdout).toMatch(/完好|intact/);
  }, 240_000);

  it('refuses a backup made under another SECRET_KEY unless that key is given', async () => {
    const other = { ...config(), secretKey: randomBytes(32) };
    await expect(restoreDatabase(other, backupFile)).rejects.toBeInstanceOf(BackupKeyMismatchError);
    await expect(restoreDatabase(other, backupFile, { secretKey: randomBytes(32) })).rejects.toBeInstanceOf(BackupKeyMismatchError);
    const r = await restoreDatabase(other, backupFile, { secretKey });
    expect(r.keyToUse?.equals(secretKey)).toBe(true);
    if (!dbUrl) expect(readFileSync(path.join(dataDir, 'secret.key'), 'utf8')).toBe(secretKey.toString('base64'));
  }, 240_000);
});

import { execFile } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Config } from '../config';
import { acquireDataDirLock } from './data-dir-lock';
import { keyCheckValue } from './key-check';

const run = promisify(execFile);

/**
 * Issue 19 item 5: backups that restore. One file per backup: a magic line, a JSON header line, then the database
 * itself — for the embedded database PGlite's own data-folder image (gzip tar, taken under the folder's lock so
 * nothing writes meanwhile: while the server runs, the lock refuses with a clear message), for PostgreSQL a
 * `pg_dump --format=custom` archive (a consistent snapshot taken while the server runs). Files uploaded to the
 * platform are rows of `files` and travel with the database. The header carries the SECRET_KEY's check value
 * (key-check.ts: identifies the key without revealing it): a restore under another key is refused unless that key is
 * given, because personal ID numbers and issuer private keys are encrypted with it.
 */
export const BACKUP_MAGIC = 'ONEX-BACKUP-1';

export interface BackupHeader {
  kind: 'pglite' | 'postgresql';
  createdAt: string;
  /** HMAC of a fixed label under the SECRET_KEY the data is encrypted with (null: a database never started). */
  keyCheck: string | null;
  /** The last applied migration. */
  migration: string | null;
  /** The payload: `pglite-datadir-tgz` or `pg_dump-custom`. */
  payload: string;
}

export class BackupKeyMismatchError extends Error {
  constructor() {
    super(
      '备份使用的 SECRET_KEY 与当前密钥不同，拒绝恢复：身份证件号码和签发私钥将无法解密 ' +
        '(the backup was made under another SECRET_KEY: personal ID numbers and issuer keys would be unreadable; refusing to restore). ' +
        '请用 --secret-key <备份时的密钥> 提供原密钥 (give the original key with --secret-key <base64>).',
    );
    this.name = 'BackupKeyMismatchError';
  }
}

type BackupConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'secretKey'>;

/** Writes a backup of the configured database to `file`; returns its header. */
export async function backupDatabase(config: BackupConfig, file: string): Promise<BackupHeader> {
  if (config.databaseUrl) return backupPostgres(config.databaseUrl, file);
  return backupPglite(config.dataDir, file);
}

async function backupPglite(dataDir: string, file: string): Promise<BackupHeader> {
  const lock = acquireDataDirLock(dataDir); // the running server holds it: refused with the holder named
  try {
    const pglite = await PGlite.create(path.join(dataDir, 'pglite'));
    try {
      const header: BackupHeader = {
        kind: 'pglite',
        createdAt: new Date().toISOString(),
        ...(await describe((q) => pglite.query<Record<string, unknown>>(q).then((r) => r.rows))),
        payload: 'pglite-datadir-tgz',
      };
      const image = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
      writeBackup(file, header, image);
      return header;
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

async function backupPostgres(url: string, file: string): Promise<BackupHeader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let facts: Pick<BackupHeader, 'keyCheck' | 'migration'>;
  try {
    facts = await describe((q) => client.query<Record<string, unknown>>(q).then((r) => r.rows));
  } finally {
    await client.end();
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'onex-backup-'));
  try {
    const dump = path.join(dir, 'db.dump');
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, `--dbname=${url}`], { maxBuffer: 64 * 1024 * 1024 });
    const header: BackupHeader = { kind: 'postgresql', createdAt: new Date().toISOString(), ...facts, payload: 'pg_dump-custom' };
    writeBackup(file, header, readFileSync(dump));
    return header;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function describe(query: (q: string) => Promise<Record<string, unknown>[]>): Promise<Pick<BackupHeader, 'keyCheck' | 'migration'>> {
  const has = async (table: string) => (await query(`SELECT to_regclass('public.${table}') AS t`))[0]?.t != null;
  const keyCheck = (await has('secret_key_check'))
    ? (((await query('SELECT check_value FROM secret_key_check LIMIT 1'))[0]?.check_value as string | undefined) ?? null)
    : null;
  const migration = (await has('schema_migrations'))
    ? (((await query('SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1'))[0]?.name as string | undefined) ?? null)
    : null;
  return { keyCheck, migration };
}

function writeBackup(file: string, header: BackupHeader, payload: Buffer): void {
  writeFileSync(file, Buffer.concat([Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify(header)}\n`), payload]), { mode: 0o600 });
}

/** Reads a backup's header (and where its payload starts) without loading the payload. */
export function readBackupHeader(file: string): { header: BackupHeader; payloadOffset: number } {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(64 * 1024);
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const text = head.subarray(0, n);
  const first = text.indexOf(10);
  const second = first < 0 ? -1 : text.indexOf(10, first + 1);
  if (first < 0 || second < 0 || text.subarray(0, first).toString() !== BACKUP_MAGIC)
    throw new Error(`${file} 不是本平台的备份文件 (not a backup of this platform)`);
  const header = JSON.parse(text.subarray(first + 1, second).toString()) as BackupHeader;
  return { header, payloadOffset: second + 1 };
}

export interface RestoreOptions {
  /** The key the backup was made under, when it differs from the configured SECRET_KEY. */
  secretKey?: Buffer;
}

export interface RestoreResult {
  header: BackupHeader;
  /** Set when the backup's key differs from the configured one: the key the server must now run with. */
  keyToUse?: Buffer;
}

/**
 * Replaces the configured database with the backup's content. Refuses a backup of the other kind of database, and a
 * backup made under another SECRET_KEY unless `secretKey` is that key. The embedded database is replaced whole
 * (its folder is locked meanwhile; with a given key, DATA_DIR/secret.key is set to it); PostgreSQL gets
 * `pg_restore --clean --if-exists --single-transaction` (all or nothing).
 */
export async function restoreDatabase(
  config: BackupConfig & Pick<Config, 'databaseAppRole'>,
  file: string,
  opts: RestoreOptions = {},
): Promise<RestoreResult> {
  const { header, payloadOffset } = readBackupHeader(file);
  const want = config.databaseUrl ? 'postgresql' : 'pglite';
  if (header.kind !== want)
    throw new Error(
      `备份来自${header.kind === 'pglite' ? '嵌入式数据库' : ' PostgreSQL'}，当前配置的是${want === 'pglite' ? '嵌入式数据库' : ' PostgreSQL'} ` +
        `(the backup is of a ${header.kind} database, the configuration names a ${want} one)`,
    );
  const keyToUse = checkKey(header, config.secretKey, opts.secretKey);
  const payload = readFileSync(file).subarray(payloadOffset);
  if (config.databaseUrl) await restorePostgres(config.databaseUrl, payload, config.databaseAppRole);
  else await restorePglite(config.dataDir, payload, keyToUse);
  return keyToUse ? { header, keyToUse } : { header };
}

function checkKey(header: BackupHeader, configured: Buffer, given: Buffer | undefined): Buffer | undefined {
  if (header.keyCheck === null) return undefined;
  const matches = (key: Buffer) => {
    const v = Buffer.from(keyCheckValue(key));
    const h = Buffer.from(header.keyCheck!);
    return v.length === h.length && timingSafeEqual(v, h);
  };
  if (given) {
    if (!matches(given)) throw new BackupKeyMismatchError();
    return matches(configured) ? undefined : given;
  }
  if (!matches(configured)) throw new BackupKeyMismatchError();
  return undefined;
}

async function restorePglite(dataDir: string, image: Buffer, key: Buffer | undefined): Promise<void> {
  const lock = acquireDataDirLock(dataDir);
  try {
    const dir = path.join(dataDir, 'pglite');
    rmSync(dir, { recursive: true, force: true });
    const pglite = await PGlite.create(dir, { loadDataDir: new Blob([image]) });
    await pglite.query('SELECT 1');
    await pglite.close();
    if (key) writeFileSync(path.join(dataDir, 'secret.key'), key.toString('base64'), { mode: 0o600 });
  } finally {
    lock.release();
  }
}

async function restorePostgres(url: string, dump: Buffer, appRole: string | undefined): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'onex-restore-'));
  try {
    const file = path.join(dir, 'db.dump');
    writeFileSync(file, dump, { mode: 0o600 });
    await run(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file],
      { maxBuffer: 64 * 1024 * 1024 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (appRole) {
    // Privileges are not restored (the roles may differ): grant the application role again, audit tables append-only.
    const { openDatabase } = await import('./database');
    const { restrictAppRole } = await import('./app-role');
    const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
    try {
      await restrictAppRole(database.db, appRole);
    } finally {
      await database.close();
    }
  }
}

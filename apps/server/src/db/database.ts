import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { type DataDirLock, acquireDataDirLock } from './data-dir-lock';
import type { DB } from './schema';

// Dates (not timestamps) stay 'YYYY-MM-DD' strings, as the contract speaks them.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** The connections under `db`, for the few hot reads that run as named prepared statements. */
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL server; when absent the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database (`<dataDir>/pglite`), locked for this process while open (`onex.lock`). */
  dataDir?: string;
  /** An already-open PGlite instance (tests clone one from a migrated image). */
  pglite?: PGlite;
  poolSize?: number;
}

/** One code path for both databases: Kysely's PostgresDialect over a pg.Pool, PGlite through its node-postgres adapter. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // `cursor`: exports read a long list once, in order, instead of page after sorted page (db/list-query.ts).
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
    return { db, kind: 'postgresql', pool, close: () => db.destroy() };
  }
  let pglite = opts.pglite;
  const owned = !pglite;
  let lock: DataDirLock | undefined;
  if (!pglite) {
    const dataDir = path.resolve(opts.dataDir ?? './data');
    lock = acquireDataDirLock(dataDir); // before PGlite touches the files: a second process never opens them
    try {
      const dir = path.join(dataDir, 'pglite');
      mkdirSync(dir, { recursive: true });
      pglite = await PGlite.create(dir);
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  // PGlite is a single connection: a pool of one serialises queries and transactions.
  const pool = new pg.Pool({ ...createPgConfig(yieldingBetweenQueries(pglite)), max: 1 });
  // `cursor`: exports read a long list once, in order, instead of page after sorted page (db/list-query.ts).
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  const instance = pglite;
  return {
    db,
    kind: 'pglite',
    pool,
    close: async () => {
      try {
        await db.destroy();
        if (owned) await instance.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** How long queued PGlite queries may run back to back before the event loop gets a turn. */
const QUERY_SLICE_MS = 10;

/**
 * PGlite runs each query on the main thread, and queued queries follow one another in promise callbacks: without a
 * yield, a queue of requests is served in one long turn of the event loop that reads no socket (measured: 1.7 s at 3×
 * capacity), so load shedding cannot answer anyone in the meantime. Once queries have run for QUERY_SLICE_MS in one
 * turn, the next one waits for the event loop to turn (setImmediate), so sockets are read, and shed, in between.
 * Yielding before every query instead costs a whole turn per query and cut the accepted throughput tenfold.
 */
function yieldingBetweenQueries(pglite: PGlite): PGlite {
  let turnStartedAt = -1;
  const execute = async (run: () => unknown) => {
    const now = performance.now();
    if (turnStartedAt < 0) {
      turnStartedAt = now;
      setImmediate(() => (turnStartedAt = -1)); // the event loop turned
    } else if (now - turnStartedAt > QUERY_SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    return run();
  };
  return new Proxy(pglite, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...a: unknown[]) => unknown;
      if (prop === 'execProtocolStream') return (...args: unknown[]) => execute(() => method.apply(target, args));
      return method.bind(target);
    },
  });
}

export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';
import type { Db } from './types';

/**
 * Issue 19 item 1: read replicas. PostgreSQL streaming replicas (DATABASE_REPLICA_URLS) serve the public verification,
 * credential, issuer and status-list reads and the statistics, round-robin among the replicas that answer and are no
 * further behind than REPLICA_MAX_LAG_SECONDS; otherwise the primary serves them. Replicas are checked every
 * CHECK_MS; a replica whose connection fails during a read is marked down at once and the read runs again on the
 * primary (no error reaches the user). A user who has just written reads the primary for READ_YOUR_WRITES_SECONDS.
 */
export const CHECK_MS = 2_000;

export interface ReadTarget {
  db: Db;
  pool: pg.Pool;
}

export interface ReplicaState {
  /** host:port/database — no credentials. */
  name: string;
  healthy: boolean;
  /** Seconds behind the primary at the last check (0 when it has replayed all it received); null when unreachable. */
  lagSeconds: number | null;
  /** Reads it served. */
  served: number;
  error: string | null;
}

interface Replica extends ReadTarget {
  state: ReplicaState;
}

export interface ReadRouterOptions {
  maxLagSeconds: number;
  readYourWritesSeconds: number;
  poolSize: number;
}

/** Replication lag: 0 when everything received is replayed (an idle primary sends nothing to replay), else the age of the last replayed transaction. */
const LAG_SQL = sql<{ standby: boolean; lag: number | null }>`
  SELECT pg_is_in_recovery() AS standby,
    CASE WHEN NOT pg_is_in_recovery() THEN 0
         WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
         ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag`;

export function replicaName(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

export class ReadRouter {
  readonly replicas: Replica[];
  /** Reads the primary served because no replica could. */
  primaryServed = 0;
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly writes = new Map<string, number>();

  constructor(
    readonly primary: ReadTarget,
    urls: string[],
    private readonly opts: ReadRouterOptions,
  ) {
    this.replicas = urls.map((url) => {
      const pool = new pg.Pool({ connectionString: url, max: opts.poolSize, connectionTimeoutMillis: 2_000 });
      pool.on('error', () => undefined); // an idle connection dropped by a stopped replica: the next check marks it down
      const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
      return { db, pool, state: { name: replicaName(url), healthy: false, lagSeconds: null, served: 0, error: null } };
    });
  }

  /** Checks every replica now, then every CHECK_MS. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), CHECK_MS);
    this.timer.unref();
  }

  async check(): Promise<void> {
    await Promise.all(
      this.replicas.map(async (r) => {
        try {
          const row = (await LAG_SQL.execute(r.db)).rows[0]!;
          r.state.lagSeconds = Number(row.lag ?? 0);
          r.state.healthy = r.state.lagSeconds <= this.opts.maxLagSeconds;
          r.state.error = r.state.healthy ? null : `lag ${r.state.lagSeconds.toFixed(1)} s > ${this.opts.maxLagSeconds} s`;
        } catch (err) {
          r.state.healthy = false;
          r.state.lagSeconds = null;
          r.state.error = err instanceof Error ? err.message : String(err);
        }
      }),
    );
  }

  /** Remembers that `who` (a user id) wrote: their reads go to the primary for the read-your-writes window. */
  noteWrite(who: string, now = Date.now()): void {
    this.writes.set(who, now + this.opts.readYourWritesSeconds * 1000);
    if (this.writes.size > 10_000) for (const [k, until] of this.writes) if (until <= now) this.writes.delete(k);
  }

  wroteRecently(who: string, now = Date.now()): boolean {
    const until = this.writes.get(who);
    return until !== undefined && until > now;
  }

  get readYourWritesSeconds(): number {
    return this.opts.readYourWritesSeconds;
  }

  /** The next healthy replica, round-robin; undefined when none is. */
  pick(): Replica | undefined {
    for (let i = 0; i < this.replicas.length; i++) {
      const r = this.replicas[(this.next + i) % this.replicas.length]!;
      if (r.state.healthy) {
        this.next = (this.next + i + 1) % this.replicas.length;
        return r;
      }
    }
    return undefined;
  }

  /**
   * Runs a read on a replica (or the primary when none is healthy or `primaryOnly`). A replica that fails to answer —
   * connection refused or dropped, shutting down, in recovery conflict — is marked down and the read runs again on
   * the primary; any other error (e.g. not found) is the read's own answer.
   */
  async read<T>(fn: (target: ReadTarget) => Promise<T>, primaryOnly = false): Promise<T> {
    const r = primaryOnly ? undefined : this.pick();
    if (!r) {
      this.primaryServed++;
      return fn(this.primary);
    }
    try {
      const result = await fn(r);
      r.state.served++;
      return result;
    } catch (err) {
      if (!isReplicaFailure(err)) throw err;
      r.state.healthy = false;
      r.state.error = err instanceof Error ? err.message : String(err);
      this.primaryServed++;
      return fn(this.primary);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.replicas.map((r) => r.db.destroy().catch(() => undefined)));
  }
}

/** Errors that say the replica, not the read, failed: connection errors, PostgreSQL classes 08 and 57, 40001 and 25006 on a standby. */
export function isReplicaFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE)$/.test(code)) return true;
    // 25006: a write reached a replica (read-only transaction) — the primary does it instead.
    if (code.startsWith('08') || code.startsWith('57') || code === '40001' || code === '25006') return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/i.test(err.message);
}

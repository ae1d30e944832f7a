import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findForVerification } from '../modules/certificates/certificates.queries';
import { databaseUrlFor, pgAdmin } from '../test/pg-admin';

/**
 * Issue 19 item 4: PgBouncer 1.18 (Debian's) in transaction mode (`bash scripts/ci-pgbouncer.sh`, TEST_PGBOUNCER_URL).
 * 1.18 does not track prepared statements (1.21 does): a named statement prepared on one server connection is
 * missing, or already there, on the next. The verification lookup's named statement therefore fails behind it, and
 * DATABASE_PREPARED_STATEMENTS=false (unnamed statements) works. Prints the cost measured.
 */
const pgUrl = process.env.TEST_DATABASE_URL;
const bouncerUrl = process.env.TEST_PGBOUNCER_URL;
const SKIP = '（跳过 skipped: set TEST_DATABASE_URL and TEST_PGBOUNCER_URL — bash scripts/ci-pgbouncer.sh）';
let name: string;
let direct: pg.Pool;
let bounced: pg.Pool;

describe.skipIf(!pgUrl || !bouncerUrl)(`PgBouncer in transaction mode (issue 19 #4) ${pgUrl && bouncerUrl ? '' : SKIP}`, () => {
  beforeAll(async () => {
    name = `onex_pb_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await pgAdmin(pgUrl!, `CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    direct = new pg.Pool({ connectionString: databaseUrlFor(pgUrl!, name), max: 4 });
    bounced = new pg.Pool({ connectionString: databaseUrlFor(bouncerUrl!, name), max: 8 });
  });
  afterAll(async () => {
    await bounced?.end();
    await direct?.end();
    if (name) await pgAdmin(bouncerUrl!.replace(/\/[^/]*$/, '/pgbouncer'), `KILL ${name}`).catch(() => undefined);
    if (name) await pgAdmin(pgUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  const many = (pool: pg.Pool, named: boolean, n: number) =>
    Promise.allSettled(Array.from({ length: n }, (_, i) => findForVerification(pool, `2026100000000${i % 10}`, named)));

  it('named prepared statements break behind a 1.18 transaction pooler; unnamed ones (DATABASE_PREPARED_STATEMENTS=false) work', async () => {
    const unnamed = await many(bounced, false, 80);
    expect(unnamed.filter((r) => r.status === 'rejected')).toEqual([]);
    const named = await many(bounced, true, 80);
    const failures = named.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failures.length).toBeGreaterThan(0);
    expect(String((failures[0]!.reason as Error).message)).toMatch(/prepared statement/);
  });

  it('the cost of unnamed statements and of the pooler, measured (one client, sequential lookups)', async () => {
    const time = async (pool: pg.Pool, named: boolean) => {
      const client = await pool.connect();
      client.release();
      const n = 300;
      const start = performance.now();
      for (let i = 0; i < n; i++) await findForVerification(pool, `2026100000000${i % 10}`, named);
      return ((performance.now() - start) / n) * 1000;
    };
    const single = async (url: string) => new pg.Pool({ connectionString: url, max: 1 });
    const d = await single(databaseUrlFor(pgUrl!, name));
    const b = await single(databaseUrlFor(bouncerUrl!, name));
    try {
      const directNamed = await time(d, true);
      const directUnnamed = await time(d, false);
      const bouncerUnnamed = await time(b, false);
      console.log(
        `PgBouncer cost (µs per verification lookup, sequential): direct named ${directNamed.toFixed(0)}, ` +
          `direct unnamed ${directUnnamed.toFixed(0)}, PgBouncer transaction mode unnamed ${bouncerUnnamed.toFixed(0)}`,
      );
      expect(bouncerUnnamed).toBeGreaterThan(0);
    } finally {
      await d.end();
      await b.end();
    }
  });
});

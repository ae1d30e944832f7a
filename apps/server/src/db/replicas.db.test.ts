import { certificateNumber } from '@onex/shared';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { DEMO_PASSWORD } from './seed/demo';
import { createTestCertificate, createTestLearner } from '../test/credit-bank';
import { databaseUrlFor } from '../test/pg-admin';
import { type TestApp, createTestApp } from '../test/test-app';
import { type ReadRouter, isReplicaFailure } from './replicas';

/**
 * Issue 19 item 1: reads routed to PostgreSQL streaming replicas. Needs PostgreSQL (TEST_DATABASE_URL); the test of
 * replay needs a real replica (TEST_REPLICA_URL: `bash scripts/ci-replica.sh` makes one on port 5433, as CI does).
 */
const primaryUrl = process.env.TEST_DATABASE_URL;
const replicaUrl = process.env.TEST_REPLICA_URL;
const REASON_PG = '（跳过 skipped: 只读副本需要 PostgreSQL — set TEST_DATABASE_URL）';
const REASON_REPLICA = '（跳过 skipped: 未设置 TEST_REPLICA_URL — run `bash scripts/ci-replica.sh` and set TEST_REPLICA_URL）';

let t: TestApp;
let dbName: string;
const apps: FastifyInstance[] = [];

/** The same database on another server (the replica holds every database of the primary). */
const sameDbOn = (url: string) => databaseUrlFor(url, dbName);

async function appWithReplicas(urls: string[], maxLagSeconds = 30): Promise<{ app: FastifyInstance; router: ReadRouter }> {
  const config = { ...t.config, replicas: { urls, maxLagSeconds, readYourWritesSeconds: 10 } };
  const app = await buildApp({ config, db: t.db, dbKind: t.database.kind, pool: t.database.pool, clock: t.clock, logger: false });
  await app.ready();
  apps.push(app);
  const router = app.readRouter;
  if (!router) throw new Error('no read router');
  return { app, router };
}

async function newCertificate(seq: number) {
  const l = await createTestLearner(t.db, t.config.secretKey, { seq, name: `副本测试${seq}` });
  const c = await createTestCertificate(t.db, { learnerId: l.learnerId, typeCode: 'WEB-FE', level: 'junior' });
  // A number that passes the public form's check digit (the helper's own numbers are marked as test numbers).
  const number = certificateNumber(2026, 'junior', 900_000_000 + seq * 1000 + Math.floor(Math.random() * 1000));
  await t.db.updateTable('certificates').set({ number }).where('id', '=', c.certificateId).execute();
  return { number, name: `副本测试${seq}` };
}

const verifyUrl = (c: { number: string; name: string }) =>
  `/api/v1/public/certificates/verify?number=${encodeURIComponent(c.number)}&name=${encodeURIComponent(c.name)}`;

describe.skipIf(!primaryUrl)(`read replicas (issue 19 #1) ${primaryUrl ? '' : REASON_PG}`, () => {
  beforeAll(async () => {
    t = await createTestApp();
    const url = (t.database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    dbName = new URL(url).pathname.slice(1);
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await t?.close();
  });

  it.skipIf(!replicaUrl)(
    `a certificate issued on the primary verifies through the replica once replayed ${replicaUrl ? '' : REASON_REPLICA}`,
    async () => {
      const { app, router } = await appWithReplicas([sameDbOn(replicaUrl!)]);
      const replica = router.replicas[0]!;
      expect(replica.state.healthy, replica.state.error ?? '').toBe(true);
      const standby = new pg.Client({ connectionString: sameDbOn(replicaUrl!) });
      await standby.connect();
      try {
        expect((await standby.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]!.r).toBe(true);
        const c = await newCertificate(9101);
        // Replay: the row appears on the standby (streaming replication, usually within milliseconds).
        const deadline = Date.now() + 15_000;
        while ((await standby.query('SELECT 1 FROM certificates WHERE number = $1', [c.number])).rowCount === 0) {
          if (Date.now() > deadline) throw new Error('not replayed within 15 s');
          await new Promise((r) => setTimeout(r, 100));
        }
        const before = { replica: replica.state.served, primary: router.primaryServed };
        const res = await app.inject({ url: verifyUrl(c) });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json<{ result: string }>().result).toBe('valid');
        expect(replica.state.served).toBe(before.replica + 1);
        expect(router.primaryServed).toBe(before.primary);

        const ready = await app.inject({ url: '/api/v1/health/ready' });
        expect(ready.json()).toMatchObject({ status: 'ready', replicas: [{ healthy: true }] });
        expect(ready.json<{ replicas: { lagSeconds: number }[] }>().replicas[0]!.lagSeconds).toBeLessThan(30);
      } finally {
        await standby.end();
      }
    },
  );

  it('a stopped replica sends reads to the primary with no error to the user', async () => {
    // Nothing listens on port 1: a replica that is down. Checked at start → unhealthy, reads go to the primary.
    const { app, router } = await appWithReplicas([sameDbOn('postgres://postgres@127.0.0.1:1/x')]);
    const c = await newCertificate(9102);
    expect(router.replicas[0]!.state.healthy).toBe(false);
    const res = await app.inject({ url: verifyUrl(c) });
    expect(res.statusCode, res.body).toBe(200);
    expect(router.primaryServed).toBe(1);

    // A replica that stops between two checks: the read fails on it, is run again on the primary, and the replica
    // is marked down.
    router.replicas[0]!.state.healthy = true;
    const again = await app.inject({ url: verifyUrl(c) });
    expect(again.statusCode, again.body).toBe(200);
    expect(router.primaryServed).toBe(2);
    expect(router.replicas[0]!.state.healthy).toBe(false);

    const ready = await app.inject({ url: '/api/v1/health/ready' });
    expect(ready.statusCode).toBe(200); // the primary answers: ready; the replica is reported down
    expect(ready.json()).toMatchObject({ status: 'ready', database: 'ok', replicas: [{ healthy: false, lagSeconds: null }] });
  });

  it('a user who has just written reads the primary for the window (cookie, so in any process); others read a replica', async () => {
    // The primary itself as a stand-in replica (not in recovery: lag 0) — this test is about the routing decision.
    const { app, router } = await appWithReplicas([primaryUrl!.replace(/\/[^/]*$/, `/${dbName}`)]);
    const c = await newCertificate(9103);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'gzcp-admin', password: DEMO_PASSWORD },
    });
    const cookies = [login.headers['set-cookie']].flat().map(String);
    const recent = cookies.find((x) => x.startsWith('onex_rw='));
    expect(recent).toMatch(/Max-Age=10/);

    const replica = router.replicas[0]!;
    await app.inject({ url: verifyUrl(c) });
    expect(replica.state.served).toBe(1);
    await app.inject({ url: verifyUrl(c), headers: { cookie: recent!.split(';')[0]! } });
    expect(replica.state.served).toBe(1);
    expect(router.primaryServed).toBe(1);
  });

  it('tells replica failures from the read’s own errors', () => {
    expect(isReplicaFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isReplicaFailure(Object.assign(new Error('terminating connection due to conflict with recovery'), { code: '40001' }))).toBe(
      true,
    );
    expect(isReplicaFailure(Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' }))).toBe(true);
    expect(isReplicaFailure(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isReplicaFailure(new Error('证书不存在'))).toBe(false);
  });
});

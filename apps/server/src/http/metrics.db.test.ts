import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { type TestApp, createTestApp } from '../test/test-app';
import type { FastifyInstance } from 'fastify';

/** Issue 19 item 6: /metrics in Prometheus format, protected by configuration; readiness. */
const TOKEN = 'metrics-token-for-tests-0123456789';
let t: TestApp;
let withMetrics: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  withMetrics = await buildApp({
    config: { ...t.config, metricsToken: TOKEN },
    db: t.db,
    dbKind: t.database.kind,
    pool: t.database.pool,
    clock: t.clock,
    logger: false,
  });
  await withMetrics.ready();
});
afterAll(async () => {
  await withMetrics?.close();
  await t?.close();
});

describe('metrics and readiness (issue 19 #6)', () => {
  it('/metrics is off without METRICS_TOKEN, and answers only the token when on', async () => {
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(404);
    expect((await withMetrics.inject({ url: '/metrics' })).statusCode).toBe(404);
    expect((await withMetrics.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } })).statusCode).toBe(404);
  });

  it('counts requests by route and status, times them, and reports job queues and the pool', async () => {
    await withMetrics.inject({ url: '/api/v1/health' });
    await withMetrics.inject({ url: '/api/v1/health' });
    await withMetrics.inject({ url: '/api/v1/public/certificates/verify?number=x&name=y' });
    const res = await withMetrics.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.body;
    expect(text).toMatch(/onex_http_requests_total\{method="GET",route="\/api\/v1\/health",status="200",worker="0"\} 2/);
    expect(text).toMatch(
      /onex_http_requests_total\{method="GET",route="\/api\/v1\/public\/certificates\/verify",status="400",worker="0"\} 1/,
    );
    expect(text).toMatch(/onex_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/health"[^}]*\} 2\n/);
    for (const q of ['result_imports', 'certificate_pdf_jobs', 'export_jobs']) {
      expect(text).toContain(`onex_job_queue_depth{queue="${q}",worker="0"}`);
      expect(text).toContain(`onex_job_queue_oldest_age_seconds{queue="${q}",worker="0"}`);
    }
    expect(text).toMatch(/onex_db_pool_connections\{state="total",worker="0"\} \d+/);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('a queued job shows in the depth and age of its queue', async () => {
    const user = await t.db.selectFrom('users').select('id').where('username', '=', 'national').executeTakeFirstOrThrow();
    const old = new Date(Date.now() - 120_000);
    await t.db
      .insertInto('export_jobs')
      .values({ requested_by: user.id, route: '/x', path: '/x', created_at: old, expires_at: new Date(Date.now() + 3_600_000) })
      .execute();
    await withMetrics.exportWorker.stop(); // leave it queued
    const text = (await withMetrics.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    const depth = Number(/onex_job_queue_depth\{queue="export_jobs",worker="0"\} (\d+)/.exec(text)?.[1]);
    const age = Number(/onex_job_queue_oldest_age_seconds\{queue="export_jobs",worker="0"\} ([\d.]+)/.exec(text)?.[1]);
    expect(depth).toBeGreaterThanOrEqual(1);
    expect(age).toBeGreaterThanOrEqual(100);
  });

  it('readiness says whether the database answers; /api/v1/health keeps its contract', async () => {
    const ready = await t.app.inject({ url: '/api/v1/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: 'ok', replicas: [] });
    const health = await t.app.inject({ url: '/api/v1/health' });
    expect(Object.keys(health.json<object>()).sort()).toEqual(['database', 'status', 'version']);
  });
});

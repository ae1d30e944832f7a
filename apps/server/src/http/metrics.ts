import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Deps } from '../lib/deps';
import { AppError } from '../lib/errors';

import { JOB_TABLES, queueFacts } from '../db/job-queues';

/**
 * Issue 19 item 6: GET /metrics in Prometheus text format (prom-client) — requests by route and status, their
 * durations, job queues (depth and oldest age), database pool use and replica lag, plus the process's own figures.
 * Off unless METRICS_TOKEN is set; then it answers only `Authorization: Bearer <METRICS_TOKEN>` (404 otherwise, as
 * if absent). Each process counts its own requests: scrape every worker (node:cluster shares one port, so the
 * `worker` label tells them apart; Prometheus sums them).
 */
export function registerMetrics(app: FastifyInstance, deps: Deps): void {
  const token = deps.config.metricsToken;
  if (!token) return;
  const register = new Registry();
  register.setDefaultLabels({ worker: String(process.env.ONEX_WORKER_ID ?? '0') });
  collectDefaultMetrics({ register });

  const requests = new Counter({
    name: 'onex_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [register],
  });
  const durations = new Histogram({
    name: 'onex_http_request_duration_seconds',
    help: 'HTTP request durations by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    durations.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  new Gauge({
    name: 'onex_job_queue_depth',
    help: 'Background jobs queued or running, by queue',
    labelNames: ['queue'] as const,
    registers: [register],
    async collect() {
      for (const t of JOB_TABLES) this.set({ queue: t }, (await queueFacts(deps.db, t)).depth);
    },
  });
  new Gauge({
    name: 'onex_job_queue_oldest_age_seconds',
    help: 'Age of the oldest queued job, by queue (0 when none waits)',
    labelNames: ['queue'] as const,
    registers: [register],
    async collect() {
      for (const t of JOB_TABLES) this.set({ queue: t }, (await queueFacts(deps.db, t)).oldestAge);
    },
  });
  new Gauge({
    name: 'onex_db_pool_connections',
    help: 'Connections of this process to the primary: total, idle, and requests waiting for one',
    labelNames: ['state'] as const,
    registers: [register],
    collect() {
      this.set({ state: 'total' }, deps.pool.totalCount);
      this.set({ state: 'idle' }, deps.pool.idleCount);
      this.set({ state: 'waiting' }, deps.pool.waitingCount);
    },
  });
  new Gauge({
    name: 'onex_replica_lag_seconds',
    help: 'Replication lag of each read replica at its last check (-1 when unreachable)',
    labelNames: ['replica'] as const,
    registers: [register],
    collect() {
      for (const r of deps.reads?.replicas ?? []) this.set({ replica: r.state.name }, r.state.lagSeconds ?? -1);
    },
  });
  new Gauge({
    name: 'onex_replica_healthy',
    help: '1 when a read replica is used (answers, lag within the bound), else 0',
    labelNames: ['replica'] as const,
    registers: [register],
    collect() {
      for (const r of deps.reads?.replicas ?? []) this.set({ replica: r.state.name }, r.state.healthy ? 1 : 0);
    },
  });

  const expected = Buffer.from(`Bearer ${token}`);
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('NOT_FOUND');
    reply.header('content-type', register.contentType);
    return register.metrics();
  });
}

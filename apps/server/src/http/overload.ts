import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { AppError } from '../lib/errors';
import { SESSION_COOKIE } from './auth-hook';

/** Seconds a shed client is asked to wait (Retry-After). */
const RETRY_AFTER_SECONDS = 2;

/**
 * Signed-in API requests are the ones shed (issue 20 #8): they carry the session cookie or a bearer token. Told apart
 * before the session is looked up, so a shed request costs no database work. The health check, the web app's files
 * and public endpoints (which keep their per-address 429s) are never shed.
 */
export function isSheddable(req: FastifyRequest): boolean {
  if (!req.url.startsWith('/api/') || req.url.startsWith('/api/v1/health')) return false;
  return Boolean(req.headers.authorization) || (req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
}

const overloaded = (reason: string) => new AppError('OVERLOADED', { retryAfterSeconds: RETRY_AFTER_SECONDS, reason });

/**
 * Load shedding: answer 503 OVERLOADED at once instead of queueing requests the process cannot serve in time.
 * - @fastify/under-pressure: event-loop delay and heap used, sampled every 250 ms;
 * - a cap on signed-in API requests in flight: by Little's law it bounds the time an accepted request waits
 *   (in flight ÷ throughput), which the event-loop delay does not see when requests queue for a database connection.
 * Registered before the auth hook, so its hooks run first.
 */
export async function registerOverloadShedding(app: FastifyInstance, config: Config['overload']): Promise<void> {
  await app.register(underPressure, {
    maxEventLoopDelay: config.maxEventLoopDelayMs,
    maxHeapUsedBytes: config.maxHeapUsedBytes,
    sampleInterval: 250,
    retryAfter: RETRY_AFTER_SECONDS,
    // A rejected promise goes to the one error handler (our body, Retry-After); undefined lets the request through.
    pressureHandler: (req, _reply, type) => (isSheddable(req) ? Promise.reject(overloaded(type)) : undefined),
  });
  if (config.maxInFlight > 0) limitInFlight(app, config.maxInFlight);
}

function limitInFlight(app: FastifyInstance, max: number): void {
  let inFlight = 0;
  const counted = new WeakSet<FastifyRequest>();
  app.addHook('onRequest', async (req) => {
    if (!isSheddable(req)) return;
    if (inFlight >= max) throw overloaded('inFlight');
    inFlight++;
    counted.add(req);
  });
  // onResponse runs once per request, also when the client went away before the answer.
  app.addHook('onResponse', async (req) => {
    if (counted.delete(req)) inFlight--;
  });
}

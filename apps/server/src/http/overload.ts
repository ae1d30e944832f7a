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
 * - a cap on signed-in API requests in flight, adapted to the measured throughput: by Little's law it bounds the time
 *   an accepted request waits (in flight ÷ throughput), which the event-loop delay does not see when requests queue
 *   for a database connection.
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
  if (config.targetWaitMs > 0) limitInFlight(app, config.targetWaitMs, config.minInFlight);
}

/** How long the best throughput seen is trusted as the server's capacity. */
const PEAK_MEMORY_MS = 60_000;

/**
 * How many signed-in requests may be in flight: the throughput the server has shown times the wait an accepted request
 * may have (Little's law), never below a floor so a quiet server still takes a burst (a page load, a cold start). The
 * throughput is the best of the last minute's two-second windows, not the last window alone: after a pause the
 * first burst would otherwise meet the floor and be shed (measured: 981 of 4,624 dashboard requests at 8 connections
 * after two idle seconds). At 3× capacity the limit settles at capacity × target, so accepted requests wait about the target.
 */
export class InFlightLimit {
  private inFlight = 0;
  private readonly slots = new Array<number>(8).fill(0); // completions per 250 ms
  private slotAt = 0;
  /** The best two-second throughput of the last minute (answers per second), and when it was seen. */
  private peak = 0;
  private peakAt = 0;

  constructor(
    private readonly targetWaitMs: number,
    private readonly floor: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private rotate(): number {
    const slot = Math.floor(this.now() / 250);
    for (let s = Math.max(this.slotAt + 1, slot - 7); s <= slot; s++) this.slots[s % 8] = 0;
    this.slotAt = Math.max(this.slotAt, slot);
    return slot;
  }

  limit(): number {
    this.rotate();
    const perSecond = this.slots.reduce((a, b) => a + b, 0) / 2;
    const now = this.now();
    if (perSecond >= this.peak || now - this.peakAt > PEAK_MEMORY_MS) {
      this.peak = perSecond;
      this.peakAt = now;
    }
    return Math.max(this.floor, Math.ceil((this.peak * this.targetWaitMs) / 1000));
  }

  tryEnter(): boolean {
    if (this.inFlight >= this.limit()) return false;
    this.inFlight++;
    return true;
  }

  leave(): void {
    this.inFlight--;
    this.slots[this.rotate() % 8]!++;
  }
}

function limitInFlight(app: FastifyInstance, targetWaitMs: number, floor: number): void {
  const limit = new InFlightLimit(targetWaitMs, floor);
  const counted = new WeakSet<FastifyRequest>();
  app.addHook('onRequest', async (req) => {
    if (!isSheddable(req)) return;
    if (!limit.tryEnter()) throw overloaded('inFlight');
    counted.add(req);
  });
  // onResponse runs once per request, also when the client went away before the answer.
  app.addHook('onResponse', async (req) => {
    if (counted.delete(req)) limit.leave();
  });
}

import type { RateLimitOptions, RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { Deps } from '../lib/deps';
import { AppError } from '../lib/errors';

/**
 * @fastify/rate-limit is registered once with `global: false` (app.ts); a route opts in with
 * `config: { rateLimit: publicRateLimit(deps) }`. Counts are kept per route and per client address (`req.ip`, which
 * honours TRUST_PROXY): in memory per process, or — with REDIS_URL (issue 19 item 3) — in Redis, shared by every
 * process and machine (the plugin's Redis store over ioredis). Going over answers 429 RATE_LIMITED with our error
 * body (the thrown AppError is rendered by the one error handler) and a Retry-After header. Login lockout needs no
 * Redis: failed logins are rows in the database (auth.service.ts), already shared.
 */
export const RATE_LIMIT_PLUGIN_OPTIONS: RateLimitPluginOptions = {
  global: false,
  errorResponseBuilder: (_req, context) => new AppError('RATE_LIMITED', { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
};

/**
 * The plugin's options for this configuration: with REDIS_URL, a Redis client closed with the app. Redis being
 * unreachable does not take the platform down: `skipOnError` lets requests through uncounted (logged by ioredis'
 * reconnects) rather than answer 500 to everyone.
 */
export async function rateLimitPluginOptions(app: FastifyInstance, config: Pick<Config, 'redisUrl'>): Promise<RateLimitPluginOptions> {
  if (!config.redisUrl) return RATE_LIMIT_PLUGIN_OPTIONS;
  const { Redis } = await import('ioredis'); // loaded only where Redis is configured
  const redis = new Redis(config.redisUrl, { connectTimeout: 1_000, maxRetriesPerRequest: 1, enableOfflineQueue: true });
  redis.on('error', (err: Error) => app.log.warn({ err: err.message }, 'Redis 不可用 Redis unavailable: rate limits not counted'));
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  return { ...RATE_LIMIT_PLUGIN_OPTIONS, redis, nameSpace: 'onex-rl:', skipOnError: true };
}

/** The per-route limit of a public endpoint without an account (PUBLIC_RATE_LIMIT_MAX per PUBLIC_RATE_LIMIT_WINDOW_SECONDS). */
export function publicRateLimit(deps: Pick<Deps, 'config'>): RateLimitOptions {
  const { max, windowSeconds } = deps.config.publicRateLimit;
  return { max, timeWindow: windowSeconds * 1000 };
}

/** A signed-in route counted per user (API token or session alike), after the auth hook has named the actor. */
function perUser(max: number): RateLimitOptions {
  return { max, timeWindow: 60_000, hook: 'preHandler', keyGenerator: (req) => req.actor?.userId ?? req.ip };
}

// Exports, PDFs drawn on request and imports: seconds of CPU each (issue 20 #8).
const EXPENSIVE = [
  /^GET \/api\/v1\/.+(\.pdf|\.xlsx|\/pdf|\/transcript|\/export|\/file)$/,
  /^POST \/api\/v1\/.+(\/import|\/result-imports|\/certificate-pdf-jobs)$/,
];
// List pages with a search box: one user paging through them by hand never needs hundreds a minute.
const SEARCHABLE_LISTS = new Set(
  ['users', 'schools', 'learners', 'filings', 'certificates', 'learning-accounts', 'audit-log', 'security-events'].map(
    (l) => `GET /api/v1/${l}`,
  ),
);

/**
 * Per-user limits of expensive signed-in routes (USER_RATE_LIMIT_MAX and USER_LIST_RATE_LIMIT_MAX per minute), set
 * on the routes by pattern in one place. Must be added before @fastify/rate-limit is registered: its onRoute hook
 * reads the route's config after this one wrote it.
 */
export function addUserRateLimits(app: FastifyInstance, deps: Pick<Deps, 'config'>): void {
  const { expensive, lists } = deps.config.userRateLimit;
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const key = `${method} ${route.url}`;
      const max = EXPENSIVE.some((re) => re.test(key)) ? expensive : SEARCHABLE_LISTS.has(key) ? lists : undefined;
      if (max === undefined || route.config?.rateLimit) continue;
      route.config = { ...route.config, rateLimit: perUser(max) };
    }
  });
}

import type { RateLimitOptions, RateLimitPluginOptions } from '@fastify/rate-limit';
import type { Deps } from '../lib/deps';
import { AppError } from '../lib/errors';

/**
 * @fastify/rate-limit is registered once with `global: false` (app.ts); a route opts in with
 * `config: { rateLimit: publicRateLimit(deps) }`. Counts are kept in memory per process, per route and per client
 * address (`req.ip`, which honours TRUST_PROXY). Going over answers 429 RATE_LIMITED with our error body
 * (the thrown AppError is rendered by the one error handler) and a Retry-After header.
 */
export const RATE_LIMIT_PLUGIN_OPTIONS: RateLimitPluginOptions = {
  global: false,
  errorResponseBuilder: (_req, context) => new AppError('RATE_LIMITED', { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
};

/** The per-route limit of a public endpoint without an account (PUBLIC_RATE_LIMIT_MAX per PUBLIC_RATE_LIMIT_WINDOW_SECONDS). */
export function publicRateLimit(deps: Pick<Deps, 'config'>): RateLimitOptions {
  const { max, windowSeconds } = deps.config.publicRateLimit;
  return { max, timeWindow: windowSeconds * 1000 };
}

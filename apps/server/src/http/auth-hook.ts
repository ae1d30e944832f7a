import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '../auth/actor';
import type { Deps } from '../lib/deps';
import { AppError } from '../lib/errors';
import { safeEqual } from '../lib/tokens';
import { resolveApiToken, resolveSession } from '../modules/auth/auth.service';

export const SESSION_COOKIE = 'onex_sid';
export const CSRF_HEADER = 'x-csrf-token';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Login needs no CSRF token: it creates the session the token belongs to. */
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired: boolean;
    /** The session's CSRF token, handed back by GET /auth/me after a page reload. */
    csrfToken: string | null;
  }
}

/** Resolves the actor of every API request (session cookie or API token) and refuses cookie mutations without the CSRF header. */
export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const authz = req.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      const actor = await resolveApiToken(deps, authz.slice(7).trim());
      if (!actor) throw new AppError('API_TOKEN_INVALID');
      req.actor = actor;
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await resolveSession(deps, token);
    if (found === 'expired') req.sessionExpired = true;
    if (!found || found === 'expired') return;
    req.actor = found.actor;
    req.csrfToken = found.csrfToken;
    const path = req.url.split('?')[0]!;
    if (MUTATING.has(req.method) && !CSRF_EXEMPT.has(path)) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !safeEqual(header, found.csrfToken)) throw new AppError('CSRF_INVALID');
    }
  });
}

export function ctxOf(req: FastifyRequest): RequestContext {
  return { actor: req.actor, requestId: req.id, clientIp: req.ip ?? null, sessionExpired: req.sessionExpired };
}

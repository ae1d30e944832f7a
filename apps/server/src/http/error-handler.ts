import { ERRORS, type ErrorBody } from '@onex/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { databaseRefusal } from '../db/errors';
import { AppError } from '../lib/errors';

export function errorBody(
  code: keyof typeof ERRORS,
  requestId: string,
  details: Record<string, unknown> = {},
  message?: string,
): ErrorBody {
  return { error: { code, message: message ?? ERRORS[code].zh, details, requestId } };
}

/** Told of a signed-in actor's 403, or 404 from a scope check (security events, modules/security-events). */
export type SecurityEventSink = (req: FastifyRequest, e: { kind: 'forbidden' | 'out_of_scope'; code: string }) => Promise<void>;

function securityEventOf(req: FastifyRequest, err: AppError) {
  if (!req.actor) return null;
  if (err.status === 403) return { kind: 'forbidden' as const, code: err.code };
  if ((err as AppError & { outOfScope?: boolean }).outOfScope) return { kind: 'out_of_scope' as const, code: err.code };
  return null;
}

/** One handler: AppError → its registry entry; validation → 400 with the fields; anything else → 500 without internals. */
export function registerErrorHandler(app: FastifyInstance, onSecurityEvent?: SecurityEventSink): void {
  app.setErrorHandler(async (err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      const event = onSecurityEvent && securityEventOf(req, err);
      // Kept before answering, so a reviewer sees it at once; a failure to keep it never changes the answer.
      if (event) await onSecurityEvent(req, event).catch((e: unknown) => req.log.error({ err: e }, 'security event not recorded'));
      if (err.status >= 500 && err.code !== 'OVERLOADED') req.log.error({ err }, 'application error');
      // 429 and 503 say when to come back (RFC 9110 Retry-After), as @fastify/rate-limit does for its own limits.
      const retryAfter = err.details.retryAfterSeconds;
      if (typeof retryAfter === 'number' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(retryAfter));
      return reply.status(err.status).send(errorBody(err.code, req.id, err.details, err.message));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        path: `${err.validationContext ?? ''}${v.instancePath}`.replace(/\//g, '.'),
        message: v.message ?? '',
      }));
      return reply.status(400).send(errorBody('VALIDATION_FAILED', req.id, { fields }));
    }
    const refused = databaseRefusal(err);
    if (refused) {
      // The database refused the client's values: their input, said plainly (the schemas should have caught it first).
      req.log.warn({ err }, 'database refused a value');
      return reply.status(ERRORS[refused].status).send(errorBody(refused, req.id));
    }
    const fe = err as FastifyError;
    if (fe.statusCode === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE')
      return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE', req.id));
    if (isMalformedMultipart(req, err))
      return reply.status(400).send(errorBody('VALIDATION_FAILED', req.id, { reason: 'MULTIPART_MALFORMED' }));
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Malformed JSON, unsupported media type and the like: the client's input, said plainly.
      return reply.status(400).send(errorBody('VALIDATION_FAILED', req.id, { reason: fe.code ?? 'BAD_REQUEST' }));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', req.id));
  });
}

/**
 * busboy's errors for a broken multipart body (truncated, no boundary, bad part header) are plain Errors without a
 * status; they are recognised by their messages (the bundled server has no node_modules paths in its stacks).
 */
const MULTIPART_PARSE_ERROR = /^(Unexpected end of multipart data|Multipart: Boundary not found)$/;

function isMalformedMultipart(req: FastifyRequest, err: Error): boolean {
  return req.isMultipart() && MULTIPART_PARSE_ERROR.test(err.message);
}

/** Unknown API paths are 404 NOT_FOUND; other GETs get the web app's index.html when it is served (client-side routes). */
export function registerNotFound(app: FastifyInstance, spa: boolean): void {
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes get the app; a missing file (a path with an extension, e.g. an old bundle) stays 404.
    const isRoute = !req.url.startsWith('/api/') && !/\.[a-z0-9]+(\?|$)/i.test(req.url);
    if (spa && (req.method === 'GET' || req.method === 'HEAD') && isRoute)
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.status(404).send(errorBody('NOT_FOUND', req.id));
  });
}

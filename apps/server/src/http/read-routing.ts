import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ReadRouter } from '../db/replicas';
import type { Deps } from '../lib/deps';

/** Cookie that sends a browser that has just written to the primary for its reads (read your own writes, across processes). */
export const RECENT_WRITE_COOKIE = 'onex_rw';

/**
 * Issue 19 item 1: with replicas configured, a successful change by a signed-in user (or any client holding a
 * session) marks the user in this process and sets a short cookie, so that their next reads — in any process —
 * go to the primary for READ_YOUR_WRITES_SECONDS.
 */
export function registerReadYourWrites(app: FastifyInstance, deps: Pick<Deps, 'reads'>): void {
  const router = deps.reads;
  if (!router) return;
  app.addHook('onSend', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || reply.statusCode >= 400) return;
    if (req.actor) router.noteWrite(req.actor.userId);
    reply.header(
      'set-cookie',
      [reply.getHeader('set-cookie') ?? []]
        .flat()
        .map(String)
        .concat(`${RECENT_WRITE_COOKIE}=1; Max-Age=${router.readYourWritesSeconds}; Path=/; HttpOnly; SameSite=Lax`),
    );
  });
}

/**
 * Runs a read on a replica when replicas are configured and the caller has not just written; on the primary
 * otherwise, or when the replica fails (see ReadRouter.read). `fn` gets the deps to use, with `db` and `pool` of
 * the chosen server; it must only read.
 */
export function onReplica<T>(deps: Deps, req: FastifyRequest, fn: (d: Deps) => Promise<T>): Promise<T> {
  const router = deps.reads;
  if (!router) return fn(deps);
  const justWrote =
    req.cookies?.[RECENT_WRITE_COOKIE] !== undefined ||
    (req.actor !== undefined && req.actor !== null && router.wroteRecently(req.actor.userId));
  return router.read((target) => fn(target.pool === deps.pool ? deps : { ...deps, db: target.db, pool: target.pool }), justWrote);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The read-replica router (null without DATABASE_REPLICA_URLS or on the embedded database). */
    readRouter: ReadRouter | null;
  }
}

import { healthSchema } from '@onex/shared';
import { z } from 'zod';
import { pingDatabase } from '../../db/database';
import type { RouteModule } from '../../http/route-types';
import { errorResponses } from '../../http/openapi';

const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.enum(['ok', 'unreachable']),
  replicas: z.array(z.object({ name: z.string(), healthy: z.boolean(), lagSeconds: z.number().nullable(), error: z.string().nullable() })),
});

export const registerHealthRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/health',
    { schema: { tags: ['系统 System'], summary: '健康检查 Health', response: { 200: healthSchema, ...errorResponses(500) } } },
    async () => {
      await pingDatabase(deps.db);
      return { status: 'ok' as const, database: deps.dbKind, version: deps.config.version };
    },
  );
  // Issue 19 item 6: for a load balancer or orchestrator — 503 while the primary does not answer. Replicas are
  // reported (checked now); one that is down or behind does not make the process unready: its reads go to the primary.
  app.get(
    '/api/v1/health/ready',
    {
      schema: {
        tags: ['系统 System'],
        summary: '就绪检查：数据库（及只读副本）是否应答 Readiness: does the database (and each replica) answer',
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (_req, reply) => {
      const database = await pingDatabase(deps.db).then(
        () => 'ok' as const,
        () => 'unreachable' as const,
      );
      if (deps.reads) await deps.reads.check();
      const replicas = (deps.reads?.replicas ?? []).map((r) => ({
        name: r.state.name,
        healthy: r.state.healthy,
        lagSeconds: r.state.lagSeconds,
        error: r.state.error,
      }));
      const status = database === 'ok' ? ('ready' as const) : ('not_ready' as const);
      return reply.code(status === 'ready' ? 200 : 503).send({ status, database, replicas });
    },
  );
};

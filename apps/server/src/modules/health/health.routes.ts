import { healthSchema } from '@onex/shared';
import { pingDatabase } from '../../db/database';
import type { RouteModule } from '../../http/route-types';
import { errorResponses } from '../../http/openapi';

export const registerHealthRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/health',
    { schema: { tags: ['系统 System'], summary: '健康检查 Health', response: { 200: healthSchema, ...errorResponses(500) } } },
    async () => {
      await pingDatabase(deps.db);
      return { status: 'ok' as const, database: deps.dbKind, version: deps.config.version };
    },
  );
};

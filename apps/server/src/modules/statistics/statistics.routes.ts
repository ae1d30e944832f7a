import { statisticsQuerySchema, statisticsSummarySchema } from '@onex/shared';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { summaryWorkbook } from './statistics.xlsx';
import { createPilotRefresher, statisticsSummary } from './statistics.service';

const tags = ['统计 Statistics'];

export const registerStatisticsRoutes: RouteModule = (app, deps) => {
  const refresher = createPilotRefresher(deps.db, () => deps.clock.now());
  app.addHook('onReady', async () => refresher.start());
  app.addHook('onClose', async () => refresher.stop());
  app.decorate('statisticsRefresher', refresher);

  app.get(
    '/api/v1/statistics/summary',
    {
      schema: {
        tags,
        summary:
          '统计汇总（按省 / 地市 / 学校 / 证书 / 等级 / 年度分组，范围与列表一致）Statistics by province, city, school, certificate, level or year',
        querystring: statisticsQuerySchema,
        response: { 200: statisticsSummarySchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const s = await statisticsSummary(deps, ctxOf(req), req.query);
      if (new URL(req.url, 'http://x').searchParams.get('format') !== 'xlsx') return s;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="statistics.xlsx"')
        .send((await summaryWorkbook(s, req.query.groupBy)) as never); // a file, not the JSON schema
    },
  );
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Refreshes the pilot rollup (tests call `refresh()`). */
    statisticsRefresher: ReturnType<typeof createPilotRefresher>;
  }
}

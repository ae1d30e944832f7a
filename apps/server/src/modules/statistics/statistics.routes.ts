import { statisticsQuerySchema, statisticsReportQuerySchema, statisticsSummarySchema } from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import { onReplica } from '../../http/read-routing';
import type { RouteModule } from '../../http/route-types';
import { summaryWorkbook } from './statistics.xlsx';
import { attachmentDisposition } from '../files/files.rules';
import { createPilotRefresher, statisticsReport, statisticsSummary } from './statistics.service';

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
      // Issue 19: a read replica answers when one is configured (and this user has not just written).
      const s = await onReplica(deps, req, (d) => statisticsSummary(d, ctxOf(req), req.query));
      if (new URL(req.url, 'http://x').searchParams.get('format') !== 'xlsx') return s;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="statistics.xlsx"')
        .send((await summaryWorkbook(s, req.query.groupBy)) as never); // a file, not the JSON schema
    },
  );

  app.get(
    '/api/v1/statistics/report',
    {
      schema: {
        tags,
        summary: '下载动态报送表（.xlsx，省级本省 / 国家级任一省或全国）Download the dynamic report of a province and year (R10.1, R10.2)',
        description:
          '汇总表格式：标题、填报单位（盖章）与填报日期、表头、合计行。工作表“按院校”：每校一行；“按证书及等级”：每证书一行小计及各等级。' +
          '列：试点项目数、计划考证人数、报名人数、参考人数、合格人数、通过率、发证数、撤销数，与 GET /statistics/summary 同一数据源、同一范围。' +
          'year 缺省为当年；省级管理员缺省本省，查询他省为 404；国家级不带 provinceCode 为全国。下载记入审计日志（statistics.report_export）。',
        querystring: statisticsReportQuerySchema,
        response: { 200: z.any().describe('.xlsx'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const d = await statisticsReport(deps, ctxOf(req), req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentDisposition(d.filename))
        .send(d.bytes);
    },
  );
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Refreshes the pilot rollup (tests call `refresh()`). */
    statisticsRefresher: ReturnType<typeof createPilotRefresher>;
  }
}

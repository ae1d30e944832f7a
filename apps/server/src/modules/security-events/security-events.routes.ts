import { pageOf, securityEventQuerySchema, securityEventSchema } from '@onex/shared';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { DAY } from '../../lib/clock';
import { searchSecurityEvents } from './security-events.service';

export const registerSecurityEventRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/security-events',
    {
      schema: {
        tags: ['安全事件 Security events'],
        summary: '越权访问与无权限操作记录（国家管理员）Out-of-scope attempts and refusals (national administrator)',
        querystring: securityEventQuerySchema,
        response: { 200: pageOf(securityEventSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { page, pageSize, from, to, ...rest } = req.query;
      // `to` is inclusive as a date (China Standard Time), as in the audit log search.
      const day = (d: string) => new Date(`${d}T00:00:00+08:00`);
      return searchSecurityEvents(
        deps,
        ctxOf(req),
        { ...rest, from: from ? day(from) : undefined, to: to ? new Date(day(to).getTime() + DAY) : undefined },
        page,
        pageSize,
      );
    },
  );
};

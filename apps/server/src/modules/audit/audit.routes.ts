import { auditEntrySchema, auditQuerySchema, pageOf } from '@onex/shared';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { DAY } from '../../lib/clock';
import { searchAudit } from './audit.service';

export const registerAuditRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags: ['审计日志 Audit log'],
        summary: '审计日志查询（本辖区）Search the audit log in scope',
        querystring: auditQuerySchema,
        response: { 200: pageOf(auditEntrySchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { page, pageSize, from, to, ...rest } = req.query;
      // `to` is inclusive as a date: everything before the next day (China Standard Time).
      const day = (d: string) => new Date(`${d}T00:00:00+08:00`);
      return searchAudit(
        deps.db,
        ctxOf(req),
        { ...rest, from: from ? day(from) : undefined, to: to ? new Date(day(to).getTime() + DAY) : undefined },
        page,
        pageSize,
      );
    },
  );
};

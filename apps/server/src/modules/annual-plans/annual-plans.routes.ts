import { annualPlanEntrySchema, annualPlanQuerySchema, annualPlanSchema, pageOf, putAnnualPlanSchema } from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './annual-plans.service';

const tags = ['年度计划 Annual plans'];

export const registerAnnualPlanRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/annual-plans',
    {
      schema: {
        tags,
        summary: '往年获批试点及其本年度计划（按范围）Approved pilots of earlier years with their plan of the year (R3.8)',
        querystring: annualPlanQuerySchema,
        response: { 200: pageOf(annualPlanEntrySchema).extend({ year: z.number().int() }), ...errorResponses(400, 401) },
      },
    },
    async (req) => svc.listAnnualPlans(deps, ctxOf(req), req.query),
  );
  app.put(
    '/api/v1/filings/:id/annual-plans/:year',
    {
      schema: {
        tags,
        summary: '填报年度计划：新填、沿用上年度或不再继续试点（院校）File the year’s plan: new, carry forward or discontinue',
        description:
          '鄂教职成办函〔2021〕7号 四.4：已获批试点证书的院校填报本年度拟考证人数，或沿用上年度计划；不再继续试点的证书选择“不再继续试点”，该试点终止。',
        params: z.object({ id: z.string().uuid(), year: z.coerce.number().int().min(2000).max(2100) }),
        body: putAnnualPlanSchema,
        response: { 200: annualPlanSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.putAnnualPlan(deps, ctxOf(req), req.params.id, req.params.year, req.body),
  );
};

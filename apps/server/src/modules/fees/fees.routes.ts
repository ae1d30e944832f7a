import { feeSettlementQuerySchema, feeSettlementSchema, pageOf, settleSchema, unpaidPilotStudentSchema } from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './fees.service';

const tags = ['考核费用 Exam fees'];
const idParams = z.object({ id: z.string().uuid() });

export const registerFeeRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/fee-settlements',
    {
      schema: {
        tags,
        summary: '考核费用结算（学校与培训评价组织各见其所属）Fee settlements: due and settled',
        querystring: feeSettlementQuerySchema,
        response: { 200: pageOf(feeSettlementSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listSettlements(deps, ctxOf(req), req.query),
  );

  app.post(
    '/api/v1/fee-settlements/:id/settle',
    {
      schema: {
        tags,
        summary: '学校确认已结算 The school marks the fees settled',
        params: idParams,
        body: settleSchema.optional(),
        response: { 200: feeSettlementSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => svc.settle(deps, ctxOf(req), req.params.id, req.body?.note ?? null),
  );

  app.get(
    '/api/v1/schools/:id/unpaid-pilot-students',
    {
      schema: {
        tags,
        summary: '尚无已付费考核的试点学生（R4.3 提醒）Pilot students without a paid exam',
        params: idParams,
        response: { 200: z.object({ items: z.array(unpaidPilotStudentSchema) }), ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => ({ items: await svc.unpaidPilotStudents(deps, ctxOf(req), req.params.id) }),
  );
};

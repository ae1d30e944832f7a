import { approvedScaleDtoSchema, approvedScaleQuerySchema, approvedScaleRowSchema, approvedScaleSchema, pageOf } from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './pilot-scale.service';

const tags = ['试点规模 Approved scale'];

export const registerPilotScaleRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/approved-scales',
    {
      schema: {
        tags,
        summary:
          '试点项目核定规模一览（本范围内已批准试点；某考核年度的报名人数与剩余名额）Approved pilots in scope with their approved scale and registrations of an exam year',
        querystring: approvedScaleQuerySchema,
        response: { 200: pageOf(approvedScaleRowSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listApprovedScales(deps, ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/filings/:id/approved-scale',
    {
      schema: {
        tags,
        summary: '试点项目核定规模及调整记录 The approved scale of a pilot and its changes',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: approvedScaleDtoSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.getScale(deps, ctxOf(req), req.params.id),
  );
  app.put(
    '/api/v1/filings/:id/approved-scale',
    {
      schema: {
        tags,
        summary:
          '省级核定或调整试点规模（每考核年度考生人数；调整须填原因，鄂教职成办函〔2021〕7号 四.2）The province fixes or changes the approved scale',
        params: z.object({ id: z.string().uuid() }),
        body: approvedScaleSchema,
        response: { 200: approvedScaleDtoSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.setScale(deps, ctxOf(req), req.params.id, req.body),
  );
};

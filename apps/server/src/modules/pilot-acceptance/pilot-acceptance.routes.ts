import {
  acceptanceApplySchema,
  acceptanceDecisionSchema,
  pilotQuerySchema,
  pilotSummarySchema,
  taskBookInputSchema,
  taskBookSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './pilot-acceptance.service';

const tags = ['试点任务书与结题验收 Pilot task books and acceptance'];
const params = z.object({ filingId: z.string().uuid() });

export const registerPilotAcceptanceRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/pilots',
    {
      schema: {
        tags,
        summary: '已批准的试点及其验收状态（本范围）Approved pilots and their acceptance state',
        querystring: pilotQuerySchema,
        response: { 200: z.object({ items: z.array(pilotSummarySchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await svc.listPilots(deps, ctxOf(req), req.query) }),
  );
  app.get(
    '/api/v1/pilots/:filingId/task-book',
    {
      schema: {
        tags,
        summary: '试点任务书：目标、里程碑、课程对接与进度（据 001 第六条(一)、第二十条）A pilot’s task book and progress',
        params,
        response: { 200: taskBookSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.getTaskBook(deps, ctxOf(req), req.params.filingId),
  );
  app.put(
    '/api/v1/pilots/:filingId/task-book',
    {
      schema: {
        tags,
        summary: '保存试点任务书（学校；申请验收后不能修改）Save the task book',
        params,
        body: taskBookInputSchema,
        response: { 200: taskBookSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.saveTaskBook(deps, ctxOf(req), req.params.filingId, req.body),
  );
  app.post(
    '/api/v1/pilots/:filingId/acceptance',
    {
      schema: {
        tags,
        summary: '申请结题验收（学校，据 004 六）Apply for final acceptance',
        params,
        body: acceptanceApplySchema,
        response: { 200: taskBookSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.applyForAcceptance(deps, ctxOf(req), req.params.filingId, req.body.report),
  );
  app.post(
    '/api/v1/pilots/:filingId/acceptance/decision',
    {
      schema: {
        tags,
        summary: '验收通过 / 不通过（省级；列出未完成的目标）Accept or not, with the shortfalls',
        params,
        body: acceptanceDecisionSchema,
        response: { 200: taskBookSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.decideAcceptance(deps, ctxOf(req), req.params.filingId, req.body),
  );
};

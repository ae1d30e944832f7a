import {
  examSessionCreateSchema,
  examSessionDetailSchema,
  examSessionQuerySchema,
  examSessionSummarySchema,
  examSessionTransitionSchema,
  pageOf,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './exam-sessions.service';

const tags = ['考核场次 Exam sessions'];
const idParams = z.object({ id: z.string().uuid() });

export const registerExamSessionRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/exam-sessions',
    {
      schema: {
        tags,
        summary:
          '考核场次列表（api-v1 契约：组织看本组织场次，会话或 API 令牌；学校看向其开放的场次）Exam sessions: the organization’s own (api-v1), or those open to a school',
        security: [{ session: [] }, { apiToken: [] }],
        querystring: examSessionQuerySchema,
        response: { 200: pageOf(examSessionSummarySchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listSessions(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/exam-sessions',
    {
      schema: {
        tags,
        summary: '安排考核场次（培训评价组织：本组织证书、已批准站点）Schedule an exam session',
        body: examSessionCreateSchema,
        response: { 201: examSessionDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createSession(deps, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/exam-sessions/:id',
    {
      schema: {
        tags,
        summary: '考核场次 An exam session',
        params: idParams,
        response: { 200: examSessionDetailSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => svc.getSession(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/exam-sessions/:id/transitions',
    {
      schema: {
        tags,
        summary:
          '场次状态操作（开放报名 / 截止报名 / 考核完成 / 结束；成绩登记与成绩公示由成绩导入与成绩公示接口完成）Open or close registration, mark examined, close',
        params: idParams,
        body: examSessionTransitionSchema,
        response: { 200: examSessionDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.transitionSession(deps, ctxOf(req), req.params.id, req.body),
  );
};

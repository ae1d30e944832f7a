import { invigilationCreateSchema, invigilationListSchema, invigilationSchema } from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './invigilation.service';

const tags = ['监考安排 Invigilation'];
const idParams = z.object({ id: z.string().uuid() });

export const registerInvigilationRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/exam-sessions/:id/invigilations',
    {
      schema: {
        tags,
        summary: '场次监考安排与监考费 Invigilators of a session and their fees',
        params: idParams,
        response: { 200: invigilationListSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => svc.listInvigilations(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/exam-sessions/:id/invigilations',
    {
      schema: {
        tags,
        summary: '安排监考 / 巡考（承办学校的教务处或二级学院；粤生态职院〔2023〕18号 第十五条）Assign an invigilator with a fee',
        params: idParams,
        body: invigilationCreateSchema,
        response: { 201: invigilationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.assignInvigilator(deps, ctxOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/invigilations/:id',
    {
      schema: {
        tags,
        summary: '取消监考安排 Remove an invigilator',
        params: idParams,
        response: { 204: z.null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await svc.removeInvigilation(deps, ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};

import { pageOf, scoreReviewCreateSchema, scoreReviewDecisionSchema, scoreReviewQuerySchema, scoreReviewSchema } from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './score-reviews.service';

const tags = ['成绩复核 Score reviews'];

export const registerScoreReviewRoutes: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/me/score-reviews',
    {
      schema: {
        tags,
        summary: '考生在成绩公示期内申请成绩复核 A candidate asks for a score review during the publicity period',
        body: scoreReviewCreateSchema,
        response: { 201: scoreReviewSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.requestReview(deps, ctxOf(req), req.body)),
  );

  app.get(
    '/api/v1/me/score-reviews',
    {
      schema: {
        tags,
        summary: '我的成绩复核申请 My score reviews',
        response: { 200: z.object({ items: z.array(scoreReviewSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => svc.myReviews(deps, ctxOf(req)),
  );

  app.get(
    '/api/v1/score-reviews',
    {
      schema: {
        tags,
        summary: '成绩复核申请列表（本范围）Score reviews in scope',
        querystring: scoreReviewQuerySchema,
        response: { 200: pageOf(scoreReviewSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listReviews(deps, ctxOf(req), req.query),
  );

  app.post(
    '/api/v1/score-reviews/:id/decision',
    {
      schema: {
        tags,
        summary:
          '答复成绩复核：维持原成绩，或更正成绩（与成绩导入同样校验，证书随之发放或撤销）Answer a review: upheld, or corrected (checked like an import; the certificate follows)',
        params: z.object({ id: z.string().uuid() }),
        body: scoreReviewDecisionSchema,
        response: { 200: scoreReviewSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => svc.decideReview(deps, ctxOf(req), req.params.id, req.body),
  );
};

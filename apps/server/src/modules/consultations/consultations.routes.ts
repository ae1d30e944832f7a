import {
  consultationAnswerSchema,
  consultationInputSchema,
  consultationPageSchema,
  consultationPublishSchema,
  consultationQuerySchema,
  consultationSchema,
  publicFaqPageSchema,
  publicFaqQuerySchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './consultations.service';

const tags = ['咨询服务 Consultation desk'];
const idParams = z.object({ id: z.string().uuid() });

/** 教职成司函〔2019〕36号 三.5: questions to an evaluation organization and its answers. */
export const registerConsultationRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/consultations',
    {
      schema: {
        tags,
        summary: '咨询问题（组织见向其提出的；院校见本校的；学习者见自己的）Questions in scope',
        querystring: consultationQuerySchema,
        response: { 200: consultationPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.list(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/consultations',
    {
      schema: {
        tags,
        summary: '向培训评价组织咨询（院校、学习者）Ask an organization about its certificates',
        body: consultationInputSchema,
        response: { 201: consultationSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.ask(deps, ctxOf(req), req.body)),
  );
  app.post(
    '/api/v1/consultations/:id/answer',
    {
      schema: {
        tags,
        summary: '答复（可同时公开为常见问题）Answer, optionally publishing it as FAQ',
        params: idParams,
        body: consultationAnswerSchema,
        response: { 200: consultationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.answer(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/consultations/:id/publish',
    {
      schema: {
        tags,
        summary: '公开或撤回常见问题 Publish or withdraw the answer as FAQ',
        params: idParams,
        body: consultationPublishSchema,
        response: { 200: consultationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.setPublished(deps, ctxOf(req), req.params.id, req.body.published),
  );
};

export const registerPublicConsultationRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/public/consultation-faqs',
    {
      schema: {
        tags,
        summary: '培训评价组织公开的常见问题（无需登录）Published FAQ of the organizations (public)',
        querystring: publicFaqQuerySchema,
        response: { 200: publicFaqPageSchema, ...errorResponses(400) },
      },
    },
    async (req) => svc.publicFaqs(deps, req.query),
  );
};

import {
  agreementCreateSchema,
  agreementEventSchema,
  agreementQuerySchema,
  agreementSchema,
  agreementTransitionSchema,
  pageOf,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { AppError } from '../../lib/errors';
import { readUploadForm } from '../files/files.upload';
import * as svc from './agreements.service';

const tags = ['试点合作协议 Pilot agreements'];

export const registerAgreementRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/pilot-agreements',
    {
      schema: {
        tags,
        summary: '试点合作协议列表（本范围）List pilot agreements in scope',
        querystring: agreementQuerySchema,
        response: { 200: pageOf(agreementSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listAgreements(deps, ctxOf(req), req.query),
  );

  app.post(
    '/api/v1/pilot-agreements',
    {
      schema: {
        tags,
        summary:
          '登记试点合作协议（multipart：filingId, signedOn, fees=JSON [{level, feeFen}], note?, file=PDF）Record a pilot agreement; each fee ≤ the level cap',
        consumes: ['multipart/form-data'],
        response: { 201: agreementSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (req, reply) => {
      const { fields, file } = await readUploadForm(req);
      let fees: unknown;
      try {
        fees = JSON.parse(fields.fees ?? '[]');
      } catch {
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'fees', message: '考核费用格式有误' }] });
      }
      const parsed = agreementCreateSchema.safeParse({ ...fields, fees, note: fields.note || null });
      if (!parsed.success)
        throw new AppError('VALIDATION_FAILED', {
          fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      return reply.status(201).send(await svc.createAgreement(deps, ctxOf(req), parsed.data, file));
    },
  );

  app.get(
    '/api/v1/pilot-agreements/:id',
    {
      schema: {
        tags,
        summary: '试点合作协议 A pilot agreement',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: agreementSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.getAgreement(deps, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/pilot-agreements/:id/transitions',
    {
      schema: {
        tags,
        summary:
          '试点合作协议状态变更（生效、暂停、恢复、终止；暂停与终止须填原因，鄂教职成办函〔2021〕7号 三.6）Put in force, suspend, resume or terminate an agreement',
        params: z.object({ id: z.string().uuid() }),
        body: agreementTransitionSchema,
        response: { 200: agreementSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.transitionAgreementStatus(deps, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/pilot-agreements/:id/events',
    {
      schema: {
        tags,
        summary: '试点合作协议状态记录 The history of an agreement',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: z.object({ items: z.array(agreementEventSchema) }), ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.agreementHistory(deps, ctxOf(req), req.params.id),
  );
};

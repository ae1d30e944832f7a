import {
  myExamSessionSchema,
  myRegistrationSchema,
  pageOf,
  pageQuerySchema,
  proposeRegistrationsResultSchema,
  proposeRegistrationsSchema,
  registrationQuerySchema,
  registrationSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { readUploadForm } from '../files/files.upload';
import * as svc from './registrations.service';

const tags = ['考核报名（自愿） Voluntary registration'];
const idParams = z.object({ id: z.string().uuid() });

export const registerRegistrationRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/exam-sessions/:id/registrations',
    {
      schema: {
        tags,
        summary: '场次报名名单（学校只看本校学生）Registrations of a session (a school sees only its own learners)',
        params: idParams,
        querystring: registrationQuerySchema,
        response: { 200: pageOf(registrationSchema), ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => svc.listForSession(deps, ctxOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/exam-sessions/:id/registrations',
    {
      schema: {
        tags,
        summary:
          '学校提出报名建议（本校该证书试点学生；须本人同意后方为报名，学校不能代为报名）Propose candidates; only their consent registers them',
        params: idParams,
        body: proposeRegistrationsSchema,
        response: { 201: proposeRegistrationsResultSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.proposeRegistrations(deps, ctxOf(req), req.params.id, req.body.learnerIds)),
  );
  app.post(
    '/api/v1/registrations/:id/paper-consent',
    {
      schema: {
        tags,
        summary: '上传考生本人签字的纸质同意书（multipart：file=PDF）Upload the candidate’s signed paper consent',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: registrationSchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (req) => {
      const { file } = await readUploadForm(req);
      return svc.paperConsent(deps, ctxOf(req), req.params.id, file);
    },
  );
  app.post(
    '/api/v1/registrations/:id/withdrawal',
    {
      schema: {
        tags,
        summary: '撤回报名（报名截止前；考生本人或其学校）Withdraw before registration closes',
        params: idParams,
        response: { 200: registrationSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => svc.withdraw(deps, ctxOf(req), req.params.id),
  );

  // ---- learners ----
  app.get(
    '/api/v1/me/registrations',
    {
      schema: {
        tags,
        summary: '我的考核报名（含成绩公示后的成绩）My registrations, with the score once published',
        response: { 200: z.object({ items: z.array(myRegistrationSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await svc.myRegistrations(deps, ctxOf(req)) }),
  );
  app.get(
    '/api/v1/me/exam-sessions',
    {
      schema: {
        tags,
        summary: '向我开放的考核场次 Exam sessions open to me',
        querystring: pageQuerySchema,
        response: { 200: pageOf(myExamSessionSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.mySessions(deps, ctxOf(req), req.query.page, req.query.pageSize),
  );
  app.post(
    '/api/v1/me/registrations/:id/consent',
    {
      schema: {
        tags,
        summary: '本人同意报名（报名时间内、名额未满时即完成报名）Consent: registers me when the window is open and a seat is free',
        params: idParams,
        response: { 200: registrationSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => svc.consent(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/me/registrations/:id/decline',
    {
      schema: {
        tags,
        summary: '本人拒绝报名 Decline',
        params: idParams,
        response: { 200: registrationSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => svc.decline(deps, ctxOf(req), req.params.id),
  );
};

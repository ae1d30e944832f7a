import {
  activationCodeSchema,
  importErrorSchema,
  learnerActivatedSchema,
  learnerActivationSchema,
  learnerCreatedSchema,
  learnerImportResultSchema,
  learnerInputSchema,
  learnerQuerySchema,
  learnerRegistrationSchema,
  learnerSchema,
  pageOf,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import { publicRateLimit } from '../../http/rate-limit';
import type { RouteModule } from '../../http/route-types';
import { readUploadForm } from '../files/files.upload';
import * as svc from './learners.service';

const tags = ['学习者 Learners'];
const idParams = z.object({ id: z.string().uuid() });
const schoolQuery = z.object({ schoolId: z.string().uuid().optional() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const importInvalid = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.object({ errors: z.array(importErrorSchema) }),
    requestId: z.string(),
  }),
});

export const registerLearnerRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/learners',
    {
      schema: {
        tags,
        summary: '学习者列表（本范围；证件号码按查看者脱敏）List learners in scope (ID numbers masked by viewer)',
        querystring: learnerQuerySchema,
        response: { 200: pageOf(learnerSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listLearners(deps, ctxOf(req), req.query),
  );

  app.post(
    '/api/v1/learners',
    {
      schema: {
        tags,
        summary: '登记试点学生（学校管理员；返回一次性激活码）Enrol a pilot student (activation code shown once)',
        body: learnerInputSchema.and(z.object({ schoolId: z.string().uuid().nullable().optional() })),
        response: { 201: learnerCreatedSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createLearner(deps, ctxOf(req), req.body)),
  );

  app.get(
    '/api/v1/learners/import-template',
    { schema: { tags, summary: '下载试点学生导入模板（.xlsx）Download the learner import template', querystring: schoolQuery } },
    async (req, reply) => {
      const { bytes, filename } = await svc.learnersImportTemplate(deps, ctxOf(req), req.query.schoolId);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(bytes);
    },
  );

  app.post(
    '/api/v1/learners/import',
    {
      schema: {
        tags,
        summary: '导入试点学生（multipart 字段 file，.xlsx；全部成功才写入）Import pilot students (all or nothing)',
        consumes: ['multipart/form-data'],
        querystring: schoolQuery,
        response: { 200: learnerImportResultSchema, 422: importInvalid, ...errorResponses(400, 401, 403, 404, 413, 503) },
      },
    },
    async (req) => {
      const { file } = await readUploadForm(req);
      return svc.importLearners(deps, ctxOf(req), file, req.query.schoolId);
    },
  );

  app.get(
    '/api/v1/learners/:id',
    {
      schema: {
        tags,
        summary: '学习者详情 A learner',
        params: idParams,
        response: { 200: learnerSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.getLearner(deps, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/learners/:id/activation-code',
    {
      schema: {
        tags,
        summary: '重新生成激活码（旧码作废）Regenerate the activation code',
        params: idParams,
        response: { 200: activationCodeSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const r = await svc.regenerateActivationCode(deps, ctxOf(req), req.params.id);
      return { learnerId: r.learnerId, activationCode: r.activationCode, expiresAt: r.expiresAt };
    },
  );

  app.get(
    '/api/v1/me/learner',
    { schema: { tags, summary: '我的学习者信息 My learner record', response: { 200: learnerSchema, ...errorResponses(401, 403, 404) } } },
    async (req) => svc.myLearner(deps, ctxOf(req)),
  );

  app.post(
    '/api/v1/public/learner-activation',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '激活学习者账号（激活码 + 设置密码）Activate a learner account',
        body: learnerActivationSchema,
        response: { 201: learnerActivatedSchema, ...errorResponses(400, 409, 429) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.activateLearner(deps, ctxOf(req), req.body)),
  );

  app.post(
    '/api/v1/public/learner-registration',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '社会学习者注册 Social learner registration',
        body: learnerRegistrationSchema,
        response: { 201: learnerActivatedSchema, ...errorResponses(400, 409, 429) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.registerSocialLearner(deps, ctxOf(req), req.body)),
  );
};

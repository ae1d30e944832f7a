import {
  TRAINING_PLAN_ACTIONS,
  coveragePageSchema,
  coverageQuerySchema,
  qualificationFieldsSchema,
  qualificationPageSchema,
  qualificationQuerySchema,
  qualificationSchema,
  trainingPlanActionSchema,
  trainingPlanInputSchema,
  trainingPlanPageSchema,
  trainingPlanQuerySchema,
  trainingPlanSchema,
  trainingRecordInputSchema,
  trainingRecordPageSchema,
  trainingRecordQuerySchema,
  trainingRecordSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { AppError } from '../../lib/errors';
import { readUploadForm } from '../files/files.upload';
import * as svc from './training.service';

const tags = ['师资与考评员培训 Training'];
const idParams = z.object({ id: z.string().uuid() });

/** R9.3: training plans and their approval, records, teachers' certificates and coverage. */
export const registerTrainingRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/training-plans',
    {
      schema: {
        tags,
        summary: '培训计划（按试点；学校见本校，省市见本地区）Training plans in scope',
        querystring: trainingPlanQuerySchema,
        response: { 200: trainingPlanPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listPlans(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/training-plans',
    {
      schema: {
        tags,
        summary: '制定培训计划（按试点学生规模，三.4）Draft a plan for a running pilot',
        body: trainingPlanInputSchema,
        response: { 201: trainingPlanSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.createPlan(deps, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/training-plans/:id',
    {
      schema: {
        tags,
        summary: '培训计划详情 A plan',
        params: idParams,
        response: { 200: trainingPlanSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.getPlan(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/training-plans/:id/:action',
    {
      schema: {
        tags,
        summary: '报审、二级学院审核、教务部审核、退回（第六条（四））Submit, department approval, academic-affairs approval, return',
        params: z.object({ id: z.string().uuid(), action: z.enum(TRAINING_PLAN_ACTIONS) }),
        body: trainingPlanActionSchema,
        response: { 200: trainingPlanSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.actOnPlan(deps, ctxOf(req), req.params.id, req.params.action, req.body.comment),
  );

  app.get(
    '/api/v1/training-records',
    {
      schema: {
        tags,
        summary: '培训记录（超出国家培训费标准的标记显示）Training records; fees above the national standard are flagged',
        querystring: trainingRecordQuerySchema,
        response: { 200: trainingRecordPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listRecords(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/training-records',
    {
      schema: {
        tags,
        summary: '登记培训（人员、课程、机构、学时、费用、计入工作量）Record a training',
        body: trainingRecordInputSchema,
        response: { 201: trainingRecordSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.createRecord(deps, ctxOf(req), req.body)),
  );

  app.get(
    '/api/v1/teacher-qualifications',
    {
      schema: {
        tags,
        summary: '教师证书（X 证书、考评员资格）Teachers’ certificates and assessor qualifications',
        querystring: qualificationQuerySchema,
        response: { 200: qualificationPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listQualifications(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/teacher-qualifications',
    {
      schema: {
        tags,
        summary: '登记教师证书（multipart：字段与证明文件 file，PDF/PNG/JPEG）Record a teacher’s certificate with evidence',
        consumes: ['multipart/form-data'],
        response: { 201: qualificationSchema, ...errorResponses(400, 401, 403, 404, 413) },
      },
    },
    async (req, reply) => {
      const form = await readUploadForm(req);
      const parsed = qualificationFieldsSchema.safeParse(form.fields);
      if (!parsed.success)
        throw new AppError('VALIDATION_FAILED', {
          fields: parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })),
        });
      return reply.code(201).send(await svc.createQualification(deps, ctxOf(req), parsed.data, form.file));
    },
  );

  app.get(
    '/api/v1/training-coverage',
    {
      schema: {
        tags,
        summary: '培训覆盖：受训教师、考评员少于学生规模所需的试点 Coverage: pilots with too few trained teachers or assessors',
        querystring: coverageQuerySchema,
        response: { 200: coveragePageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.coverage(deps, ctxOf(req), req.query),
  );
};

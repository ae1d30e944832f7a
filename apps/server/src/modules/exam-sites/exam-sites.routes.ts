import {
  examSiteClosureSchema,
  examSiteCreateSchema,
  examSiteDecisionSchema,
  examSiteQuerySchema,
  examSiteSchema,
  examSiteSharingSchema,
  examSiteUpdateSchema,
  orgExamSiteCreateSchema,
  pageOf,
  publicExamSiteQuerySchema,
  publicExamSiteSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import { publicRateLimit } from '../../http/rate-limit';
import type { RouteModule } from '../../http/route-types';
import { AppError } from '../../lib/errors';
import { readUploadForm } from '../files/files.upload';
import * as svc from './exam-sites.service';

const tags = ['考核站点 Exam sites'];
const idParams = z.object({ id: z.string().uuid() });

export const registerExamSiteRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/exam-sites',
    {
      schema: {
        tags,
        summary: '考核站点列表（组织：本组织；学校：本校；省：本省）Exam sites in scope',
        querystring: examSiteQuerySchema,
        response: { 200: pageOf(examSiteSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listSites(deps, ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/exam-sites/shared-register',
    {
      schema: {
        tags,
        summary: '本省开放共享考核站点备案汇总（本省院校与省级管理员可查）The province register of open-shared sites',
        querystring: examSiteQuerySchema.extend({
          provinceCode: z
            .string()
            .regex(/^[0-9]{6}$/)
            .optional(),
        }),
        response: { 200: pageOf(examSiteSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.sharedRegister(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/exam-sites',
    {
      schema: {
        tags,
        summary:
          '申请设立考核站点（学校；multipart：certificateTypeId, name, address, capacity, levels=可选，逗号分隔的等级, file=申请 PDF）Apply to host an exam site',
        consumes: ['multipart/form-data'],
        response: { 201: examSiteSchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (req, reply) => {
      const { fields, file } = await readUploadForm(req);
      const parsed = examSiteCreateSchema.safeParse(fields);
      if (!parsed.success)
        throw new AppError('VALIDATION_FAILED', {
          fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      return reply.status(201).send(await svc.applyForSite(deps, ctxOf(req), parsed.data, file));
    },
  );
  app.get(
    '/api/v1/exam-sites/:id',
    {
      schema: { tags, summary: '考核站点 An exam site', params: idParams, response: { 200: examSiteSchema, ...errorResponses(401, 404) } },
    },
    async (req) => svc.getSite(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/exam-sites/:id/decision',
    {
      schema: {
        tags,
        summary: '批准 / 不予批准考核站点（证书所属培训评价组织；不予批准须说明理由）Approve or refuse a site',
        params: idParams,
        body: examSiteDecisionSchema,
        response: { 200: examSiteSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.decideSite(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/exam-sites/:id/sharing',
    {
      schema: {
        tags,
        summary: '标记 / 取消开放共享（已批准站点；组织或承办学校）Mark an approved site open-shared, or not',
        params: idParams,
        body: examSiteSharingSchema,
        response: { 200: examSiteSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.setSiteSharing(deps, ctxOf(req), req.params.id, req.body.openShared),
  );
  app.post(
    '/api/v1/exam-sites/:id/closure',
    {
      schema: {
        tags,
        summary: '撤销考核站点（证书所属培训评价组织；须说明理由；仍有未结束场次时不可撤销）Close an approved site, with a reason',
        params: idParams,
        body: examSiteClosureSchema,
        response: { 200: examSiteSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.closeSite(deps, ctxOf(req), req.params.id, req.body.reason),
  );

  // ---- Issue 17 item 8: an organization's own sites, and the public register ----
  app.post(
    '/api/v1/org-exam-sites',
    {
      schema: {
        tags,
        summary:
          '培训评价组织直接登记自有考核站点（本组织证书；登记即生效，可标记开放共享）An organization registers a site of its own, in force at once',
        body: orgExamSiteCreateSchema,
        response: { 201: examSiteSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.registerOwnSite(deps, ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/exam-sites/:id',
    {
      schema: {
        tags,
        summary: '修改本组织登记的考核站点（名称、地址、容量、等级）The organization edits a site it registered',
        params: idParams,
        body: examSiteUpdateSchema,
        response: { 200: examSiteSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.editOwnSite(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/public/exam-sites',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary:
          '考核站点名录（无需登录；各培训评价组织已批准的考核站点，不含个人信息）The public register of approved exam sites of every organization',
        querystring: publicExamSiteQuerySchema,
        response: { 200: pageOf(publicExamSiteSchema), ...errorResponses(400, 429) },
      },
    },
    async (req) => svc.listPublicSites(deps, req.query),
  );
};

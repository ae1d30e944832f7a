import {
  changeRequestDecisionSchema,
  changeRequestQuerySchema,
  changeRequestSchema,
  createChangeRequestSchema,
  pageOf,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './filing-changes.service';

const tags = ['项目备案 Pilot filings'];
const idParams = z.object({ id: z.string().uuid() });

export const registerFilingChangeRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/filings/:id/change-requests',
    {
      schema: {
        tags,
        summary: '备案的变更申请记录 Change requests of a filing (R3.7)',
        params: idParams,
        response: { 200: z.object({ items: z.array(changeRequestSchema) }), ...errorResponses(401, 404) },
      },
    },
    async (req) => ({ items: await svc.listFilingChangeRequests(deps, ctxOf(req), req.params.id) }),
  );
  app.post(
    '/api/v1/filings/:id/change-requests',
    {
      schema: {
        tags,
        summary: '提交变更申请（院校，审核通过并公布后）Request a change of an approved filing (R3.7)',
        description:
          '粤生态职院〔2023〕18号 第七条：建设内容、进度安排以及试点负责人审核通过后不得随意调整，确需调整须提交书面申请报省教育厅备案。sections 的每一栏须按 FILING_SECTION_SCHEMAS 完整填写。',
        params: idParams,
        body: createChangeRequestSchema,
        response: { 201: changeRequestSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createChangeRequest(deps, ctxOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/filing-change-requests',
    {
      schema: {
        tags,
        summary: '变更申请列表（按范围；status=pending 为待处理）Change requests in scope',
        querystring: changeRequestQuerySchema,
        response: { 200: pageOf(changeRequestSchema), ...errorResponses(400, 401) },
      },
    },
    async (req) => svc.listChangeRequests(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/filing-change-requests/:id/decision',
    {
      schema: {
        tags,
        summary: '同意（变更写入备案）或不同意变更申请（省级管理员）Accept or refuse a change request',
        params: idParams,
        body: changeRequestDecisionSchema,
        response: { 200: changeRequestSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.decideChangeRequest(deps, ctxOf(req), req.params.id, req.body),
  );
};

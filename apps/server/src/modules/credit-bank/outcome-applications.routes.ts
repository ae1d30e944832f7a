import {
  learningAccountImportResultSchema,
  learningAccountImportSchema,
  learningAccountJsonSchema,
  outcomeApplicationInputSchema,
  outcomeApplicationQuerySchema,
  outcomeApplicationSchema,
  outcomeApplicationTransitionSchema,
  pageOf,
  publicRecognitionListSchema,
  publicRecognitionSchoolSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { readUploadForm } from '../files/files.upload';
import { attachmentDisposition } from '../files/files.rules';
import * as fmt from './account-format.service';
import * as cb from './credit-bank.service';
import * as svc from './outcome-applications.service';

/** Issue 18 items 6 (learners' own outcomes), 7 (public recognition lists) and 8 (the account hand-off format). */

const tags = ['学分银行 Credit bank'];
const publicTags = ['认定清单（公开）Recognition lists (public)'];
const idParams = z.object({ id: z.string().uuid() });

export const registerOutcomeApplicationRoutes: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/me/outcome-applications/evidence',
    {
      schema: {
        tags,
        summary: '上传自有学习成果的证明材料（PDF，multipart 字段 file）Upload evidence of my own outcome',
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({ id: z.string(), sha256: z.string(), size: z.number().int(), name: z.string() }),
          ...errorResponses(400, 401, 403, 409, 413),
        },
      },
    },
    async (req, reply) => {
      const { file } = await readUploadForm(req);
      return reply.status(201).send(await svc.uploadApplicationEvidence(deps, ctxOf(req), file));
    },
  );

  app.post(
    '/api/v1/me/outcome-applications',
    {
      schema: {
        tags,
        summary: '申请存入自有学习成果（外校课程、培训、竞赛、外部证书），由所在院校审核 Apply to deposit my own outcome',
        body: outcomeApplicationInputSchema,
        response: { 201: outcomeApplicationSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.submitApplication(deps, ctxOf(req), req.body)),
  );

  app.get(
    '/api/v1/me/outcome-applications',
    {
      schema: {
        tags,
        summary: '我的学习成果存入申请 My outcome applications',
        querystring: outcomeApplicationQuerySchema,
        response: { 200: pageOf(outcomeApplicationSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.myApplications(deps, ctxOf(req), req.query),
  );

  app.get(
    '/api/v1/outcome-applications',
    {
      schema: {
        tags,
        summary: '学习者的成果存入申请（学校待审；省级、国家只读）Outcome applications in scope',
        querystring: outcomeApplicationQuerySchema,
        response: { 200: pageOf(outcomeApplicationSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listApplications(deps, ctxOf(req), req.query),
  );

  app.get(
    '/api/v1/outcome-applications/:id',
    {
      schema: {
        tags,
        summary: '成果存入申请详情 An outcome application',
        params: idParams,
        response: { 200: outcomeApplicationSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.getApplication(deps, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/outcome-applications/:id/transitions',
    {
      schema: {
        tags,
        summary: '存入（学校，只记一次）/ 不予存入（须填理由）/ 撤回（学习者）Deposit, refuse or withdraw',
        params: idParams,
        body: outcomeApplicationTransitionSchema,
        response: { 200: outcomeApplicationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.transitionApplication(deps, ctxOf(req), req.params.id, req.body),
  );

  // ---- Public recognition lists (item 7) ----

  app.get(
    '/api/v1/public/recognition-lists',
    {
      schema: {
        tags: publicTags,
        summary: '公布认定清单的院校（无需登录）Schools that publish recognition rules',
        response: { 200: z.array(publicRecognitionSchoolSchema) },
      },
    },
    async () => svc.publicRecognitionSchools(deps),
  );

  app.get(
    '/api/v1/public/recognition-lists/:id',
    {
      schema: {
        tags: publicTags,
        summary: '院校的认定清单：哪些证书等级可认定哪些课程与学分（无需登录）A school’s published recognition list',
        params: idParams,
        response: { 200: publicRecognitionListSchema, ...errorResponses(400, 404) },
      },
    },
    async (req) => svc.publicRecognitionList(deps, req.params.id),
  );

  // ---- The account hand-off format (item 8) ----

  app.get(
    '/api/v1/public/learning-account-format/schema',
    {
      schema: {
        tags: publicTags,
        summary: '学习账户交换格式 onex-learning-account/1 的 JSON Schema The hand-off format’s JSON Schema',
        response: { 200: z.any() },
      },
    },
    async () => learningAccountJsonSchema(),
  );

  app.get(
    '/api/v1/learning-accounts/:id/export',
    {
      schema: {
        tags,
        summary: '导出学习账户（onex-learning-account/1，含证书的可验证凭证）Export an account in the hand-off format',
        params: idParams,
        response: { 200: z.any().describe('JSON 文件（以附件下载）'), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const d = await cb.exportAccount(deps, ctxOf(req), req.params.id);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', attachmentDisposition(d.filename))
        .send(d.body);
    },
  );

  app.post(
    '/api/v1/learning-accounts/import-document',
    {
      schema: {
        tags,
        summary: '导入学习账户交换文件（onex-learning-account/1；同一成果只记一次）Import a learning account document',
        body: learningAccountImportSchema,
        response: { 200: learningAccountImportResultSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => fmt.importAccountDocument(deps, ctxOf(req), req.body),
  );
};

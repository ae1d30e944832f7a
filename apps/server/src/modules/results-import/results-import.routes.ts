import {
  candidateSchema,
  importErrorSchema,
  pageOf,
  pageQuerySchema,
  resultImportFieldsSchema,
  resultImportJobSchema,
  resultImportListSchema,
  resultImportOutcomeSchema,
  resultImportPreviewSchema,
  scorePublicationCheckSchema,
  scorePublicationRequestSchema,
  scorePublicationSchema,
} from '@onex/shared';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { AppError } from '../../lib/errors';
import { attachmentDisposition } from '../files/files.rules';
import { readUploadForm } from '../files/files.upload';
import * as svc from './results-import.service';
import { type ResultImportWorker, createResultImportWorker } from './results-import.worker';

const tags = ['考核成绩 Results'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileBody = z.any().describe('文件内容（以附件下载）File content, as an attachment');
const idParams = z.object({ id: z.string().uuid() });
const importInvalid = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.object({ errors: z.array(importErrorSchema), totalErrors: z.number().int().optional() }),
    requestId: z.string(),
  }),
});
const FILE_HELP =
  'multipart 字段 file（.xlsx 或 UTF-8 编码的 .csv），表头：证件类型, 证件号码, 姓名, 总成绩, 考核结果（合格|不合格；证件类型 居民身份证|港澳台居民居住证|护照）。' +
  '成绩更正：字段 correction=true 与 note（更正说明），更正文件中考生的现有成绩被取代（历史保留）。';

async function readResultsForm(req: FastifyRequest) {
  const { fields, file } = await readUploadForm(req);
  const f = resultImportFieldsSchema.safeParse(fields);
  if (!f.success)
    throw new AppError('VALIDATION_FAILED', { fields: f.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return {
    file: { bytes: file.bytes, filename: file.filename },
    opts: { correction: f.data.correction === 'true', note: f.data.correction === 'true' ? (f.data.note ?? null) : null },
    preview: f.data.preview === 'true',
  };
}

export const registerResultImportRoutes: RouteModule = (app, deps) => {
  const worker = createResultImportWorker(deps);
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.stop());
  app.decorate('resultImportWorker', worker);

  app.get(
    '/api/v1/exam-sessions/:id/candidates',
    {
      schema: {
        tags,
        summary: '本场考核已报名考生（含完整证件号码，仅限本组织）Registered candidates with full ID numbers (api-v1)',
        params: idParams,
        querystring: pageQuerySchema,
        response: { 200: pageOf(candidateSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.listCandidates(deps, ctxOf(req), req.params.id, req.query.page, req.query.pageSize),
  );

  app.get(
    '/api/v1/exam-sessions/:id/results-template',
    {
      schema: {
        tags,
        summary: '下载本场考核的成绩导入模板（已填考生，.xlsx）Results template pre-filled with the candidates',
        params: idParams,
        response: { 200: fileBody, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const d = await svc.resultsTemplate(deps, ctxOf(req), req.params.id);
      return reply.header('content-type', XLSX).header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );

  app.post(
    '/api/v1/exam-sessions/:id/result-errors',
    {
      schema: {
        tags,
        summary: '成绩文件的全部错误（错误清单 .xlsx；只校验，不写入）Error list of a results file',
        description: FILE_HELP,
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 200: fileBody, ...errorResponses(400, 401, 403, 404, 413) },
      },
    },
    async (req, reply) => {
      const { file } = await readResultsForm(req);
      const d = await svc.resultErrorList(deps, ctxOf(req), req.params.id, file);
      return reply.header('content-type', XLSX).header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );

  app.post(
    '/api/v1/exam-sessions/:id/results',
    {
      schema: {
        tags,
        summary: '导入考核成绩（直接写入；全部无误才写入，同一文件只写入一次）Import results (api-v1, all or nothing)',
        description: FILE_HELP,
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 200: resultImportOutcomeSchema, 422: importInvalid, ...errorResponses(400, 401, 403, 404, 409, 413, 503) },
      },
    },
    async (req) => {
      const { file, opts } = await readResultsForm(req);
      return svc.importResults(deps, ctxOf(req), req.params.id, file, opts);
    },
  );

  app.post(
    '/api/v1/exam-sessions/:id/result-imports',
    {
      schema: {
        tags,
        summary: '导入考核成绩（预览或排队处理，显示进度）Preview, or queue a results import job',
        description: `${FILE_HELP} preview=true 只校验并统计，不写入（200）；否则排队处理（202），用 GET /api/v1/result-imports/{id} 查看进度。`,
        consumes: ['multipart/form-data'],
        params: idParams,
        response: {
          200: z.union([resultImportPreviewSchema, resultImportJobSchema]),
          202: resultImportJobSchema,
          ...errorResponses(400, 401, 403, 404, 409, 413, 503),
        },
      },
    },
    async (req, reply) => {
      const { file, opts, preview } = await readResultsForm(req);
      if (preview) return svc.previewResults(deps, ctxOf(req), req.params.id, file, opts);
      const { job, queued } = await svc.enqueueResultImport(deps, ctxOf(req), req.params.id, file, opts);
      if (queued) worker.kick();
      return reply.status(queued ? 202 : 200).send(job);
    },
  );

  app.get(
    '/api/v1/exam-sessions/:id/result-imports',
    {
      schema: {
        tags,
        summary: '本场考核的成绩导入记录 Results imports of a session',
        params: idParams,
        response: { 200: resultImportListSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.listResultImports(deps, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/v1/result-imports/:id',
    {
      schema: {
        tags,
        summary: '成绩导入任务（状态、进度、行数、错误）A results import job',
        params: idParams,
        response: { 200: resultImportJobSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.getResultImport(deps, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/v1/exam-sessions/:id/score-publication',
    {
      schema: {
        tags,
        summary: '成绩公示前核对：考生数、尚无成绩人数、默认公示期 Before publishing: candidates without a score',
        params: idParams,
        response: { 200: scorePublicationCheckSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.scorePublicationCheck(deps, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/exam-sessions/:id/score-publication',
    {
      schema: {
        tags,
        summary: '成绩公示（成绩登记 → 成绩公示）Publish scores (api-v1)',
        description:
          '公示后考生可在本人账号查看成绩；本操作不可撤销。请求体可省略。有考生尚无成绩时须带 confirmMissing（等于尚无成绩的人数），' +
          '否则 409 MISSING_SCORES_UNCONFIRMED；publicityDays 为本场公示期（天，默认取本组织的设置）。',
        params: idParams,
        body: scorePublicationRequestSchema.nullish(),
        response: { 200: scorePublicationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.publishSessionScores(deps, ctxOf(req), req.params.id, req.body ?? {}),
  );
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The results-import job worker (tests wait for it to be idle). */
    resultImportWorker: ResultImportWorker;
  }
}

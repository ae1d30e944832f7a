import {
  caseCollectionInputSchema,
  caseCollectionPageSchema,
  caseCollectionQuerySchema,
  caseCollectionSchema,
  caseReviewSchema,
  caseSelectSchema,
  publicCaseCollectionListSchema,
  publicCaseCollectionSchema,
  text,
  typicalCaseDetailSchema,
  typicalCaseInputSchema,
  typicalCasePageSchema,
  typicalCaseQuerySchema,
  typicalCaseUpdateSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { attachmentDisposition } from '../files/files.rules';
import { readUploadForm } from '../files/files.upload';
import { collectionPdf } from './typical-cases.pdf';
import * as svc from './typical-cases.service';

const tags = ['典型案例 Typical cases'];
const idParams = z.object({ id: z.string().uuid() });
const UPLOAD_KINDS = { images: 'image', pdf: 'pdf', word: 'word' } as const;

/** R9.2: collections, cases, review and selection; the published collection is public (registerPublicTypicalCaseRoutes). */
export const registerTypicalCaseRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/typical-case-collections',
    {
      schema: {
        tags,
        summary: '典型案例征集（本省；国家级见全部）Typical-case collections of the actor’s province',
        querystring: caseCollectionQuerySchema,
        response: { 200: caseCollectionPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listCollections(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/typical-case-collections',
    {
      schema: {
        tags,
        summary: '发起典型案例征集（截止日期、案例类别、评分项）Open a collection (deadline, categories, criteria)',
        body: caseCollectionInputSchema,
        response: { 201: caseCollectionSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.createCollection(deps, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/typical-case-collections/:id',
    {
      schema: {
        tags,
        summary: '征集详情 A collection',
        params: idParams,
        response: { 200: caseCollectionSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.getCollection(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/typical-case-collections/:id/publish',
    {
      schema: {
        tags,
        summary: '发布入选案例集（公开，无需登录可看）Publish the selected cases as a public collection',
        params: idParams,
        response: { 200: caseCollectionSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => svc.publishCollection(deps, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/v1/typical-cases',
    {
      schema: {
        tags,
        summary: '典型案例（学校见本校含草稿；省、市见本地区已报送的）Typical cases in scope',
        querystring: typicalCaseQuerySchema,
        response: { 200: typicalCasePageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listCases(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/typical-cases',
    {
      schema: {
        tags,
        summary: '撰写典型案例（草稿；3000 字以内，附件3 一）Draft a case',
        body: typicalCaseInputSchema,
        response: { 201: typicalCaseDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.createCase(deps, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/typical-cases/:id',
    {
      schema: {
        tags,
        summary: '案例详情（含未满足的报送要求）A case, with the rules it does not meet yet',
        params: idParams,
        response: { 200: typicalCaseDetailSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.getCase(deps, ctxOf(req), req.params.id),
  );
  app.put(
    '/api/v1/typical-cases/:id',
    {
      schema: {
        tags,
        summary: '修改案例草稿 Change a draft',
        params: idParams,
        body: typicalCaseUpdateSchema,
        response: { 200: typicalCaseDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.updateCase(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/typical-cases/:id/:kind',
    {
      schema: {
        tags,
        summary:
          '上传案例图片（PNG/JPEG，至多 4 张）、盖章 PDF 扫描件或 Word 文件（按内容检查）Upload a picture, the stamped PDF or the Word file (multipart `file`; pictures may carry `caption`)',
        params: z.object({ id: z.string().uuid(), kind: z.enum(['images', 'pdf', 'word']) }),
        consumes: ['multipart/form-data'],
        response: { 200: typicalCaseDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (req) => {
      const form = await readUploadForm(req);
      const caption = form.fields.caption ? text(100).parse(form.fields.caption) : null;
      return svc.uploadCaseFile(deps, ctxOf(req), req.params.id, UPLOAD_KINDS[req.params.kind], form.file, caption || null);
    },
  );
  app.delete(
    '/api/v1/typical-cases/:id/images/:fileId',
    {
      schema: {
        tags,
        summary: '删除案例图片 Remove a picture of a draft',
        params: z.object({ id: z.string().uuid(), fileId: z.string().uuid() }),
        response: { 200: typicalCaseDetailSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => svc.removeCaseImage(deps, ctxOf(req), req.params.id, req.params.fileId),
  );
  app.post(
    '/api/v1/typical-cases/:id/submit',
    {
      schema: {
        tags,
        summary: '报送案例（检查字数、图片数、两种文件、截止日期，逐条引用条款）Submit: every rule checked, each citing its clause',
        params: idParams,
        response: { 200: typicalCaseDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.submitCase(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/typical-cases/:id/review',
    {
      schema: {
        tags,
        summary: '评分（按征集的评分项）Score a case against its collection’s criteria',
        params: idParams,
        body: caseReviewSchema,
        response: { 200: typicalCaseDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.reviewCase(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/typical-cases/:id/select',
    {
      schema: {
        tags,
        summary: '入选或不入选 Select a scored case, or not',
        params: idParams,
        body: caseSelectSchema,
        response: { 200: typicalCaseDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.selectCase(deps, ctxOf(req), req.params.id, req.body),
  );
};

/** The public collections of selected cases, without an account (R9.2). */
export const registerPublicTypicalCaseRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/public/typical-case-collections',
    {
      schema: {
        tags,
        summary: '已发布的典型案例集（公开）Published collections (public)',
        response: { 200: publicCaseCollectionListSchema },
      },
    },
    async () => svc.publicCollections(deps),
  );
  app.get(
    '/api/v1/public/typical-case-collections/:id',
    {
      schema: {
        tags,
        summary: '典型案例集：入选案例正文与图片（公开）A published collection (public)',
        params: idParams,
        response: { 200: publicCaseCollectionSchema, ...errorResponses(404) },
      },
    },
    async (req) => svc.publicCollection(deps, req.params.id),
  );
  app.get(
    '/api/v1/public/typical-case-collections/:id/pdf',
    {
      schema: {
        tags,
        summary: '典型案例集 PDF（中文）The published collection as a PDF',
        params: idParams,
        response: { 200: z.any().describe('application/pdf'), ...errorResponses(404) },
      },
    },
    async (req, reply) => {
      const c = await svc.publicCollection(deps, req.params.id);
      const images = await svc.imageBytes(
        deps.db,
        c.cases.flatMap((x) => x.images.map((i) => i.fileId)),
      );
      const pdf = await collectionPdf(c, images);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachmentDisposition(`${c.title}.pdf`))
        .send(pdf);
    },
  );
};

import {
  catalogQuerySchema,
  certificateBatchSchema,
  certificateTypeDetailSchema,
  certificateTypeSchema,
  createCertificateBatchSchema,
  createCertificateTypeSchema,
  levelsInputSchema,
  majorQuerySchema,
  majorSchema,
  managedCatalogQuerySchema,
  pageOf,
  publicCertificateTypeDetailSchema,
  publicCertificateTypeSchema,
  standardDocumentSchema,
  transitionRequestSchema,
  updateCertificateTypeSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { readUploadForm } from '../files/files.upload';
import * as svc from './catalog.service';

const publicTags = ['证书目录（公开）Catalog (public)'];
const tags = ['证书目录管理 Catalog management'];
const idParams = z.object({ id: z.string().uuid() });

/** The public catalog of api-v1: no login. */
export const registerPublicCatalogRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/public/certificate-types',
    {
      schema: {
        tags: publicTags,
        summary: '证书目录：已发布（及已暂停）的证书 Published (and suspended) certificates',
        description: '每个等级的 examForms 成绩占比之和为 1；feeCapFen 为按成绩占比加权的收费上限（分，R1.2）。草稿与已取消的证书不列出。',
        querystring: catalogQuerySchema,
        response: { 200: pageOf(publicCertificateTypeSchema), ...errorResponses(400) },
      },
    },
    async (req) => svc.listPublicCatalog(deps.db, req.query),
  );

  app.get(
    '/api/v1/public/certificate-types/:id',
    {
      schema: {
        tags: publicTags,
        summary: '证书详情：说明、面向人群、颁证要求、标准文件、联系人 Certificate detail',
        params: idParams,
        response: { 200: publicCertificateTypeDetailSchema, ...errorResponses(400, 404) },
      },
    },
    async (req) => svc.getPublicCertificateType(deps.db, req.params.id),
  );

  app.get(
    '/api/v1/public/certificate-batches',
    {
      schema: {
        tags: publicTags,
        summary: '证书批次 Certificate batches',
        response: { 200: z.object({ items: z.array(certificateBatchSchema) }) },
      },
    },
    async () => ({ items: await svc.listBatches(deps.db) }),
  );

  app.get(
    '/api/v1/public/majors',
    {
      schema: {
        tags: publicTags,
        summary: '专业目录（最多 500 条）Majors of the national catalog (up to 500)',
        querystring: majorQuerySchema,
        response: { 200: z.object({ items: z.array(majorSchema) }), ...errorResponses(400) },
      },
    },
    async (req) => ({ items: await svc.listMajors(deps.db, req.query) }),
  );
};

/** Catalog management: organizations edit their own certificate types, the national administrator runs the workflow. */
export const registerCatalogRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/certificate-types',
    {
      schema: {
        tags,
        summary: '证书列表（国家：全部；组织：已发布及本组织全部；其他：已发布）List certificate types in scope',
        querystring: managedCatalogQuerySchema,
        response: { 200: pageOf(certificateTypeSchema), ...errorResponses(400, 401) },
      },
    },
    async (req) => svc.listCertificateTypes(deps, ctxOf(req), req.query),
  );

  app.post(
    '/api/v1/certificate-types',
    {
      schema: {
        tags,
        summary: '新建证书（草稿）Create a certificate type (draft)',
        body: createCertificateTypeSchema,
        response: { 201: certificateTypeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createCertificateType(deps, ctxOf(req), req.body)),
  );

  app.get(
    '/api/v1/certificate-types/:id',
    {
      schema: {
        tags,
        summary: '证书详情（含可执行操作）Certificate type with allowed actions',
        params: idParams,
        response: { 200: certificateTypeDetailSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => svc.getCertificateType(deps, ctxOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/certificate-types/:id',
    {
      schema: {
        tags,
        summary: '修改证书 Edit a certificate type',
        description: '组织管理员：草稿可改全部字段；已发布/已暂停仅可改说明、面向人群、颁证要求。已取消的证书不可修改（409）。',
        params: idParams,
        body: updateCertificateTypeSchema,
        response: { 200: certificateTypeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.updateCertificateType(deps, ctxOf(req), req.params.id, req.body),
  );

  app.put(
    '/api/v1/certificate-types/:id/levels',
    {
      schema: {
        tags,
        summary: '设置等级与考核方式（替换全部）Replace levels and exam forms',
        params: idParams,
        body: levelsInputSchema,
        response: { 200: certificateTypeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.replaceCertificateLevels(deps, ctxOf(req), req.params.id, req.body.levels),
  );

  app.post(
    '/api/v1/certificate-types/:id/transitions',
    {
      schema: {
        tags,
        summary: '发布 / 暂停 / 恢复 / 取消 Publish, suspend, resume or withdraw',
        description: '工作流见 @onex/shared CERTIFICATE_TYPE_TRANSITIONS；暂停与取消须填写说明。',
        params: idParams,
        body: transitionRequestSchema,
        response: { 200: certificateTypeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.transitionCertificateType(deps, ctxOf(req), req.params.id, req.body.action, req.body.comment),
  );

  app.post(
    '/api/v1/certificate-types/:id/standard-documents',
    {
      schema: {
        tags,
        summary: '上传标准文件新版本（multipart：file 为 PDF，version 为版本号）Upload a standard document version',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: standardDocumentSchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.uploadStandardDocument(deps, ctxOf(req), req.params.id, () => readUploadForm(req))),
  );

  app.post(
    '/api/v1/certificate-batches',
    {
      schema: {
        tags,
        summary: '新增证书批次（国家管理员）Add a certificate batch',
        body: createCertificateBatchSchema,
        response: { 201: certificateBatchSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createBatch(deps, ctxOf(req), req.body)),
  );
};

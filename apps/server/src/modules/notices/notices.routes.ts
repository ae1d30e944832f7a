import {
  NOTICE_ATTACHMENT_MAX_BYTES,
  createNoticeSchema,
  createPublicitySchema,
  forwardNoticeSchema,
  noticeAttachmentSchema,
  noticeDetailSchema,
  noticeQuerySchema,
  noticeReceiptsSchema,
  noticeSchema,
  pageOf,
  publicNoticeDetailSchema,
  publicNoticeQuerySchema,
  publicNoticeSchema,
  publicityCandidateQuerySchema,
  publicityCandidatesSchema,
  publicityDetailSchema,
  publicityObjectionSchema,
  publicityQuerySchema,
  publicitySchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import { publicRateLimit } from '../../http/rate-limit';
import type { RouteModule } from '../../http/route-types';
import { readUploadForm } from '../files/files.upload';
import * as notices from './notices.service';
import * as publicity from './publicity.service';

const tags = ['通知公告与公示 Notices and publicity'];
const idParams = z.object({ id: z.string().uuid() });

export const registerNoticeRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/public/notices',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '公开的通知公告和政策文件（无需登录）Public notices and policy documents (api-v1, R9.1)',
        querystring: publicNoticeQuerySchema,
        response: { 200: pageOf(publicNoticeSchema), ...errorResponses(400, 429) },
      },
    },
    async (req) => notices.listPublicNotices(deps, req.query),
  );
  app.get(
    '/api/v1/public/notices/:id',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '公开通知详情（正文已净化、附件）A public notice with its sanitized body and attachments (api-v1)',
        params: idParams,
        response: { 200: publicNoticeDetailSchema, ...errorResponses(404, 429) },
      },
    },
    async (req) => notices.publicNotice(deps, req.params.id),
  );
  app.get(
    '/api/v1/public/publicity',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '公示列表（无需登录）Items on public display (R9.4, 001 第九条)',
        querystring: publicityQuerySchema,
        response: { 200: pageOf(publicitySchema), ...errorResponses(400, 429) },
      },
    },
    async (req) => publicity.listPublicPublicity(deps, req.query),
  );
  app.get(
    '/api/v1/public/publicity/:id',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '公示详情（不含身份证件号码）A publicity item (never an ID number)',
        params: idParams,
        response: { 200: publicityDetailSchema, ...errorResponses(404, 429) },
      },
    },
    async (req) => publicity.publicPublicity(deps, req.params.id),
  );
  app.post(
    '/api/v1/public/publicity/:id/objections',
    {
      config: { rateLimit: publicRateLimit(deps) },
      schema: {
        tags,
        summary: '对公示提出异议（无需登录；作为投诉办理）Object to a publicity item (filed as a complaint)',
        description: '仅在公示期内受理；异议作为投诉举报（R8.5）登记并关联到该公示，返回查询码。',
        params: idParams,
        body: publicityObjectionSchema,
        response: { 201: z.object({ trackingCode: z.string() }), ...errorResponses(400, 404, 409, 429) },
      },
    },
    async (req, reply) => reply.code(201).send(await publicity.objectTo(deps, ctxOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/notices',
    {
      schema: {
        tags,
        summary: '我可阅读的通知（公开、发给本角色和地区、转发给本单位）Notices the actor may read',
        querystring: noticeQuerySchema,
        response: { 200: pageOf(noticeSchema), ...errorResponses(400, 401) },
      },
    },
    async (req) => notices.listNotices(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/notice-attachments',
    {
      schema: {
        tags,
        summary: '上传通知附件（PDF、Word、Excel、图片，按内容检查）Upload a notice attachment',
        description: `multipart/form-data，字段 \`file\`；每个不超过 ${NOTICE_ATTACHMENT_MAX_BYTES / 1024 / 1024} MB。发布通知时以 attachmentIds 引用。`,
        consumes: ['multipart/form-data'],
        response: { 201: noticeAttachmentSchema, ...errorResponses(400, 401, 403, 413) },
      },
    },
    async (req, reply) => {
      const { file } = await readUploadForm(req);
      return reply.code(201).send(await notices.uploadAttachment(deps, ctxOf(req), file));
    },
  );
  app.post(
    '/api/v1/notices',
    {
      schema: {
        tags,
        summary: '发布通知（国家、省级管理员；培训评价组织仅限本组织证书的标准解读和收费公告）Publish a notice',
        body: createNoticeSchema,
        response: { 201: noticeDetailSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await notices.publishNotice(deps, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/notices/:id',
    {
      schema: {
        tags,
        summary: '通知详情；打开即记录阅读（转发给本单位的记入回执）A notice; opening it records the read receipt',
        params: idParams,
        response: { 200: noticeDetailSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => notices.getNotice(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/notices/:id/forward',
    {
      schema: {
        tags,
        summary: '转发通知：省级转发至各地市，地市转发至所属院校（默认中职学校）Forward a notice down (000 三(二))',
        params: idParams,
        body: forwardNoticeSchema,
        response: { 200: z.object({ forwarded: z.number().int() }), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => notices.forwardNotice(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/notices/:id/receipts',
    {
      schema: {
        tags,
        summary: '阅读回执：各地市、各院校是否已阅 Read receipts per city and school',
        params: idParams,
        response: { 200: noticeReceiptsSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => notices.noticeReceipts(deps, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/v1/publicity',
    {
      schema: {
        tags,
        summary: '本范围的公示 Publicity items of the actor’s scope',
        querystring: publicityQuerySchema,
        response: { 200: pageOf(publicitySchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => publicity.listPublicity(deps, ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/publicity/candidates',
    {
      schema: {
        tags,
        summary: '可发起公示的事项（本范围内已通过的备案、入选的典型案例、已发证的考核）Items the actor may put on display',
        querystring: publicityCandidateQuerySchema,
        response: { 200: publicityCandidatesSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => publicity.listPublicityCandidates(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/publicity',
    {
      schema: {
        tags,
        summary: '发起公示（已通过的备案、入选的典型案例、考核的证书颁发名单）Put an item on public display',
        body: createPublicitySchema,
        response: { 201: publicityDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await publicity.openPublicity(deps, ctxOf(req), req.body)),
  );
};

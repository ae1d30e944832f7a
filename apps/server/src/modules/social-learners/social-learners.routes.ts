import {
  SOCIAL_DOCUMENT_KINDS,
  pageOf,
  socialApplicationCreateSchema,
  socialApplicationQuerySchema,
  socialApplicationSchema,
  socialFeeInputSchema,
  socialFeeSchema,
  socialOfferQuerySchema,
  socialOfferSchema,
  socialPaymentSchema,
  socialRejectSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { AppError } from '../../lib/errors';
import { attachmentDisposition } from '../files/files.rules';
import { readUploadForm } from '../files/files.upload';
import * as svc from './social-learners.service';

const tags = ['社会考生通道 Social candidates'];
const idParams = z.object({ id: z.string().uuid() });
const docParams = z.object({ id: z.string().uuid(), kind: z.enum(SOCIAL_DOCUMENT_KINDS) });

export const registerSocialLearnerRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/public/social-exam-offers',
    {
      schema: {
        tags,
        summary:
          '面向社会考生开放的考核场次（报名中、有空余名额、组织已公布社会考生费用）Open sessions with free seats and a published fee for social candidates',
        querystring: socialOfferQuerySchema,
        response: { 200: pageOf(socialOfferSchema), ...errorResponses(400) },
      },
    },
    async (req) => svc.listOffers(deps, req.query),
  );

  // ---- organization: fees and applications ----
  app.get(
    '/api/v1/social-exam-fees',
    {
      schema: {
        tags,
        summary: '本组织各证书等级的社会考生考核费用与收费上限 Fees for social candidates per level, with caps',
        response: { 200: z.object({ items: z.array(socialFeeSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await svc.listFees(deps, ctxOf(req)) }),
  );
  app.put(
    '/api/v1/social-exam-fees',
    {
      schema: {
        tags,
        summary: '公布社会考生考核费用（不得高于该等级收费上限，R1.2）Publish the fee for social candidates (≤ the cap)',
        body: socialFeeInputSchema,
        response: { 200: z.object({ items: z.array(socialFeeSchema) }), ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => ({ items: await svc.publishFee(deps, ctxOf(req), req.body) }),
  );
  app.get(
    '/api/v1/social-applications',
    {
      schema: {
        tags,
        summary: '本组织场次的社会考生报名申请 Social applications for the organization’s sessions',
        querystring: socialApplicationQuerySchema,
        response: { 200: pageOf(socialApplicationSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listForOrg(deps, ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/social-applications/:id',
    {
      schema: {
        tags,
        summary: '社会考生报名申请（本人或该场次的培训评价组织）A social application (the learner or the organization)',
        params: idParams,
        response: { 200: socialApplicationSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.getApplication(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/social-applications/:id/documents/:kind',
    {
      schema: {
        tags,
        summary: '下载报名材料（加密存储；仅本人与该组织可见，其他人 404）Download a document (only the learner and the organization)',
        params: docParams,
        response: { 200: z.any().describe('文件内容（以附件下载）File content, as an attachment'), ...errorResponses(401, 404) },
      },
    },
    async (req, reply) => {
      const d = await svc.readDocument(deps, ctxOf(req), req.params.id, req.params.kind);
      return reply
        .header('content-type', d.mime)
        .header('content-disposition', attachmentDisposition(d.fileName))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(d.bytes);
    },
  );
  app.post(
    '/api/v1/social-applications/:id/confirm',
    {
      schema: {
        tags,
        summary: '确认报名（已缴费；占用一个名额，成为本场考生）Confirm: the candidate is registered',
        params: idParams,
        response: { 200: socialApplicationSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => svc.confirm(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/social-applications/:id/reject',
    {
      schema: {
        tags,
        summary: '不予确认（须说明原因）Reject with a reason',
        params: idParams,
        body: socialRejectSchema,
        response: { 200: socialApplicationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.reject(deps, ctxOf(req), req.params.id, req.body.reason),
  );

  // ---- the social learner ----
  app.get(
    '/api/v1/me/social-applications',
    {
      schema: {
        tags,
        summary: '我的社会考生报名申请 My social applications',
        response: { 200: z.object({ items: z.array(socialApplicationSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await svc.myApplications(deps, ctxOf(req)) }),
  );
  app.post(
    '/api/v1/me/social-applications',
    {
      schema: {
        tags,
        summary: '申请报名（仅社会学习者；费用按组织公布的社会考生费用）Apply for a session (social learners only)',
        body: socialApplicationCreateSchema,
        response: { 201: socialApplicationSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.apply(deps, ctxOf(req), req.body.sessionId)),
  );
  app.post(
    '/api/v1/me/social-applications/:id/documents',
    {
      schema: {
        tags,
        summary: '上传报名材料（multipart：kind=photo|id_scan，file=PDF/PNG/JPEG ≤ 5 MB；加密存储）Upload a document',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: socialApplicationSchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (req) => {
      const { fields, file } = await readUploadForm(req);
      const kind = z.enum(SOCIAL_DOCUMENT_KINDS).safeParse(fields.kind);
      if (!kind.success)
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'kind', message: '请选择材料类型（photo 或 id_scan）' }] });
      return svc.uploadDocument(deps, ctxOf(req), req.params.id, kind.data, file);
    },
  );
  app.post(
    '/api/v1/me/social-applications/:id/payment',
    {
      schema: {
        tags,
        summary: '缴纳考核费用并提交（记录缴费流水号；材料须齐全）Pay the fee and submit',
        params: idParams,
        body: socialPaymentSchema,
        response: { 200: socialApplicationSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => svc.pay(deps, ctxOf(req), req.params.id, req.body.paymentRef),
  );
  app.post(
    '/api/v1/me/social-applications/:id/withdrawal',
    {
      schema: {
        tags,
        summary: '撤回申请（缴费前）Withdraw before paying',
        params: idParams,
        response: { 200: socialApplicationSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => svc.withdrawApplication(deps, ctxOf(req), req.params.id),
  );
};

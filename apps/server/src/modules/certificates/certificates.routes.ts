import {
  certificatePdfJobSchema,
  certificateQuerySchema,
  certificateSchema,
  credentialCheckSchema,
  credentialJsonSchema,
  credentialResultSchema,
  issueResultSchema,
  issuerKeySchema,
  issuerSchema,
  pageOf,
  pageQuerySchema,
  revocationSchema,
  sessionCertificateSchema,
  shareLinkCreateSchema,
  shareLinkSchema,
  verifyQuerySchema,
  verifyResultSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import { onReplica } from '../../http/read-routing';
import { publicRateLimit } from '../../http/rate-limit';
import type { RouteModule } from '../../http/route-types';
import type { JobWorker } from '../../lib/job-worker';
import { attachmentDisposition } from '../files/files.rules';
import * as pdf from './certificates.pdf.service';
import type { PdfJobRow } from './certificates.pdf-jobs.queries';
import { createResignWorker } from './certificates.resign';
import * as svc from './certificates.service';
import * as trust from './certificates.trust';
import { walletCredential } from './certificates.wallet';

const tags = ['证书 Certificates'];
const publicTags = ['证书查询（公开） Public verification'];
/** A session's, job's, share link's, issuer's or status list's id. */
const idParams = z.object({ id: z.string().uuid() });
const numberParams = z.object({
  number: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{16}$/),
});
const keysSchema = z.object({ publicityDays: z.number().int(), keys: z.array(issuerKeySchema) });

export const registerCertificateRoutes: RouteModule = (app, deps) => {
  const pdfWorker = pdf.createPdfJobWorker(deps);
  app.addHook('onReady', async () => pdfWorker.start());
  app.addHook('onClose', async () => pdfWorker.stop());
  app.decorate('certificatePdfWorker', pdfWorker);
  const resignWorker = createResignWorker(deps);
  app.addHook('onReady', async () => resignWorker.start());
  app.addHook('onClose', async () => resignWorker.stop());
  app.decorate('credentialResignWorker', resignWorker);

  // ---- api-v1: organizations' systems ----
  app.post(
    '/api/v1/exam-sessions/:id/certificates',
    {
      schema: {
        tags,
        summary: '为该场次全部合格且尚未发证的考生发证（幂等）Issue certificates to every passed candidate without one',
        params: idParams,
        response: { 200: issueResultSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => svc.issueSessionCertificates(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/exam-sessions/:id/certificates',
    {
      schema: {
        tags,
        summary: '场次证书 The session’s certificates',
        params: idParams,
        querystring: pageQuerySchema,
        response: { 200: pageOf(sessionCertificateSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.listSessionCertificates(deps, ctxOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/certificates/:number/revocation',
    {
      schema: {
        tags,
        summary: '撤销证书（须说明原因；查询与状态列表即时反映）Revoke a certificate with a reason',
        params: numberParams,
        body: revocationSchema,
        response: { 200: certificateSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.revokeCertificate(deps, ctxOf(req), req.params.number, req.body.reason),
  );

  // ---- platform ----
  app.get(
    '/api/v1/certificates',
    {
      schema: {
        tags,
        summary: '证书列表（按角色范围；考生只见本人证书）Certificates in scope (a learner: their own)',
        querystring: certificateQuerySchema,
        response: { 200: pageOf(certificateSchema), ...errorResponses(400, 401) },
      },
    },
    async (req) => svc.listCertificates(deps, ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/certificates/:number',
    {
      schema: {
        tags,
        summary: '证书详情 A certificate',
        params: numberParams,
        response: { 200: certificateSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => svc.getCertificate(deps, ctxOf(req), req.params.number),
  );
  app.get(
    '/api/v1/certificates/:number/credential',
    {
      schema: {
        tags,
        summary: '下载电子证书（可验证凭证 JSON）Download the verifiable credential',
        params: numberParams,
        response: { 200: z.any().describe('application/vc+json'), ...errorResponses(401, 404) },
      },
    },
    async (req, reply) => {
      const text = await svc.credentialFile(deps, ctxOf(req), req.params.number);
      return reply
        .type('application/vc+json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.number}.credential.json"`)
        .send(Buffer.from(text, 'utf8'));
    },
  );
  app.post(
    '/api/v1/certificates/:number/wallet-credential',
    {
      schema: {
        tags,
        summary:
          '持证人下载钱包兼容版电子证书（增加 eddsa-rdfc-2022 证明）The holder’s credential with a second, eddsa-rdfc-2022 proof for wallets',
        params: numberParams,
        response: { 200: z.any().describe('application/vc+json'), ...errorResponses(401, 404) },
      },
    },
    async (req, reply) => {
      const text = await walletCredential(deps, ctxOf(req), req.params.number);
      return reply
        .type('application/vc+json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.number}.wallet.credential.json"`)
        .send(Buffer.from(text, 'utf8'));
    },
  );
  app.get(
    '/api/v1/certificates/:number/pdf',
    {
      schema: {
        tags,
        summary: '下载证书 PDF（A4 横向，含查验二维码；持证人、所在院校、发证机构）Download the printable certificate (R6.4)',
        description: '撤销的证书带“已撤销”标记及撤销日期、原因。二维码指向公开的证书查验页 /verify/c/{verificationCode}。',
        params: numberParams,
        response: { 200: z.any().describe('application/pdf'), ...errorResponses(401, 404) },
      },
    },
    async (req, reply) => {
      const d = await pdf.certificatePdfOf(deps, ctxOf(req), req.params.number);
      return reply.header('content-type', 'application/pdf').header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );
  app.post(
    '/api/v1/exam-sessions/:id/certificate-pdf-jobs',
    {
      schema: {
        tags,
        summary: '批量打印本场次证书（后台生成 PDF，每证一页）Queue the session’s batch certificate PDF (R6.4)',
        description:
          '202：已排队，用 GET /api/v1/certificate-pdf-jobs/{id} 查看进度（done/total），完成后 GET …/file 下载。' +
          '本场次已有排队或生成中的任务时返回该任务（200）。尚未发证：409 CERTIFICATE_PDF_EMPTY。',
        params: idParams,
        response: { 200: certificatePdfJobSchema, 202: certificatePdfJobSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const { job, queued } = await pdf.createPdfJob(deps, ctxOf(req), req.params.id);
      if (queued) pdfWorker.kick();
      return reply.status(queued ? 202 : 200).send(job);
    },
  );
  app.get(
    '/api/v1/exam-sessions/:id/certificate-pdf-jobs',
    {
      schema: {
        tags,
        summary: '本场次最近的批量打印任务 The session’s latest batch PDF jobs',
        params: idParams,
        response: { 200: z.object({ items: z.array(certificatePdfJobSchema) }), ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => pdf.listPdfJobs(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/certificate-pdf-jobs/:id',
    {
      schema: {
        tags,
        summary: '批量打印任务（状态、进度）A batch PDF job: status and progress',
        params: idParams,
        response: { 200: certificatePdfJobSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => pdf.getPdfJob(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/certificate-pdf-jobs/:id/file',
    {
      schema: {
        tags,
        summary: '下载批量打印的证书 PDF Download the batch PDF',
        params: idParams,
        response: { 200: z.any().describe('application/pdf'), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const d = await pdf.pdfJobFile(deps, ctxOf(req), req.params.id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );
  app.get(
    '/api/v1/certificates/:number/share-links',
    {
      schema: {
        tags,
        summary: '持证人的分享链接 The holder’s share links',
        params: numberParams,
        response: { 200: z.array(shareLinkSchema), ...errorResponses(401, 404) },
      },
    },
    async (req) => svc.listShareLinks(deps, ctxOf(req), req.params.number),
  );
  app.post(
    '/api/v1/certificates/:number/share-links',
    {
      schema: {
        tags,
        summary: '创建分享链接（有效期 30–180 天）Create a share link valid 30–180 days',
        params: numberParams,
        body: shareLinkCreateSchema,
        response: { 201: shareLinkSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createShareLink(deps, ctxOf(req), req.params.number, req.body.days)),
  );
  app.post(
    '/api/v1/share-links/:id/revocation',
    {
      schema: {
        tags,
        summary: '提前撤销分享链接 Revoke a share link early',
        params: idParams,
        response: { 200: shareLinkSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => svc.revokeShareLink(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/issuer-keys',
    {
      schema: {
        tags,
        summary: '本机构签名密钥与公示期设置 The organization’s signing keys and publicity period',
        response: { 200: keysSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.myKeys(deps, ctxOf(req)),
  );
  app.post(
    '/api/v1/issuer-keys/rotation',
    {
      schema: {
        tags,
        summary: '轮换签名密钥（旧公钥继续公布，已发证书仍可验证）Rotate the signing key',
        response: { 200: keysSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.rotateMyKey(deps, ctxOf(req)),
  );
  app.put(
    '/api/v1/certificate-settings',
    {
      schema: {
        tags,
        summary: '设置成绩公示期（天，0–60）Set the publicity period in days',
        body: z.object({ publicityDays: z.number().int().min(0).max(60) }),
        response: { 200: keysSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.setPublicityDays(deps, ctxOf(req), req.body.publicityDays),
  );

  // ---- api-v1: public, no account ----
  const verifyLimit = { rateLimit: { ...publicRateLimit(deps), max: deps.config.verifyRateLimitMax, timeWindow: 60_000 } };
  app.get(
    '/api/v1/public/certificates/verify',
    {
      config: verifyLimit,
      schema: {
        tags: publicTags,
        summary: '证书查询：证书编号 + 持证人姓名 Verify by number and holder name',
        querystring: verifyQuerySchema,
        response: { 200: verifyResultSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (req) => onReplica(deps, req, (d) => svc.verifyCertificate(d, req.query.number, req.query.name)),
  );
  app.get(
    '/api/v1/public/credentials/:code',
    {
      config: verifyLimit,
      schema: {
        tags: publicTags,
        summary: '扫码查询（二维码指向此处）Verify by the QR code’s verification code',
        params: z.object({ code: z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{16,64}$/) }),
        response: { 200: credentialResultSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (req) => onReplica(deps, req, (d) => svc.credentialByCode(d, req.params.code)),
  );
  app.get(
    '/api/v1/public/share-links/:token',
    {
      config: verifyLimit,
      schema: {
        tags: publicTags,
        summary: '持证人分享的证书（无需姓名）A certificate shared by its holder',
        params: z.object({ token: z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{16,64}$/) }),
        response: { 200: credentialResultSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (req) => svc.openShareLink(deps, req.params.token),
  );
  app.post(
    '/api/v1/public/credential-checks',
    {
      config: verifyLimit,
      schema: {
        tags: publicTags,
        summary: '校验电子证书文件（格式、签名、签发机构、信任列表、撤销状态）Check a credential file step by step',
        body: credentialJsonSchema,
        response: { 200: credentialCheckSchema, ...errorResponses(400, 429) },
      },
    },
    async (req) => trust.checkCredential(deps, req.body),
  );
  app.get(
    '/api/v1/public/issuers/:id',
    {
      schema: {
        tags: publicTags,
        summary: '签发机构的 did:web 文档及其全部公钥（轮换后旧公钥仍保留）An issuer’s did:web document with all its keys',
        params: idParams,
        response: { 200: issuerSchema, ...errorResponses(400, 404) },
      },
    },
    async (req) => onReplica(deps, req, (d) => svc.issuer(d, req.params.id)),
  );
  // did:web resolution (R6.6): did:web:<host>:issuers:<id> → /issuers/<id>/did.json; did:web:<host> → /.well-known/did.json
  app.get(
    '/issuers/:id/did.json',
    {
      schema: {
        tags: publicTags,
        summary: '签发机构的 did:web 文档 An issuer’s did:web document',
        params: idParams,
        response: { 200: issuerSchema, ...errorResponses(400, 404) },
      },
    },
    async (req, reply) => reply.type('application/did+json').send(await onReplica(deps, req, (d) => svc.issuer(d, req.params.id))),
  );
  app.get(
    '/.well-known/did.json',
    {
      schema: {
        tags: publicTags,
        summary: '平台的 did:web 文档（签署信任列表的公钥）The platform’s did:web document: the keys that sign the trust list',
        response: { 200: issuerSchema },
      },
    },
    async (_req, reply) => reply.type('application/did+json').send(await trust.platformDidDocument(deps)),
  );
  app.get(
    '/api/v1/public/trust-list',
    {
      schema: {
        tags: publicTags,
        summary:
          '全国培训评价组织信任列表（已签名，可下载供离线验证）The signed national trust list of evaluation organizations and their keys, for offline verification',
        response: { 200: credentialJsonSchema },
      },
    },
    async (req, reply) => {
      const list = await trust.signedTrustList(deps);
      if ((req.query as { download?: string }).download !== undefined) {
        reply.header('content-disposition', 'attachment; filename="onex-trust-list.json"');
      }
      return reply.type('application/vc+json; charset=utf-8').send(list);
    },
  );
  app.get(
    '/api/v1/public/status-lists/:id',
    {
      schema: {
        tags: publicTags,
        summary: '证书撤销状态列表（BitstringStatusListCredential，已签名）The signed revocation status list',
        params: idParams,
        response: { 200: credentialJsonSchema, ...errorResponses(400, 404) },
      },
    },
    async (req) => onReplica(deps, req, (d) => svc.statusListCredential(d, req.params.id)),
  );
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The batch certificate PDF job worker (tests wait for it to be idle). */
    certificatePdfWorker: JobWorker<PdfJobRow>;
    /** Re-signs credentials of the format before issue 12 (tests wait for it to be idle). */
    credentialResignWorker: JobWorker<true>;
  }
}

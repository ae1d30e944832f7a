import { feeNoticeInputSchema, feeNoticeQuerySchema, feeNoticeSchema, pageOf } from '@onex/shared';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './fee-notices.service';

const tags = ['收费公告 Fee notices'];

export const registerFeeNoticeRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/public/fee-notices',
    {
      schema: {
        tags,
        summary:
          '培训评价组织公布的收费公告（各证书等级院校试点与社会考生收费标准、执行日期；无需登录）Organizations’ fee notices per level (public)',
        querystring: feeNoticeQuerySchema,
        response: { 200: pageOf(feeNoticeSchema), ...errorResponses(400) },
      },
    },
    async (req) => svc.listPublicNotices(deps, req.query),
  );
  app.get(
    '/api/v1/fee-notices',
    {
      schema: {
        tags,
        summary: '收费公告：培训评价组织看本组织的，其他用户看公开的 Fee notices: an organization its own, others the public ones',
        querystring: feeNoticeQuerySchema,
        response: { 200: pageOf(feeNoticeSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => svc.listNotices(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/fee-notices',
    {
      schema: {
        tags,
        summary:
          '公布某证书等级的收费公告（院校试点与社会考生收费，均不得高于该等级国家收费上限，R1.2；执行日期不早于今天）Publish a fee notice for a level',
        body: feeNoticeInputSchema,
        response: { 201: feeNoticeSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.publishNotice(deps, ctxOf(req), req.body)),
  );
};

import {
  passRateFlagSchema,
  passRateOverrideRequestSchema,
  passRateQuerySchema,
  passRateReportSchema,
  passRateRestrictionPageSchema,
  passRateRestrictionQuerySchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './pass-rate-override.service';
import { passRateReport, passRateRestrictions } from './pass-rates.service';
import { passRateWorkbook } from './pass-rates.xlsx';

export const registerPassRateRoutes: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/filings/:id/pass-rate-override',
    {
      schema: {
        tags: ['项目备案 Pilot filings'],
        summary: '通过率限制特批（省级管理员，须填写理由）Override the pass-rate restriction (R3.9)',
        description: '上一年度证书通过率低于阈值（默认 90%，粤生态职院〔2023〕18号 第十二条）的学校，本年度申报该证书须经省级特批。',
        params: z.object({ id: z.string().uuid() }),
        body: passRateOverrideRequestSchema,
        response: { 200: passRateFlagSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.overridePassRate(deps, ctxOf(req), req.params.id, req.body.reason),
  );

  app.get(
    '/api/v1/pass-rates',
    {
      schema: {
        tags: ['考核成绩 Results'],
        summary: '考核通过率（按场次、试点、院校、证书、等级、省份或年度）Pass rates (R5.6)',
        description:
          '按当前有效成绩统计（被更正的成绩不计）；培训评价组织看本组织的证书，院校看本校，省级看本省，国家级看全部。groupBy=session|pilot|school|certificate|level|province|year。' +
          'format=xlsx 时返回同一表格的 .xlsx（每组一行、合计行，低于 90% 标注）。',
        querystring: passRateQuerySchema,
        response: { 200: passRateReportSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const r = await passRateReport(deps, ctxOf(req), req.query);
      if (new URL(req.url, 'http://x').searchParams.get('format') !== 'xlsx') return r;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="pass-rates.xlsx"')
        .send((await passRateWorkbook(r)) as never); // a file, not the JSON schema
    },
  );
  app.get(
    '/api/v1/pass-rate-restrictions',
    {
      schema: {
        tags: ['项目备案 Pilot filings'],
        summary: '通过率限制与特批（上一年度通过率低于阈值的备案）Filings restricted by the pass rate, and the overrides granted (R3.9)',
        description:
          '每项：备案（学校 × 证书 × 年度）、上一年度通过率（低于本轮阈值，默认 90%）、是否已特批及理由、特批人、时间。' +
          'state=restricted 仅待特批，state=overridden 仅已特批。范围同备案列表（省级本省、地市本市、院校本校）。支持 format=xlsx。',
        querystring: passRateRestrictionQuerySchema,
        response: { 200: passRateRestrictionPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => passRateRestrictions(deps, ctxOf(req), req.query),
  );
};

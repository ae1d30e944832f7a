import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { attachmentDisposition } from '../files/files.rules';
import * as svc from './filing-exports.service';

const tags = ['项目备案 Pilot filings'];
const idParams = z.object({ id: z.string().uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const registerFilingExportRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/filing-rounds/:id/summary.xlsx',
    {
      schema: {
        tags,
        summary: '导出本轮试点院校汇总表（.xlsx，省级 / 国家级）Export the round’s summary table (R3.10)',
        description:
          '列：序号、试点院校名称、学校类型、参与试点证书及等级、参与试点专业数量、参与试点专业名称、参与试点学生规模、备注；每校一行，仅含审核通过的备案。',
        params: idParams,
        response: { 200: z.any().describe('.xlsx'), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const d = await svc.roundSummaryXlsx(deps, ctxOf(req), req.params.id);
      return reply.header('content-type', XLSX).header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );
  app.get(
    '/api/v1/filings/:id/filing-form.pdf',
    {
      schema: {
        tags,
        summary: '打印项目备案表（附件1，PDF）Printable filing form',
        params: idParams,
        response: { 200: z.any().describe('application/pdf'), ...errorResponses(401, 404) },
      },
    },
    async (req, reply) => {
      const d = await svc.filingFormPdfOf(deps, ctxOf(req), req.params.id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );
  app.get(
    '/api/v1/filings/:id/feasibility-report.pdf',
    {
      schema: {
        tags,
        summary: '打印项目论证报告（附件2，PDF）Printable feasibility report',
        params: idParams,
        response: { 200: z.any().describe('application/pdf'), ...errorResponses(401, 404) },
      },
    },
    async (req, reply) => {
      const d = await svc.feasibilityReportPdfOf(deps, ctxOf(req), req.params.id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );
};

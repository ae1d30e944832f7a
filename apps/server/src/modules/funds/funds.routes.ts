import {
  BUDGET_ACTIONS,
  allocationInputSchema,
  allocationSchema,
  budgetActionSchema,
  budgetAdjustmentInputSchema,
  budgetInputSchema,
  budgetLinesInputSchema,
  budgetQuerySchema,
  budgetSchema,
  fundEntrySchema,
  fundSummaryQuerySchema,
  fundSummaryRowSchema,
  overdueSettlementSchema,
  incomeInputSchema,
  reversalInputSchema,
  shareAdjustSchema,
  spendingInputSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { attachmentDisposition } from '../files/files.rules';
import { readUploadForm } from '../files/files.upload';
import * as alloc from './funds.allocation';
import * as report from './funds.report';
import * as svc from './funds.service';

const tags = ['专项经费 Special funds'];
const idParams = z.object({ id: z.string().uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const registerFundRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/fund-budgets',
    {
      schema: {
        tags,
        summary: '专项经费预算（按试点项目与年度；学校见本校，省级见本省）Budgets per pilot and year',
        querystring: budgetQuerySchema,
        response: { 200: z.object({ items: z.array(budgetSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await svc.listBudgets(deps, ctxOf(req), req.query) }),
  );
  app.post(
    '/api/v1/fund-budgets',
    {
      schema: {
        tags,
        summary: '编制预算（仅已批准且未终止的试点）Draft a budget for an approved pilot',
        body: budgetInputSchema,
        response: { 201: budgetSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.createBudget(deps, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/fund-budgets/:id',
    { schema: { tags, summary: '预算详情 A budget', params: idParams, response: { 200: budgetSchema, ...errorResponses(401, 403, 404) } } },
    async (req) => svc.getBudget(deps, ctxOf(req), req.params.id),
  );
  app.put(
    '/api/v1/fund-budgets/:id/lines',
    {
      schema: {
        tags,
        summary: '修改预算明细（草稿或退回时）Change the lines of a draft or returned budget',
        params: idParams,
        body: budgetLinesInputSchema,
        response: { 200: budgetSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.updateLines(deps, ctxOf(req), req.params.id, req.body.lines),
  );
  app.post(
    '/api/v1/fund-budgets/:id/:action',
    {
      schema: {
        tags,
        summary: '审批：二级学院审核 → 教务部审核 → 校领导审批；或退回 Approval chain step',
        params: z.object({ id: z.string().uuid(), action: z.enum(BUDGET_ACTIONS) }),
        body: budgetActionSchema.optional(),
        response: { 200: budgetSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.actOnBudget(deps, ctxOf(req), req.params.id, req.params.action, req.body?.comment ?? null),
  );
  app.post(
    '/api/v1/fund-budgets/:id/adjustments',
    {
      schema: {
        tags,
        summary:
          '提出预算调整（调剂或追加预算明细，须说明理由；同样报二级学院、教务部审核和校领导审批，批准后新明细生效）Propose a budget adjustment',
        params: idParams,
        body: budgetAdjustmentInputSchema,
        response: { 201: budgetSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.proposeAdjustment(deps, ctxOf(req), req.params.id, req.body)),
  );
  app.put(
    '/api/v1/fund-budget-adjustments/:id',
    {
      schema: {
        tags,
        summary: '修改预算调整（草稿或退回时）Change a draft or returned budget adjustment',
        params: idParams,
        body: budgetAdjustmentInputSchema,
        response: { 200: budgetSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.updateAdjustment(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/fund-budget-adjustments/:id/:action',
    {
      schema: {
        tags,
        summary: '预算调整审批：二级学院审核 → 教务部审核 → 校领导审批；或退回 Adjustment approval step',
        params: z.object({ id: z.string().uuid(), action: z.enum(BUDGET_ACTIONS) }),
        body: budgetActionSchema.optional(),
        response: { 200: budgetSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.actOnAdjustment(deps, ctxOf(req), req.params.id, req.params.action, req.body?.comment ?? null),
  );
  app.get(
    '/api/v1/fund-budgets/:id/entries',
    {
      schema: {
        tags,
        summary: '经费台账 The ledger of a budget',
        params: idParams,
        response: { 200: z.object({ items: z.array(fundEntrySchema) }), ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => ({ items: await svc.listEntries(deps, ctxOf(req), req.params.id) }),
  );
  app.post(
    '/api/v1/fund-budgets/:id/spending',
    {
      schema: {
        tags,
        summary: '记录支出（禁止用途与超出预算明细被拒绝并记入审计日志；超支须先经预算调整审批）Record spending',
        params: idParams,
        body: spendingInputSchema,
        response: { 201: fundEntrySchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.recordSpending(deps, ctxOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/fund-budgets/:id/evidence',
    {
      schema: {
        tags,
        summary:
          '上传凭证（multipart：file=发票或收据，PDF、PNG 或 JPEG，按内容检查，最大 10 MB），返回文件 id 供记账时引用 Upload evidence',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({ id: z.string(), sha256: z.string(), size: z.number(), name: z.string() }),
          ...errorResponses(400, 401, 403, 404, 409, 413),
        },
      },
    },
    async (req, reply) => {
      const { file } = await readUploadForm(req);
      return reply.code(201).send(await svc.storeEvidence(deps, ctxOf(req), req.params.id, file));
    },
  );
  app.post(
    '/api/v1/fund-budgets/:id/income',
    {
      schema: {
        tags,
        summary: '记录收入（考务服务费、省级奖补）Record income',
        params: idParams,
        body: incomeInputSchema,
        response: { 201: fundEntrySchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.recordIncome(deps, ctxOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/fund-entries/:id/reverse',
    {
      schema: {
        tags,
        summary: '冲正（台账只增不改）Reverse an entry with a reason',
        params: idParams,
        body: reversalInputSchema,
        response: { 201: fundEntrySchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.reverseEntry(deps, ctxOf(req), req.params.id, req.body.reason)),
  );

  // ---- provincial allocation (R4.6) ----
  const allocationItem = z.object({ id: z.string(), provinceCode: z.string(), year: z.number(), totalFen: z.number(), status: z.string() });
  app.get(
    '/api/v1/fund-allocations',
    {
      schema: {
        tags,
        summary: '因素法分配列表 Allocations',
        response: { 200: z.object({ items: z.array(allocationItem) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await alloc.listAllocations(deps, ctxOf(req)) }),
  );
  app.post(
    '/api/v1/fund-allocations',
    {
      schema: {
        tags,
        summary: '按因素法测算（总额与权重由省级设定）Compute an allocation',
        body: allocationInputSchema,
        response: { 201: allocationSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await alloc.createAllocation(deps, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/fund-allocations/:id',
    {
      schema: {
        tags,
        summary: '分配结果及说明 An allocation with its explanation',
        params: idParams,
        response: { 200: allocationSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => alloc.getAllocation(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/fund-allocations/:id/adjust',
    {
      schema: {
        tags,
        summary: '调整某校份额（须说明理由）Adjust a share with a reason',
        params: idParams,
        body: shareAdjustSchema,
        response: { 200: allocationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => alloc.adjustShare(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/fund-allocations/:id/publish',
    {
      schema: {
        tags,
        summary: '发布分配结果 Publish',
        params: idParams,
        response: { 200: allocationSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => alloc.publishAllocation(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/fund-allocations/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出分配表（.xlsx）Export',
        params: idParams,
        response: { 200: z.any().describe('.xlsx'), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const d = await alloc.allocationWorkbook(deps, ctxOf(req), req.params.id);
      return reply.header('content-type', XLSX).header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );
};

export const registerFundViewRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/fund-summary',
    {
      schema: {
        tags,
        summary: '经费概览：按试点 / 学校 / 省份，按年度与类别的预算、支出、余额 Budget, spent and balance',
        querystring: fundSummaryQuerySchema,
        response: { 200: z.object({ items: z.array(fundSummaryRowSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await report.fundSummary(deps, ctxOf(req), req.query) }),
  );
  app.get(
    '/api/v1/fund-overdue-settlements',
    {
      schema: {
        tags,
        summary: '逾期未结算的考核费用（考后超过规定天数）Exam fees overdue for settlement',
        response: { 200: z.object({ days: z.number().int(), items: z.array(overdueSettlementSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => report.overdueSettlements(deps, ctxOf(req)),
  );
  const reportQuery = z.object({ year: z.coerce.number().int().optional() });
  app.get(
    '/api/v1/schools/:id/fund-report.xlsx',
    {
      schema: {
        tags,
        summary: '学校专项经费报告（.xlsx）',
        params: idParams,
        querystring: reportQuery,
        response: { 200: z.any().describe('.xlsx'), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const d = await report.schoolReportXlsx(deps, ctxOf(req), req.params.id, req.query.year);
      return reply.header('content-type', XLSX).header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );
  app.get(
    '/api/v1/schools/:id/fund-report.pdf',
    {
      schema: {
        tags,
        summary: '学校专项经费报告（PDF）',
        params: idParams,
        querystring: reportQuery,
        response: { 200: z.any().describe('PDF'), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const d = await report.schoolReportPdf(deps, ctxOf(req), req.params.id, req.query.year);
      return reply.header('content-type', 'application/pdf').header('content-disposition', attachmentDisposition(d.filename)).send(d.bytes);
    },
  );
};

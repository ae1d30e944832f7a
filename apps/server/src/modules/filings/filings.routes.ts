import {
  createFilingRoundSchema,
  createFilingSchema,
  filingAttachmentSchema,
  filingDetailSchema,
  filingQuerySchema,
  filingRoundQuerySchema,
  filingRoundSchema,
  filingRoundTransitionSchema,
  filingSectionSchema,
  filingSummarySchema,
  filingTransitionRequestSchema,
  pageOf,
  ruleReportSchema,
  updateFilingRoundSchema,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { readUploadForm } from '../files/files.upload';
import * as svc from './filings.service';
import * as rounds from './rounds.service';

const tags = ['项目备案 Pilot filings'];
const idParams = z.object({ id: z.string().uuid() });

export const registerFilingRoutes: RouteModule = (app, deps) => {
  // ---- rounds (R3.1) ----
  app.get(
    '/api/v1/filing-rounds',
    {
      schema: {
        tags,
        summary: '备案轮次列表 Filing rounds (province: all of its own; others: open/closed/published of their province)',
        querystring: filingRoundQuerySchema,
        response: { 200: pageOf(filingRoundSchema), ...errorResponses(400, 401) },
      },
    },
    async (req) => rounds.listRounds(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/filing-rounds',
    {
      schema: {
        tags,
        summary: '新建备案轮次（省级管理员）Create a filing round',
        body: createFilingRoundSchema,
        response: { 201: filingRoundSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await rounds.createRound(deps, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/filing-rounds/:id',
    {
      schema: {
        tags,
        summary: '备案轮次（含服务器时间 now，用于倒计时）A filing round',
        params: idParams,
        response: { 200: filingRoundSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => rounds.getRound(deps, ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/filing-rounds/:id',
    {
      schema: {
        tags,
        summary: '修改备案轮次 Update a filing round',
        params: idParams,
        body: updateFilingRoundSchema,
        response: { 200: filingRoundSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => rounds.updateRound(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/filing-rounds/:id/transitions',
    {
      schema: {
        tags,
        summary: '开放 / 截止 / 重新开放备案轮次 Open, close or reopen a round',
        params: idParams,
        body: filingRoundTransitionSchema,
        response: { 200: filingRoundSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => rounds.transitionRound(deps, ctxOf(req), req.params.id, req.body.action),
  );
  app.post(
    '/api/v1/filing-rounds/:id/publication',
    {
      schema: {
        tags,
        summary: '公布本轮审核结果 Publish the round’s decided filings',
        params: idParams,
        response: { 200: z.object({ published: z.number().int() }), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => svc.publishRound(deps, ctxOf(req), req.params.id),
  );

  // ---- filings (R3.2–R3.6) ----
  app.get(
    '/api/v1/filings',
    {
      schema: {
        tags,
        summary: '备案列表（按范围）Filings in scope',
        querystring: filingQuerySchema,
        response: { 200: pageOf(filingSummarySchema), ...errorResponses(400, 401) },
      },
    },
    async (req) => svc.listFilings(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/filings',
    {
      schema: {
        tags,
        summary: '新建备案草稿（院校）Start a filing draft',
        body: createFilingSchema,
        response: { 201: filingDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createFiling(deps, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/filings/:id',
    {
      schema: {
        tags,
        summary: '备案详情（含时间线、附件、专家评分）A filing',
        params: idParams,
        response: { 200: filingDetailSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => svc.getFiling(deps, ctxOf(req), req.params.id),
  );
  app.put(
    '/api/v1/filings/:id/sections/:section',
    {
      schema: {
        tags,
        summary: '保存备案表的一栏（草稿可不完整）Save one section of a draft',
        description: '各栏结构见 @onex/shared FILING_SECTION_SCHEMAS；basics 与 plan 须完整，其他栏可分次填写，提交时检查完整性。',
        params: z.object({ id: z.string().uuid(), section: filingSectionSchema }),
        body: z.record(z.string(), z.unknown()),
        response: { 200: filingDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (req) => svc.saveSection(deps, ctxOf(req), req.params.id, req.params.section, req.body),
  );
  app.get(
    '/api/v1/filings/:id/rule-report',
    {
      schema: {
        tags,
        summary: '提交前检查（实时）Rule report, live',
        params: idParams,
        response: { 200: ruleReportSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => svc.getRuleReport(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/filings/:id/attachments',
    {
      schema: {
        tags,
        summary: '上传附件（multipart：kind 与 file（PDF））Upload an attachment; again = a new version',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: filingAttachmentSchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.uploadAttachment(deps, ctxOf(req), req.params.id, () => readUploadForm(req))),
  );
  app.post(
    '/api/v1/filings/:id/transitions',
    {
      schema: {
        tags,
        summary: '备案流程操作（提交、受理、初审、分配专家、评分、审核、退回）A workflow action',
        description: '工作流见 @onex/shared FILING_TRANSITIONS。',
        params: idParams,
        body: filingTransitionRequestSchema,
        response: { 200: filingDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => svc.transitionFiling(deps, ctxOf(req), req.params.id, req.body),
  );
};

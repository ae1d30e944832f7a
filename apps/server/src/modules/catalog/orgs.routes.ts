import {
  contactInputSchema,
  contactSchema,
  createEvaluationOrgSchema,
  evaluationOrgDetailSchema,
  evaluationOrgSchema,
  pageOf,
  pageQuerySchema,
  updateEvaluationOrgSchema,
  text,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './orgs.service';

const tags = ['培训评价组织 Evaluation organizations'];
const idParams = z.object({ id: z.string().uuid() });
const contactParams = z.object({ id: z.string().uuid(), contactId: z.string().uuid() });

export const registerEvaluationOrgRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/evaluation-orgs',
    {
      schema: {
        tags,
        summary: '培训评价组织列表 List evaluation organizations',
        querystring: pageQuerySchema.extend({ q: text().max(64).optional() }),
        response: { 200: pageOf(evaluationOrgSchema), ...errorResponses(400, 401) },
      },
    },
    async (req) => svc.listOrgs(deps, ctxOf(req), req.query, req.query.page, req.query.pageSize),
  );

  app.post(
    '/api/v1/evaluation-orgs',
    {
      schema: {
        tags,
        summary: '新增培训评价组织（国家管理员）Create an evaluation organization',
        body: createEvaluationOrgSchema,
        response: { 201: evaluationOrgDetailSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createOrg(deps, ctxOf(req), req.body)),
  );

  app.get(
    '/api/v1/evaluation-orgs/:id',
    {
      schema: {
        tags,
        summary: '培训评价组织详情（含联系人）Organization with contacts',
        params: idParams,
        response: { 200: evaluationOrgDetailSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => svc.getOrg(deps, ctxOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/evaluation-orgs/:id',
    {
      schema: {
        tags,
        summary: '修改培训评价组织（国家：全部字段；本组织：简介、地址、邮编、网站、简称）Edit an organization',
        params: idParams,
        body: updateEvaluationOrgSchema,
        response: { 200: evaluationOrgDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => svc.updateOrg(deps, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/evaluation-orgs/:id/contacts',
    {
      schema: {
        tags,
        summary: '联系人 Contacts',
        params: idParams,
        response: { 200: z.object({ items: z.array(contactSchema) }), ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => ({ items: await svc.listContacts(deps, ctxOf(req), req.params.id) }),
  );

  app.post(
    '/api/v1/evaluation-orgs/:id/contacts',
    {
      schema: {
        tags,
        summary: '新增联系人 Add a contact',
        params: idParams,
        body: contactInputSchema,
        response: { 201: contactSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createContact(deps, ctxOf(req), req.params.id, req.body)),
  );

  app.patch(
    '/api/v1/evaluation-orgs/:id/contacts/:contactId',
    {
      schema: {
        tags,
        summary: '修改联系人 Edit a contact',
        params: contactParams,
        body: contactInputSchema.partial(),
        response: { 200: contactSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.updateContact(deps, ctxOf(req), req.params.id, req.params.contactId, req.body),
  );

  app.delete(
    '/api/v1/evaluation-orgs/:id/contacts/:contactId',
    {
      schema: {
        tags,
        summary: '删除联系人 Remove a contact',
        params: contactParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await svc.deleteContact(deps, ctxOf(req), req.params.id, req.params.contactId);
      return reply.status(204).send(null);
    },
  );
};

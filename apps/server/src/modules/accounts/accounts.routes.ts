import {
  accountSchema,
  apiTokenCreateSchema,
  apiTokenSchema,
  createUserSchema,
  pageOf,
  pageQuerySchema,
  rawText,
  roleSchema,
  text,
} from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './accounts.service';

const tags = ['账号 Accounts'];
const idParams = z.object({ id: z.string().uuid() });

export const registerAccountRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: '账号列表（本辖区）List accounts in scope',
        querystring: pageQuerySchema.extend({ q: text().max(64).optional(), role: roleSchema.optional() }),
        response: { 200: pageOf(accountSchema), ...errorResponses(401, 403) },
      },
    },
    async (req) => svc.listAccounts(deps, ctxOf(req), req.query, req.query.page, req.query.pageSize),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: '创建账号 Create an account',
        body: createUserSchema,
        response: { 201: accountSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createAccount(deps, ctxOf(req), req.body)),
  );

  app.get(
    '/api/v1/users/scope-options',
    {
      schema: {
        tags,
        summary: '可分配的范围（省、市、学校、二级学院、组织）Scopes an administrator can assign',
        response: {
          200: z.object({
            provinces: z.array(z.object({ code: z.string(), name: z.string() })),
            cities: z.array(z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable() })),
            schools: z.array(z.object({ id: z.string(), name: z.string(), provinceCode: z.string(), cityCode: z.string() })),
            departments: z.array(z.object({ id: z.string(), name: z.string(), schoolId: z.string() })),
            orgs: z.array(z.object({ id: z.string(), name: z.string() })),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (req) => svc.accountScopeOptions(deps, ctxOf(req)),
  );

  app.post(
    '/api/v1/users/:id/status',
    {
      schema: {
        tags,
        summary: '停用或启用账号 Disable or enable an account',
        params: idParams,
        body: z.object({ status: z.enum(['active', 'disabled']) }),
        response: { 200: accountSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.setAccountStatus(deps, ctxOf(req), req.params.id, req.body.status),
  );

  app.post(
    '/api/v1/users/:id/password',
    {
      schema: {
        tags,
        summary: '重置账号密码 Reset an account password',
        params: idParams,
        body: z.object({ newPassword: rawText(128).min(1) }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await svc.resetAccountPassword(deps, ctxOf(req), req.params.id, req.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  const tokenTags = ['API 令牌 API tokens'];
  app.post(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: tokenTags,
        summary: '创建 API 令牌（仅显示一次）Create an API token (shown once)',
        body: apiTokenCreateSchema,
        response: { 201: z.object({ id: z.string(), token: z.string() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createApiToken(deps, ctxOf(req), req.body.name)),
  );

  app.get(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: tokenTags,
        summary: '我的 API 令牌 My API tokens',
        response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await svc.listApiTokens(deps, ctxOf(req)) }),
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      schema: {
        tags: tokenTags,
        summary: '撤销 API 令牌 Revoke an API token',
        params: idParams,
        response: { 204: z.null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await svc.revokeApiToken(deps, ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};

import { changePasswordSchema, loginRequestSchema, loginResponseSchema, meResponseSchema } from '@onex/shared';
import { z } from 'zod';
import { requireActor, toUserDto } from '../../auth/actor';
import { SESSION_COOKIE, ctxOf } from '../../http/auth-hook';
import type { RouteModule } from '../../http/route-types';
import { errorResponses } from '../../http/openapi';
import { changePassword, describeScope, login, logout } from './auth.service';

const tags = ['认证 Auth'];

export const registerAuthRoutes: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: '登录 Log in',
        body: loginRequestSchema,
        response: { 200: loginResponseSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const result = await login(deps, ctxOf(req), req.body, req.headers['user-agent'] ?? null);
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        expires: result.expiresAt,
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: '退出登录 Log out', response: { 204: z.null(), ...errorResponses(401, 403) } } },
    async (req, reply) => {
      await logout(deps, ctxOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags, summary: '当前用户 Current user', response: { 200: meResponseSchema, ...errorResponses(401) } } },
    async (req) => {
      const actor = requireActor(ctxOf(req));
      return {
        user: toUserDto(actor),
        scopeLabel: await describeScope(deps, actor),
        ...(req.csrfToken ? { csrfToken: req.csrfToken } : {}),
      };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags,
        summary: '修改密码 Change password',
        body: changePasswordSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await changePassword(deps, ctxOf(req), req.body);
      return reply.status(204).send(null);
    },
  );
};

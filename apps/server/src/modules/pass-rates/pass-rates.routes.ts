import { passRateFlagSchema, passRateOverrideRequestSchema } from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './pass-rate-override.service';

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
};

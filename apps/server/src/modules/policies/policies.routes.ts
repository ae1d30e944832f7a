import { createPolicyDocumentSchema, createPolicyRuleSchema, effectivePoliciesDtoSchema, policyDocumentDtoSchema } from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './policies.service';

const TAG = '政策文件与规则 Policies';

export const registerPolicyRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/policies/effective',
    {
      schema: {
        tags: [TAG],
        summary: '某校适用的政策文件、备案规则、收费上限与提示文字 Policies in force for a school (issue 18)',
        description:
          '规则、提示文字和默认值只在其来源文件的适用范围内生效并引用该文件：国家（003）、省级（000 广东、002 湖北）、学校（001 广东生态工程职业学院、004 广州城市职业学院），' +
          '以及省级、学校在平台上添加的文件。收费上限默认为“试点期间成本上限（据 001 第十七条）”，省级文件可规定本省上限替代。院校账号只能查看本校。',
        querystring: z.object({
          schoolId: z.string().uuid().optional(),
          provinceCode: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
        }),
        response: { 200: effectivePoliciesDtoSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => svc.getEffectivePolicies(deps, ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/policies/documents',
    {
      schema: {
        tags: [TAG],
        summary: '政策文件列表（本范围）Policy documents of the actor’s scope',
        response: { 200: z.array(policyDocumentDtoSchema), ...errorResponses(401) },
      },
    },
    async (req) => svc.listPolicyDocuments(deps, ctxOf(req)),
  );
  app.post(
    '/api/v1/policies/documents',
    {
      schema: {
        tags: [TAG],
        summary: '添加本省或本校的政策文件 Add a provincial or school document',
        description: '省级管理员可添加本省或本省学校的文件，院校管理员可添加本校文件，国家级管理员可添加任何范围的文件。',
        body: createPolicyDocumentSchema,
        response: { 200: policyDocumentDtoSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.createPolicyDocument(deps, ctxOf(req), req.body),
  );
  app.post(
    '/api/v1/policies/documents/:id/rules',
    {
      schema: {
        tags: [TAG],
        summary: '为本范围的文件添加规则（备案规则或本省收费上限）Add a rule to one of your documents',
        description:
          'kind 为备案规则（如 min_candidates、pass_rate，可设 severity 与 params）或 fee_caps（params 为四类考核形式各自上限，单位分；仅省级或国家级文件）。',
        params: z.object({ id: z.string().uuid() }),
        body: createPolicyRuleSchema,
        response: { 200: policyDocumentDtoSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => svc.addPolicyRule(deps, ctxOf(req), req.params.id, req.body),
  );
};

import { filingReviewFactsSchema } from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './filing-facts.service';

export const registerFilingFactRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/filings/:id/review-facts',
    {
      schema: {
        tags: ['项目备案 Pilot filings'],
        summary: '备案审核事实：各专业资格条件及依据数据、试点历史 Eligibility facts and pilot history of a filing (R2.3)',
        description:
          '每个申报专业近 3 年在校生、“双师型”教师比例（≥ 50%）、行业企业专家比例（≥ 20%）及其数据和是否达标（教职成司函〔2019〕36号 二）；本校同一证书以往试点的年度、结果、通过率和预警标记。专家仅可查看分配给自己的备案（否则 404）。',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: filingReviewFactsSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => svc.reviewFacts(deps, ctxOf(req), req.params.id),
  );
};

import { regionSchema } from '@onex/shared';
import { z } from 'zod';
import type { RouteModule } from '../../http/route-types';
import { listRegions } from './regions.queries';

export const registerRegionRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/regions',
    {
      schema: {
        tags: ['行政区划 Regions'],
        summary: '省份，或某省的地市（GB/T 2260）Provinces, or the cities of one',
        querystring: z.object({
          parentCode: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(regionSchema) }) },
      },
    },
    async (req) => ({
      items: (await listRegions(deps.db, req.query.parentCode)).map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level,
        parentCode: r.parent_code,
      })),
    }),
  );
};

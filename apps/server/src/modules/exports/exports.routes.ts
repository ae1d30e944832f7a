import { exportJobSchema } from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { listExportWriter } from '../../http/xlsx-export';
import type { JobWorker } from '../../lib/job-worker';
import { attachmentDisposition } from '../files/files.rules';
import type { ExportJobRow } from './exports.queries';
import * as svc from './exports.service';

const tags = ['导出 Exports'];
const idParams = z.object({ id: z.string().uuid() });

/** Export jobs (R10.2): a long list export's status, progress and file, for its requester only. */
export const registerExportRoutes: RouteModule = (app, deps) => {
  const worker = svc.createExportWorker(deps, listExportWriter(app, deps.dbKind));
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.stop());
  app.decorate('exportWorker', worker);

  app.get(
    '/api/v1/exports/:id',
    {
      schema: {
        tags,
        summary: '导出任务（状态、进度）An export job: status and progress (rows written of total)',
        description:
          '列表导出（format=xlsx）超过 EXPORT_JOB_THRESHOLD 行时答复 202 与导出任务；仅导出人可见，24 小时后删除。A list export beyond the threshold answers 202 with this job; only its requester sees it; deleted after 24 h.',
        params: idParams,
        response: { 200: exportJobSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => svc.getExportJob(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/exports/:id/file',
    {
      schema: {
        tags,
        summary: '下载导出文件 Download the exported .xlsx',
        params: idParams,
        response: {
          200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
          ...errorResponses(401, 404, 409),
        },
      },
    },
    async (req, reply) => {
      const d = await svc.exportJobFile(deps, ctxOf(req), req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentDisposition(d.filename))
        .send(d.bytes);
    },
  );
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The export job worker (tests wait for it to be idle; a queued export kicks it). */
    exportWorker: JobWorker<ExportJobRow>;
  }
}

import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { standardDocumentFileIsPublic } from '../catalog/catalog.service';
import { filingAttachmentFileReadable } from '../filings/filings.service';
import { learningOutcomeEvidenceReadable } from '../credit-bank/credit-bank.service';
import { publishedCaseImageReadable } from '../typical-cases/typical-cases.service';
import { noticeAttachmentFileReadable } from '../notices/notices.service';
import { type FileAccessCheck, downloadFile } from './files.service';
import { attachmentDisposition } from './files.rules';

/** Ways a file becomes readable beyond its owner's scope; later features add theirs here. */
const ACCESS_CHECKS: readonly FileAccessCheck[] = [
  standardDocumentFileIsPublic,
  filingAttachmentFileReadable,
  learningOutcomeEvidenceReadable,
  publishedCaseImageReadable,
  noticeAttachmentFileReadable,
];

export const registerFileRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/files/:id',
    {
      schema: {
        tags: ['文件 Files'],
        summary:
          '下载文件（按范围检查；已发布证书的标准文件公开）Download a file (scope-checked; standard documents of published certificates are public)',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: z.any().describe('文件内容（以附件下载）File content, as an attachment'), ...errorResponses(404) },
      },
    },
    async (req, reply) => {
      const f = await downloadFile(deps.db, ctxOf(req), req.params.id, ACCESS_CHECKS);
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', attachmentDisposition(f.name))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('x-content-sha256', f.sha256)
        .send(f.bytes);
    },
  );
};

import type { FastifyRequest } from 'fastify';
// The plugin's request decorations (isMultipart, parts), also for programs that do not import app.ts (bench, e2e).
import type {} from '@fastify/multipart';
import { AppError } from '../../lib/errors';

export interface UploadedForm {
  fields: Record<string, string>;
  file: { bytes: Buffer; filename: string; mimetype: string };
}

/**
 * Reads a multipart form with exactly one file in `fileField` and short text fields (in any order).
 * The plugin's size limit (app.ts) ends an oversized upload with 413 PAYLOAD_TOO_LARGE.
 */
export async function readUploadForm(req: FastifyRequest, fileField = 'file'): Promise<UploadedForm> {
  if (!req.isMultipart()) throw new AppError('FILE_REQUIRED');
  const fields: Record<string, string> = {};
  let file: UploadedForm['file'] | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname === fileField && !file) file = { bytes, filename: part.filename, mimetype: part.mimetype };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  if (!file || file.bytes.length === 0) throw new AppError('FILE_REQUIRED');
  return { fields, file };
}

/**
 * Reads a multipart form with up to `maxFiles` files in `fileField` (other parts are drained and ignored); more files
 * than that, or one over `maxBytes`, end the upload with 413 PAYLOAD_TOO_LARGE.
 */
export async function readUploadFiles(
  req: FastifyRequest,
  opts: { fileField?: string; maxFiles: number; maxBytes: number },
): Promise<UploadedForm['file'][]> {
  if (!req.isMultipart()) throw new AppError('FILE_REQUIRED');
  const files: UploadedForm['file'][] = [];
  for await (const part of req.parts({ limits: { files: opts.maxFiles, fileSize: opts.maxBytes, fields: 5 } })) {
    if (part.type !== 'file') continue;
    const bytes = await part.toBuffer();
    if (part.fieldname === (opts.fileField ?? 'file') && bytes.length > 0)
      files.push({ bytes, filename: part.filename, mimetype: part.mimetype });
  }
  if (files.length === 0) throw new AppError('FILE_REQUIRED');
  return files;
}

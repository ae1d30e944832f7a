import { createHash } from 'node:crypto';
import type { RequestContext } from '../../auth/actor';
import type { Db } from '../../db/types';
import { AppError } from '../../lib/errors';
import { cleanFileName, isJpeg, isPng } from './files.rules';
import type { FileOwner, StoredFile } from './files.service';
import * as q from './files.queries';

/**
 * Word documents and pictures, checked by content like PDFs (issue 14: a typical case's Word file and its images).
 * A .docx is an OOXML package: a ZIP (local file header `PK\x03\x04`) holding `word/document.xml`; a .doc is an OLE2
 * compound file (`D0 CF 11 E0 A1 B1 1A E1`) whose directory names the `WordDocument` stream (UTF-16LE).
 */

export const MAX_WORD_BYTES = 20 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const DOC_MIME = 'application/msword';

const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const DOCX_PART = Buffer.from('word/document.xml', 'latin1');
const DOC_STREAM = Buffer.from('WordDocument', 'utf16le');

/** The Word type of `bytes` by content (.docx or .doc), or null. */
export function wordType(bytes: Buffer): typeof DOCX_MIME | typeof DOC_MIME | null {
  if (bytes.length > 30 && bytes.subarray(0, 4).equals(ZIP_LOCAL) && bytes.includes(DOCX_PART)) return DOCX_MIME;
  if (bytes.length >= 512 && bytes.subarray(0, 8).equals(OLE2) && bytes.includes(DOC_STREAM)) return DOC_MIME;
  return null;
}

/** A picture (PNG or JPEG) by content, or null. */
export function imageType(bytes: Buffer): 'image/png' | 'image/jpeg' | null {
  if (isPng(bytes)) return 'image/png';
  if (isJpeg(bytes)) return 'image/jpeg';
  return null;
}

async function insert(
  trx: Db,
  ctx: RequestContext,
  bytes: Buffer,
  name: string,
  mime: string,
  at: Date,
  owner?: FileOwner,
): Promise<StoredFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = await q.insertFile(trx, {
    sha256,
    size: bytes.length,
    mime,
    originalName: name,
    bytes,
    createdAt: at,
    createdBy: ctx.actor?.userId ?? null,
    provinceCode: owner?.provinceCode ?? null,
    schoolId: owner?.schoolId ?? null,
    orgId: owner?.orgId ?? null,
  });
  return { id, sha256, size: bytes.length, name };
}

/** Stores a Word document inside the caller's transaction; anything else is refused with FILE_NOT_WORD_DOCUMENT. */
export async function storeWordFile(trx: Db, ctx: RequestContext, bytes: Buffer, name: string, opts: { at: Date; owner?: FileOwner }) {
  if (bytes.length > MAX_WORD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: MAX_WORD_BYTES });
  const mime = wordType(bytes);
  if (!mime) throw new AppError('FILE_NOT_WORD_DOCUMENT');
  return insert(trx, ctx, bytes, cleanFileName(name, mime === DOCX_MIME ? 'document.docx' : 'document.doc'), mime, opts.at, opts.owner);
}

/** Stores a picture (PNG or JPEG) inside the caller's transaction; anything else is refused with FILE_NOT_PICTURE. */
export async function storeImageFile(trx: Db, ctx: RequestContext, bytes: Buffer, name: string, opts: { at: Date; owner?: FileOwner }) {
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: MAX_IMAGE_BYTES });
  const mime = imageType(bytes);
  if (!mime) throw new AppError('FILE_NOT_PICTURE');
  return insert(trx, ctx, bytes, cleanFileName(name, mime === 'image/png' ? 'image.png' : 'image.jpg'), mime, opts.at, opts.owner);
}

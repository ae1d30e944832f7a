import { createHash } from 'node:crypto';
import type { Actor, RequestContext } from '../../auth/actor';
import { type Scope, inScope, scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import { AppError, notFound } from '../../lib/errors';
import {
  EVIDENCE_TYPES,
  type EvidenceType,
  MAX_EVIDENCE_BYTES,
  MAX_PDF_BYTES,
  NOTICE_ATTACHMENT_TYPES,
  type NoticeAttachmentType,
  cleanFileName,
  evidenceType,
  isPdf,
  noticeAttachmentType,
} from './files.rules';
import * as q from './files.queries';

/** The scope facts of a file's owner: who may download it besides public references. */
export interface FileOwner {
  provinceCode?: string | null;
  schoolId?: string | null;
  orgId?: string | null;
}

export interface StoredFile {
  id: string;
  sha256: string;
  size: number;
  name: string;
}

/**
 * Stores a PDF inside the caller's transaction (the caller writes the audit row). Only real PDFs are
 * accepted, checked by content; the content is stored as given and never rendered or executed here.
 */
export async function storePdf(
  trx: Db,
  ctx: RequestContext,
  bytes: Buffer,
  name: string,
  opts: { at: Date; owner?: FileOwner; maxBytes?: number },
): Promise<StoredFile> {
  if (bytes.length > (opts.maxBytes ?? MAX_PDF_BYTES))
    throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: opts.maxBytes ?? MAX_PDF_BYTES });
  if (!isPdf(bytes)) throw new AppError('FILE_NOT_PDF');
  return insertChecked(trx, ctx, bytes, cleanFileName(name), 'application/pdf', opts);
}

/**
 * Stores evidence (an invoice or receipt) inside the caller's transaction: a PDF, PNG or JPEG, decided by its content,
 * at most MAX_EVIDENCE_BYTES (or `maxBytes`). The stored type is the one found, whatever the name says.
 */
export async function storeEvidenceFile(
  trx: Db,
  ctx: RequestContext,
  bytes: Buffer,
  name: string,
  opts: { at: Date; owner?: FileOwner; maxBytes?: number },
): Promise<StoredFile & { mime: EvidenceType }> {
  const max = opts.maxBytes ?? MAX_EVIDENCE_BYTES;
  if (bytes.length > max) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: max });
  const mime = evidenceType(bytes);
  if (!mime) throw new AppError('FILE_NOT_EVIDENCE', { allowed: EVIDENCE_TYPES });
  return { ...(await insertChecked(trx, ctx, bytes, cleanFileName(name, 'evidence'), mime, opts)), mime };
}

/**
 * Stores a notice attachment inside the caller's transaction: PDF, Word, Excel, PNG or JPEG decided by its content, at
 * most `maxBytes`; the stored type is the one found.
 */
export async function storeNoticeAttachment(
  trx: Db,
  ctx: RequestContext,
  bytes: Buffer,
  name: string,
  opts: { at: Date; owner?: FileOwner; maxBytes: number },
): Promise<StoredFile & { mime: NoticeAttachmentType }> {
  if (bytes.length > opts.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: opts.maxBytes });
  const mime = noticeAttachmentType(bytes);
  if (!mime) throw new AppError('FILE_NOT_NOTICE_ATTACHMENT', { allowed: NOTICE_ATTACHMENT_TYPES });
  return { ...(await insertChecked(trx, ctx, bytes, cleanFileName(name, 'attachment'), mime, opts)), mime };
}

async function insertChecked(
  trx: Db,
  ctx: RequestContext,
  bytes: Buffer,
  clean: string,
  mime: string,
  opts: { at: Date; owner?: FileOwner },
): Promise<StoredFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = await q.insertFile(trx, {
    sha256,
    size: bytes.length,
    mime,
    originalName: clean,
    bytes,
    createdAt: opts.at,
    createdBy: ctx.actor?.userId ?? null,
    provinceCode: opts.owner?.provinceCode ?? null,
    schoolId: opts.owner?.schoolId ?? null,
    orgId: opts.owner?.orgId ?? null,
  });
  return { id, sha256, size: bytes.length, name: clean };
}

/** Grants access to a file another way than its owner's scope, e.g. "standard documents of published certificates are public". */
export type FileAccessCheck = (db: Db, ctx: RequestContext, fileId: string) => Promise<boolean>;

export interface FileDownload {
  name: string;
  mime: string;
  sha256: string;
  bytes: Buffer;
}

/** A file for download: its uploader, an actor whose scope holds its owner, or any granting check; otherwise 404. */
export async function downloadFile(db: Db, ctx: RequestContext, id: string, checks: readonly FileAccessCheck[]): Promise<FileDownload> {
  const meta = await q.findFileMeta(db, id);
  if (!meta || !(await mayRead(db, ctx, meta, checks))) throw notFound();
  return { name: meta.original_name, mime: meta.mime, sha256: meta.sha256, bytes: await q.readFileBytes(db, id) };
}

async function mayRead(db: Db, ctx: RequestContext, meta: q.FileMeta, checks: readonly FileAccessCheck[]): Promise<boolean> {
  const actor = ctx.actor;
  if (actor && (meta.created_by === actor.userId || inScope(ownerScopeOf(actor), ownerFacts(meta)))) return true;
  for (const check of checks) if (await check(db, ctx, meta.id)) return true;
  return false;
}

/**
 * The scope an actor reads files by their owner with. An expert's province scope is narrowed to the filings assigned
 * to it, which the owner facts cannot express: an expert reads a file only through the record it belongs to (the
 * filing attachment check), never an agreement, exam-site application or consent form of its province.
 */
function ownerScopeOf(actor: Actor): Scope {
  return actor.role === 'expert' ? { kind: 'none' } : scopeOf(actor);
}

function ownerFacts(meta: q.FileMeta) {
  return { provinceCode: meta.province_code, schoolId: meta.school_id, orgId: meta.org_id };
}

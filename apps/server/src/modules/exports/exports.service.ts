import { createHash } from 'node:crypto';
import type { ExportJobDto } from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { JobWorker, MAX_JOB_ATTEMPTS } from '../../lib/job-worker';
import { recordAudit } from '../audit/audit.service';
import { findUserById } from '../auth/auth.queries';
import { actorFromRow } from '../auth/auth.service';
import { findFileMeta, insertFile, readFileBytes } from '../files/files.queries';
import * as q from './exports.queries';
import { EXPORT_JOB_TTL_MS, STALE_EXPORT_JOB_MS, exportFileName } from './exports.rules';

/**
 * Export jobs (R10.2): a list export of more rows than `EXPORT_JOB_THRESHOLD` is written in the background, by the
 * list route's own handler run again on behalf of its requester (http/xlsx-export.ts), into `files`. Only the
 * requester sees the job (anyone else: 404); the job and its file expire after 24 h. Every export — streamed or a
 * job — is in the audit log (`list.export`, with the path and the rows written): exports carry personal data.
 */

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function jobDto(r: q.ExportJobRow): ExportJobDto {
  return {
    id: r.id,
    path: r.path,
    status: r.status,
    total: r.total,
    done: r.done,
    message: r.message,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    expiresAt: r.expires_at.toISOString(),
    downloadUrl: r.status === 'succeeded' && r.file_id ? `/api/v1/exports/${r.id}/file` : null,
  };
}

/** The audit row of one export, in the caller's transaction, with the exporter's scope facts. */
export async function auditListExport(
  db: Db,
  ctx: RequestContext,
  at: Date,
  v: { path: string; query: string; rows: number; jobId?: string },
): Promise<void> {
  const a = ctx.actor;
  await recordAudit(db, ctx, at, {
    action: 'list.export',
    targetType: v.jobId ? 'export_job' : 'list',
    targetId: v.jobId ?? null,
    summary: { path: v.path, filters: v.query, rows: v.rows, format: 'xlsx', ...(v.jobId ? { jobId: v.jobId } : {}) },
    scope: a ? { provinceCode: a.provinceCode, cityCode: a.cityCode, schoolId: a.schoolId, orgId: a.orgId } : {},
  });
}

/** Queues the export of a list (`format=xlsx` beyond the threshold): the 202 answer. */
export async function createExportJob(
  deps: Deps,
  ctx: RequestContext,
  v: { route: string; path: string; params: Record<string, unknown>; query: string; total: number },
): Promise<ExportJobDto> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  const row = await q.insertJob(deps.db, {
    requestedBy: actor.userId,
    ...v,
    at: now,
    expiresAt: new Date(now.getTime() + EXPORT_JOB_TTL_MS),
  });
  return jobDto(row);
}

/** The requester's own job, not expired; anyone else (or an expired job): 404. */
async function ownJob(deps: Deps, ctx: RequestContext, id: string): Promise<q.ExportJobRow> {
  const actor = requireActor(ctx);
  const job = await q.findJob(deps.db, id);
  if (!job || job.requested_by !== actor.userId || job.expires_at <= deps.clock.now()) throw notFound();
  return job;
}

/** `GET /exports/{id}`: status and progress (rows written of total). */
export async function getExportJob(deps: Deps, ctx: RequestContext, id: string): Promise<ExportJobDto> {
  return jobDto(await ownJob(deps, ctx, id));
}

/** `GET /exports/{id}/file`: the finished .xlsx (409 EXPORT_NOT_READY before). */
export async function exportJobFile(deps: Deps, ctx: RequestContext, id: string): Promise<{ filename: string; bytes: Buffer }> {
  const job = await ownJob(deps, ctx, id);
  if (job.status !== 'succeeded' || !job.file_id) throw new AppError('EXPORT_NOT_READY', { status: job.status });
  const [meta, bytes] = await Promise.all([findFileMeta(deps.db, job.file_id), readFileBytes(deps.db, job.file_id)]);
  return { filename: meta!.original_name, bytes };
}

/** Writes a job's list as .xlsx on behalf of `actor`, reporting rows written; http/xlsx-export.ts provides it. */
export type ListExportWriter = (
  job: q.ExportJobRow,
  actor: Actor,
  onProgress: (done: number, total: number) => Promise<void>,
) => Promise<{ bytes: Buffer; rows: number }>;

/** Runs one claimed job: the list on behalf of its requester (still active), the file stored, the export audited. */
export async function runExportJob(deps: Deps, job: q.ExportJobRow, write: ListExportWriter): Promise<void> {
  const fail = (message: string) => q.finishJob(deps.db, job.id, { status: 'failed', at: deps.clock.now(), message });
  try {
    const user = await findUserById(deps.db, job.requested_by);
    if (!user || user.status !== 'active') return void (await fail('导出人的账号已停用'));
    const actor = actorFromRow(user, 'session');
    const ctx: RequestContext = { actor, requestId: `export-job:${job.id}`, clientIp: null };
    const { bytes, rows } = await write(job, actor, (done, total) => q.setProgress(deps.db, job.id, { done, total }));
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const fileId = await insertFile(trx, {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        mime: XLSX_MIME,
        originalName: exportFileName(job.route),
        bytes,
        createdAt: now,
        createdBy: actor.userId,
        // No owner facts: only the requester reads it (through the job).
        provinceCode: null,
        schoolId: null,
        orgId: null,
      });
      await q.finishJob(trx, job.id, { status: 'succeeded', at: now, fileId, done: rows });
      await auditListExport(trx, ctx, now, { path: job.path, query: job.query, rows, jobId: job.id });
    });
  } catch (err) {
    const message = err instanceof AppError ? err.message : '导出时发生系统错误，请重试';
    if (!(err instanceof AppError)) console.error(`export job ${job.id}:`, err);
    await fail(message).catch(() => undefined);
  }
}

/** The in-process worker of export jobs; each look for work first deletes the expired jobs and their files. */
export function createExportWorker(deps: Deps, write: ListExportWriter, pollMs?: number): JobWorker<q.ExportJobRow> {
  return new JobWorker(
    'export',
    async () => {
      const now = deps.clock.now();
      await q.deleteExpired(deps.db, now);
      return q.claimNextJob(deps.db, new Date(now.getTime() - STALE_EXPORT_JOB_MS), now, MAX_JOB_ATTEMPTS);
    },
    (job) => runExportJob(deps, job, write),
    pollMs,
  );
}

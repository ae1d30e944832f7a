import { CERTIFICATE_LEVEL_LABELS, type CertificatePdfJobDto } from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { JobWorker, MAX_JOB_ATTEMPTS } from '../../lib/job-worker';
import { recordAudit } from '../audit/audit.service';
import { findUserById } from '../auth/auth.queries';
import { actorFromRow } from '../auth/auth.service';
import { storePdf } from '../files/files.service';
import { findFileMeta, readFileBytes } from '../files/files.queries';
import { type CertificatePrint, certificatesPdf } from './certificates.pdf';
import * as jq from './certificates.pdf-jobs.queries';
import { type CertificateRow, certificatesBase, countSessionCertificates } from './certificates.queries';
import { visibleCertificate } from './certificates.service';

/**
 * Printable certificates (R6.4): one certificate's PDF for whoever may see it (holder, the holder's school, the
 * organization, administrators in scope), and an organization's batch PDF of a session, built by a background job
 * (a `certificate_pdf_jobs` row claimed by the in-process worker) whose file is stored in `files`.
 */

/** A job still running this long after it started (its process stopped) is claimed again. */
const STALE_PDF_JOB_MS = 30 * 60 * 1000;
/** The batch file may be large (one page per certificate; ≈ 10 KB a page). */
const MAX_BATCH_BYTES = 512 * 1024 * 1024;

function toPrint(r: CertificateRow): CertificatePrint {
  return {
    number: r.number,
    holderName: r.holder_name,
    holderIdMasked: r.holder_id_masked,
    certificateTypeName: r.type_name,
    level: r.level,
    organizationName: r.org_name,
    issuedOn: String(r.issued_on),
    revokedOn: r.revoked_on ? String(r.revoked_on) : null,
    revocationReason: r.revocation_reason,
    verificationCode: r.verification_code,
  };
}

/** `GET /certificates/{number}/pdf`: the certificate as a PDF, for an actor who may see it (404 otherwise). */
export async function certificatePdfOf(deps: Deps, ctx: RequestContext, number: string): Promise<{ filename: string; bytes: Buffer }> {
  const r = await visibleCertificate(deps, requireActor(ctx), number);
  const bytes = await certificatesPdf(deps.config.publicUrl, [toPrint(r)]);
  return { filename: `职业技能等级证书-${r.number}.pdf`, bytes };
}

function jobDto(r: jq.PdfJobRow): CertificatePdfJobDto {
  return {
    id: r.id,
    sessionId: r.session_id,
    status: r.status,
    total: r.total,
    done: r.done,
    message: r.message,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    downloadUrl: r.status === 'succeeded' && r.file_id ? `/api/v1/certificate-pdf-jobs/${r.id}/file` : null,
  };
}

function requireOrg(ctx: RequestContext) {
  const actor = requireActor(ctx, ['org_admin']);
  if (!actor.orgId) throw notFound();
  return { ...actor, orgId: actor.orgId };
}

/**
 * `POST /exam-sessions/{id}/certificate-pdf-jobs`: queues the session's batch PDF (the organization's own session,
 * 404 otherwise; 409 without certificates). A job of the session still queued or running is returned instead of a
 * second one (`queued: false`).
 */
export async function createPdfJob(
  deps: Deps,
  ctx: RequestContext,
  sessionId: string,
): Promise<{ job: CertificatePdfJobDto; queued: boolean }> {
  const actor = requireOrg(ctx);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const s = await trx
      .selectFrom('exam_sessions')
      .select(['id', 'org_id', 'province_code', 'city_code'])
      .where('id', '=', sessionId)
      .forUpdate()
      .executeTakeFirst();
    if (!s || s.org_id !== actor.orgId) throw notFound();
    const active = await jq.activeJobOfSession(trx, sessionId);
    if (active) return { job: jobDto(active), queued: false };
    const total = await countSessionCertificates(trx, sessionId);
    if (total === 0) throw new AppError('CERTIFICATE_PDF_EMPTY');
    const job = await jq.insertJob(trx, { sessionId, orgId: s.org_id, provinceCode: s.province_code, total, at: now, by: actor.userId });
    await recordAudit(trx, ctx, now, {
      action: 'certificate.pdf_job.create',
      targetType: 'exam_session',
      targetId: sessionId,
      summary: { jobId: job.id, total },
      scope: { provinceCode: s.province_code, cityCode: s.city_code, orgId: s.org_id },
    });
    return { job: jobDto(job), queued: true };
  });
}

async function ownJob(deps: Deps, ctx: RequestContext, id: string) {
  const actor = requireOrg(ctx);
  const job = await jq.findJob(deps.db, id);
  if (!job || job.org_id !== actor.orgId) throw notFound();
  return job;
}

export async function getPdfJob(deps: Deps, ctx: RequestContext, id: string): Promise<CertificatePdfJobDto> {
  return jobDto(await ownJob(deps, ctx, id));
}

/** The session's latest batch PDF jobs (newest first). */
export async function listPdfJobs(deps: Deps, ctx: RequestContext, sessionId: string): Promise<{ items: CertificatePdfJobDto[] }> {
  const actor = requireOrg(ctx);
  const s = await jq.sessionNames(deps.db, sessionId);
  if (!s || s.org_id !== actor.orgId) throw notFound();
  return { items: (await jq.listJobsOfSession(deps.db, sessionId, 10)).map(jobDto) };
}

/** The finished batch PDF (409 CERTIFICATE_PDF_NOT_READY before the job succeeded). */
export async function pdfJobFile(deps: Deps, ctx: RequestContext, id: string): Promise<{ filename: string; bytes: Buffer }> {
  const job = await ownJob(deps, ctx, id);
  if (job.status !== 'succeeded' || !job.file_id) throw new AppError('CERTIFICATE_PDF_NOT_READY', { status: job.status });
  const [meta, bytes] = await Promise.all([findFileMeta(deps.db, job.file_id), readFileBytes(deps.db, job.file_id)]);
  return { filename: meta!.original_name, bytes };
}

/** Runs one claimed job: draws every certificate of the session (progress per page), stores the file, marks it done. */
export async function runPdfJob(deps: Deps, job: jq.PdfJobRow): Promise<void> {
  const fail = (message: string) => jq.finishJob(deps.db, job.id, { status: 'failed', at: deps.clock.now(), message });
  try {
    const session = await jq.sessionNames(deps.db, job.session_id);
    const rows = await certificatesBase(deps.db).where('c.session_id', '=', job.session_id).orderBy('c.number').execute();
    if (!session || rows.length === 0) return void (await fail('该场次没有可打印的证书'));
    await jq.setProgress(deps.db, job.id, { done: 0, total: rows.length });

    // Progress after each page, one update in flight at a time.
    const progress: { pending: Promise<void> | null } = { pending: null };
    const report = (done: number) => {
      if (progress.pending) return;
      progress.pending = jq
        .setProgress(deps.db, job.id, { done })
        .catch(() => undefined)
        .finally(() => (progress.pending = null));
    };
    const bytes = await certificatesPdf(deps.config.publicUrl, rows.map(toPrint), report);
    await progress.pending;

    const user = job.created_by ? await findUserById(deps.db, job.created_by) : undefined;
    const ctx: RequestContext = {
      actor: user ? actorFromRow(user, 'session') : null,
      requestId: `certificate-pdf-job:${job.id}`,
      clientIp: null,
    };
    const name = `${session.type_name}${CERTIFICATE_LEVEL_LABELS[session.level].zh}证书-${String(session.exam_date)}.pdf`;
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const file = await storePdf(trx, ctx, bytes, name, {
        at: now,
        owner: { provinceCode: session.province_code, orgId: session.org_id },
        maxBytes: MAX_BATCH_BYTES,
      });
      await jq.finishJob(trx, job.id, { status: 'succeeded', at: now, fileId: file.id, done: rows.length });
      // The stored file is a change like any other: audited in its transaction, on behalf of who queued the job.
      await recordAudit(trx, ctx, now, {
        action: 'certificate.pdf_job.succeed',
        targetType: 'exam_session',
        targetId: session.id,
        summary: { jobId: job.id, fileId: file.id, pages: rows.length },
        scope: { provinceCode: session.province_code, cityCode: session.city_code, orgId: session.org_id },
      });
    });
  } catch (err) {
    console.error(`certificate PDF job ${job.id}:`, err);
    await fail('生成证书 PDF 时发生系统错误，请重试').catch(() => undefined);
  }
}

/** The in-process worker of batch PDF jobs (started with the app, kicked when a job is queued). */
export function createPdfJobWorker(deps: Deps, pollMs?: number): JobWorker<jq.PdfJobRow> {
  return new JobWorker(
    'certificate PDF',
    () => {
      const now = deps.clock.now();
      return jq.claimNextJob(deps.db, new Date(now.getTime() - STALE_PDF_JOB_MS), now, MAX_JOB_ATTEMPTS);
    },
    (job) => runPdfJob(deps, job),
    pollMs,
  );
}

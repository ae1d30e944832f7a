import { createHash } from 'node:crypto';
import {
  type CandidateDto,
  type ExamSessionStatus,
  ID_TYPE_LABELS,
  type ImportErrorDto,
  MAX_REPORTED_IMPORT_ERRORS,
  type Page,
  type ResultImportJobDto,
  type ResultImportKind,
  type ResultImportOutcomeDto,
  type ResultImportPreviewDto,
  type ScorePublicationCheckDto,
  type ScorePublicationDto,
  type ScorePublicationRequest,
  RESULT_LABELS,
  examSessionTransition,
} from '@onex/shared';
import type { Tx } from '../../db/types';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { decryptIdNumber, idNumberHash } from '../../lib/personal-id';
import { eachInSlices } from '../../lib/slices';
import { auditedTransaction, recordAudit } from '../audit/audit.service';
import { actorFromRow } from '../auth/auth.service';
import { refreshPassRatesAfterImport } from '../pass-rates/pass-rates.service';
import { readResultsFile } from './results-import.parse';
import * as q from './results-import.queries';
import { buildErrorList, buildResultsTemplate } from './results-import.xlsx';
import {
  assertMissingConfirmed,
  parseScore,
  type CheckedRow,
  type RegisteredCandidate,
  candidateKey,
  checkRow,
  crossCheckRow,
  duplicateRowErrors,
  formatTenths,
  sortErrors,
} from './results-import.rules';

/**
 * R5.5 results import — parse → validate every row → (preview) → commit all in one transaction keyed by the file's
 * SHA-256 (the same file twice writes once) → audit. The contract endpoint runs it synchronously; the UI queues it
 * as a job (result_imports row, claimed by the in-process worker) and follows its progress. Also the session's
 * candidates with full ID numbers for its organization, and the publication of scores (成绩公示).
 */

/** Session statuses in which results may be imported (R5.2 table: enter_scores). */
export const RESULT_IMPORT_SESSION_STATUSES: readonly ExamSessionStatus[] = ['examined', 'scores_entered'];
/** Candidates looked up per query, results inserted per statement. */
export const LOOKUP_CHUNK = 10_000;
export const INSERT_CHUNK = 5_000;

export interface ResultFile {
  bytes: Buffer;
  filename: string;
}
export interface ImportOptions {
  correction: boolean;
  note: string | null;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const cleanName = (n: string) =>
  (
    [...n]
      .map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 0x20 ? '_' : c))
      .join('')
      .trim() || 'results'
  ).slice(0, 200);
const kindOf = (o: ImportOptions): ResultImportKind => (o.correction ? 'correction' : 'initial');

/** The session, when the actor is the organization that owns it (another organization: 404). */
async function ownedSession(db: Db, actor: Actor, sessionId: string): Promise<q.SessionRow> {
  const s = await q.findSession(db, sessionId);
  if (!s || s.org_id !== actor.orgId) throw notFound();
  return s;
}

function requireOrg(ctx: RequestContext): Actor {
  return requireActor(ctx, ['org_admin']);
}

function assertAcceptsResults(status: string): void {
  if (!RESULT_IMPORT_SESSION_STATUSES.includes(status as ExamSessionStatus)) throw new AppError('RESULTS_NOT_ACCEPTED', { status });
}

// ---- Preparation: read and validate every row, writing nothing ----

export interface PreparedRow extends CheckedRow {
  registrationId: string;
  hadResult: boolean;
}

export interface PreparedImport {
  rows: PreparedRow[];
  /** Every problem, in file order. */
  errors: ImportErrorDto[];
  /** Data rows in the file. */
  total: number;
  passed: number;
  failed: number;
  /** Rows whose candidate already has a current result. */
  withResults: number[];
}

/** Reads and checks a results file against the session; `onProgress(0..1)` as it goes. Writes nothing. */
export async function prepareImport(
  deps: Deps,
  session: Pick<q.SessionRow, 'id' | 'pass_mark'>,
  bytes: Buffer,
  onProgress?: (fraction: number) => void,
): Promise<PreparedImport> {
  const parsed = await readResultsFile(bytes, (f) => onProgress?.(f * 0.6));
  const empty = { rows: [], total: parsed.rows.length, passed: 0, failed: 0, withResults: [] };
  if (parsed.errors.length && !parsed.rows.length) return { ...empty, errors: parsed.errors };

  const errors: ImportErrorDto[] = [...parsed.errors];
  const checked: CheckedRow[] = [];
  await eachInSlices(parsed.rows, (raw) => {
    const c = checkRow(raw);
    if ('ok' in c) checked.push(c.ok);
    else errors.push(...c.errors);
  });
  errors.push(...duplicateRowErrors(checked));

  // Blind indexes computed here, candidates looked up by them in chunks: nothing is decrypted.
  const key = deps.config.secretKey;
  const hashes: string[] = [];
  await eachInSlices(checked, (r) => hashes.push(idNumberHash(key, r.idNumber)));
  const candidates = new Map<string, RegisteredCandidate>();
  for (let i = 0; i < checked.length; i += LOOKUP_CHUNK) {
    const slice = checked.slice(i, i + LOOKUP_CHUNK);
    const found = await q.registrationsByKeys(
      deps.db,
      session.id,
      slice.map((r) => r.idType),
      hashes.slice(i, i + LOOKUP_CHUNK),
    );
    for (const f of found)
      candidates.set(candidateKey(f.id_type as CheckedRow['idType'], f.id_number_hash), {
        registrationId: f.registration_id,
        status: f.status,
        name: f.name,
        hasResult: f.has_result,
      });
    onProgress?.(0.6 + (0.2 * Math.min(checked.length, i + LOOKUP_CHUNK)) / Math.max(1, checked.length));
  }

  const passMarkTenths = session.pass_mark === null ? null : Math.round(Number(session.pass_mark) * 10);
  const rows: PreparedRow[] = [];
  const withResults: number[] = [];
  await eachInSlices(checked, (r, i) => {
    const candidate = candidates.get(candidateKey(r.idType, hashes[i]!));
    const e = crossCheckRow(r, candidate, passMarkTenths);
    if (e.length || !candidate) return void errors.push(...e);
    rows.push({ ...r, registrationId: candidate.registrationId, hadResult: candidate.hasResult });
    if (candidate.hasResult) withResults.push(r.row);
  });
  const passed = checked.filter((r) => r.passed).length;
  return { rows, errors: sortErrors(errors), total: parsed.rows.length, passed, failed: checked.length - passed, withResults };
}

function invalid(p: PreparedImport): AppError {
  return new AppError('IMPORT_INVALID', { errors: p.errors.slice(0, MAX_REPORTED_IMPORT_ERRORS), totalErrors: p.errors.length });
}

function resultsExist(p: PreparedImport): AppError {
  const rows = p.withResults.slice(0, 100);
  return new AppError(
    'RESULTS_EXIST',
    { rows, count: p.withResults.length },
    `文件中有 ${p.withResults.length} 名考生在本场考核已有成绩（第 ${rows.slice(0, 10).join('、')}${p.withResults.length > 10 ? ' 等' : ''} 行）；修改成绩须以“成绩更正”方式导入并填写更正说明`,
  );
}

// ---- Commit: one transaction ----

interface CommitMeta {
  sha256: string;
  fileName: string;
  bytes: Buffer | null;
  fileId: string | null;
  kind: ResultImportKind;
  note: string | null;
  /** The job's own result_imports row (running), or null on the synchronous path. */
  jobId: string | null;
}

/**
 * Writes every result of a prepared file in one transaction: the import row, superseded results (a correction),
 * the new results in multi-row chunks, the session's status (scores_entered), the pass rates R3.9 reads, one audit row.
 */
export async function commitImport(
  deps: Deps,
  ctx: RequestContext,
  session: q.SessionRow,
  p: PreparedImport,
  meta: CommitMeta,
): Promise<ResultImportOutcomeDto> {
  const now = deps.clock.now();
  const by = ctx.actor?.userId ?? null;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const locked = await q.lockSession(trx, session.id);
      if (!locked) throw notFound();
      assertAcceptsResults(locked.status);
      if (!meta.jobId) {
        const dup = await q.findImportByHash(trx, session.id, meta.sha256);
        if (dup?.status === 'succeeded') return duplicateOutcome(dup);
      }
      if (meta.kind === 'initial' && p.withResults.length) throw resultsExist(p);
      const fileId =
        meta.fileId ??
        (meta.bytes &&
          (await q.insertImportFile(trx, {
            sha256: meta.sha256,
            bytes: meta.bytes,
            name: meta.fileName,
            mime: meta.fileName.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX_MIME,
            at: now,
            by,
            provinceCode: session.province_code,
            orgId: session.org_id,
          })));
      const importId = await q.saveSucceededImport(trx, {
        sessionId: session.id,
        orgId: session.org_id,
        provinceCode: session.province_code,
        sha256: meta.sha256,
        fileName: meta.fileName,
        fileId: fileId ?? null,
        kind: meta.kind,
        note: meta.note,
        at: now,
        by,
        jobId: meta.jobId,
        rows: p.rows.length,
        passed: p.passed,
        failed: p.failed,
      });
      if (!importId) throw new AppError('CONFLICT');

      let superseded = 0;
      if (meta.kind === 'correction') {
        const corrected = p.rows.filter((r) => r.hadResult).map((r) => r.registrationId);
        for (let i = 0; i < corrected.length; i += LOOKUP_CHUNK)
          superseded += await q.supersedeResults(trx, corrected.slice(i, i + LOOKUP_CHUNK), importId, now);
      }
      for (let i = 0; i < p.rows.length; i += INSERT_CHUNK) {
        const chunk = p.rows.slice(i, i + INSERT_CHUNK);
        const written = await q.insertResults(
          trx,
          { sessionId: session.id, provinceCode: session.province_code, importId, at: now },
          chunk.map((r) => r.registrationId),
          chunk.map((r) => formatTenths(r.scoreTenths)),
          chunk.map((r) => r.passed),
        );
        // A registration withdrawn since the file was checked: nothing is written, the file is checked again.
        if (written !== chunk.length) throw new AppError('CONFLICT');
      }
      if (locked.status === 'examined')
        await q.enterScores(trx, { sessionId: session.id, provinceCode: session.province_code, from: 'examined', at: now, by });
      await refreshPassRatesAfterImport(trx, session.certificate_type_id, String(session.exam_date));
      await recordAudit(trx, ctx, now, {
        action: meta.kind === 'correction' ? 'exam_results.correct' : 'exam_results.import',
        targetType: 'exam_session',
        targetId: session.id,
        summary: {
          importId,
          fileName: meta.fileName,
          sha256: meta.sha256,
          kind: meta.kind,
          ...(meta.note ? { note: meta.note } : {}),
          rows: p.rows.length,
          passed: p.passed,
          failed: p.failed,
          ...(meta.kind === 'correction' ? { superseded } : {}),
          via: ctx.actor?.via ?? null,
        },
        scope: { provinceCode: session.province_code, cityCode: session.city_code, orgId: session.org_id },
      });
      return { importId, duplicate: false, rows: p.rows.length, passed: p.passed, failed: p.failed, kind: meta.kind };
    });
  } catch (err) {
    // Another import wrote a result for one of these candidates meanwhile (unique current result per registration).
    if ((err as { code?: string }).code === '23505') throw new AppError('RESULTS_EXIST');
    throw err;
  }
}

function duplicateOutcome(r: q.ImportRow): ResultImportOutcomeDto {
  return { importId: r.id, duplicate: true, rows: r.rows, passed: r.passed, failed: r.failed, kind: r.kind };
}

// ---- Contract endpoint: synchronous ----

/** `POST /api/v1/exam-sessions/{id}/results`: validates the whole file and writes all of it, or nothing. */
export async function importResults(
  deps: Deps,
  ctx: RequestContext,
  sessionId: string,
  file: ResultFile,
  opts: ImportOptions,
): Promise<ResultImportOutcomeDto> {
  const actor = requireOrg(ctx);
  const session = await ownedSession(deps.db, actor, sessionId);
  const sha256 = sha256Of(file.bytes);
  const dup = await q.findImportByHash(deps.db, session.id, sha256);
  if (dup?.status === 'succeeded') return duplicateOutcome(dup);
  assertAcceptsResults(session.status);
  const p = await prepareImport(deps, session, file.bytes);
  if (p.errors.length) throw invalid(p);
  if (!opts.correction && p.withResults.length) throw resultsExist(p);
  return commitImport(deps, ctx, session, p, {
    sha256,
    fileName: cleanName(file.filename),
    bytes: file.bytes,
    fileId: null,
    kind: kindOf(opts),
    note: opts.note,
    jobId: null,
  });
}

// ---- UI: preview, jobs ----

/** `preview=true`: what committing would do; nothing is written. */
export async function previewResults(
  deps: Deps,
  ctx: RequestContext,
  sessionId: string,
  file: ResultFile,
  opts: ImportOptions,
): Promise<ResultImportPreviewDto> {
  const actor = requireOrg(ctx);
  const session = await ownedSession(deps.db, actor, sessionId);
  const dup = await q.findImportByHash(deps.db, session.id, sha256Of(file.bytes));
  assertAcceptsResults(session.status);
  const p = await prepareImport(deps, session, file.bytes);
  return {
    preview: true,
    valid: p.errors.length === 0 && (opts.correction || p.withResults.length === 0),
    rows: p.total,
    passed: p.passed,
    failed: p.failed,
    kind: kindOf(opts),
    duplicateOf: dup?.status === 'succeeded' ? dup.id : null,
    existingResults: p.withResults.length,
    errors: p.errors.slice(0, MAX_REPORTED_IMPORT_ERRORS),
    totalErrors: p.errors.length,
  };
}

export function jobDto(r: q.ImportRow, duplicate = false): ResultImportJobDto {
  return {
    id: r.id,
    sessionId: r.session_id,
    fileName: r.file_name,
    kind: r.kind,
    correctionNote: r.correction_note,
    status: r.status,
    progress: r.progress,
    rows: r.rows,
    passed: r.passed,
    failed: r.failed,
    errors: r.errors,
    message: r.message,
    duplicate,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

/**
 * `POST /api/v1/exam-sessions/{id}/result-imports`: stores the file and queues a job (202); a file imported before
 * returns that import (duplicate), a file being imported returns its job; a failed file is queued again.
 */
export async function enqueueResultImport(
  deps: Deps,
  ctx: RequestContext,
  sessionId: string,
  file: ResultFile,
  opts: ImportOptions,
): Promise<{ job: ResultImportJobDto; queued: boolean }> {
  const actor = requireOrg(ctx);
  const session = await ownedSession(deps.db, actor, sessionId);
  const sha256 = sha256Of(file.bytes);
  const existing = await q.findImportByHash(deps.db, session.id, sha256);
  if (existing?.status === 'succeeded') return { job: jobDto(existing, true), queued: false };
  if (existing && existing.status !== 'failed') return { job: jobDto(existing), queued: false };
  assertAcceptsResults(session.status);
  const now = deps.clock.now();
  const fileName = cleanName(file.filename);
  const id = await deps.db.transaction().execute(async (trx) => {
    const fileId = await q.insertImportFile(trx, {
      sha256,
      bytes: file.bytes,
      name: fileName,
      mime: fileName.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX_MIME,
      at: now,
      by: actor.userId,
      provinceCode: session.province_code,
      orgId: session.org_id,
    });
    const jobId = await q.enqueueImport(trx, {
      sessionId: session.id,
      orgId: session.org_id,
      provinceCode: session.province_code,
      sha256,
      fileName,
      fileId,
      kind: kindOf(opts),
      note: opts.note,
      at: now,
      by: actor.userId,
    });
    if (!jobId) throw new AppError('CONFLICT');
    await recordAudit(trx, ctx, now, {
      action: 'exam_results.import_queued',
      targetType: 'exam_session',
      targetId: session.id,
      summary: { importId: jobId, fileName, sha256, kind: kindOf(opts), size: file.bytes.length },
      scope: { provinceCode: session.province_code, cityCode: session.city_code, orgId: session.org_id },
    });
    return jobId;
  });
  return { job: jobDto((await q.findImport(deps.db, id))!), queued: true };
}

/** Runs one claimed job: progress while reading and checking, then the same commit as the contract endpoint. */
export async function runImportJob(deps: Deps, job: q.ImportRow): Promise<void> {
  const finish = (v: { errors?: ImportErrorDto[]; message?: string | null; rows?: number; passed?: number; failed?: number }) =>
    q.failImport(deps.db, job.id, deps.clock.now(), {
      errors: v.errors ?? [],
      message: v.message ?? null,
      rows: v.rows ?? 0,
      passed: v.passed ?? 0,
      failed: v.failed ?? 0,
    });
  try {
    const session = await q.findSession(deps.db, job.session_id);
    const file = job.file_id ? await q.fileBytes(deps.db, job.file_id) : undefined;
    if (!session || !file) return void (await finish({ message: '找不到考核场次或上传的文件' }));
    const user = job.created_by ? await q.userOf(deps.db, job.created_by) : undefined;
    const ctx: RequestContext = {
      actor: user ? actorFromRow(user, 'session') : null,
      requestId: `result-import:${job.id}`,
      clientIp: null,
    };

    // Progress while reading and checking (one update in flight at a time).
    const progress: { pending: Promise<void> | null } = { pending: null };
    const report = (fraction: number) => {
      if (progress.pending) return;
      progress.pending = q
        .setProgress(deps.db, job.id, fraction * 100)
        .catch(() => undefined)
        .finally(() => (progress.pending = null));
    };
    assertAcceptsResults(session.status);
    const p = await prepareImport(deps, session, file.bytes, report);
    await progress.pending;
    const counts = { rows: p.total, passed: p.passed, failed: p.failed };
    if (p.errors.length)
      return void (await finish({ ...counts, errors: p.errors, message: `文件有 ${p.errors.length} 处错误，未写入任何成绩` }));
    if (job.kind === 'initial' && p.withResults.length) return void (await finish({ ...counts, message: resultsExist(p).message }));
    await q.setProgress(deps.db, job.id, 85, { rows: p.rows.length, passed: p.passed, failed: p.failed });
    await commitImport(deps, ctx, session, p, {
      sha256: job.file_sha256,
      fileName: job.file_name,
      bytes: null,
      fileId: job.file_id,
      kind: job.kind,
      note: job.correction_note,
      jobId: job.id,
    });
  } catch (err) {
    if (err instanceof AppError) {
      const errors = Array.isArray(err.details.errors) ? (err.details.errors as ImportErrorDto[]) : [];
      await finish({ errors, message: err.message });
    } else {
      await finish({ message: '导入时发生系统错误，未写入任何成绩，请稍后重试' });
      throw err;
    }
  }
}

/** `GET /api/v1/result-imports/{id}`: the job as its organization sees it. */
export async function getResultImport(deps: Deps, ctx: RequestContext, id: string): Promise<ResultImportJobDto> {
  const actor = requireOrg(ctx);
  const r = await q.findImport(deps.db, id);
  if (!r || r.org_id !== actor.orgId) throw notFound();
  return jobDto(r);
}

export async function listResultImports(deps: Deps, ctx: RequestContext, sessionId: string): Promise<{ items: ResultImportJobDto[] }> {
  const actor = requireOrg(ctx);
  const session = await ownedSession(deps.db, actor, sessionId);
  return { items: (await q.listImports(deps.db, session.id)).map((r) => jobDto(r)) };
}

// ---- Files handed out: the pre-filled template, the error list ----

export interface XlsxDownload {
  bytes: Buffer;
  filename: string;
}

/**
 * The session's results template with every registered candidate (证件类型, full 证件号码, 姓名; 总成绩 and 考核结果
 * empty, with data validation). Full ID numbers leave the platform: audited like the other downloads of personal data.
 */
export async function resultsTemplate(deps: Deps, ctx: RequestContext, sessionId: string): Promise<XlsxDownload> {
  const actor = requireOrg(ctx);
  const session = await ownedSession(deps.db, actor, sessionId);
  const date = String(session.exam_date).slice(0, 10);
  const rows = await q.allCandidates(deps.db, session.id);
  const candidates = rows.map((r) => ({
    idType: r.id_type,
    name: r.name,
    idNumber: decryptIdNumber(deps.config.secretKey, r.id_number_enc),
  }));
  const bytes = await buildResultsTemplate(`${date} 考核`, candidates);
  await auditedTransaction(deps, ctx, async () => ({
    result: null,
    audit: {
      action: 'exam_results.template_download',
      targetType: 'exam_session',
      targetId: session.id,
      summary: { candidates: candidates.length },
      scope: { provinceCode: session.province_code, cityCode: session.city_code, orgId: session.org_id },
    },
  }));
  return { bytes, filename: `考核成绩模板-${date}.xlsx` };
}

/** Every error of a results file (not only the first ones the page shows) as .xlsx; checks the file, writes nothing. */
export async function resultErrorList(deps: Deps, ctx: RequestContext, sessionId: string, file: ResultFile): Promise<XlsxDownload> {
  const actor = requireOrg(ctx);
  const session = await ownedSession(deps.db, actor, sessionId);
  const p = await prepareImport(deps, session, file.bytes);
  const base = cleanName(file.filename).replace(/\.(xlsx|csv)$/i, '');
  return { bytes: await buildErrorList(p.errors), filename: `${base}-错误清单.xlsx` };
}

// ---- Candidates (contract) ----

/** `GET /api/v1/exam-sessions/{id}/candidates`: registered candidates with full ID numbers (decrypted for this page only). */
export async function listCandidates(
  deps: Deps,
  ctx: RequestContext,
  sessionId: string,
  page: number,
  pageSize: number,
): Promise<Page<CandidateDto>> {
  const actor = requireOrg(ctx);
  const session = await ownedSession(deps.db, actor, sessionId);
  const { items, total } = await q.candidatesPage(deps.db, session.id, page, pageSize);
  return {
    items: items.map((r) => ({
      candidateId: r.id,
      name: r.name,
      idType: r.id_type,
      idTypeLabel: ID_TYPE_LABELS[r.id_type].zh,
      idNumber: decryptIdNumber(deps.config.secretKey, r.id_number_enc),
      schoolName: r.school_name,
      className: r.class_name,
      hasResult: r.score !== null,
      score: r.score === null ? null : Number(r.score),
      passed: r.passed,
    })),
    total,
    page,
    pageSize,
  };
}

// ---- Score publication (成绩公示) ----

/** `GET …/score-publication`: candidates, those without a result, and the default 公示期, before publishing. */
export async function scorePublicationCheck(deps: Deps, ctx: RequestContext, sessionId: string): Promise<ScorePublicationCheckDto> {
  const actor = requireOrg(ctx);
  const session = await ownedSession(deps.db, actor, sessionId);
  const [counts, missing, publicityDays] = await Promise.all([
    q.sessionResultCounts(deps.db, session.id),
    q.missingResultCount(deps.db, session.id),
    q.orgPublicityDays(deps.db, session.org_id),
  ]);
  return { candidates: counts.candidates + missing, withResult: counts.candidates, missing, publicityDays };
}

/**
 * `POST /api/v1/exam-sessions/{id}/score-publication`: scores_entered → scores_published (R5.2 table); learners then
 * see their scores. Publishing with candidates still without a result needs their number confirmed (issue 21 item 2:
 * it cannot happen by accident); the 公示期 is fixed now (default: the organization's setting).
 */
export async function publishSessionScores(
  deps: Deps,
  ctx: RequestContext,
  sessionId: string,
  body: ScorePublicationRequest = {},
): Promise<ScorePublicationDto> {
  const actor = requireOrg(ctx);
  const session = await ownedSession(deps.db, actor, sessionId);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const locked = await q.lockSession(trx, session.id);
    if (!locked) throw notFound();
    const t = examSessionTransition('publish_scores', locked.status);
    if (!t || !t.roles.includes(actor.role)) throw new AppError('SCORES_NOT_PUBLISHABLE', { status: locked.status });
    // Counted under the session lock: no import can add a result between the check and the publication.
    const missing = await q.missingResultCount(trx, session.id);
    assertMissingConfirmed(missing, body.confirmMissing);
    const publicityDays = body.publicityDays ?? (await q.orgPublicityDays(trx, session.org_id));
    const published = await q.publishScores(trx, {
      sessionId: session.id,
      provinceCode: session.province_code,
      at: now,
      by: actor.userId,
      publicityDays,
    });
    if (!published) throw new AppError('SCORES_NOT_PUBLISHABLE', { status: locked.status });
    const counts = await q.sessionResultCounts(trx, session.id);
    await recordAudit(trx, ctx, now, {
      action: 'exam_session.publish_scores',
      targetType: 'exam_session',
      targetId: session.id,
      summary: { from: locked.status, to: 'scores_published', ...counts, missing, publicityDays },
      scope: { provinceCode: session.province_code, cityCode: session.city_code, orgId: session.org_id },
    });
    return { sessionId: session.id, status: 'scores_published', scoresPublishedAt: now.toISOString(), ...counts, missing, publicityDays };
  });
}

// ---- One candidate's correction (成绩复核, issue 17 item 4) ----

/** Session statuses in which a score review may correct a result: its scores are published. */
export const REVIEW_CORRECTION_SESSION_STATUSES: readonly ExamSessionStatus[] = ['scores_published', 'closed'];

/**
 * Corrects one candidate's current result inside the caller's transaction, by the path of a results import: the
 * candidate's row (证件类型, 证件号码, 姓名, 总成绩, 考核结果) is built from the registration and checked by the same
 * rules (`checkRow`, blind-index match, `crossCheckRow` with the pass mark); a `correction` import row records it
 * (keyed by the review, with the answer as its note), the current result is superseded, the new one inserted, the
 * pass rates refreshed and the correction audited as `exam_results.correct`. Without a pass mark, `passed` is required.
 */
export async function correctOneResult(
  trx: Tx,
  deps: Pick<Deps, 'config'>,
  ctx: RequestContext,
  v: { sessionId: string; registrationId: string; score: number; passed?: boolean | undefined; note: string; key: string; at: Date },
): Promise<{ importId: string; score: string; passed: boolean }> {
  const locked = await q.lockSession(trx, v.sessionId);
  const session = await q.findSession(trx, v.sessionId);
  if (!locked || !session) throw notFound();
  if (!REVIEW_CORRECTION_SESSION_STATUSES.includes(locked.status as ExamSessionStatus))
    throw new AppError('RESULTS_NOT_ACCEPTED', { status: locked.status });
  const learner = await q.registrationLearner(trx, v.registrationId);
  if (!learner || learner.session_id !== session.id) throw notFound();
  const idNumber = decryptIdNumber(deps.config.secretKey, learner.id_number_enc);
  const passMarkTenths = session.pass_mark === null ? null : Math.round(Number(session.pass_mark) * 10);
  const scoreText = String(v.score);
  const parsed = parseScore(scoreText);
  const passed = passMarkTenths !== null && 'tenths' in parsed ? parsed.tenths >= passMarkTenths : (v.passed ?? null);
  const invalidScore = (errors: ImportErrorDto[]) => new AppError('SCORE_INVALID', { errors }, errors.map((e) => e.message).join('；'));
  if (passed === null)
    throw invalidScore([{ row: 1, column: '考核结果', code: 'REQUIRED', message: '该等级未设合格分数线，请填写“考核结果”' }]);
  const checked = checkRow({
    row: 1,
    idTypeLabel: ID_TYPE_LABELS[learner.id_type].zh,
    idNumber,
    idNumberNumeric: false,
    name: learner.name,
    score: scoreText,
    result: passed ? RESULT_LABELS.passed : RESULT_LABELS.failed,
  });
  if (!('ok' in checked)) throw invalidScore(checked.errors);
  const row = checked.ok;
  const [found] = await q.registrationsByKeys(trx, session.id, [row.idType], [idNumberHash(deps.config.secretKey, row.idNumber)]);
  const candidate: RegisteredCandidate | undefined = found && {
    registrationId: found.registration_id,
    status: found.status,
    name: found.name,
    hasResult: found.has_result,
  };
  const errors = crossCheckRow(row, candidate, passMarkTenths);
  if (errors.length) throw invalidScore(errors);
  if (!candidate || candidate.registrationId !== v.registrationId) throw notFound();

  const by = ctx.actor?.userId ?? null;
  const sha256 = sha256Of(Buffer.from(`score-review:${v.key}`));
  const importId = await q.saveSucceededImport(trx, {
    sessionId: session.id,
    orgId: session.org_id,
    provinceCode: session.province_code,
    sha256,
    fileName: `成绩复核-${v.key}`,
    fileId: null,
    kind: 'correction',
    note: v.note,
    at: v.at,
    by,
    jobId: null,
    rows: 1,
    passed: row.passed ? 1 : 0,
    failed: row.passed ? 0 : 1,
  });
  if (!importId) throw new AppError('CONFLICT');
  const superseded = candidate.hasResult ? await q.supersedeResults(trx, [v.registrationId], importId, v.at) : 0;
  const score = formatTenths(row.scoreTenths);
  const written = await q.insertResults(
    trx,
    { sessionId: session.id, provinceCode: session.province_code, importId, at: v.at },
    [v.registrationId],
    [score],
    [row.passed],
  );
  if (written !== 1) throw new AppError('CONFLICT');
  await refreshPassRatesAfterImport(trx, session.certificate_type_id, String(session.exam_date));
  await recordAudit(trx, ctx, v.at, {
    action: 'exam_results.correct',
    targetType: 'exam_session',
    targetId: session.id,
    summary: {
      importId,
      kind: 'correction',
      note: v.note,
      via: 'score_review',
      reviewId: v.key,
      rows: 1,
      superseded,
      score,
      passed: row.passed,
    },
    scope: { provinceCode: session.province_code, cityCode: session.city_code, orgId: session.org_id },
  });
  return { importId, score, passed: row.passed };
}

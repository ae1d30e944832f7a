import type { Db } from '../../db/types';
import * as jobs from '../../lib/job.queries';

/** Batch certificate PDF jobs (R6.4): SQL only. */

export function findJob(db: Db, id: string) {
  return jobs.findJob(db, 'certificate_pdf_jobs', id);
}
export type PdfJobRow = jobs.JobRow<'certificate_pdf_jobs'>;

/** A job of the session still queued or running (a second request returns it instead of queuing another). */
export function activeJobOfSession(db: Db, sessionId: string) {
  return db
    .selectFrom('certificate_pdf_jobs')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', 'in', ['queued', 'running'])
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listJobsOfSession(db: Db, sessionId: string, limit: number) {
  return db
    .selectFrom('certificate_pdf_jobs')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function insertJob(db: Db, v: { sessionId: string; orgId: string; provinceCode: string; total: number; at: Date; by: string }) {
  return db
    .insertInto('certificate_pdf_jobs')
    .values({
      session_id: v.sessionId,
      org_id: v.orgId,
      province_code: v.provinceCode,
      total: v.total,
      created_at: v.at,
      created_by: v.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Claims the oldest queued job (or one left running by a process that stopped: started before `staleBefore`) and
 * marks it running; one left running after `maxAttempts` claims is marked failed first.
 */
export function claimNextJob(db: Db, staleBefore: Date, now: Date, maxAttempts: number) {
  return jobs.claimNextJob(db, 'certificate_pdf_jobs', {
    staleBefore,
    now,
    maxAttempts,
    giveUpMessage: `生成证书 PDF 已中断 ${maxAttempts} 次（处理时服务停止或崩溃），不再重试；请重新发起`,
  });
}

export function setProgress(db: Db, id: string, v: { done: number; total?: number }) {
  return jobs.setProgress(db, 'certificate_pdf_jobs', id, v);
}

export function finishJob(db: Db, id: string, v: jobs.JobOutcome) {
  return jobs.finishJob(db, 'certificate_pdf_jobs', id, v);
}

/** The session's names for the file name of its batch PDF. */
export function sessionNames(db: Db, sessionId: string) {
  return db
    .selectFrom('exam_sessions as s')
    .innerJoin('certificate_types as t', 't.id', 's.certificate_type_id')
    .select(['s.id', 's.org_id', 's.province_code', 's.city_code', 's.level', 's.exam_date', 't.name as type_name'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

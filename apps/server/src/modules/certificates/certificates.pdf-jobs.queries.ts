import type { Db } from '../../db/types';

/** Batch certificate PDF jobs (R6.4): SQL only. */

export function findJob(db: Db, id: string) {
  return db.selectFrom('certificate_pdf_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}
export type PdfJobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;

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
 * Claims the oldest queued job (or one left running by a process that stopped: started before `staleBefore`)
 * with FOR UPDATE SKIP LOCKED, so that several workers never take the same job; marks it
 * running with nothing done and counts the attempt. A job left running after `maxAttempts` claims is marked failed first.
 */
export function claimNextJob(db: Db, staleBefore: Date, now: Date, maxAttempts: number) {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('certificate_pdf_jobs')
      .set({
        status: 'failed',
        finished_at: now,
        message: `生成证书 PDF 已中断 ${maxAttempts} 次（处理时服务停止或崩溃），不再重试；请重新发起`,
      })
      .where('status', '=', 'running')
      .where('started_at', '<', staleBefore)
      .where('attempts', '>=', maxAttempts)
      .execute();
    const next = await trx
      .selectFrom('certificate_pdf_jobs')
      .select('id')
      .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('started_at', '<', staleBefore)])]))
      .orderBy('created_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return null;
    return trx
      .updateTable('certificate_pdf_jobs')
      .set((eb) => ({ status: 'running', done: 0, started_at: now, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', next.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function setProgress(db: Db, id: string, v: { done: number; total?: number }) {
  await db
    .updateTable('certificate_pdf_jobs')
    .set(v.total === undefined ? { done: v.done } : { done: v.done, total: v.total })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function finishJob(
  db: Db,
  id: string,
  v: { status: 'succeeded' | 'failed'; at: Date; fileId?: string; done?: number; message?: string | null },
) {
  await db
    .updateTable('certificate_pdf_jobs')
    .set({
      status: v.status,
      finished_at: v.at,
      file_id: v.fileId ?? null,
      message: v.message ?? null,
      ...(v.done === undefined ? {} : { done: v.done }),
    })
    .where('id', '=', id)
    .execute();
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

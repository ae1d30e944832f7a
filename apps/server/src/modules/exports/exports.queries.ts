import type { Db } from '../../db/types';

/** Export jobs (R10.2): SQL only. */

export function findJob(db: Db, id: string) {
  return db.selectFrom('export_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ExportJobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;

export function insertJob(
  db: Db,
  v: {
    requestedBy: string;
    route: string;
    path: string;
    params: Record<string, unknown>;
    query: string;
    total: number;
    at: Date;
    expiresAt: Date;
  },
) {
  return db
    .insertInto('export_jobs')
    .values({
      requested_by: v.requestedBy,
      route: v.route,
      path: v.path,
      params: JSON.stringify(v.params),
      query: v.query,
      total: v.total,
      created_at: v.at,
      expires_at: v.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Claims the oldest queued job (or one left running by a process that stopped: started before `staleBefore`) with
 * FOR UPDATE SKIP LOCKED; marks it running with nothing done and counts the attempt. A job left running after
 * `maxAttempts` claims is marked failed first (as the other jobs, migration 0016).
 */
export function claimNextJob(db: Db, staleBefore: Date, now: Date, maxAttempts: number) {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('export_jobs')
      .set({ status: 'failed', finished_at: now, message: `导出已中断 ${maxAttempts} 次（处理时服务停止或崩溃），不再重试；请重新导出` })
      .where('status', '=', 'running')
      .where('started_at', '<', staleBefore)
      .where('attempts', '>=', maxAttempts)
      .execute();
    const next = await trx
      .selectFrom('export_jobs')
      .select('id')
      .where('expires_at', '>', now)
      .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('started_at', '<', staleBefore)])]))
      .orderBy('created_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return null;
    return trx
      .updateTable('export_jobs')
      .set((eb) => ({ status: 'running', done: 0, started_at: now, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', next.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function setProgress(db: Db, id: string, v: { done: number; total?: number }) {
  await db
    .updateTable('export_jobs')
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
    .updateTable('export_jobs')
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

/** Deletes the jobs past their expiry and then their files; returns how many jobs. */
export async function deleteExpired(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('export_jobs').where('expires_at', '<=', now).returning('file_id').execute();
    const files = gone.map((g) => g.file_id).filter((f): f is string => !!f);
    if (files.length > 0) await trx.deleteFrom('files').where('id', 'in', files).execute();
    return gone.length;
  });
}

import type { Db } from '../../db/types';
import * as jobs from '../../lib/job.queries';

/** Export jobs (R10.2): SQL only. */

export function findJob(db: Db, id: string) {
  return jobs.findJob(db, 'export_jobs', id);
}
export type ExportJobRow = jobs.JobRow<'export_jobs'>;

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
 * Claims the oldest queued export not yet expired (or one left running by a process that stopped: started before
 * `staleBefore`) and marks it running; one left running after `maxAttempts` claims is marked failed first.
 */
export function claimNextJob(db: Db, staleBefore: Date, now: Date, maxAttempts: number) {
  return jobs.claimNextJob(db, 'export_jobs', {
    staleBefore,
    now,
    maxAttempts,
    giveUpMessage: `导出已中断 ${maxAttempts} 次（处理时服务停止或崩溃），不再重试；请重新导出`,
    skipExpired: true,
  });
}

export function setProgress(db: Db, id: string, v: { done: number; total?: number }) {
  return jobs.setProgress(db, 'export_jobs', id, v);
}

export function finishJob(db: Db, id: string, v: jobs.JobOutcome) {
  return jobs.finishJob(db, 'export_jobs', id, v);
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

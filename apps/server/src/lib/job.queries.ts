import type { Selectable } from 'kysely';
import type { DB } from '../db/schema';
import type { Db } from '../db/types';

/**
 * SQL shared by the job tables that a {@link JobWorker} (./job-worker.ts) drains and that count their work as
 * `done` of `total`: batch certificate PDFs (R6.4) and list exports (R10.2). Each module keeps its own query file
 * (inserts, listings) and calls these with its table name.
 */
export type JobTable = 'certificate_pdf_jobs' | 'export_jobs';
export type JobRow<T extends JobTable> = Selectable<DB[T]>;
/** The job tables whose rows expire (a claim skips an expired job). */
type ExpiringJobTable = { [K in JobTable]: 'expires_at' extends keyof DB[K] ? K : never }[JobTable];

export function findJob<T extends JobTable>(db: Db, table: T, id: string): Promise<JobRow<T> | undefined> {
  const t: JobTable = table;
  return db.selectFrom(t).selectAll().where('id', '=', id).executeTakeFirst() as Promise<JobRow<T> | undefined>;
}

/**
 * Claims the oldest queued job (or one left running by a process that stopped: started before `staleBefore`) with
 * FOR UPDATE SKIP LOCKED, so that several workers never take the same job; marks it running with nothing done and
 * counts the attempt. A job left running after `maxAttempts` claims is marked failed first, with `giveUpMessage`
 * (migration 0016). With `skipExpired`, a job past its `expires_at` is not claimed.
 */
export function claimNextJob<T extends JobTable>(
  db: Db,
  table: T,
  v: {
    staleBefore: Date;
    now: Date;
    maxAttempts: number;
    giveUpMessage: string;
    skipExpired?: T extends ExpiringJobTable ? boolean : never;
  },
): Promise<JobRow<T> | null> {
  const t: JobTable = table;
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable(t)
      .set({ status: 'failed', finished_at: v.now, message: v.giveUpMessage })
      .where('status', '=', 'running')
      .where('started_at', '<', v.staleBefore)
      .where('attempts', '>=', v.maxAttempts)
      .execute();
    const next = await trx
      .selectFrom(t)
      .select('id')
      .$if(v.skipExpired === true, (qb) => qb.where('expires_at', '>', v.now))
      .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('started_at', '<', v.staleBefore)])]))
      .orderBy('created_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return null;
    return trx
      .updateTable(t)
      .set((eb) => ({ status: 'running', done: 0, started_at: v.now, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', next.id)
      .returningAll()
      .executeTakeFirstOrThrow() as Promise<JobRow<T>>;
  });
}

/** Records how much of a running job is done (and, when known, of how much). */
export async function setProgress(db: Db, table: JobTable, id: string, v: { done: number; total?: number }) {
  await db
    .updateTable(table)
    .set(v.total === undefined ? { done: v.done } : { done: v.done, total: v.total })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** A job's outcome: its file when it succeeded, its message when it failed. */
export interface JobOutcome {
  status: 'succeeded' | 'failed';
  at: Date;
  fileId?: string;
  done?: number;
  message?: string | null;
}
export async function finishJob(db: Db, table: JobTable, id: string, v: JobOutcome) {
  await db
    .updateTable(table)
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

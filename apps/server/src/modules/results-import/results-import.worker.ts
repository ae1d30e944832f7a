import type { Deps } from '../../lib/deps';
import { JobWorker, MAX_JOB_ATTEMPTS } from '../../lib/job-worker';
import * as q from './results-import.queries';
import { runImportJob } from './results-import.service';

/** A job left running this long by a process that stopped is claimed again. */
export const STALE_JOB_MS = 15 * 60 * 1000;

export type ResultImportWorker = JobWorker<NonNullable<Awaited<ReturnType<typeof q.claimNextImport>>>>;

/** The in-process worker of results-import jobs (started with the app, kicked when an import is queued). */
export function createResultImportWorker(deps: Deps, pollMs?: number): ResultImportWorker {
  return new JobWorker(
    'results import',
    () => {
      const now = deps.clock.now();
      return q.claimNextImport(deps.db, now, new Date(now.getTime() - STALE_JOB_MS), MAX_JOB_ATTEMPTS);
    },
    (job) => runImportJob(deps, job),
    pollMs,
  );
}

import type { Deps } from '../../lib/deps';
import * as q from './results-import.queries';
import { runImportJob } from './results-import.service';

/** A job left running this long by a process that stopped is claimed again. */
export const STALE_JOB_MS = 15 * 60 * 1000;

/**
 * The in-process worker of results-import jobs (architecture: jobs are rows claimed with FOR UPDATE SKIP LOCKED,
 * so that several app processes share the queue). It runs one job at a time, is kicked when a job is queued, and
 * polls now and then for jobs queued by another process or left by one that stopped.
 */
export class ResultImportWorker {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly pollMs = 10_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Looks for work now (again after the current job when one is running). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err: unknown) => console.error('results import worker:', err))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no job is being run (tests wait on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const now = this.deps.clock.now();
      const job = await q.claimNextImport(this.deps.db, now, new Date(now.getTime() - STALE_JOB_MS));
      if (!job) return;
      await runImportJob(this.deps, job);
    }
  }
}

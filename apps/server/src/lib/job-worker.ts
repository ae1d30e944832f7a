/**
 * An in-process worker of background jobs stored as rows (architecture: jobs are rows claimed with
 * FOR UPDATE SKIP LOCKED, so that several app processes share the queue). It runs one job at a time, is kicked when a
 * job is queued, and polls now and then for jobs queued by another process or left by one that stopped. `claim`
 * takes the next job (or null); `run` does it and records its outcome on the row. Used by results imports and batch
 * certificate PDFs.
 *
 * A claim counts an attempt (the rows' `attempts`): a job left running by a process that stopped (crashed on it)
 * MAX_JOB_ATTEMPTS times is marked failed by the next claim, with its reason, instead of being run forever.
 */
export const MAX_JOB_ATTEMPTS = 3;
export class JobWorker<J> {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly name: string,
    private readonly claim: () => Promise<J | null>,
    private readonly run: (job: J) => Promise<void>,
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
      .catch((err: unknown) => console.error(`${this.name} worker:`, err))
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
      const job = await this.claim();
      if (!job) return;
      await this.run(job);
    }
  }
}

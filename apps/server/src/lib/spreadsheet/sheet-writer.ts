import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { Semaphore } from './semaphore';
import type { FromWriter, ToWriter } from './sheet-writer.worker';
import { workerEntry } from './worker-entry';

/**
 * The heap of an export's writer thread: bounded, so that an export cannot grow the server's memory past it (rows
 * stream through and are not kept, so any sheet fits). At 32 MB the thread spent most of its time collecting
 * (100,000 rows: 12 s instead of 4 s); at 16 MB it ran out.
 */
export const SHEET_WRITER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 };

/**
 * Writer threads at once in one process (each adds 40–45 MB of RSS while it writes): an export beyond them waits its
 * turn, and beyond the queue is answered 503 EXPORT_BUSY at once. Export jobs run one at a time and do not count.
 */
export const sheetWriters = new Semaphore(3, 12, 'EXPORT_BUSY');

/**
 * One .xlsx sheet written in a worker thread (sheet-writer.worker.ts) into `stream`: `add` posts a batch of flat rows
 * (keys → values; the first row's keys are the columns) and returns once the thread has taken the batch before it,
 * so the caller reads its next page while the thread writes; `end` finishes the file and ends `stream`; `abort` stops.
 */
export class SheetWriter {
  private readonly worker: Worker;
  private failed: Error | null = null;
  private waiting: { resolve: () => void; reject: (e: Error) => void; until: 'taken' | 'done' } | null = null;
  private inFlight = false;

  constructor(private readonly stream: Writable) {
    const { url, entry } = workerEntry('sheet-writer.worker');
    this.worker = new Worker(url, { workerData: { entry }, resourceLimits: SHEET_WRITER_LIMITS });
    this.worker.on('message', (m: FromWriter) => {
      if (m.type === 'chunk') {
        if (!this.stream.destroyed) this.stream.write(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
      } else if (m.type === 'error') this.fail(new Error(`sheet writer: ${m.message}`));
      else {
        if (m.type === 'taken') this.inFlight = false;
        if (this.waiting?.until === m.type) this.settle();
      }
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`sheet writer exited with code ${code}`)));
  }

  private settle(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.resolve();
  }

  private fail(err: Error): void {
    if (this.failed) return;
    this.failed = err;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(err);
  }

  private wait(until: 'taken' | 'done'): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject, until }));
  }

  /** Posts rows; resolves when the previous batch has been written and the output is not backed up. */
  async add(rows: Record<string, unknown>[]): Promise<void> {
    if (this.inFlight) await this.wait('taken');
    if (this.failed) throw this.failed;
    // The reader is slower than the thread: wait for it — or for the stream to close (the client went away).
    if (this.stream.writableNeedDrain && !this.stream.destroyed)
      await Promise.race([once(this.stream, 'drain'), once(this.stream, 'close')]);
    if (this.stream.destroyed) {
      this.abort();
      throw new Error('export stream closed before the end');
    }
    this.inFlight = true;
    this.worker.postMessage({ type: 'rows', rows } satisfies ToWriter);
  }

  /** Writes `note` as a last row (if any), finishes the file, ends the stream. */
  async end(note: string | null): Promise<void> {
    if (this.inFlight) await this.wait('taken');
    const done = this.wait('done');
    this.worker.postMessage({ type: 'end', note } satisfies ToWriter);
    try {
      await done;
      if (!this.stream.destroyed) this.stream.end();
    } finally {
      void this.worker.terminate();
    }
  }

  abort(): void {
    this.failed ??= new Error('export aborted');
    void this.worker.terminate();
  }
}

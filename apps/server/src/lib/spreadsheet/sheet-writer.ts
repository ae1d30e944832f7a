import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { FromWriter, ToWriter } from './sheet-writer.worker';
import { workerEntry } from './worker-entry';

/**
 * The heap of an export's writer thread. exceljs's per-cell objects are garbage within a row; a small young generation
 * and old generation make the thread collect them at once instead of growing (measured in `npm run bench -- stats`:
 * the server's peak RSS during a 100,000-row export). Enough for any sheet: rows stream through and are not kept.
 */
export const SHEET_WRITER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 };

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
      if (m.type === 'chunk') this.stream.write(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
      else if (m.type === 'error') this.fail(new Error(`sheet writer: ${m.message}`));
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
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
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
      this.stream.end();
    } finally {
      void this.worker.terminate();
    }
  }

  abort(): void {
    this.failed ??= new Error('export aborted');
    void this.worker.terminate();
  }
}

import { parentPort, workerData } from 'node:worker_threads';
import { SpreadsheetLimitError } from './limits';
import { type ReadSheetOptions, readSheet } from './read-sheet';

/**
 * The parsing worker's entry (a second entry point of the server bundle: dist/spreadsheet.worker.js). It reads one
 * file and posts its rows, its progress, or why it could not; a file that needs more memory than the worker's
 * resourceLimits ends this worker only, never the server.
 */
export type WorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; result: Awaited<ReturnType<typeof readSheet>> }
  | { type: 'error'; kind: 'limit' | 'unreadable'; limit?: string; message: string };

const { bytes, options } = workerData as { bytes: Uint8Array; options: ReadSheetOptions };
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options, (fraction) => post({ type: 'progress', fraction }))
  .then((result) => post({ type: 'done', result }))
  .catch((err: unknown) => {
    if (err instanceof SpreadsheetLimitError) post({ type: 'error', kind: 'limit', limit: err.limit, message: err.message });
    else post({ type: 'error', kind: 'unreadable', message: err instanceof Error ? err.message : String(err) });
  });

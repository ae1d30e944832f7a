import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import {
  DEFAULT_SPREADSHEET_LIMITS,
  type LimitName,
  MAX_CONCURRENT_PARSES,
  MAX_WAITING_PARSES,
  SpreadsheetLimitError,
  WORKER_RESOURCE_LIMITS,
  WORKER_TIMEOUT_MS,
} from './limits';
import type { Cell, ReadSheetOptions, SheetRead, SheetRow } from './read-sheet';
import type { WorkerMessage } from './spreadsheet.worker';
import { Semaphore } from './semaphore';
import { workerEntry } from './worker-entry';

export type { Cell, ReadSheetOptions, SheetRead, SheetRow };
export { Semaphore };

/**
 * The one guarded reader of uploaded spreadsheets (results, learners, majors, credit-bank accounts and deposits):
 * the file is parsed in a worker thread with resourceLimits (read-sheet.ts, within the limits of limits.ts), at most
 * MAX_CONCURRENT_PARSES at once. Limits passed answer 413 SPREADSHEET_TOO_LARGE naming the limit; unreadable files
 * 400 IMPORT_FILE_UNREADABLE; a full queue 503 IMPORT_BUSY.
 */

const parses = new Semaphore(MAX_CONCURRENT_PARSES, MAX_WAITING_PARSES);

function tooLarge(limit: LimitName | string, message: string): AppError {
  return new AppError('SPREADSHEET_TOO_LARGE', { limit }, message);
}

/**
 * The worker died of something else than its memory limit (an exception thrown by the parser on a malformed file):
 * the file cannot be read, which is what the person is told (400, not 500); the cause goes to the log.
 */
function crashed(err: Error): AppError {
  console.error('spreadsheet worker:', err);
  const reason = '解析该文件时出错，请确认文件未损坏，或使用平台提供的 .xlsx 模板';
  return new AppError('IMPORT_FILE_UNREADABLE', { reason }, reason);
}

function runWorker(
  bytes: Buffer,
  options: ReadSheetOptions,
  onProgress: ((fraction: number) => void) | undefined,
  resourceLimits: typeof WORKER_RESOURCE_LIMITS,
): Promise<SheetRead> {
  const { url, entry } = workerEntry('spreadsheet.worker');
  const limits = { ...DEFAULT_SPREADSHEET_LIMITS, ...options.limits };
  return new Promise<SheetRead>((resolve, reject) => {
    const worker = new Worker(url, { workerData: { bytes, options, entry }, resourceLimits });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(tooLarge('time', SpreadsheetLimitError.of('time', limits).message))),
      WORKER_TIMEOUT_MS,
    );
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') return onProgress?.(m.fraction);
      if (m.type === 'done') return settle(() => resolve(m.result));
      settle(() =>
        reject(
          m.kind === 'limit'
            ? tooLarge(m.limit ?? 'entry', m.message)
            : new AppError('IMPORT_FILE_UNREADABLE', { reason: m.message }, m.message),
        ),
      );
    });
    worker.on('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooLarge('memory', SpreadsheetLimitError.of('memory', limits).message) : crashed(err),
        ),
      ),
    );
    worker.on('exit', (code) => settle(() => reject(crashed(new Error(`spreadsheet worker exited with code ${code}`)))));
  });
}

/** Reads one sheet of an uploaded file in a parsing worker; `onProgress(0..1)` follows the worksheet's bytes. */
export async function readSpreadsheet(
  bytes: Buffer,
  options: ReadSheetOptions,
  onProgress?: (fraction: number) => void,
  /** The worker's memory (tests lower it). */
  resourceLimits = WORKER_RESOURCE_LIMITS,
): Promise<SheetRead> {
  const release = await parses.acquire();
  try {
    return await runWorker(bytes, options, onProgress, resourceLimits);
  } finally {
    release();
  }
}

/** A cell as trimmed text (numbers as written). */
export const cellText = (c: Cell | undefined): string => (c === undefined ? '' : typeof c === 'number' ? String(c) : c.trim());

/** The header row (row 1) as a map of trimmed names to column indexes, or null when row 1 is empty. */
export function headerOf(read: SheetRead): Map<string, number> | null {
  const first = read.rows[0];
  if (!first || first.row !== 1) return null;
  const header = new Map<string, number>();
  first.cells.forEach((c, i) => {
    const name = cellText(c).replace(/^\uFEFF/, '');
    if (name && !header.has(name)) header.set(name, i);
  });
  return header;
}

/** The data rows: those after row 1 (every row when row 1 is empty). */
export const dataRows = (read: SheetRead): SheetRow[] => (read.rows[0]?.row === 1 ? read.rows.slice(1) : read.rows);

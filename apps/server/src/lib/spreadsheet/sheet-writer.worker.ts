import { once } from 'node:events';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parentPort } from 'node:worker_threads';
// Only exceljs's streaming writer (its own module, CommonJS, no `exports` map): the whole package would also load the
// readers and CSV support into this thread (measured: +32 MB of RSS against +24 MB).
import WorkbookWriter from 'exceljs/lib/stream/xlsx/workbook-writer.js';
import { exportHeader, exportStyle, exportValue } from '../export-format';

/**
 * The export writer's entry (a worker thread; dist/sheet-writer.worker.js in the bundle). It writes one .xlsx sheet
 * with exceljs's streaming writer from the rows the server posts, and posts the file back in chunks. exceljs makes
 * several objects per cell; here they live and die in this thread's small heap (sheet-writer.ts), not in the server's,
 * and the XML is built off the server's event loop.
 */
export type ToWriter = { type: 'rows'; rows: Record<string, unknown>[] } | { type: 'end'; note: string | null };
export type FromWriter = { type: 'chunk'; bytes: Uint8Array } | { type: 'taken' } | { type: 'done' } | { type: 'error'; message: string };

/** Bytes of sheet XML the zip may hold back before the writer waits for it. */
const ZIP_BACKLOG = 2_000_000;

const port = parentPort!;
const post = (m: FromWriter, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

const out = new Writable({
  write(chunk: Buffer, _enc, done) {
    const bytes = new Uint8Array(chunk); // a copy: the chunk may share a pooled buffer, which must not be transferred
    post({ type: 'chunk', bytes }, [bytes.buffer as ArrayBuffer]);
    done();
  },
});
const wb = new WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
const sheet = wb.addWorksheet('导出');
let columns: string[] | null = null;

function addRow(flat: Record<string, unknown>): void {
  if (!columns) {
    columns = Object.keys(flat);
    sheet.columns = columns.map((key) => ({
      header: exportHeader(key),
      key,
      width: Math.min(40, Math.max(10, exportHeader(key).length * 2 + 2)),
    }));
    sheet.getRow(1).font = { bold: true };
  }
  const keys = columns;
  const row = sheet.addRow(keys.map((k) => exportValue(k, flat[k])));
  row.eachCell((cell, col) => {
    cell.style = exportStyle(keys[col - 1]!, cell.value);
  });
  row.commit();
}

/**
 * exceljs 4.4's streaming writer hands the sheet's XML to the zip entry without waiting for the compressor
 * (exceljs#1894, #2916): a fast writer piles the whole uncompressed sheet up in memory. After each batch, wait until
 * the zip entry has taken in what was written. (`stream.pipes` and `_writableState` are exceljs's and
 * readable-stream's own fields: if they change shape, this waits for nothing.)
 */
async function zipCaughtUp(): Promise<void> {
  const entry = (sheet as unknown as { stream?: { pipes?: (Writable & { _writableState?: { length: number } })[] } }).stream?.pipes?.[0];
  if (entry && (entry._writableState?.length ?? 0) > ZIP_BACKLOG) await once(entry, 'drain');
}

async function handle(m: ToWriter): Promise<void> {
  if (m.type === 'rows') {
    for (const row of m.rows) addRow(row);
    await zipCaughtUp();
    return post({ type: 'taken' });
  }
  if (m.note) sheet.addRow([m.note]).commit();
  if (!columns) sheet.addRow(['（无数据）']).commit();
  const ended = finished(out);
  await wb.commit();
  await ended;
  post({ type: 'done' });
}

// One message at a time, in order: the server sends the next batch only after `taken`.
let queue = Promise.resolve();
port.on('message', (m: ToWriter) => {
  queue = queue
    .then(() => handle(m))
    .catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
});

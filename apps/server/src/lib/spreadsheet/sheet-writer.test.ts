import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { SheetWriter, sheetWriters } from './sheet-writer';

// The writer is a worker thread, started through tsx here.
vi.setConfig({ testTimeout: 30_000 });

/** Writes `batches` through a SheetWriter and reads the file back with exceljs. */
async function roundTrip(batches: Record<string, unknown>[][], note: string | null = null): Promise<unknown[][]> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => stream.on('end', r));
  const writer = new SheetWriter(stream);
  for (const b of batches) await writer.add(b);
  await writer.end(note);
  await ended;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('R10.2 the export writer thread', () => {
  it('R10.2 writes a Chinese header row and every row of every batch, in order, values as plain values', async () => {
    const batch = (from: number) =>
      Array.from({ length: 500 }, (_, i) => ({ number: `C${from + i}`, name: from + i === 7 ? '=HYPERLINK("x")' : `学校${from + i}` }));
    const rows = await roundTrip([batch(0), batch(500), batch(1000)]);
    expect(rows[0]).toEqual(['证书编号', '名称']);
    expect(rows).toHaveLength(1 + 1500);
    expect(rows[1500]).toEqual(['C1499', '学校1499']);
    expect(rows[8]).toEqual(['C7', '=HYPERLINK("x")']); // text, not a formula object
  });

  it('R10.2 an empty list gives a file that says so; a note ends the sheet', async () => {
    expect(await roundTrip([])).toEqual([['（无数据）']]);
    const rows = await roundTrip([[{ name: '甲' }]], '仅导出前 1 行');
    expect(rows.at(-1)).toEqual(['仅导出前 1 行']);
  });

  it('R10.2 a reader that goes away while the writer waits for it ends the export instead of hanging', async () => {
    const stream = new PassThrough({ highWaterMark: 1 }); // nobody reads: the first chunk fills it
    const writer = new SheetWriter(stream);
    const batch = Array.from({ length: 2_000 }, (_, i) => ({ name: `${i}-${Math.random().toString(36)}`.repeat(4) }));
    await writer.add(batch);
    const waiting = writer.add(batch); // waits for the first batch to be written, then for the reader
    for (let t = 0; t < 400 && !stream.writableNeedDrain; t++) await new Promise((r) => setTimeout(r, 50));
    expect(stream.writableNeedDrain).toBe(true);
    stream.destroy(); // the client closed the connection
    await expect(waiting).rejects.toThrow(/closed/);
  });

  it('R10.2 after abort the writer refuses more rows instead of hanging', async () => {
    const writer = new SheetWriter(new PassThrough());
    await writer.add([{ name: '甲' }]);
    writer.abort();
    await expect(writer.end(null)).rejects.toThrow();
  });

  it('R10.2 at most 3 writer threads at once: 12 more exports wait their turn, the next is refused with 503 EXPORT_BUSY', async () => {
    const running = await Promise.all([1, 2, 3].map(() => sheetWriters.acquire()));
    const queued = Array.from({ length: 12 }, () => sheetWriters.acquire());
    await expect(sheetWriters.acquire()).rejects.toMatchObject({ code: 'EXPORT_BUSY', status: 503 });
    const order: number[] = [];
    const done = queued.map((q, i) => q.then((release) => (order.push(i), release())));
    for (const release of running) release();
    await Promise.all(done);
    expect(order).toEqual([...Array(12).keys()]); // in the order they came
    const again = await sheetWriters.acquire(); // all released: the next one starts at once
    again();
  });
});

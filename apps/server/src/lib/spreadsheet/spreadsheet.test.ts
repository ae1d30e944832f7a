import { describe, expect, it, vi } from 'vitest';
import { rowXml, writeZip, xlsx } from '../../test/spreadsheet-bombs';
import { AppError } from '../errors';
import { Semaphore, readSpreadsheet } from './index';
import { SpreadsheetLimitError } from './limits';
import { readSheet } from './read-sheet';

// Files are read in a worker thread (lib/spreadsheet), started through tsx here: slower than a plain call on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

/** Issue 20 item 1: the guarded reader's limits, one by one (small files, lowered limits; the bombs are in bombs.db.test.ts). */

const sheet = (rows: string[][]) => () => [
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
      .map((r, i) => rowXml(i + 1, r))
      .join('')}</sheetData></worksheet>`,
  ),
];

async function limitOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SpreadsheetLimitError);
  return (err as SpreadsheetLimitError).limit;
}

describe('R-issue20.1 guarded spreadsheet reader (pure)', () => {
  it('reads the named sheet’s non-empty rows as text, with the row numbers the spreadsheet shows', async () => {
    const bytes = await xlsx({ sheetName: '学生名单', sheet: sheet([['姓名', '专业'], ['张三', '物联网'], [], ['李四', '']]) });
    const r = await readSheet(bytes, { sheetName: '学生名单', maxRows: 10 });
    expect(r).toEqual({
      format: 'xlsx',
      overflowRow: null,
      rows: [
        { row: 1, cells: ['姓名', '专业'] },
        { row: 2, cells: ['张三', '物联网'] },
        { row: 4, cells: ['李四', ''] },
      ],
    });
  });

  it('stops at maxRows + 1 non-empty rows and names the row where it stopped', async () => {
    const rows = [['h'], ...Array.from({ length: 50 }, (_, i) => [`r${i}`])];
    const r = await readSheet(await xlsx({ sheetName: 'S', sheet: sheet(rows) }), { maxRows: 10 });
    expect(r.rows).toHaveLength(11);
    expect(r.overflowRow).toBe(12);
  });

  it('refuses a part that declares more than the limit before inflating it, and one that inflates past it while inflating', async () => {
    const big = sheet([['h'], ['x'.repeat(200_000)]]);
    const honest = await xlsx({ sheetName: 'S', sheet: big });
    expect(await limitOf(readSheet(honest, { maxRows: 10, limits: { maxEntryBytes: 100_000 } }))).toBe('entry');
    const lying = await xlsx({ sheetName: 'S', sheet: big, sheetDeclared: 1000 });
    expect(await limitOf(readSheet(lying, { maxRows: 10, limits: { maxEntryBytes: 100_000 } }))).toBe('entry');
    expect(await limitOf(readSheet(lying, { maxRows: 10, limits: { maxTotalBytes: 100_000 } }))).toBe('total');
    expect(await limitOf(readSheet(lying, { maxRows: 10, limits: { ratioFloorBytes: 10_000, maxRatio: 20 } }))).toBe('ratio');
  });

  it('refuses too many parts and a file over the compressed limit', async () => {
    const parts = Array.from({ length: 20 }, (_, i) => ({ name: `p${i}.xml`, data: () => [Buffer.from('x')] }));
    expect(await limitOf(readSheet(await writeZip(parts), { maxRows: 10, limits: { maxEntries: 10 } }))).toBe('entries');
    const bytes = await xlsx({ sheetName: 'S', sheet: sheet([['h']]) });
    expect(await limitOf(readSheet(bytes, { maxRows: 10, limits: { maxCompressedBytes: 100 } }))).toBe('compressed');
  });

  it(
    'runs in a worker thread: limits answer 413 SPREADSHEET_TOO_LARGE naming the limit, non-zip files 400',
    { timeout: 30_000 },
    async () => {
      const lying = await xlsx({ sheetName: 'S', sheet: sheet([['h'], ['x'.repeat(200_000)]]), sheetDeclared: 1000 });
      const err = await readSpreadsheet(lying, { maxRows: 10, limits: { maxEntryBytes: 100_000 } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'SPREADSHEET_TOO_LARGE', status: 413, details: { limit: 'entry' } });
      expect((err as AppError).message).toContain('解压后超过');
      const notZip = await readSpreadsheet(Buffer.from('证件类型\n'), { maxRows: 10 }).catch((e: unknown) => e);
      expect(notZip).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE', status: 400 });
      expect((await readSpreadsheet(Buffer.from('a,b\n1,2\n'), { maxRows: 10, csv: true })).rows).toHaveLength(2);
    },
  );

  it('a file that needs more memory than the worker has ends the worker only: 413 SPREADSHEET_TOO_LARGE (memory)', async () => {
    const shared = {
      name: 'xl/sharedStrings.xml',
      data: function* () {
        yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
        for (let i = 0; i < 300; i++) yield Buffer.from(Array.from({ length: 1000 }, (_, j) => `<si><t>${i}-${j}</t></si>`).join(''));
        yield Buffer.from('</sst>');
      },
    };
    const bytes = await xlsx({ sheetName: 'S', sheet: sheet([['h']]), shared });
    const err = await readSpreadsheet(bytes, { maxRows: 10 }, undefined, {
      maxOldGenerationSizeMb: 24,
      maxYoungGenerationSizeMb: 4,
      stackSizeMb: 4,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SPREADSHEET_TOO_LARGE', status: 413, details: { limit: 'memory' } });
    expect((await readSpreadsheet(Buffer.from('a\n1\n'), { maxRows: 10, csv: true })).rows).toHaveLength(2); // and the next file is read
  }, 60_000); // the worker's collector works hard before V8 gives up

  it('runs at most N parses at once, queues a few, and refuses the rest with 503 IMPORT_BUSY', async () => {
    const s = new Semaphore(2, 1);
    const a = await s.acquire();
    await s.acquire();
    let third = false;
    const waiting = s.acquire().then((release) => {
      third = true;
      return release;
    });
    await expect(s.acquire()).rejects.toMatchObject({ code: 'IMPORT_BUSY', status: 503 });
    expect(third).toBe(false);
    a();
    (await waiting)();
    expect(third).toBe(true);
  });
});

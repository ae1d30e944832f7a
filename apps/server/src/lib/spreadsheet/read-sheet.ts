import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { DEFAULT_SPREADSHEET_LIMITS, type SpreadsheetLimits, SpreadsheetLimitError, UnreadableSpreadsheetError } from './limits';
import { type GuardedZip, isZip, openGuardedZip } from './zip-guard';

/**
 * Reads one worksheet of an .xlsx file (or a UTF-8 .csv) into rows of plain cells, within limits: the zip through
 * zip-guard.ts (sizes and ratio counted while inflating), the worksheet row by row through exceljs's streaming reader
 * (stopped at `maxRows` + 1 rows), and only the parts needed (workbook, relationships, styles, shared strings, the one
 * sheet). Runs inside the parsing worker (spreadsheet.worker.ts); modules call `readSpreadsheet` (index.ts).
 */

/** A cell as a person sees it: text, or a number as stored (callers may want to know that a cell was a number). */
export type Cell = string | number;
export interface SheetRow {
  /** The row number the spreadsheet shows (the header is 1). */
  row: number;
  /** Cells by column, from the first column (A = index 0). */
  cells: Cell[];
}
export interface ReadSheetOptions {
  /** The data sheet's name; a file without it is read from its first sheet. */
  sheetName?: string;
  /** Non-empty rows read after the first one (the header); reading stops at the next and reports its number. */
  maxRows: number;
  /** A file that is not a zip is read as UTF-8 CSV (otherwise it is unreadable). */
  csv?: boolean;
  limits?: Partial<SpreadsheetLimits>;
}
export interface SheetRead {
  format: 'xlsx' | 'csv';
  /** The first non-empty row (the header when it is row 1), then up to `maxRows` non-empty rows. */
  rows: SheetRow[];
  /** The row at which reading stopped because there were more than `maxRows` rows, or null. */
  overflowRow: number | null;
}

/** Parts smaller than any real use needs: relationships, workbook, styles. */
const SMALL_PART_BYTES = 16 * 1024 * 1024;

/** A cell's value as the text a person sees (rich text, formula results, hyperlinks, dates); numbers stay numbers. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('result' in o) return toCell(o.result);
    if ('text' in o) return String(o.text);
    if ('error' in o) return String(o.error);
    return '';
  }
  return String(v).trim();
}

const isEmpty = (cells: Cell[]) => cells.every((c) => c === '');

/** Decodes UTF-8 across chunk boundaries (a character split between two chunks stays whole). */
async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const s = typeof c === 'string' ? c : decoder.write(c);
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

interface ReaderInternals {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { name: string; id: number; rId: string }[] };
  sharedStrings?: unknown[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: number): Generator<{ value: AsyncIterable<ExcelJS.Row> }>;
}

/**
 * exceljs's streaming reader, fed part by part from the guarded zip instead of its own unzipper (which inflates
 * whatever the file says). Its worksheet and shared strings are decoded by a streaming UTF-8 decoder: exceljs 4.4
 * decodes each chunk on its own, so a Chinese character split between two chunks became U+FFFD.
 */
function newReader(): ReaderInternals {
  return new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  }) as unknown as ReaderInternals;
}

/** The worksheet part to read: the named sheet, else the first sheet of the workbook, else the first sheet part. */
function sheetPart(zip: GuardedZip, r: ReaderInternals, sheetName?: string): string {
  const sheets = r.model?.sheets ?? [];
  const chosen = sheets.find((s) => s.name === sheetName) ?? sheets[0];
  const rel = chosen && r.workbookRels?.find((x) => x.Id === chosen.rId);
  if (rel) {
    const part = rel.Target.startsWith('/') ? rel.Target.slice(1) : `xl/${rel.Target}`;
    if (zip.has(part)) return part;
  }
  const parts = zip.names.filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  parts.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  if (!parts[0]) throw new UnreadableSpreadsheetError('该 .xlsx 文件中没有工作表');
  return parts[0];
}

async function readXlsx(
  bytes: Buffer,
  o: ReadSheetOptions,
  limits: SpreadsheetLimits,
  onProgress?: (f: number) => void,
): Promise<SheetRead> {
  const zip = await openGuardedZip(bytes, limits);
  try {
    const r = newReader();
    const small = { maxBytes: SMALL_PART_BYTES };
    if (zip.has('xl/_rels/workbook.xml.rels')) await r._parseRels(await zip.open('xl/_rels/workbook.xml.rels', small));
    if (zip.has('xl/workbook.xml')) await r._parseWorkbook(await zip.open('xl/workbook.xml', small));
    if (zip.has('xl/styles.xml')) await r._parseStyles(await zip.open('xl/styles.xml', small));
    if (zip.has('xl/sharedStrings.xml')) {
      const entry = await zip.open('xl/sharedStrings.xml', { limit: 'sharedStrings' });
      entry.setEncoding('utf8');
      for await (const _ of r._parseSharedStrings(entry)); // 'cache': kept by the reader, bounded by the part's limit
    }
    r.sharedStrings ??= [];
    let lastReported = 0;
    const sheet = await zip.open(sheetPart(zip, r, o.sheetName), {
      onBytes: (n, declared) => {
        if (!onProgress || !declared || n - lastReported < declared / 20) return;
        lastReported = n;
        onProgress(Math.min(1, n / declared));
      },
    });
    const rows: SheetRow[] = [];
    let overflowRow: number | null = null;
    for (const { value } of r._parseWorksheet(decodeUtf8(sheet), 1)) {
      for await (const row of value) {
        const cells = (row.values as unknown[]).slice(1).map(toCell);
        for (let i = 0; i < cells.length; i++) cells[i] ??= ''; // sparse: an empty column between two cells
        if (isEmpty(cells)) continue;
        if (rows.length > o.maxRows) {
          overflowRow = row.number;
          break; // stops inflating: the rest of the sheet is never read
        }
        rows.push({ row: row.number, cells });
      }
    }
    sheet.destroy();
    return { format: 'xlsx', rows, overflowRow };
  } catch (err) {
    if (err instanceof SpreadsheetLimitError || err instanceof UnreadableSpreadsheetError) throw err;
    throw new UnreadableSpreadsheetError('无法读取该 .xlsx 文件，请确认文件未损坏');
  } finally {
    zip.close();
  }
}

/** A UTF-8 .csv (BOM allowed), parsed as a stream and stopped at the row limit; another encoding (GBK) is refused with a hint. */
async function readCsv(bytes: Buffer, o: ReadSheetOptions, onProgress?: (f: number) => void): Promise<SheetRead> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableSpreadsheetError('CSV 文件须为 UTF-8 编码（在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”）');
  }
  const parser = Readable.from([text]).pipe(
    parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 1024 * 1024 }),
  );
  const rows: SheetRow[] = [];
  let overflowRow: number | null = null;
  let lastReported = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
      const cells = record.map((c) => c.trim());
      if (isEmpty(cells)) continue;
      if (rows.length > o.maxRows) {
        overflowRow = info.lines;
        break;
      }
      rows.push({ row: info.lines, cells: record });
      if (onProgress && info.bytes - lastReported > text.length / 20) {
        lastReported = info.bytes;
        onProgress(Math.min(1, info.bytes / text.length));
      }
    }
  } catch (err) {
    throw new UnreadableSpreadsheetError(`无法解析该 CSV 文件：${(err as Error).message.slice(0, 200)}`);
  } finally {
    parser.destroy();
  }
  return { format: 'csv', rows, overflowRow };
}

/** Reads the sheet in this thread (the parsing worker calls it; so do the benchmark and unit tests). */
export async function readSheet(bytes: Buffer, o: ReadSheetOptions, onProgress?: (fraction: number) => void): Promise<SheetRead> {
  const limits = { ...DEFAULT_SPREADSHEET_LIMITS, ...o.limits };
  if (bytes.length > limits.maxCompressedBytes) throw SpreadsheetLimitError.of('compressed', limits);
  if (isZip(bytes)) return readXlsx(bytes, o, limits, onProgress);
  if (o.csv) return readCsv(bytes, o, onProgress);
  throw new UnreadableSpreadsheetError('上传的文件不是 .xlsx 文件（按文件内容检查），请使用平台提供的 .xlsx 模板');
}

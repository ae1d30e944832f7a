import { Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { type ImportErrorDto, MAX_RESULT_ROWS, RESULT_FILE_COLUMNS } from '@onex/shared';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * Reading a results file (R5.5): .xlsx through exceljs's streaming reader (constant memory per row, so a file of
 * 100,000 candidates is read without building a workbook) or .csv (UTF-8, with or without BOM) through csv-parse.
 * Only the header is checked here; rows are checked by results-import.rules.ts.
 */

export type ResultColumn = (typeof RESULT_FILE_COLUMNS)[number];

/** One data row as read: text cells, with the row number the spreadsheet shows (header = 1). */
export interface RawResultRow {
  row: number;
  idTypeLabel: string;
  idNumber: string;
  /** The ID number was a number cell: Excel keeps 15 significant digits, so an 18-digit number is already damaged. */
  idNumberNumeric: boolean;
  name: string;
  score: string;
  result: string;
}

export interface ParsedResultsFile {
  format: 'xlsx' | 'csv';
  rows: RawResultRow[];
  /** Header problems, or the file is empty or too long; rows are not read past them. */
  errors: ImportErrorDto[];
}

export class UnreadableFileError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** A cell's value as the text a person sees (numbers, rich text, formula results, hyperlinks, dates). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return String(o.text);
    if ('error' in o) return String(o.error);
    return '';
  }
  return String(v).trim();
}

/** Maps header cells to the five columns: missing and unknown columns are errors naming them (row 1). */
export function headerIndex(cells: string[]): { index: Record<ResultColumn, number> } | { errors: ImportErrorDto[] } {
  const at = new Map<string, number>();
  const errors: ImportErrorDto[] = [];
  cells.forEach((c, i) => {
    const name = c.replace(/^\uFEFF/, '').trim();
    if (!name) return;
    if ((RESULT_FILE_COLUMNS as readonly string[]).includes(name)) {
      if (at.has(name)) errors.push({ row: 1, column: name, code: 'DUPLICATE_COLUMN', message: `表头中“${name}”列重复` });
      else at.set(name, i);
    } else {
      errors.push({
        row: 1,
        column: name,
        code: 'UNKNOWN_COLUMN',
        message: `表头中有多余的列“${name}”；表头须为：${RESULT_FILE_COLUMNS.join('、')}`,
      });
    }
  });
  for (const c of RESULT_FILE_COLUMNS)
    if (!at.has(c))
      errors.push({ row: 1, column: c, code: 'MISSING_COLUMN', message: `缺少列“${c}”；表头须为：${RESULT_FILE_COLUMNS.join('、')}` });
  if (errors.length) return { errors };
  return { index: Object.fromEntries(RESULT_FILE_COLUMNS.map((c) => [c, at.get(c)!])) as Record<ResultColumn, number> };
}

function tooMany(row: number): ImportErrorDto {
  return { row, column: '', code: 'TOO_MANY_ROWS', message: `一个成绩文件最多 ${MAX_RESULT_ROWS} 行考生数据，请分多个文件导入` };
}

function toRow(row: number, values: readonly unknown[], ix: Record<ResultColumn, number>): RawResultRow | null {
  const id = values[ix['证件号码']];
  const r: RawResultRow = {
    row,
    idTypeLabel: cellText(values[ix['证件类型']]),
    idNumber: cellText(id),
    idNumberNumeric: typeof id === 'number',
    name: cellText(values[ix['姓名']]),
    score: cellText(values[ix['总成绩']]),
    result: cellText(values[ix['考核结果']]),
  };
  return r.idTypeLabel || r.idNumber || r.name || r.score || r.result ? r : null;
}

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
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: number): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
}
const baseReader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

/**
 * exceljs 4.4's streaming reader decodes every inflated chunk on its own, so a multi-byte character (every Chinese
 * name) that straddles two chunks turns into U+FFFD — in any worksheet larger than one chunk (16 KB). This reader
 * hands exceljs the worksheet and shared strings already decoded by a streaming decoder.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {}
Object.assign(Utf8WorkbookReader.prototype, {
  _parseWorksheet(this: ReaderInternals, chunks: AsyncIterable<Buffer | string>, sheetNo: number) {
    return baseReader._parseWorksheet.call(this, decodeUtf8(chunks), sheetNo);
  },
  _parseSharedStrings(this: ReaderInternals, entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    return baseReader._parseSharedStrings.call(this, entry);
  },
});

/** Reads the first worksheet of an .xlsx file row by row; `onProgress(0..1)` follows the bytes consumed. */
async function readXlsx(bytes: Buffer, onProgress?: (fraction: number) => void): Promise<ParsedResultsFile> {
  let consumed = 0;
  let lastReported = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      consumed += chunk.length;
      if (onProgress && consumed - lastReported > bytes.length / 20) {
        lastReported = consumed;
        onProgress(consumed / bytes.length);
      }
      cb(null, chunk);
    },
  });
  const source = Readable.from([bytes]).pipe(counter);
  const reader = new Utf8WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const rows: RawResultRow[] = [];
  const errors: ImportErrorDto[] = [];
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      if (sheets++ > 0) {
        for await (const _ of sheet); // only the first worksheet holds data; drain the rest
        continue;
      }
      let ix: Record<ResultColumn, number> | null = null;
      let stop = false;
      for await (const row of sheet) {
        if (stop) continue;
        const values = row.values as unknown[];
        if (!ix) {
          if (row.number !== 1) {
            errors.push(...missingHeader());
            stop = true;
            continue;
          }
          const h = headerIndex(values.map(cellText));
          if ('errors' in h) {
            errors.push(...h.errors);
            stop = true;
            continue;
          }
          ix = h.index;
          continue;
        }
        const r = toRow(row.number, values, ix);
        if (!r) continue;
        if (rows.length >= MAX_RESULT_ROWS) {
          errors.push(tooMany(row.number));
          stop = true;
          continue;
        }
        rows.push(r);
      }
      if (!ix && !errors.length) errors.push(...missingHeader());
    }
  } catch (err) {
    if (err instanceof UnreadableFileError) throw err;
    throw new UnreadableFileError('无法读取该 .xlsx 文件，请确认文件未损坏');
  }
  if (sheets === 0) throw new UnreadableFileError('该 .xlsx 文件中没有工作表');
  return { format: 'xlsx', rows, errors };
}

function missingHeader(): ImportErrorDto[] {
  return [{ row: 1, column: '', code: 'MISSING_HEADER', message: `第 1 行须为表头：${RESULT_FILE_COLUMNS.join('、')}` }];
}

/** Reads a UTF-8 .csv file (BOM allowed); a file in another encoding (e.g. GBK) is refused with a hint. */
function readCsv(bytes: Buffer): ParsedResultsFile {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableFileError('CSV 文件须为 UTF-8 编码（在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”）');
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (err) {
    throw new UnreadableFileError(`无法解析该 CSV 文件：${(err as Error).message.slice(0, 200)}`);
  }
  const errors: ImportErrorDto[] = [];
  const first = records[0];
  if (!first) return { format: 'csv', rows: [], errors: missingHeader() };
  const h = headerIndex(first.record);
  if ('errors' in h) return { format: 'csv', rows: [], errors: h.errors };
  const rows: RawResultRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i]!;
    const r = toRow(info.lines, record, h.index);
    if (!r) continue;
    if (rows.length >= MAX_RESULT_ROWS) {
      errors.push(tooMany(info.lines));
      break;
    }
    rows.push(r);
  }
  return { format: 'csv', rows, errors };
}

/** Reads a results file by its content (.xlsx is a zip; anything else is read as CSV). */
export async function readResultsFile(bytes: Buffer, onProgress?: (fraction: number) => void): Promise<ParsedResultsFile> {
  const parsed = isZip(bytes) ? await readXlsx(bytes, onProgress) : readCsv(bytes);
  if (!parsed.rows.length && !parsed.errors.length)
    parsed.errors.push({ row: 2, column: '', code: 'EMPTY', message: '文件中没有考生数据行' });
  return parsed;
}

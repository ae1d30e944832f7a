import { type ImportErrorDto, MAX_RESULT_ROWS, RESULT_FILE_COLUMNS } from '@onex/shared';
import { type Cell, type SheetRead, cellText, readSpreadsheet } from '../../lib/spreadsheet';

/**
 * Reading a results file (R5.5): .xlsx or .csv (UTF-8, with or without BOM) through the guarded spreadsheet reader
 * (lib/spreadsheet: a worker thread, limits checked while inflating, rows read as a stream and stopped past
 * MAX_RESULT_ROWS). Only the header is checked here; rows are checked by results-import.rules.ts.
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

function missingHeader(): ImportErrorDto[] {
  return [{ row: 1, column: '', code: 'MISSING_HEADER', message: `第 1 行须为表头：${RESULT_FILE_COLUMNS.join('、')}` }];
}

function toRow(row: number, cells: readonly Cell[], ix: Record<ResultColumn, number>): RawResultRow | null {
  const id = cells[ix['证件号码']];
  const r: RawResultRow = {
    row,
    idTypeLabel: cellText(cells[ix['证件类型']]),
    idNumber: cellText(id),
    idNumberNumeric: typeof id === 'number',
    name: cellText(cells[ix['姓名']]),
    score: cellText(cells[ix['总成绩']]),
    result: cellText(cells[ix['考核结果']]),
  };
  return r.idTypeLabel || r.idNumber || r.name || r.score || r.result ? r : null;
}

/** The rows of a read sheet: the header (row 1) checked, then every data row; more than MAX_RESULT_ROWS is one error. */
export function resultsOf(read: SheetRead): ParsedResultsFile {
  const [first, ...rest] = read.rows;
  const parsed: ParsedResultsFile = { format: read.format, rows: [], errors: [] };
  if (!first || first.row !== 1) {
    parsed.errors.push(...missingHeader());
    return parsed;
  }
  const h = headerIndex(first.cells.map(cellText));
  if ('errors' in h) {
    parsed.errors.push(...h.errors);
    return parsed;
  }
  // Too long: the file cannot be imported, so its rows are not checked (reading stopped at the limit).
  if (read.overflowRow !== null) {
    parsed.errors.push(tooMany(read.overflowRow));
    return parsed;
  }
  for (const { row, cells } of rest) {
    const r = toRow(row, cells, h.index);
    if (r) parsed.rows.push(r);
  }
  if (!parsed.rows.length) parsed.errors.push({ row: 2, column: '', code: 'EMPTY', message: '文件中没有考生数据行' });
  return parsed;
}

/** Reads a results file by its content (.xlsx is a zip; anything else is read as CSV), off the main thread. */
export async function readResultsFile(bytes: Buffer, onProgress?: (fraction: number) => void): Promise<ParsedResultsFile> {
  return resultsOf(await readSpreadsheet(bytes, { maxRows: MAX_RESULT_ROWS, csv: true }, onProgress));
}

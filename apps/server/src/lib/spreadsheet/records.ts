import type { ImportErrorDto } from '@onex/shared';
import { cellText, dataRows, headerOf, readSpreadsheet } from './index';

/**
 * The common shape of the .xlsx imports (learners, majors, credit-bank accounts and deposits): one sheet whose row 1
 * names the columns; each data row as text keyed by column name (row numbers as Excel shows them). Missing required
 * columns, more than `maxRows` rows (reading stopped there) and an empty sheet are errors naming the row and column.
 */
export async function readRecords<C extends string>(
  bytes: Buffer,
  o: { sheetName: string; columns: readonly C[]; required: readonly C[]; maxRows: number },
): Promise<{ rows: { row: number; cells: Record<C, string> }[]; errors: ImportErrorDto[] }> {
  const read = await readSpreadsheet(bytes, { sheetName: o.sheetName, maxRows: o.maxRows });
  const header = headerOf(read) ?? new Map<string, number>();
  const missing = o.required.filter((c) => !header.has(c));
  if (missing.length)
    return {
      rows: [],
      errors: missing.map((c) => ({ row: 1, column: c, code: 'MISSING_COLUMN', message: `缺少列“${c}”，请使用导入模板` })),
    };
  // Too long: the file cannot be imported, so its rows are not checked (reading stopped at the limit).
  if (read.overflowRow !== null)
    return {
      rows: [],
      errors: [{ row: read.overflowRow, column: '', code: 'TOO_MANY_ROWS', message: `一次最多导入 ${o.maxRows} 行，请分多个文件导入` }],
    };
  const rows: { row: number; cells: Record<C, string> }[] = [];
  for (const r of dataRows(read)) {
    const cells = Object.fromEntries(o.columns.map((c) => [c, header.has(c) ? cellText(r.cells[header.get(c)!]) : ''])) as Record<
      C,
      string
    >;
    if (Object.values(cells).every((v) => v === '')) continue;
    rows.push({ row: r.row, cells });
  }
  return { rows, errors: rows.length ? [] : [{ row: 2, column: '', code: 'EMPTY', message: '文件中没有数据行' }] };
}

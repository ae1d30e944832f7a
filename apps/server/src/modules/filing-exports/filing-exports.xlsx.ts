import { tableWorkbook } from '../../lib/xlsx-table';
import { SUMMARY_COLUMNS, type SummaryRow } from './filing-exports.rules';

const WIDTHS = [6, 30, 12, 40, 10, 40, 12, 24];

/** The 汇总表 as .xlsx: the title in row 1, the exact header in row 2, one row per school from row 3. */
export function summaryWorkbook(title: string, rows: readonly SummaryRow[]): Promise<Buffer> {
  return tableWorkbook('汇总表', title, SUMMARY_COLUMNS, rows, WIDTHS);
}

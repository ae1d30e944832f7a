import ExcelJS from 'exceljs';
import { SUMMARY_COLUMNS, type SummaryRow } from './filing-exports.rules';

const WIDTHS = [6, 30, 12, 40, 10, 40, 12, 24];

/** The 汇总表 as .xlsx: the title in row 1, the exact header in row 2, one row per school from row 3. */
export async function summaryWorkbook(title: string, rows: readonly SummaryRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '1+X 证书信息管理服务平台';
  const ws = wb.addWorksheet('汇总表', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  ws.columns = WIDTHS.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, SUMMARY_COLUMNS.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { bold: true, size: 14 };
  t.alignment = { horizontal: 'center' };
  const header = ws.addRow([...SUMMARY_COLUMNS]);
  header.font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.eachRow((row, n) => {
    if (n < 2) return;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: n === 2 ? 'center' : undefined };
    });
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

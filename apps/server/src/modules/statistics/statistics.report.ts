import type { StatisticsFigures } from '@onex/shared';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../lib/on-demand';
import {
  type BreakdownRow,
  REPORT_FIGURE_COLUMNS,
  type ReportCell,
  certificateRows,
  figureCells,
  formDate,
  schoolRows,
} from './statistics.rules';

export interface ReportInput {
  title: string;
  /** 填报单位 */
  unit: string;
  /** 填报日期, YYYY-MM-DD (China). */
  date: string;
  asOf: string;
  bySchool: { rows: BreakdownRow[]; totals: StatisticsFigures };
  byCertificate: { rows: BreakdownRow[]; totals: StatisticsFigures };
}

const BORDER = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;

/**
 * One sheet in the layout of the 汇总表 family (003 附件1): the title merged in row 1, 填报单位 (盖章) and 填报日期 in
 * row 2, the header in row 3, the rows, a 合计 row, and a note on the figures' source. Values only, never formulas.
 */
function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  r: ReportInput,
  columns: readonly string[],
  widths: readonly number[],
  rows: readonly ReportCell[][],
  total: ReportCell[],
) {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  ws.columns = widths.map((width) => ({ width }));
  const n = columns.length;
  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = r.title;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  const half = Math.ceil(n / 2);
  ws.mergeCells(2, 1, 2, half);
  ws.getCell(2, 1).value = `填报单位：${r.unit}（盖章）`;
  ws.mergeCells(2, half + 1, 2, n);
  ws.getCell(2, half + 1).value = `填报日期：${formDate(r.date)}`;
  ws.getCell(2, half + 1).alignment = { horizontal: 'right' };
  const header = ws.addRow([...columns]);
  header.font = { bold: true };
  for (const row of rows) ws.addRow(row);
  const totalRow = ws.addRow(total);
  totalRow.font = { bold: true };
  const rateColumn = n - 2; // 通过率: the third-last column
  ws.eachRow((row, i) => {
    if (i < 3) return;
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: i === 3 ? 'center' : undefined };
      if (i > 3 && c === rateColumn && typeof cell.value === 'number') cell.numFmt = '0.0%';
    });
  });
  ws.addRow([`注：数据来自统计汇总（截至 ${r.asOf}）；通过率 = 合格人数 ÷ 参考人数；发证数含已撤销的证书。`]);
  ws.views = [{ state: 'frozen', ySplit: 3 }];
}

/** The 动态报送 report: sheet 按院校 and sheet 按证书及等级, each with its 合计 row. */
export async function reportWorkbook(r: ReportInput): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = '1+X 证书信息管理服务平台';
  const figureWidths = REPORT_FIGURE_COLUMNS.map(() => 11);
  addSheet(wb, '按院校', r, ['序号', '试点院校名称', ...REPORT_FIGURE_COLUMNS], [6, 32, ...figureWidths], schoolRows(r.bySchool.rows), [
    '合计',
    null,
    ...figureCells(r.bySchool.totals),
  ]);
  addSheet(
    wb,
    '按证书及等级',
    r,
    ['序号', '证书名称', '等级', ...REPORT_FIGURE_COLUMNS],
    [6, 32, 14, ...figureWidths],
    certificateRows(r.byCertificate.rows),
    ['合计', null, null, ...figureCells(r.byCertificate.totals)],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

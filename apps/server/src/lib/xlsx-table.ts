import { newWorkbook } from './on-demand';

export type Cell = string | number | null;

/** One sheet: the title merged in row 1, the header in row 2, data rows from row 3, thin borders, header frozen. */
export async function tableWorkbook(
  sheet: string,
  title: string,
  columns: readonly string[],
  rows: readonly (readonly Cell[])[],
  widths: readonly number[],
): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = '1+X 证书信息管理服务平台';
  const ws = wb.addWorksheet(sheet, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  ws.columns = widths.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, columns.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { bold: true, size: 14 };
  t.alignment = { horizontal: 'center' };
  const header = ws.addRow([...columns]);
  header.font = { bold: true };
  for (const r of rows) ws.addRow([...r]);
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

import { type IdType, ID_TYPE_LABELS, type ImportErrorDto, RESULT_FILE_COLUMNS } from '@onex/shared';
import { newWorkbook } from '../../lib/on-demand';

/**
 * The .xlsx files the results import hands out (issue 21 item 3): the session's results template pre-filled with its
 * candidates, so nobody types an ID number, and the list of a refused file's errors.
 */

export interface TemplateCandidate {
  idType: IdType;
  idNumber: string;
  name: string;
}

const CREATOR = '1+X 证书信息管理服务平台';
/** Excel's own limit for a list of allowed values in a data validation formula is 255 characters; ours is short. */
const RESULT_LIST = '"合格,不合格"';

export async function buildResultsTemplate(title: string, candidates: readonly TemplateCandidate[]): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = CREATOR;
  // The import reads the first worksheet: the data sheet comes first, the notes after it.
  const sheet = wb.addWorksheet('考核成绩', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = RESULT_FILE_COLUMNS.map((c) => ({ header: c, key: c, width: c === '证件号码' ? 24 : 14 }));
  sheet.getRow(1).font = { bold: true };
  // ID numbers as text: an 18-digit number cell loses its last digits in Excel.
  sheet.getColumn(2).numFmt = '@';
  candidates.forEach((c, i) => {
    const r = sheet.getRow(i + 2);
    r.getCell(1).value = ID_TYPE_LABELS[c.idType].zh;
    r.getCell(2).value = c.idNumber;
    r.getCell(3).value = c.name;
    r.getCell(4).dataValidation = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [0, 100],
      showErrorMessage: true,
      errorTitle: '总成绩',
      error: '总成绩须为 0 至 100 之间的数（最多一位小数）',
    };
    r.getCell(5).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [RESULT_LIST],
      showErrorMessage: true,
      errorTitle: '考核结果',
      error: '考核结果须为“合格”或“不合格”',
    };
  });
  const help = wb.addWorksheet('说明');
  help.columns = [{ width: 110 }];
  [
    `${title} 考核成绩导入模板`,
    '1. “考核成绩”工作表已列出本场考核的全部已报名考生，请勿修改证件类型、证件号码和姓名。',
    '2. 为每名考生填写“总成绩”（0–100，最多一位小数）和“考核结果”（合格 / 不合格，须与合格分数线一致）。',
    '3. 任何一行有误时整份文件都不会写入，平台会列出出错的行号、列名和原因，可下载错误清单。',
  ].forEach((l, i) => (help.getCell(i + 1, 1).value = l));
  help.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 行, 列, 说明 — as the import page lists them (messages never contain an ID number). */
export async function buildErrorList(errors: readonly ImportErrorDto[]): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = CREATOR;
  const sheet = wb.addWorksheet('错误清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '行', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 16 },
    { header: '说明', key: 'message', width: 90 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const e of errors) sheet.addRow({ row: e.row, column: e.column, message: e.message });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

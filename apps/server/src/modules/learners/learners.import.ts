import {
  ID_TYPE_LABELS,
  type IdType,
  type ImportErrorDto,
  LEARNER_IMPORT_COLUMNS,
  idNumberProblem,
  idTypeFromLabel,
  normalizeIdNumber,
} from '@onex/shared';
import { newWorkbook } from '../../lib/on-demand';
import { readRecords } from '../../lib/spreadsheet/records';
import { eachInSlices } from '../../lib/slices';

/** The data sheet of the template; a file without it is read from its first sheet. */
export const DATA_SHEET = '学生名单';
export const MAX_IMPORT_ROWS = 5000;

type Column = (typeof LEARNER_IMPORT_COLUMNS)[number];

export interface LearnerImportRow {
  row: number;
  name: string;
  idType: IdType;
  idNumber: string;
  major: string;
  className: string | null;
  povertyRegistered: boolean;
}

/** Validates one row by itself (row numbers as Excel shows them). ID numbers never appear in messages. */
export function validateLearnerRow(row: number, cells: Record<Column, string>): { ok: LearnerImportRow } | { errors: ImportErrorDto[] } {
  const errors: ImportErrorDto[] = [];
  const err = (column: Column, code: string, message: string) => errors.push({ row, column, code, message });
  const name = cells.姓名.trim();
  if (!name) err('姓名', 'REQUIRED', '“姓名”不能为空');
  else if (name.length > 50) err('姓名', 'TOO_LONG', '“姓名”过长');
  const idType = idTypeFromLabel(cells.证件类型 || '居民身份证');
  if (!idType)
    err(
      '证件类型',
      'INVALID_VALUE',
      `“证件类型”须为 ${Object.values(ID_TYPE_LABELS)
        .map((l) => l.zh)
        .join('、')} 之一`,
    );
  const idNumber = normalizeIdNumber(cells.证件号码);
  if (idType) {
    const p = idNumberProblem(idType, idNumber);
    if (p) err('证件号码', 'ID_NUMBER_INVALID', p);
  }
  const major = cells.专业.trim();
  if (!major) err('专业', 'REQUIRED', '“专业”不能为空');
  const className = cells.班级.trim() || null;
  if (className && className.length > 50) err('班级', 'TOO_LONG', '“班级”过长');
  const poverty = cells.建档立卡.trim() || '否';
  if (poverty !== '是' && poverty !== '否') err('建档立卡', 'INVALID_VALUE', '“建档立卡”须填写“是”或“否”');
  if (errors.length) return { errors };
  return { ok: { row, name, idType: idType!, idNumber, major, className, povertyRegistered: poverty === '是' } };
}

/** Reads the import file through the guarded spreadsheet reader and validates every row (R2.4). */
export async function parseLearnersFile(bytes: Buffer): Promise<{ rows: LearnerImportRow[]; errors: ImportErrorDto[] }> {
  const read = await readRecords(bytes, {
    sheetName: DATA_SHEET,
    columns: LEARNER_IMPORT_COLUMNS,
    required: LEARNER_IMPORT_COLUMNS.filter((c) => c !== '班级' && c !== '建档立卡'),
    maxRows: MAX_IMPORT_ROWS,
  });
  const rows: LearnerImportRow[] = [];
  const errors: ImportErrorDto[] = [];
  await eachInSlices(read.rows, ({ row, cells }) => {
    const v = validateLearnerRow(row, cells);
    if ('ok' in v) rows.push(v.ok);
    else errors.push(...v.errors);
  });
  return { rows, errors: [...errors, ...read.errors] };
}

/** The template: the data sheet with the header row (证件号码 as text) and an instructions sheet. */
export async function buildLearnersTemplate(schoolName: string, majorNames: string[]): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = '1+X 证书信息管理服务平台';
  const data = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = LEARNER_IMPORT_COLUMNS.map((c) => ({ header: c, key: c, width: c === '证件号码' ? 24 : 16 }));
  data.getRow(1).font = { bold: true };
  data.getColumn(3).numFmt = '@';
  for (let r = 2; r <= 501; r++) {
    data.getCell(r, 2).dataValidation = { type: 'list', allowBlank: true, formulae: ['"居民身份证,港澳台居民居住证,护照"'] };
    data.getCell(r, 6).dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
    if (majorNames.length && majorNames.join(',').length < 250)
      data.getCell(r, 4).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${majorNames.join(',')}"`] };
  }
  const help = wb.addWorksheet('说明');
  help.columns = [{ width: 110 }];
  const lines = [
    `${schoolName} 试点学生导入说明`,
    '1. 在“学生名单”工作表中每行填写一名学生；第一行为表头，请勿修改。',
    '2. “证件类型”填写 居民身份证、港澳台居民居住证 或 护照（留空按居民身份证）；居民身份证号码按 GB 11643 校验，请将单元格设为文本以免末位 X 或前导数字丢失。',
    '3. “专业”须为本校已在平台上登记的专业名称或专业代码：' + (majorNames.join('、') || '（尚未登记，请先在平台上添加专业）'),
    '4. “建档立卡”填写“是”或“否”（留空按否）；建档立卡学生的考核费用由学校承担并显示为“已资助”。',
    '5. 同一证件号码只能登记一次；任何一行有误时整份文件都不会写入，平台会列出出错的行号、列名和原因。',
    '6. 导入成功后平台为每名学生生成激活码（仅显示一次，30 天内有效），请下载后分发给学生本人。',
  ];
  lines.forEach((l, i) => (help.getCell(i + 1, 1).value = l));
  help.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

import {
  ACCOUNT_IMPORT_COLUMNS,
  DEPOSIT_IMPORT_COLUMNS,
  DEPOSIT_TYPE_FROM_LABEL,
  type DepositableOutcomeType,
  ID_TYPE_LABELS,
  type IdType,
  type ImportErrorDto,
  idNumberProblem,
  idTypeFromLabel,
  normalizeIdNumber,
} from '@onex/shared';
import { newWorkbook } from '../../lib/on-demand';
import { readRecords } from '../../lib/spreadsheet/records';
import { eachInSlices } from '../../lib/slices';

/**
 * The .xlsx files of the credit bank: bulk opening of accounts (姓名, 证件类型, 证件号码) and deposits of outcomes
 * (R7.1). Every row is checked by itself here (row numbers as Excel shows them, messages in Chinese, ID numbers never
 * in a message); the service adds the checks that need the database.
 */

const MAX_ROWS = 5000;
const ACCOUNTS_SHEET = '学习账户';
const DEPOSITS_SHEET = '学习成果';

interface Person {
  row: number;
  name: string;
  idType: IdType;
  idNumber: string;
}

function person(row: number, c: { 姓名: string; 证件类型: string; 证件号码: string }, errors: ImportErrorDto[]): Person | null {
  const err = (column: string, code: string, message: string) => errors.push({ row, column, code, message });
  const before = errors.length;
  const name = c.姓名.trim();
  if (!name) err('姓名', 'REQUIRED', '“姓名”不能为空');
  else if (name.length > 50) err('姓名', 'TOO_LONG', '“姓名”过长');
  const idType = idTypeFromLabel(c.证件类型 || '居民身份证');
  if (!idType)
    err(
      '证件类型',
      'INVALID_VALUE',
      `“证件类型”须为 ${Object.values(ID_TYPE_LABELS)
        .map((l) => l.zh)
        .join('、')} 之一`,
    );
  const idNumber = normalizeIdNumber(c.证件号码);
  if (idType) {
    const p = idNumberProblem(idType, idNumber);
    if (p) err('证件号码', 'ID_NUMBER_INVALID', p);
  }
  return errors.length > before ? null : { row, name, idType: idType!, idNumber };
}

/** Accounts: one row per person; the same number twice in a file is an error. */
export async function parseAccountsFile(bytes: Buffer): Promise<{ rows: Person[]; errors: ImportErrorDto[] }> {
  const read = await readRecords(bytes, {
    sheetName: ACCOUNTS_SHEET,
    columns: ACCOUNT_IMPORT_COLUMNS,
    required: ['姓名', '证件号码'],
    maxRows: MAX_ROWS,
  });
  const errors = [...read.errors];
  const rows: Person[] = [];
  const first = new Map<string, number>();
  await eachInSlices(read.rows, ({ row, cells }) => {
    const p = person(row, cells, errors);
    if (!p) return;
    const k = `${p.idType}:${p.idNumber}`;
    if (first.has(k)) errors.push({ row, column: '证件号码', code: 'DUPLICATE_ROW', message: `证件号码与第 ${first.get(k)} 行重复` });
    else first.set(k, row);
    rows.push(p);
  });
  return { rows, errors: errors.sort((a, b) => a.row - b.row) };
}

export interface DepositRow {
  row: number;
  /** The person (checked against an existing account, or naming a new one). */
  holderName: string;
  idType: IdType;
  idNumber: string;
  type: DepositableOutcomeType;
  courseCode: string | null;
  /** The outcome's name (成果名称); empty when a course code names it. */
  name: string;
  credits: number | null;
  hours: number | null;
  grade: string | null;
  recordedOn: string;
}

function isoDate(text: string): string | null {
  const t = text
    .trim()
    .replace(/[./年月]/g, '-')
    .replace(/日$/, '');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const parsed = new Date(`${d}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== d ? null : d;
}

/** Deposits: 成果类型 (课程/培训/竞赛/其他, default 课程), 课程代码 or 成果名称 + 学分, 学时, 成绩, 取得日期. */
export async function parseDepositsFile(bytes: Buffer): Promise<{ rows: DepositRow[]; errors: ImportErrorDto[] }> {
  const read = await readRecords(bytes, {
    sheetName: DEPOSITS_SHEET,
    columns: DEPOSIT_IMPORT_COLUMNS,
    required: ['姓名', '证件号码', '取得日期'],
    maxRows: MAX_ROWS,
  });
  const errors = [...read.errors];
  const rows: DepositRow[] = [];
  await eachInSlices(read.rows, ({ row, cells }) => {
    const before = errors.length;
    const err = (column: string, code: string, message: string) => errors.push({ row, column, code, message });
    const p = person(row, cells, errors);
    const type = DEPOSIT_TYPE_FROM_LABEL[cells.成果类型.trim() || '课程'];
    if (!type) err('成果类型', 'INVALID_VALUE', '“成果类型”须为 课程、培训、竞赛 或 其他');
    const courseCode = cells.课程代码.trim() || null;
    if (courseCode && type && type !== 'course') err('课程代码', 'INVALID_VALUE', '只有“课程”类成果可以填写课程代码');
    const outcomeName = cells.成果名称.trim();
    if (outcomeName.length > 100) err('成果名称', 'TOO_LONG', '“成果名称”过长');
    let credits: number | null = null;
    if (cells.学分.trim()) {
      credits = Number(cells.学分.trim());
      if (!Number.isFinite(credits) || credits < 0 || credits > 100 || Math.abs(credits * 10 - Math.round(credits * 10)) > 1e-9)
        err('学分', 'INVALID_VALUE', '“学分”须为 0–100 的数，最多一位小数');
    }
    let hours: number | null = null;
    if (cells.学时.trim()) {
      hours = Number(cells.学时.trim());
      if (!Number.isInteger(hours) || hours < 0 || hours > 10_000) err('学时', 'INVALID_VALUE', '“学时”须为 0–10000 的整数');
    }
    const grade = cells.成绩.trim() || null;
    if (grade && grade.length > 20) err('成绩', 'TOO_LONG', '“成绩”过长');
    const recordedOn = isoDate(cells.取得日期);
    if (!recordedOn) err('取得日期', 'INVALID_VALUE', '“取得日期”须为日期，例如 2025-07-01');
    if (!p || errors.length > before) return;
    rows.push({
      row,
      holderName: p.name,
      idType: p.idType,
      idNumber: p.idNumber,
      type: type!,
      courseCode,
      name: outcomeName,
      credits,
      hours,
      grade,
      recordedOn: recordedOn!,
    });
  });
  return { rows, errors: errors.sort((a, b) => a.row - b.row) };
}

async function template(sheetName: string, columns: readonly string[], helpLines: string[], textColumns: number[]): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = '1+X 证书信息管理服务平台';
  const data = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((c) => ({ header: c, key: c, width: c === '证件号码' || c === '成果名称' ? 24 : 14 }));
  data.getRow(1).font = { bold: true };
  for (const col of textColumns) data.getColumn(col).numFmt = '@';
  for (let r = 2; r <= 501; r++)
    data.getCell(r, 2).dataValidation = { type: 'list', allowBlank: true, formulae: ['"居民身份证,港澳台居民居住证,护照"'] };
  const help = wb.addWorksheet('说明');
  help.columns = [{ width: 110 }];
  helpLines.forEach((l, i) => (help.getCell(i + 1, 1).value = l));
  help.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function buildAccountsTemplate(schoolName: string): Promise<Buffer> {
  return template(
    ACCOUNTS_SHEET,
    ACCOUNT_IMPORT_COLUMNS,
    [
      `${schoolName} 学习账户批量开设说明`,
      '1. 在“学习账户”工作表中每行填写一人；第一行为表头，请勿修改。',
      '2. “证件类型”填写 居民身份证、港澳台居民居住证 或 护照（留空按居民身份证）；居民身份证号码按 GB 11643 校验，请将单元格设为文本。',
      '3. 每人只有一个学习账户：已开设账户的人员保持原账户，不会重复开设。',
      '4. 任何一行有误时整份文件都不会写入，平台会列出出错的行号、列名和原因。',
    ],
    [3],
  );
}

export function buildDepositsTemplate(schoolName: string, courses: string[]): Promise<Buffer> {
  return template(
    DEPOSITS_SHEET,
    DEPOSIT_IMPORT_COLUMNS,
    [
      `${schoolName} 学习成果存入说明`,
      '1. 在“学习成果”工作表中每行填写一项学习成果；第一行为表头，请勿修改。',
      '2. “成果类型”填写 课程、培训、竞赛 或 其他（留空按课程）。课程可只填“课程代码”，名称、学分、学时取自本校课程目录；其他成果须填写“成果名称”和“学分”。',
      '3. “取得日期”填写日期（例如 2025-07-01）；“成绩”可填分数或等级（如 85、优秀）。',
      '4. 尚未开设学习账户的人员将自动开设账户；已有账户的，姓名须与账户一致。',
      '5. 同一成果重复导入只记一次（同一课程按课程代码，其他成果按名称和日期）；如需更正，请先在学习账户中冲正原记录。',
      '6. 任何一行有误时整份文件都不会写入，平台会列出出错的行号、列名和原因。',
      `本校课程目录：${courses.join('；') || '（尚未登记课程，请先在“课程目录”中添加）'}`,
    ],
    [3, 5],
  );
}

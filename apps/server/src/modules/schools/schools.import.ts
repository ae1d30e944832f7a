import { type ImportErrorDto, MAJOR_IMPORT_COLUMNS, type MajorImportColumn, majorCodeSchema, teacherCountProblems } from '@onex/shared';
import { newWorkbook } from '../../lib/on-demand';
import { z } from 'zod';
import { readRecords } from '../../lib/spreadsheet/records';
import { eachInSlices } from '../../lib/slices';

/** The data sheet of the template; a file without it is read from its first sheet. */
export const DATA_SHEET = '专业数据';
export const MAX_IMPORT_ROWS = 5000;

export interface MajorImportRow {
  row: number;
  departmentName: string;
  majorCode: string;
  name: string;
  year: number;
  enrolledStudents: number;
  fullTimeTeachers: number;
  partTimeTeachers: number;
  seniorTitleTeachers: number;
  dualQualifiedTeachers: number;
  industryExpertTeachers: number;
  nationalInnovationTeam: boolean;
  lastYearUsage: number;
}

const required = (col: string) => z.string().trim().min(1, `“${col}”不能为空`);
const countCol = (col: MajorImportColumn) =>
  required(col)
    .regex(/^\d+$/, `“${col}”须为不小于 0 的整数`)
    .transform(Number)
    .refine((n) => n <= 1_000_000, { message: `“${col}”数值过大`, params: { code: 'OUT_OF_RANGE' } });

/** One spreadsheet row, keyed by header name so that every issue names its column. */
const rowSchema = z
  .object({
    二级学院: required('二级学院').max(100, '“二级学院”过长'),
    专业代码: required('专业代码').pipe(majorCodeSchema),
    专业名称: required('专业名称').max(100, '“专业名称”过长'),
    年度: required('年度')
      .regex(/^\d{4}$/, '“年度”须为四位年份，如 2026')
      .transform(Number)
      .refine((y) => y >= 2000 && y <= 2100, { message: '“年度”须在 2000 至 2100 之间', params: { code: 'OUT_OF_RANGE' } }),
    在校学生数: countCol('在校学生数'),
    专任教师数: countCol('专任教师数'),
    兼职教师数: countCol('兼职教师数'),
    高级职称教师数: countCol('高级职称教师数'),
    双师型教师数: countCol('双师型教师数'),
    行业企业专家数: countCol('行业企业专家数'),
    '国家级教学创新团队(是/否)': required('国家级教学创新团队(是/否)')
      .refine((v) => v === '是' || v === '否', { message: '“国家级教学创新团队”须填写“是”或“否”', params: { code: 'INVALID_VALUE' } })
      .transform((v) => v === '是'),
    上年度实训使用人次: countCol('上年度实训使用人次'),
  })
  .transform((r) => ({
    departmentName: r.二级学院,
    majorCode: r.专业代码,
    name: r.专业名称,
    year: r.年度,
    enrolledStudents: r.在校学生数,
    fullTimeTeachers: r.专任教师数,
    partTimeTeachers: r.兼职教师数,
    seniorTitleTeachers: r.高级职称教师数,
    dualQualifiedTeachers: r.双师型教师数,
    industryExpertTeachers: r.行业企业专家数,
    nationalInnovationTeam: r['国家级教学创新团队(是/否)'],
    lastYearUsage: r.上年度实训使用人次,
  }));

const FIELD_COLUMN: Record<string, MajorImportColumn> = {
  fullTimeTeachers: '专任教师数',
  seniorTitleTeachers: '高级职称教师数',
  dualQualifiedTeachers: '双师型教师数',
  industryExpertTeachers: '行业企业专家数',
};

function issueCode(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small') return 'REQUIRED';
  if (issue.code === 'invalid_format') return 'INVALID_FORMAT';
  if (issue.code === 'custom') return String(issue.params?.code ?? 'INVALID_VALUE');
  return 'INVALID_VALUE';
}

/** Validates one row: the parsed values, or its errors (row numbers as Excel shows them). */
export function validateRow(row: number, cells: Record<string, string>): { ok: MajorImportRow } | { errors: ImportErrorDto[] } {
  const r = rowSchema.safeParse(cells);
  if (!r.success)
    return { errors: r.error.issues.map((i) => ({ row, column: String(i.path[0] ?? ''), code: issueCode(i), message: i.message })) };
  const problems = teacherCountProblems(r.data);
  if (problems.length)
    return { errors: problems.map((p) => ({ row, column: FIELD_COLUMN[p.field]!, code: 'INCONSISTENT_COUNTS', message: p.message })) };
  return { ok: { row, ...r.data } };
}

/** Reads the majors sheet through the guarded spreadsheet reader and validates every row (R2.2): parsed rows and the errors of all bad ones. */
export async function parseMajorsFile(bytes: Buffer): Promise<{ rows: MajorImportRow[]; errors: ImportErrorDto[] }> {
  const read = await readRecords(bytes, {
    sheetName: DATA_SHEET,
    columns: MAJOR_IMPORT_COLUMNS,
    required: MAJOR_IMPORT_COLUMNS,
    maxRows: MAX_IMPORT_ROWS,
  });
  const rows: MajorImportRow[] = [];
  const errors: ImportErrorDto[] = [];
  await eachInSlices(read.rows, ({ row, cells }) => {
    const v = validateRow(row, cells);
    if ('ok' in v) rows.push(v.ok);
    else errors.push(...v.errors);
  });
  return { rows, errors: [...errors, ...read.errors] };
}

export interface ImportContext {
  departments: { id: string; name: string }[];
  majors: { id: string; major_code: string; department_id: string }[];
  /** Departments the importing user may write (a department administrator: its own). */
  writableDepartmentIds: Set<string>;
}

/** Checks the rows against the school's records and each other: departments exist, majors stay where they are, no repeats. */
export function crossCheckRows(rows: MajorImportRow[], c: ImportContext): ImportErrorDto[] {
  const deptByName = new Map(c.departments.map((d) => [d.name, d.id]));
  const majorByCode = new Map(c.majors.map((m) => [m.major_code, m]));
  const firstByCode = new Map<string, MajorImportRow>();
  const seen = new Set<string>();
  const errors: ImportErrorDto[] = [];
  const err = (row: number, column: MajorImportColumn, code: string, message: string) => errors.push({ row, column, code, message });
  for (const r of rows) {
    const deptId = deptByName.get(r.departmentName);
    const existing = majorByCode.get(r.majorCode);
    const first = firstByCode.get(r.majorCode);
    if (!deptId) err(r.row, '二级学院', 'DEPARTMENT_NOT_FOUND', `本校没有名为“${r.departmentName}”的二级学院，请先在平台上添加`);
    else if (!c.writableDepartmentIds.has(deptId))
      err(r.row, '二级学院', 'DEPARTMENT_NOT_ALLOWED', `您无权维护“${r.departmentName}”的专业数据`);
    else if (existing && existing.department_id !== deptId)
      err(r.row, '二级学院', 'MAJOR_IN_OTHER_DEPARTMENT', `专业代码 ${r.majorCode} 已登记在其他二级学院，请核对或先在平台上调整`);
    if (first && (first.name !== r.name || first.departmentName !== r.departmentName))
      err(r.row, '专业名称', 'INCONSISTENT_MAJOR', `专业代码 ${r.majorCode} 与第 ${first.row} 行的专业名称或二级学院不一致`);
    const key = `${r.majorCode}/${r.year}`;
    if (seen.has(key)) err(r.row, '年度', 'DUPLICATE_ROW', `专业代码 ${r.majorCode} 的 ${r.year} 年度数据在文件中重复`);
    seen.add(key);
    if (!first) firstByCode.set(r.majorCode, r);
  }
  return errors;
}

/** The import template (R2.2): the data sheet with the Chinese header row, and an instructions sheet. */
export async function buildMajorsTemplate(schoolName: string, departmentNames: string[]): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = '1+X 证书信息管理服务平台';
  const data = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = MAJOR_IMPORT_COLUMNS.map((c) => ({ header: c, key: c, width: Math.max(12, c.length * 2 + 2) }));
  data.getRow(1).font = { bold: true };
  const teamCol = MAJOR_IMPORT_COLUMNS.indexOf('国家级教学创新团队(是/否)') + 1;
  for (let r = 2; r <= 501; r++) {
    data.getCell(r, teamCol).dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
    if (departmentNames.length && departmentNames.join(',').length < 250)
      data.getCell(r, 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${departmentNames.join(',')}"`] };
  }
  const help = wb.addWorksheet('说明');
  help.columns = [{ width: 110 }];
  const lines = [
    `${schoolName} 专业及年度数据导入说明`,
    '1. 在“专业数据”工作表中每行填写一个专业一个年度的数据；第一行为表头，请勿修改。',
    '2. “二级学院”须为本校已在平台上登记的二级学院名称：' + (departmentNames.join('、') || '（尚未登记，请先在平台上添加）'),
    '3. “专业代码”为 6 位专业目录代码（可带字母后缀）；平台按“专业代码”识别专业，已有的专业会更新名称。',
    '4. 各类人数均为不小于 0 的整数；双师型教师数不能大于专任教师数；高级职称教师数、行业企业专家数不能大于专任与兼职教师数之和。',
    '5. “国家级教学创新团队”填写“是”或“否”。',
    '6. 同一专业同一年度只能有一行；导入后将覆盖平台上该专业该年度的人数数据（实训室与校外基地请在平台上维护）。',
    '7. 任何一行有误时整份文件都不会写入，平台会列出出错的行号、列名和原因。',
    '资格条件参考（教职成司函〔2019〕36号 二）：近 3 年连续招生；“双师型”教师不少于 50%；行业企业专家比例不低于 20%。',
    '示例行：信息工程学院 | 610119 | 物联网应用技术 | 2026 | 420 | 18 | 6 | 7 | 11 | 5 | 否 | 3200',
  ];
  lines.forEach((l, i) => (help.getCell(i + 1, 1).value = l));
  help.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

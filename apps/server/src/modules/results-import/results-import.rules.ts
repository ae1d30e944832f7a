import {
  ID_TYPE_LABELS,
  ID_TYPES,
  type IdType,
  type ImportErrorDto,
  RESULT_LABELS,
  idNumberProblem,
  idTypeFromLabel,
  normalizeIdNumber,
} from '@onex/shared';
import { AppError } from '../../lib/errors';
import type { RawResultRow, ResultColumn } from './results-import.parse';

/**
 * R5.5: the rules every row of a results file must pass — pure, so that they are tested over each case.
 * Scores are handled in tenths (integers): 总成绩 0–100 with at most one decimal, numeric(5,1) in the database.
 */

export interface CheckedRow {
  row: number;
  idType: IdType;
  /** Normalized (upper case, no blanks). */
  idNumber: string;
  name: string;
  scoreTenths: number;
  passed: boolean;
}

export interface RegisteredCandidate {
  registrationId: string;
  status: string;
  name: string;
  hasResult: boolean;
}

const err = (row: number, column: ResultColumn | '', code: string, message: string): ImportErrorDto => ({ row, column, code, message });

const ID_TYPE_LIST = ID_TYPES.map((t) => ID_TYPE_LABELS[t].zh).join('、');

/** 总成绩 as tenths, or a Chinese problem. */
export function parseScore(text: string): { tenths: number } | { code: string; message: string } {
  const t = text.trim();
  if (!t) return { code: 'REQUIRED', message: '“总成绩”不能为空' };
  if (!/^[+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) {
    if (/^-\d/.test(t)) return { code: 'OUT_OF_RANGE', message: `“总成绩”须在 0 至 100 之间（现为 ${t}）` };
    return { code: 'INVALID_SCORE', message: `“总成绩”须为数字（现为“${t.slice(0, 20)}”）` };
  }
  const v = Number(t);
  const tenths = Math.round(v * 10);
  if (Math.abs(v * 10 - tenths) > 1e-6) return { code: 'INVALID_SCORE', message: `“总成绩”最多保留一位小数（现为 ${t}）` };
  if (tenths < 0 || tenths > 1000) return { code: 'OUT_OF_RANGE', message: `“总成绩”须在 0 至 100 之间（现为 ${t}）` };
  return { tenths };
}

export const formatTenths = (tenths: number) => (tenths / 10).toFixed(1);

/** The checks of one row on its own: every problem of the row, or the checked row. */
export function checkRow(r: RawResultRow): { ok: CheckedRow } | { errors: ImportErrorDto[] } {
  const errors: ImportErrorDto[] = [];
  const idType = idTypeFromLabel(r.idTypeLabel);
  if (!r.idTypeLabel) errors.push(err(r.row, '证件类型', 'REQUIRED', '“证件类型”不能为空'));
  else if (!idType)
    errors.push(err(r.row, '证件类型', 'INVALID_ID_TYPE', `“证件类型”须为 ${ID_TYPE_LIST} 之一（现为“${r.idTypeLabel.slice(0, 20)}”）`));

  const idNumber = normalizeIdNumber(r.idNumber);
  if (!idNumber) errors.push(err(r.row, '证件号码', 'REQUIRED', '“证件号码”不能为空'));
  else if (r.idNumberNumeric && idType !== 'passport' && idNumber.length !== 18)
    errors.push(
      err(r.row, '证件号码', 'INVALID_ID_NUMBER', '“证件号码”须以文本格式填写：数字格式会丢失末几位，请将该列设为“文本”后重新填写'),
    );
  else if (idType) {
    const p = idNumberProblem(idType, idNumber);
    if (p) errors.push(err(r.row, '证件号码', 'INVALID_ID_NUMBER', p));
  }

  const name = r.name.trim();
  if (!name) errors.push(err(r.row, '姓名', 'REQUIRED', '“姓名”不能为空'));
  else if (name.length > 50) errors.push(err(r.row, '姓名', 'INVALID_VALUE', '“姓名”过长'));

  const score = parseScore(r.score);
  if ('code' in score) errors.push(err(r.row, '总成绩', score.code, score.message));

  const result = r.result.trim();
  if (!result) errors.push(err(r.row, '考核结果', 'REQUIRED', '“考核结果”不能为空'));
  else if (result !== RESULT_LABELS.passed && result !== RESULT_LABELS.failed)
    errors.push(err(r.row, '考核结果', 'INVALID_RESULT', `“考核结果”须为“合格”或“不合格”（现为“${result.slice(0, 20)}”）`));

  if (errors.length || !idType || 'code' in score) return { errors };
  return { ok: { row: r.row, idType, idNumber, name, scoreTenths: score.tenths, passed: result === RESULT_LABELS.passed } };
}

/** The key a candidate is matched by: ID type and blind index of the number. */
export const candidateKey = (idType: IdType, hash: string) => `${idType}:${hash}`;

/**
 * The checks of a row against the session: registered (status registered) in this session, the same name, and a
 * result consistent with the level's pass mark (score ≥ pass mark ⇔ 合格; no check when the level has no pass mark).
 */
export function crossCheckRow(r: CheckedRow, candidate: RegisteredCandidate | undefined, passMarkTenths: number | null): ImportErrorDto[] {
  if (!candidate) return [err(r.row, '证件号码', 'NOT_REGISTERED', '该证件号码的考生未报名本场考核（请核对证件类型和证件号码）')];
  if (candidate.status !== 'registered')
    return [err(r.row, '证件号码', 'NOT_REGISTERED', '该考生在本场考核的报名未确认或已撤回，不能登记成绩')];
  const errors: ImportErrorDto[] = [];
  if (candidate.name !== r.name) errors.push(err(r.row, '姓名', 'NAME_MISMATCH', `姓名与报名信息不一致（文件中为“${r.name}”），请核对`));
  if (passMarkTenths !== null && r.scoreTenths >= passMarkTenths !== r.passed) {
    const mark = formatTenths(passMarkTenths).replace(/\.0$/, '');
    errors.push(
      err(
        r.row,
        '考核结果',
        'RESULT_INCONSISTENT',
        r.passed
          ? `总成绩 ${formatTenths(r.scoreTenths)} 低于合格分数线 ${mark} 分，“考核结果”应为“不合格”`
          : `总成绩 ${formatTenths(r.scoreTenths)} 达到合格分数线 ${mark} 分，“考核结果”应为“合格”`,
      ),
    );
  }
  return errors;
}

/** Rows naming a candidate already named by an earlier row of the file. */
export function duplicateRowErrors(rows: readonly CheckedRow[]): ImportErrorDto[] {
  const first = new Map<string, number>();
  const errors: ImportErrorDto[] = [];
  for (const r of rows) {
    const k = `${r.idType}:${r.idNumber}`;
    const at = first.get(k);
    if (at !== undefined) errors.push(err(r.row, '证件号码', 'DUPLICATE_ROW', `该考生在文件第 ${at} 行已出现，每名考生只能有一行`));
    else first.set(k, r.row);
  }
  return errors;
}

/** Errors in file order (row, then column order of the header). */
export function sortErrors(errors: ImportErrorDto[]): ImportErrorDto[] {
  const col = (c: string) => ['证件类型', '证件号码', '姓名', '总成绩', '考核结果'].indexOf(c);
  return errors.sort((a, b) => a.row - b.row || col(a.column) - col(b.column));
}

/**
 * 成绩公示 with candidates still without a result (issue 21 item 2): allowed only when the publisher confirms exactly
 * that number, so a forgotten file is not published by accident. With none missing, nothing needs confirming.
 */
export function assertMissingConfirmed(missing: number, confirmed: number | undefined): void {
  if (missing === 0 || confirmed === missing) return;
  throw new AppError(
    'MISSING_SCORES_UNCONFIRMED',
    { missing, confirmed: confirmed ?? null },
    `本场考核有 ${missing} 名考生尚无成绩；如确认公示，请核对并确认尚无成绩的人数（${missing}）后再公示`,
  );
}

import { CERTIFICATE_LEVELS, feeCapFen, validateExamForms, type CertificateLevel, type LevelDto, type LevelInput } from '@onex/shared';
import { rowsToShares, shareToPercent, type ExamFormRow } from '../../lib/money';

/** The levels editor's state of one level. */
export interface LevelDraft {
  enabled: boolean;
  passMark: number | null;
  rows: ExamFormRow[];
}
export type LevelsDraft = Record<CertificateLevel, LevelDraft>;

/** The editor state for the levels a certificate has (the others unticked, with one empty row ready). */
export function draftFromLevels(levels: readonly LevelDto[]): LevelsDraft {
  const out = {} as LevelsDraft;
  for (const level of CERTIFICATE_LEVELS) {
    const l = levels.find((x) => x.level === level);
    out[level] = l
      ? { enabled: true, passMark: l.passMark ?? null, rows: l.examForms.map((f) => ({ form: f.form, percent: shareToPercent(f.share) })) }
      : { enabled: false, passMark: 60, rows: [{ percent: 100 }] };
  }
  return out;
}

export interface LevelCheck {
  errors: string[];
  /** The fee cap of the rows filled in so far (fen), when they are valid. */
  capFen: number | null;
}

/** Live validation of one level: incomplete rows, the shared exam-form rules, and the cap once valid. */
export function checkLevel(d: LevelDraft): LevelCheck {
  const errors: string[] = [];
  if (d.rows.some((r) => !r.form)) errors.push('请选择考核方式');
  if (d.rows.some((r) => r.percent === null || r.percent === undefined)) errors.push('请填写成绩占比');
  const shares = rowsToShares(d.rows);
  errors.push(...validateExamForms(shares));
  if (d.passMark !== null && (d.passMark < 0 || d.passMark > 1000)) errors.push('合格分数须在 0 至 1000 之间');
  const unique = [...new Set(errors)];
  return { errors: unique, capFen: unique.length ? null : feeCapFen(shares) };
}

/** The request body of PUT …/levels, or the problems per level. */
export function levelsInput(
  draft: LevelsDraft,
): { ok: true; levels: LevelInput[] } | { ok: false; problems: Partial<Record<CertificateLevel, string[]>> } {
  const levels: LevelInput[] = [];
  const problems: Partial<Record<CertificateLevel, string[]>> = {};
  for (const level of CERTIFICATE_LEVELS) {
    const d = draft[level];
    if (!d.enabled) continue;
    const c = checkLevel(d);
    if (c.errors.length) problems[level] = c.errors;
    else levels.push({ level, examForms: rowsToShares(d.rows), passMark: d.passMark });
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, levels };
}

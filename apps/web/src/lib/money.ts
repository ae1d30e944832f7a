import type { ExamForm, ExamFormShare } from '@onex/shared';

/** `54000` fen → `¥540.00`; '' for a missing value. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}¥${yuan.toLocaleString('en-US')}.${String(cents).padStart(2, '0')}`;
}

/** Yuan typed in a form (`560.5`) as fen (`56050`); null when empty or not a number ≥ 0. */
export function yuanToFen(yuan: number | string | null | undefined): number | null {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  const n = typeof yuan === 'number' ? yuan : Number(yuan);
  if (!Number.isFinite(n) || n < 0) return null;
  return Math.round(n * 100);
}

/** A score share in (0, 1] as a percentage for people: `0.4` → `40`, `0.333` → `33.3`. */
export function shareToPercent(share: number): number {
  return Math.round(share * 100_000) / 1000;
}

/** A percentage typed by people as the stored share, rounded to the 3 decimals the server keeps: `40` → `0.4`. */
export function percentToShare(percent: number): number {
  return Math.round(percent * 10) / 1000;
}

/** `0.4` → `40%`. */
export function formatShare(share: number): string {
  return `${shareToPercent(share)}%`;
}

/** A row of the levels editor: a form and its share in percent (either may still be empty). */
export interface ExamFormRow {
  form?: ExamForm;
  percent?: number | null;
}

/** The rows that are filled in, as shares (rows without a form or a percentage are left out). */
export function rowsToShares(rows: readonly (ExamFormRow | undefined)[] | undefined): ExamFormShare[] {
  const out: ExamFormShare[] = [];
  for (const r of rows ?? []) {
    if (!r?.form || r.percent === null || r.percent === undefined || !Number.isFinite(r.percent)) continue;
    out.push({ form: r.form, share: percentToShare(r.percent) });
  }
  return out;
}

/** A bilingual label from the shared tables (`{ zh, en }`), or the key itself when unknown. */
export function pickLabel(
  table: { readonly [key: string]: { zh: string; en: string } | undefined },
  key: string | null | undefined,
  lang: 'zh-CN' | 'en-US',
): string {
  if (!key) return '';
  const l = table[key];
  if (!l) return String(key);
  return lang === 'en-US' ? l.en : l.zh;
}

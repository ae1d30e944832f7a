import { z } from 'zod';

/**
 * The one set of input schemas for text, dates and numbers (issue 20 item 5): what the database cannot hold is refused
 * at the boundary with a Chinese message, never sent to the database to fail as a 500.
 */

/** The cap on any text field without a smaller one of its own (PostgreSQL `text` holds more; people do not write more). */
export const TEXT_MAX = 10_000;
/** PostgreSQL `integer` (int4) and the largest integer JSON numbers carry exactly. */
export const INT4_MAX = 2_147_483_647;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored (PostgreSQL text refuses NUL; a lone surrogate is not Unicode text), or null. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return '不能包含空字符（\\u0000）';
  if (LONE_SURROGATE.test(s)) return '含有无效的字符（不成对的代理项）';
  return null;
}

/**
 * The value with every string made storable (NUL removed, a lone surrogate replaced by U+FFFD): for what the server
 * writes on its own behalf (the audit summary is hashed as canonical JSON and must read back identically).
 */
export function toStorable<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd') as T;
  if (Array.isArray(value)) return value.map(toStorable) as T;
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [toStorable(k), toStorable(v)])) as T;
  return value;
}

/** The first string anywhere in a request's body, query or params that cannot be stored, with its path. */
export function findBadText(
  value: unknown,
  path: (string | number)[] = [],
  depth = 0,
): { path: (string | number)[]; message: string } | null {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { path, message } : null;
  }
  // Deeper than any schema of ours: the schema refuses it; the walk stops here so it cannot be made to recurse forever.
  if (!value || typeof value !== 'object' || depth > 64) return null;
  for (const [k, v] of Object.entries(value)) {
    const keyProblem = textProblem(k);
    if (keyProblem) return { path: [...path, k], message: keyProblem };
    const found = findBadText(v, [...path, Array.isArray(value) ? Number(k) : k], depth + 1);
    if (found) return found;
  }
  return null;
}

/** A string that can be stored, not trimmed (passwords, tokens, codes compared exactly), capped at TEXT_MAX. */
export const rawText = (max = TEXT_MAX) =>
  z
    .string()
    .refine((s) => !textProblem(s), { error: (iss) => textProblem(String(iss.input)) ?? '含有无效的字符' })
    .max(max, `不能超过 ${max} 个字符`);

/** The text schema of every user-written field: storable, trimmed, capped (`.min(1)` etc. chain on). */
export const text = (max = TEXT_MAX) => rawText(TEXT_MAX).trim().max(max, `不能超过 ${max} 个字符`);

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused), years 1900–2999 as the database's `date` columns hold. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD')
  .refine(isCalendarDate, '日期不存在，请检查年月日');

export function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2999 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A count or other whole number a PostgreSQL `integer` column holds. */
export const int4 = (min = 0, max = INT4_MAX) => z.number().int('须为整数').min(min, `不能小于 ${min}`).max(max, `不能超过 ${max}`);

/** Money in integer fen (分) within a PostgreSQL `integer` column. */
export const fen = (max = INT4_MAX) => int4(0, max);

/** True when a number has at most one decimal place exactly (1e-300 has not: it is not 0.0). */
export const hasOneDecimal = (v: number) => Number.isFinite(v) && Math.round(v * 10) / 10 === v;

import { ERRORS, isErrorCode } from '@onex/shared';
import { ApiError } from './api';

/** The languages of the web app. */
export type Lang = 'zh-CN' | 'en-US';

/** Messages for failures that never reached the server's error registry. */
const CLIENT_MESSAGES = {
  NETWORK: { zh: '网络连接失败，请检查网络后重试', en: 'Cannot reach the server; check your network and try again' },
  GENERIC: { zh: '操作失败，请稍后再试', en: 'Something went wrong; please try again later' },
} as const;

function pick(lang: Lang, m: { zh: string; en: string }): string {
  return lang === 'en-US' ? m.en : m.zh;
}

/**
 * A people-readable message for any error, in `lang`:
 * the registry message of its code, else the server's own message, else a generic one.
 */
export function errorMessage(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) {
    if (isErrorCode(err.code)) return pick(lang, ERRORS[err.code]);
    if (err.code === 'NETWORK') return pick(lang, CLIENT_MESSAGES.NETWORK);
    if (err.message) return err.message;
    return pick(lang, CLIENT_MESSAGES.GENERIC);
  }
  if (isCodedError(err)) {
    if (isErrorCode(err.code)) return pick(lang, ERRORS[err.code]);
    if (err.message) return err.message;
  }
  return pick(lang, CLIENT_MESSAGES.GENERIC);
}

function isCodedError(err: unknown): err is { code: string; message?: string } {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string';
}

export interface FieldError {
  /** The form field name (the request body property), e.g. `username`. */
  name: string;
  errors: string[];
}

/**
 * The per-field messages of a 400 VALIDATION_FAILED (`details.fields: [{path, message}]`), keyed by
 * form field name. Paths look like `body.username` or `provinceCode`; the `body.` prefix is dropped.
 * `codeFields` attaches whole-request codes to a field (e.g. USERNAME_TAKEN → username).
 */
export function fieldErrors(err: unknown, lang: Lang, codeFields: Partial<Record<string, string>> = {}): FieldError[] {
  if (!(err instanceof ApiError)) return [];
  const byCode = codeFields[err.code];
  if (byCode) return [{ name: byCode, errors: [errorMessage(err, lang)] }];
  if (err.code !== 'VALIDATION_FAILED') return [];
  const raw = err.details.fields;
  if (!Array.isArray(raw)) return [];
  const map = new Map<string, string[]>();
  for (const f of raw) {
    if (typeof f !== 'object' || f === null) continue;
    const path = typeof (f as { path?: unknown }).path === 'string' ? (f as { path: string }).path : '';
    const message = typeof (f as { message?: unknown }).message === 'string' ? (f as { message: string }).message : '';
    const name = path.replace(/^(body|querystring|params)(\.|$)/, '').split('.')[0] ?? '';
    if (!name) continue;
    const list = map.get(name) ?? [];
    list.push(message || pick(lang, ERRORS.VALIDATION_FAILED));
    map.set(name, list);
  }
  return [...map].map(([name, errors]) => ({ name, errors }));
}

/** True for the 401 codes after which the app returns to the login page. */
export function isSessionLost(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401 && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED');
}

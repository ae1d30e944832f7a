/**
 * The one HTTP client of the web app: same-origin JSON, the CSRF header on every mutation,
 * and `ApiError` for every answer that is not 2xx.
 */

export const API_BASE = '/api/v1';

export interface ApiErrorInit {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  status: number;
  requestId?: string | null;
}

export class ApiError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly status: number;
  readonly requestId: string | null;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.details = init.details ?? {};
    this.status = init.status;
    this.requestId = init.requestId ?? null;
  }
}

/** Codes that mean "the session is gone": the app clears it and returns to /login. */
export const SESSION_LOST_CODES: readonly string[] = ['UNAUTHENTICATED', 'SESSION_EXPIRED'];

// ---- session state kept in memory (never in storage) ----

let csrfToken: string | null = null;
let sessionLostHandler: ((code: string) => void) | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Registered by the session provider: called when any request answers 401 UNAUTHENTICATED / SESSION_EXPIRED. */
export function onSessionLost(handler: ((code: string) => void) | null): void {
  sessionLostHandler = handler;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `?a=1&b=2`, leaving out empty values. */
export function queryString(params: Record<string, QueryValue>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A multipart body (uploads); the browser sets the content type with its boundary. */
  form?: FormData;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Answer as a file (a download) rather than JSON. */
  blob?: boolean;
  /** Do not call the session-lost handler on 401 (login and the initial /auth/me handle it themselves). */
  skipSessionLost?: boolean;
}

function isErrorBody(
  v: unknown,
): v is { error: { code: string; message?: string; details?: Record<string, unknown>; requestId?: string } } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string';
}

export async function apiRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | FormData | undefined;
  if (opts.form) {
    body = opts.form;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (MUTATING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  const url = `${API_BASE}${path}${opts.query ? queryString(opts.query) : ''}`;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: opts.signal ?? null });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ code: 'NETWORK', message: '', status: 0 });
  }

  if (res.status === 204) return undefined as T;
  if (res.ok && opts.blob) return (await res.blob()) as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!res.ok) {
    const requestId = res.headers.get('x-request-id');
    const error = isErrorBody(data)
      ? new ApiError({
          code: data.error.code,
          message: data.error.message ?? '',
          details: data.error.details ?? {},
          status: res.status,
          requestId: data.error.requestId ?? requestId,
        })
      : new ApiError({ code: res.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', message: '', status: res.status, requestId });
    if (res.status === 401 && SESSION_LOST_CODES.includes(error.code) && !opts.skipSessionLost) {
      csrfToken = null;
      sessionLostHandler?.(error.code);
    }
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
  upload: <T>(path: string, form: FormData) => apiRequest<T>(path, { method: 'POST', form }),
  /** A multipart POST answered with a file (e.g. an error list built from the uploaded file). */
  uploadForFile: (path: string, form: FormData) => apiRequest<Blob>(path, { method: 'POST', form, blob: true }),
};

/** Hands a downloaded file to the browser as if a link had been followed. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export jobs (R10.2): small pure rules. */

/** An export job and its file are kept this long, then deleted by the worker. */
export const EXPORT_JOB_TTL_MS = 24 * 60 * 60 * 1000;
/** A job still running this long after it started (its process stopped) is claimed again. */
export const STALE_EXPORT_JOB_MS = 30 * 60 * 1000;

/** Parameters of a list request that are not filters: the export reads every page itself. */
const NOT_FILTERS = new Set(['format', 'page', 'pageSize']);

/** The list request's filters as a raw query string (without format, page and pageSize), kept to run the list again. */
export function exportFilters(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return '';
  const params = new URLSearchParams(url.slice(q + 1));
  const kept = new URLSearchParams();
  for (const [k, v] of params) if (!NOT_FILTERS.has(k)) kept.append(k, v);
  return kept.toString();
}

/**
 * A list export is a background job when it has more rows than the threshold and someone signed in asked for it:
 * in the browser (a session), or an API client that said it takes one (`Prefer: respond-async`, RFC 7240). Other
 * API-token clients keep api-v1's answer — the file itself — whatever the length (up to the export cap).
 */
export function exportsAsJob(
  total: number,
  threshold: number,
  via: 'session' | 'token' | null,
  prefer: string | string[] | undefined,
): boolean {
  if (!via || total <= threshold) return false;
  if (via === 'session') return true;
  const asked = (Array.isArray(prefer) ? prefer.join(',') : (prefer ?? '')).toLowerCase();
  return asked.split(/[,;]/).some((p) => p.trim() === 'respond-async');
}

/** The file's name: the route's last fixed segment (`/api/v1/exam-sessions/:id/registrations` → registrations.xlsx). */
export function exportFileName(route: string): string {
  const name =
    route
      .split('/')
      .filter((s) => s && !s.startsWith(':'))
      .pop() ?? 'export';
  return `${name}.xlsx`;
}

/** Rows to write for a list of `total` rows: at most `cap`. */
export function rowsToWrite(total: number, cap: number): number {
  return Math.max(0, Math.min(total, cap));
}

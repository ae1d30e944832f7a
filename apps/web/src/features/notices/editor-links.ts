/** A link target the server keeps (notices.rules `sanitizeNoticeHtml`: http, https and mailto only). */
export const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * What the editor's link box holds, made a full address (R9.1, issue 14 item 1): `www.moe.gov.cn` →
 * `https://www.moe.gov.cn`, `1x@gd.edu.cn` → `mailto:1x@gd.edu.cn`; another scheme (javascript:, data:, ftp:…) or
 * nothing → null.
 */
export function normalizeLink(input: string): string | null {
  const v = input.trim();
  if (!v) return null;
  if (SAFE_LINK.test(v)) return v;
  if (ANY_SCHEME.test(v) && !/^[^:/]+:\d+(\/|$)/.test(v)) return null;
  if (/^[^\s@/:]+@[^\s@/]+\.[^\s@/]+$/.test(v)) return `mailto:${v}`;
  return `https://${v.replace(/^\/+/, '')}`;
}

/** Whether the editor may keep a link it made itself (autolink, paste): http(s), mailto, or no scheme at all. */
export const editorMayLink = (url: string) => SAFE_LINK.test(url) || !ANY_SCHEME.test(url);

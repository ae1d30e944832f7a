/**
 * The address of the light login page (login.html, served at /login; issue 21 item 12) and where it sends the user
 * afterwards. Shared by the login entry and the SPA, so it imports nothing.
 */

/** Why the user is on the login page, shown there as a notice: `?notice=…`. */
export type LoginNotice = 'expired' | 'required' | 'loggedOut';

export const LOGIN_PATH = '/login';
const NOTICES: readonly string[] = ['expired', 'required', 'loggedOut'] satisfies LoginNotice[];
/** Any origin will do: only paths on it are accepted. */
const BASE = 'http://onex.invalid';

export function toLoginNotice(value: string | null | undefined): LoginNotice | null {
  return value && NOTICES.includes(value) ? (value as LoginNotice) : null;
}

/**
 * Where to go after logging in: `next` when it is a path on this site (`/schools?page=2#x`), else `/`. Refused (no
 * open redirect): absolute and protocol-relative addresses (`https://evil.example`, `//evil.example`, `/\evil.example`),
 * other schemes (`javascript:`), control characters and white space (browsers drop tabs and newlines, turning
 * `/\t/evil.example` into `//evil.example`), and the login page itself.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || next[0] !== '/' || next[1] === '/' || next.includes('\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  if (url.pathname === LOGIN_PATH || url.pathname === `${LOGIN_PATH}.html`) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/login?next=…&notice=…`; `next` left out when it is the home page (the default). */
export function loginHref(opts: { next?: string | null; notice?: LoginNotice | null } = {}): string {
  const sp = new URLSearchParams();
  const next = safeNext(opts.next);
  if (next !== '/') sp.set('next', next);
  if (opts.notice) sp.set('notice', opts.notice);
  const q = sp.toString();
  return q ? `${LOGIN_PATH}?${q}` : LOGIN_PATH;
}

let leaving = false;

/**
 * Leaves the SPA for the login page (a full page load: the login page is its own small entry). `replace` when the
 * current page cannot be shown without a session (a guard, a lost session, logging out), `assign` for a 登录 button.
 */
export function goToLogin(opts: { next?: string | null; notice?: LoginNotice | null }, how: 'replace' | 'assign' = 'replace'): void {
  if (how === 'assign') return window.location.assign(loginHref(opts));
  // Once: the guard and the logout handler may both ask while the page is being left.
  if (leaving) return;
  leaving = true;
  window.location.replace(loginHref(opts));
}

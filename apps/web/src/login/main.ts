/**
 * The light login page (login.html, served at /login; issue 21 item 12, login visible ≤ 500 ms): plain DOM and
 * login.css, no React, antd, router or i18next, so the form shows as soon as this small script runs. It behaves as
 * the SPA's login page did: the same labels, messages, notices (?notice=expired|required|loggedOut) and links;
 * POST /api/v1/auth/login (exempt from the CSRF check: it creates the session; the SPA fetches the session's CSRF
 * token from GET /auth/me after it loads); on success a full page load of `?next=` (a path on this site only, see
 * safeNext), and the same when a session already exists.
 */
import { LOGIN_PATH, safeNext, toLoginNotice, type LoginNotice } from '../lib/login-url';
import { LANG_STORAGE_KEY, loginErrorText, STRINGS, toLoginLang, type LoginLang, type LoginStrings } from './strings';
import './login.css';

type Key = keyof LoginStrings;

function storedLang(): LoginLang {
  try {
    return toLoginLang(window.localStorage.getItem(LANG_STORAGE_KEY));
  } catch {
    return 'zh-CN';
  }
}

let lang = storedLang();
const t = (key: Key) => STRINGS[lang][key];

/** Elements whose text (or an attribute) follows the language. */
const texts: { el: HTMLElement; key: Key; attr?: string }[] = [];

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  children: (Node | string)[] = [],
  text?: Key,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) node.setAttribute(name, value);
  node.append(...children);
  if (text) {
    node.textContent = t(text);
    texts.push({ el: node, key: text });
  }
  return node;
}

const params = new URLSearchParams(window.location.search);
const target = safeNext(params.get('next'));
let notice: LoginNotice | null = toLoginNotice(params.get('notice'));
// The notice is for this visit: a reload does not show 您已安全退出 again.
if (params.has('notice')) {
  params.delete('notice');
  const q = params.toString();
  window.history.replaceState(null, '', `${LOGIN_PATH}${q ? `?${q}` : ''}${window.location.hash}`);
}

const NOTICE_TEXT: Record<LoginNotice, { type: string; key: Key }> = {
  expired: { type: 'warning', key: 'sessionExpired' },
  loggedOut: { type: 'success', key: 'loggedOut' },
  required: { type: 'info', key: 'loginRequired' },
};

// ---- the page ----

const langButtons = (['zh-CN', 'en-US'] as const).map((value) => {
  const b = el('button', { type: 'button' }, [value === 'zh-CN' ? '中文' : 'English']);
  b.addEventListener('click', () => setLang(value));
  return { value, b };
});
const langGroup = el(
  'div',
  { class: 'login-lang', role: 'group' },
  langButtons.map((l) => l.b),
);
texts.push({ el: langGroup, key: 'langLabel', attr: 'aria-label' });

const alertBox = el('div');
const username = el('input', { id: 'username', name: 'username', class: 'login-input', autocomplete: 'username' });
const password = el('input', {
  id: 'password',
  name: 'password',
  type: 'password',
  class: 'login-input',
  autocomplete: 'current-password',
});
const usernameHelp = el('div', { id: 'username-help', class: 'login-help' });
const passwordHelp = el('div', { id: 'password-help', class: 'login-help' });
const submit = el('button', { type: 'submit', class: 'login-submit' }, [], 'login');
const form = el('form', { novalidate: '' }, [
  el('label', { class: 'login-label', for: 'username' }, [], 'username'),
  username,
  usernameHelp,
  el('label', { class: 'login-label', for: 'password' }, [], 'password'),
  password,
  passwordHelp,
  submit,
]);

const link = (href: string, testId: string, key: Key) => el('a', { href, 'data-testid': testId }, [], key);

const page = el('div', { class: 'login-page' }, [
  el('div', { class: 'login-top' }, [langGroup]),
  el('div', { class: 'login-center' }, [
    el('div', { class: 'login-brand' }, [
      el('div', { class: 'login-emblem', 'aria-hidden': 'true' }, ['1+X']),
      el('h2', { class: 'login-title' }, [], 'title'),
      el('span', { class: 'login-subtitle' }, [], 'subtitle'),
    ]),
    el('section', { class: 'login-card', 'aria-labelledby': 'login-card-title' }, [
      el('h3', { id: 'login-card-title', class: 'login-card-title' }, [], 'loginTitle'),
      alertBox,
      form,
      el('div', { class: 'login-links' }, [
        link('/verify', 'login-verify-link', 'verifyLink'),
        link('/catalog', 'login-catalog-link', 'catalogLink'),
      ]),
      el('div', { class: 'login-links' }, [
        link('/activate', 'login-activate-link', 'activateLink'),
        link('/register', 'login-register-link', 'registerLink'),
        link('/school-registration', 'login-school-registration-link', 'schoolRegistrationLink'),
      ]),
      el('p', { class: 'login-notice' }, [], 'notice'),
    ]),
  ]),
  el('div', { class: 'login-footer' }, [`© `, el('span', {}, [], 'footer')]),
]);

// ---- state ----

let error: { code: string; message: string } | null = null;
let pending = false;
const missing = { username: false, password: false };

/** The error of the last attempt, else the notice, as the SPA's page showed them (one at a time). */
function renderAlert(): void {
  alertBox.replaceChildren();
  if (error) {
    alertBox.append(
      el('div', { role: 'alert', class: 'login-alert login-alert-error', 'data-testid': 'login-error' }, [loginErrorText(error, lang)]),
    );
  } else if (notice) {
    const n = NOTICE_TEXT[notice];
    alertBox.append(el('div', { role: 'status', class: `login-alert login-alert-${n.type}`, 'data-testid': 'login-notice' }, [t(n.key)]));
  }
}

function renderField(input: HTMLInputElement, help: HTMLElement, isMissing: boolean, message: Key): void {
  input.setAttribute('aria-invalid', String(isMissing));
  if (isMissing) input.setAttribute('aria-describedby', help.id);
  else input.removeAttribute('aria-describedby');
  help.textContent = isMissing ? t(message) : '';
}

function render(): void {
  document.documentElement.lang = lang;
  document.title = `${t('login')} - ${t('title')}`;
  for (const { el: node, key, attr } of texts) {
    if (attr) node.setAttribute(attr, t(key));
    else node.textContent = t(key);
  }
  for (const { value, b } of langButtons) b.setAttribute('aria-pressed', String(value === lang));
  renderField(username, usernameHelp, missing.username, 'usernameRequired');
  renderField(password, passwordHelp, missing.password, 'passwordRequired');
  submit.disabled = pending;
  submit.setAttribute('aria-busy', String(pending));
  renderAlert();
}

function setLang(value: LoginLang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, value);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
  lang = value;
  render();
}

// ---- behaviour ----

/** POST /api/v1/auth/login as the SPA's API client sends it; a failure as `{ code, message }`. */
async function login(user: string, pass: string): Promise<{ code: string; message: string } | null> {
  let res: Response;
  try {
    res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password: pass }),
      credentials: 'same-origin',
    });
  } catch {
    return { code: 'NETWORK', message: '' };
  }
  if (res.ok) return null;
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const e = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (e && typeof e.code === 'string') return { code: e.code, message: typeof e.message === 'string' ? e.message : '' };
  return { code: res.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', message: '' };
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (pending) return;
  missing.username = !username.value.trim();
  missing.password = !password.value;
  if (missing.username || missing.password) {
    render();
    return;
  }
  notice = null;
  error = null;
  pending = true;
  render();
  void login(username.value.trim(), password.value).then((failed) => {
    if (!failed) {
      window.location.replace(target);
      return;
    }
    pending = false;
    error = failed;
    render();
  });
});
// Editing after a failed attempt clears its message.
form.addEventListener('input', (e) => {
  if (e.target === username) missing.username = false;
  if (e.target === password) missing.password = false;
  if (error) error = null;
  render();
});

render();
document.getElementById('root')!.replaceChildren(page);
username.focus();

// Already signed in: straight on. A session that ran out says so (as the SPA did on restoring it).
void fetch('/api/v1/auth/me', { headers: { accept: 'application/json' }, credentials: 'same-origin' })
  .then(async (res) => {
    if (res.ok) {
      window.location.replace(target);
      return;
    }
    const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    if (res.status === 401 && body?.error?.code === 'SESSION_EXPIRED' && !notice && !error && !pending) {
      notice = 'expired';
      render();
    }
  })
  .catch(() => undefined);

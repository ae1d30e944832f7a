/**
 * The light login page's own words (zh-CN first, en-US second): copies of the SPA's locale entries and of the error
 * registry's messages for what POST /auth/login can answer, so the page needs neither i18next nor @onex/shared.
 * strings.test.ts fails when a copy drifts from its source.
 */

import type { Lang } from '../lib/errors';

export { LANG_STORAGE_KEY, toLang as toLoginLang } from '../lib/lang';
export type LoginLang = Lang;

export interface LoginStrings {
  /** app.title */
  title: string;
  /** app.subtitle */
  subtitle: string;
  /** app.footer */
  footer: string;
  /** lang.label */
  langLabel: string;
  /** auth.loginTitle */
  loginTitle: string;
  /** auth.username */
  username: string;
  /** auth.password */
  password: string;
  /** auth.login */
  login: string;
  /** auth.usernameRequired */
  usernameRequired: string;
  /** auth.passwordRequired */
  passwordRequired: string;
  /** auth.sessionExpired */
  sessionExpired: string;
  /** auth.loginRequired */
  loginRequired: string;
  /** auth.loggedOut */
  loggedOut: string;
  /** auth.verifyLink */
  verifyLink: string;
  /** auth.catalogLink */
  catalogLink: string;
  /** exams.loginActivate */
  activateLink: string;
  /** exams.loginRegister */
  registerLink: string;
  /** auth.schoolRegistrationLink */
  schoolRegistrationLink: string;
  /** auth.notice */
  notice: string;
}

export const STRINGS: Record<LoginLang, LoginStrings> = {
  'zh-CN': {
    title: '1+X 证书信息管理服务平台',
    subtitle: '职业技能等级证书信息管理与服务',
    footer: '1+X 证书信息管理服务平台',
    langLabel: '语言',
    loginTitle: '账号登录',
    username: '用户名',
    password: '密码',
    login: '登录',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    sessionExpired: '登录已过期，请重新登录',
    loginRequired: '请先登录',
    loggedOut: '您已安全退出',
    verifyLink: '证书查询',
    catalogLink: '证书目录查询',
    activateLink: '学生账号激活',
    registerLink: '社会学习者注册',
    schoolRegistrationLink: '院校注册申报',
    notice: '本平台仅供 1+X 证书制度试点相关单位使用，请妥善保管账号和密码。',
  },
  'en-US': {
    title: '1+X Certificate Platform',
    subtitle: 'Vocational skill level certificate information and services',
    footer: '1+X Certificate Platform',
    langLabel: 'Language',
    loginTitle: 'Log in',
    username: 'Username',
    password: 'Password',
    login: 'Log in',
    usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password',
    sessionExpired: 'Your session has expired; please log in again',
    loginRequired: 'Please log in',
    loggedOut: 'You have logged out',
    verifyLink: 'Verify a certificate',
    catalogLink: 'Browse the certificate catalog',
    activateLink: 'Activate a student account',
    registerLink: 'Register as a social learner',
    schoolRegistrationLink: 'Register a school',
    notice: 'For institutions taking part in the 1+X certificate pilot only. Keep your account and password safe.',
  },
};

type Message = { zh: string; en: string };

/**
 * The registry messages (packages/shared/src/errors.ts) of the codes a login can be answered with: the login rules
 * (wrong password, disabled, locked, too many attempts from the address), request checks, and load shedding.
 */
export const LOGIN_ERRORS: Record<string, Message> = {
  VALIDATION_FAILED: { zh: '提交的信息有误，请检查后重试', en: 'Some of the information is invalid; please check and try again' },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please log in' },
  AUTH_INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  SESSION_EXPIRED: { zh: '登录已过期，请重新登录', en: 'Your session has expired; please log in again' },
  API_TOKEN_INVALID: { zh: 'API 令牌无效或已撤销', en: 'The API token is invalid or revoked' },
  CSRF_INVALID: { zh: '请求校验失败，请刷新页面后重试', en: 'Request check failed; reload the page and try again' },
  ACCOUNT_DISABLED: { zh: '该账号已停用，请联系管理员', en: 'This account is disabled; contact your administrator' },
  PAYLOAD_TOO_LARGE: { zh: '上传内容过大', en: 'The upload is too large' },
  AUTH_LOCKED: {
    zh: '登录失败次数过多，账号已锁定 15 分钟，请稍后再试',
    en: 'Too many failed logins; the account is locked for 15 minutes',
  },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please try again later' },
  OVERLOADED: { zh: '系统繁忙，请稍后再试', en: 'The system is busy; please try again later' },
  INTERNAL: { zh: '系统繁忙，请稍后再试', en: 'Something went wrong; please try again later' },
};

/** The SPA's messages for failures that never reached the registry (lib/errors.ts CLIENT_MESSAGES). */
export const CLIENT_MESSAGES = {
  NETWORK: { zh: '网络连接失败，请检查网络后重试', en: 'Cannot reach the server; check your network and try again' },
  GENERIC: { zh: '操作失败，请稍后再试', en: 'Something went wrong; please try again later' },
} as const;

/**
 * A failed login in words, as the SPA's `errorMessage` would put it: the registry message of the code, the network
 * message, else the server's own message, else the generic one.
 */
export function loginErrorText(err: { code: string; message: string }, lang: LoginLang): string {
  const pick = (m: Message) => (lang === 'en-US' ? m.en : m.zh);
  const known = Object.hasOwn(LOGIN_ERRORS, err.code) ? LOGIN_ERRORS[err.code] : undefined;
  if (known) return pick(known);
  if (err.code === 'NETWORK') return pick(CLIENT_MESSAGES.NETWORK);
  if (err.message) return err.message;
  return pick(CLIENT_MESSAGES.GENERIC);
}

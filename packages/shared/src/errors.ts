/**
 * The one registry of error codes: HTTP status and people-readable messages.
 * The server answers `{ error: { code, message, details, requestId } }` with the zh-CN message;
 * the web app shows the message of the user's locale for the code.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '提交的信息有误，请检查后重试',
    en: 'Some of the information is invalid; please check and try again',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please log in again' },
  API_TOKEN_INVALID: { status: 401, zh: 'API 令牌无效或已撤销', en: 'The API token is invalid or revoked' },
  CSRF_INVALID: { status: 403, zh: '请求校验失败，请刷新页面后重试', en: 'Request check failed; reload the page and try again' },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  ACCOUNT_DISABLED: { status: 403, zh: '该账号已停用，请联系管理员', en: 'This account is disabled; contact your administrator' },
  NOT_FOUND: { status: 404, zh: '未找到相关记录', en: 'Not found' },
  CONFLICT: { status: 409, zh: '操作与当前状态冲突，请刷新后重试', en: 'This conflicts with the current state; reload and try again' },
  USERNAME_TAKEN: { status: 409, zh: '该用户名已被使用', en: 'This username is already taken' },
  PASSWORD_WRONG: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_WEAK: {
    status: 400,
    zh: '新密码至少 8 位，且须同时包含字母和数字',
    en: 'The new password needs at least 8 characters with letters and digits',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传内容过大', en: 'The upload is too large' },
  AUTH_LOCKED: {
    status: 429,
    zh: '登录失败次数过多，账号已锁定 15 分钟，请稍后再试',
    en: 'Too many failed logins; the account is locked for 15 minutes',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please try again later' },
  INTERNAL: { status: 500, zh: '系统繁忙，请稍后再试', en: 'Something went wrong; please try again later' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details: Record<string, unknown>; requestId: string };
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

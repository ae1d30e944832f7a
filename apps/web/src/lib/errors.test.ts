import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { errorMessage, fieldErrors, isSessionLost } from './errors';

const apiError = (code: string, message = '', details: Record<string, unknown> = {}, status = 400) =>
  new ApiError({ code, message, details, status });

describe('errorMessage', () => {
  it('uses the registry message of the code in the current language', () => {
    const err = apiError('AUTH_INVALID_CREDENTIALS', 'server text', {}, 401);
    expect(errorMessage(err, 'zh-CN')).toBe('用户名或密码错误');
    expect(errorMessage(err, 'en-US')).toBe('Wrong username or password');
    expect(errorMessage(apiError('SESSION_EXPIRED', '', {}, 401), 'zh-CN')).toBe('登录已过期，请重新登录');
    expect(errorMessage(apiError('AUTH_LOCKED', '', {}, 429), 'zh-CN')).toContain('锁定');
  });

  it("falls back to the server's message for unknown codes", () => {
    expect(errorMessage(apiError('SOMETHING_NEW', '服务器说明'), 'en-US')).toBe('服务器说明');
  });

  it('falls back to a generic message last', () => {
    expect(errorMessage(apiError('SOMETHING_NEW'), 'zh-CN')).toBe('操作失败，请稍后再试');
    expect(errorMessage(new Error('boom'), 'en-US')).toBe('Something went wrong; please try again later');
    expect(errorMessage(undefined, 'zh-CN')).toBe('操作失败，请稍后再试');
  });

  it('says so when the network fails', () => {
    expect(errorMessage(new ApiError({ code: 'NETWORK', message: '', status: 0 }), 'zh-CN')).toContain('网络');
  });
});

describe('fieldErrors', () => {
  it('maps validation details to form fields without the body prefix', () => {
    const err = apiError('VALIDATION_FAILED', '', {
      fields: [
        { path: 'body.username', message: '格式不正确' },
        { path: 'provinceCode', message: '此角色的账号须指定所属范围' },
        { path: 'body.username', message: '太短' },
        { path: 'body', message: 'ignored' },
      ],
    });
    expect(fieldErrors(err, 'zh-CN')).toEqual([
      { name: 'username', errors: ['格式不正确', '太短'] },
      { name: 'provinceCode', errors: ['此角色的账号须指定所属范围'] },
    ]);
  });

  it('attaches whole-request codes to a chosen field', () => {
    expect(fieldErrors(apiError('USERNAME_TAKEN', '', {}, 409), 'zh-CN', { USERNAME_TAKEN: 'username' })).toEqual([
      { name: 'username', errors: ['该用户名已被使用'] },
    ]);
    expect(fieldErrors(apiError('USERNAME_TAKEN', '', {}, 409), 'zh-CN')).toEqual([]);
  });

  it('ignores errors without field details', () => {
    expect(fieldErrors(apiError('VALIDATION_FAILED', '', { reason: 'BAD_REQUEST' }), 'zh-CN')).toEqual([]);
    expect(fieldErrors(new Error('x'), 'zh-CN')).toEqual([]);
  });
});

describe('isSessionLost', () => {
  it('is true for the 401 session codes only', () => {
    expect(isSessionLost(apiError('SESSION_EXPIRED', '', {}, 401))).toBe(true);
    expect(isSessionLost(apiError('UNAUTHENTICATED', '', {}, 401))).toBe(true);
    expect(isSessionLost(apiError('AUTH_INVALID_CREDENTIALS', '', {}, 401))).toBe(false);
    expect(isSessionLost(apiError('FORBIDDEN', '', {}, 403))).toBe(false);
  });
});

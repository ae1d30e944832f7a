import { ERRORS } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api';
import { errorMessage } from '../lib/errors';
import enUS from '../locales/en-US';
import zhCN from '../locales/zh-CN';
import { LOGIN_ERRORS, loginErrorText, STRINGS, type LoginStrings } from './strings';

/** Where each of the light login page's words comes from in the SPA's tables. */
function fromLocale(m: typeof zhCN): LoginStrings {
  return {
    title: m.app.title,
    subtitle: m.app.subtitle,
    footer: m.app.footer,
    langLabel: m.lang.label,
    loginTitle: m.auth.loginTitle,
    username: m.auth.username,
    password: m.auth.password,
    login: m.auth.login,
    usernameRequired: m.auth.usernameRequired,
    passwordRequired: m.auth.passwordRequired,
    sessionExpired: m.auth.sessionExpired,
    loginRequired: m.auth.loginRequired,
    loggedOut: m.auth.loggedOut,
    verifyLink: m.auth.verifyLink,
    catalogLink: m.auth.catalogLink,
    activateLink: m.exams.loginActivate,
    registerLink: m.exams.loginRegister,
    schoolRegistrationLink: m.auth.schoolRegistrationLink,
    notice: m.auth.notice,
  };
}

describe('issue 21 item 12: the light login page says what the SPA says', () => {
  it('its words are the SPA locale entries, zh-CN and en-US', () => {
    expect(STRINGS['zh-CN']).toEqual(fromLocale(zhCN));
    expect(STRINGS['en-US']).toEqual(fromLocale(enUS));
  });

  it('its error messages are the registry entries, for every code a login can be answered with', () => {
    for (const [code, m] of Object.entries(LOGIN_ERRORS)) {
      const entry = (ERRORS as Record<string, { zh: string; en: string }>)[code];
      expect(entry, code).toBeDefined();
      expect(m, code).toEqual({ zh: entry!.zh, en: entry!.en });
    }
    // What POST /auth/login throws (auth.service.ts) and what any request may get (checks, limits, shedding).
    for (const code of [
      'AUTH_INVALID_CREDENTIALS',
      'ACCOUNT_DISABLED',
      'AUTH_LOCKED',
      'RATE_LIMITED',
      'VALIDATION_FAILED',
      'OVERLOADED',
      'INTERNAL',
    ])
      expect(LOGIN_ERRORS, code).toHaveProperty(code);
  });

  it.each(['AUTH_INVALID_CREDENTIALS', 'AUTH_LOCKED', 'RATE_LIMITED', 'ACCOUNT_DISABLED', 'NETWORK', 'HTTP_ERROR', 'SOMETHING_NEW'])(
    'a failed login with %s reads as the SPA would show it, in both languages',
    (code) => {
      for (const lang of ['zh-CN', 'en-US'] as const) {
        for (const message of ['', '服务器的说明']) {
          const spa = errorMessage(new ApiError({ code, message, status: 400 }), lang);
          expect(loginErrorText({ code, message }, lang)).toBe(spa);
        }
      }
    },
  );
});

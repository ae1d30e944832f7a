import { PASSWORD_PROBLEM_MESSAGES } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/test-app';

// Outside the demo (a server deployment): the demo accounts exist here only because the test seeds them.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(() => t.close());

const newUser = (password: string) => ({
  username: `policy-${password.length}-${Math.random().toString(36).slice(2, 8)}`,
  displayName: '专家',
  role: 'expert',
  password,
});

describe('password policy where passwords are set (issue 20 #9)', () => {
  it('account creation refuses short, common, two-class and demo passwords with a Chinese reason', async () => {
    const gd = await t.loginAs('gd-admin');
    for (const [password, reason] of [
      ['Ab1!', 'too_short'],
      ['Aa123456', 'common'],
      ['abcdefgh12', 'classes'],
      ['Demo@2026', 'demo'],
    ] as const) {
      const res = await gd.post('/api/v1/users', newUser(password));
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'PASSWORD_WEAK',
        message: PASSWORD_PROBLEM_MESSAGES[reason].zh,
        details: { reason },
      });
    }
    expect((await gd.post('/api/v1/users', newUser('Kaoping-2026'))).statusCode).toBe(201);
  });

  it('a password change refuses a common password', async () => {
    const a = await t.loginAs('gz-admin');
    const res = await a.post('/api/v1/auth/password', { currentPassword: 'Demo@2026', newPassword: 'P@ssw0rd' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'PASSWORD_WEAK',
      message: PASSWORD_PROBLEM_MESSAGES.common.zh,
    });
  });
});

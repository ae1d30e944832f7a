import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../lib/clock';
import { type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('login and logout (api-v1 session contract)', () => {
  it('logs in with a demo account and sets an HttpOnly SameSite=Lax cookie', async () => {
    const res = await login('gd-admin', 'Demo@2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'gd-admin', role: 'province_admin', scope: { provinceCode: '440000' } });
    expect(body.csrfToken).toEqual(expect.any(String));
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^onex_sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    const s = await createTestApp({ trustProxy: true });
    try {
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: 'national', password: 'Demo@2026' },
      });
      expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
    } finally {
      await s.close();
    }
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const a = await login('gz-admin', 'wrong-password1');
    const b = await login('nobody-here', 'wrong-password1');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(b.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('GET /auth/me answers the user and its CSRF token, then 401 after logout', async () => {
    const agent = await t.loginAs('national');
    const me = await agent.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: 'national' }, csrfToken: agent.csrfToken, scopeLabel: '全国' });
    const gz = await t.loginAs('gzcp-admin');
    expect((await gz.get('/api/v1/auth/me')).json().scopeLabel).toBe('广州城市职业学院');
    const out = await agent.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    const after = await agent.get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 UNAUTHENTICATED without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
  });
});

describe('lockout', () => {
  it('locks a username after 5 failures within 15 minutes (429 AUTH_LOCKED), even with the right password, and unlocks after', async () => {
    for (let i = 0; i < 5; i++) expect((await login('expert1', `bad-password-${i}`)).statusCode).toBe(401);
    const locked = await login('expert1', 'Demo@2026');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('AUTH_LOCKED');
    expect(locked.json().error.message).toMatch(/锁定/);
    t.clock.advance(15 * MINUTE + 1000);
    expect((await login('expert1', 'Demo@2026')).statusCode).toBe(200);
  });

  it('counts failures per username: other accounts are not locked', async () => {
    for (let i = 0; i < 5; i++) await login('zz-admin', `bad-password-${i}`);
    expect((await login('zz-admin', 'Demo@2026')).statusCode).toBe(429);
    expect((await login('gzcp-admin', 'Demo@2026')).statusCode).toBe(200);
  });

  it('4 failures then a success resets the count', async () => {
    for (let i = 0; i < 4; i++) await login('hb-admin', `bad-password-${i}`);
    expect((await login('hb-admin', 'Demo@2026')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await login('hb-admin', `bad-password-${i}`);
    expect((await login('hb-admin', 'Demo@2026')).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated mutation without the x-csrf-token header (403 CSRF_INVALID)', async () => {
    const agent = await t.loginAs('national');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: agent.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: agent.cookie, 'x-csrf-token': 'not-the-token' },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await agent.post('/api/v1/auth/logout')).statusCode).toBe(204);
  });
});

describe('session expiry', () => {
  it('ends an idle session (401 SESSION_EXPIRED)', async () => {
    const agent = await t.loginAs('gdst-admin');
    t.clock.advance(119 * MINUTE);
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advance(121 * MINUTE);
    const res = await agent.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends an active session at its absolute lifetime (12 h)', async () => {
    const agent = await t.loginAs('gzcp-admin');
    for (let h = 0; h < 11; h++) {
      t.clock.advance(HOUR);
      expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(HOUR);
    expect((await agent.get('/api/v1/auth/me')).json().error.code).toBe('SESSION_EXPIRED');
  });
});

describe('change password', () => {
  it('needs the current password and a strong new one, then ends the other sessions', async () => {
    const a = await t.loginAs('org-web');
    const b = await t.loginAs('org-web');
    expect((await a.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'NewPass2026' })).json().error.code).toBe(
      'PASSWORD_WRONG',
    );
    expect((await a.post('/api/v1/auth/password', { currentPassword: 'Demo@2026', newPassword: 'short' })).json().error.code).toBe(
      'PASSWORD_WEAK',
    );
    expect((await a.post('/api/v1/auth/password', { currentPassword: 'Demo@2026', newPassword: 'NewPass2026' })).statusCode).toBe(204);
    expect((await a.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login('org-web', 'Demo@2026')).statusCode).toBe(401);
    expect((await login('org-web', 'NewPass2026')).statusCode).toBe(200);
  });
});

describe('API tokens (api-v1 evaluation organizations’ systems)', () => {
  it('are shown once, stored hashed, work without CSRF, and stop working when revoked', async () => {
    const org = await t.loginAs('org-bim');
    const created = await org.post('/api/v1/api-tokens', { name: '成绩系统' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const stored = await t.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(me.json().user.username).toBe('org-bim');
    // A token cannot mint more tokens, and needs no CSRF header to reach that refusal.
    const mint = await t.app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: bearer, payload: { name: 'x' } });
    expect(mint.statusCode).toBe(403);
    expect(mint.json().error.code).toBe('FORBIDDEN');

    const list = await org.get('/api/v1/api-tokens');
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect((await org.request('DELETE', `/api/v1/api-tokens/${id}`)).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('API_TOKEN_INVALID');
  });

  it('are for organization admins only, and another organization cannot revoke them (404)', async () => {
    const school = await t.loginAs('gzcp-admin');
    expect((await school.post('/api/v1/api-tokens', { name: 'x' })).statusCode).toBe(403);
    const bim = await t.loginAs('org-bim');
    const { id } = (await bim.post('/api/v1/api-tokens', { name: 'y' })).json();
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'org-web', password: 'NewPass2026' },
    });
    expect(other.statusCode).toBe(200);
    const cookie = String(other.headers['set-cookie']).split(';')[0]!;
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-tokens/${id}`,
      headers: { cookie, 'x-csrf-token': other.json().csrfToken },
    });
    expect(res.statusCode).toBe(404);
  });
});

import { ERRORS } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validIdNumber } from '../../test/exams';
import { type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ publicRateLimit: { max: 10, windowSeconds: 60 } });
});
afterAll(() => t.close());

const ADDRESS = '203.0.113.7';
const OTHER_ADDRESS = '198.51.100.9';

function activate(remoteAddress: string, activationCode: string, username: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/public/learner-activation',
    remoteAddress,
    payload: { username, activationCode, password: 'Activate2026' },
  });
}

describe('public learner endpoints are rate-limited per client address', () => {
  it('the 11th activation attempt in a minute from one address is 429 RATE_LIMITED (Chinese); another address is not affected', async () => {
    const gzcp = await t.loginAs('gzcp-admin');
    const created = await gzcp.post('/api/v1/learners', { name: '限流测试', idType: 'id_card', idNumber: validIdNumber(951) });
    expect(created.statusCode).toBe(201);
    const { activationCode, learner } = created.json<{ activationCode: string; learner: { id: string } }>();

    // Ten guesses are answered on their merits.
    for (let i = 0; i < 10; i++) {
      const r = await activate(ADDRESS, `WRNG-CODE-${String(i).padStart(4, '0')}`, 'ratelimit1');
      expect(r.statusCode).toBe(400);
      expect(r.json().error.code).toBe('ACTIVATION_INVALID');
    }

    // The eleventh — even with the right code — is refused before it is looked at.
    const limited = await activate(ADDRESS, activationCode, 'ratelimit1');
    expect(limited.statusCode).toBe(429);
    const body = limited.json();
    expect(body).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: ERRORS.RATE_LIMITED.zh,
        details: { retryAfterSeconds: expect.any(Number) },
        requestId: expect.any(String),
      },
    });
    expect(body.error.message).toMatch(/请求过于频繁/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const row = await t.db.selectFrom('learners').select('user_id').where('id', '=', learner.id).executeTakeFirstOrThrow();
    expect(row.user_id).toBeNull();

    // Another client address still gets through, with the same code.
    const other = await activate(OTHER_ADDRESS, activationCode, 'ratelimit1');
    expect(other.statusCode).toBe(201);
    expect(other.json()).toMatchObject({ learnerId: learner.id, username: 'ratelimit1' });
  });

  it('self-registration of social learners is limited the same way', async () => {
    const register = (remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/public/learner-registration', remoteAddress, payload: {} });
    for (let i = 0; i < 10; i++) expect((await register('192.0.2.44')).statusCode).toBe(400);
    const limited = await register('192.0.2.44');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', message: ERRORS.RATE_LIMITED.zh });
    expect((await register('192.0.2.45')).statusCode).toBe(400);
  });
});

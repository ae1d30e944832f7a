import { ERRORS } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock';
import { type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string, ip = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

describe('R-auth lockout is atomic (issue 20 #3; api-v1: 429 AUTH_LOCKED after 5 failures within 15 minutes)', () => {
  it('40 parallel wrong passwords: at most 5 are checked (401), the rest 429 AUTH_LOCKED; then the right password is 429', async () => {
    const all = await Promise.all(Array.from({ length: 40 }, (_, i) => login('expert1', `wrong-password-${i}`, '10.0.0.1')));
    const codes = all.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 401).length + codes.filter((c) => c === 429).length).toBe(40);
    for (const r of all.filter((x) => x.statusCode === 429)) expect(r.json().error.code).toBe('AUTH_LOCKED');
    const right = await login('expert1', 'Demo@2026', '10.0.0.2');
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('AUTH_LOCKED');
    t.clock.advance(15 * MINUTE + 1000);
    expect((await login('expert1', 'Demo@2026', '10.0.0.2')).statusCode).toBe(200);
  });

  it('logins with the right password are not counted as failures', async () => {
    const all = await Promise.all(Array.from({ length: 3 }, () => login('gd-admin', 'Demo@2026', '10.0.1.1')));
    expect(all.map((r) => r.statusCode)).toEqual(Array(3).fill(200));
    for (let i = 0; i < 6; i++) expect((await login('gd-admin', 'Demo@2026', '10.0.1.1')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('gd-admin', `bad-password-${i}`, '10.0.1.1')).statusCode).toBe(401);
    expect((await login('gd-admin', 'Demo@2026', '10.0.1.1')).statusCode).toBe(200);
  });

  it('password spraying: logins to 60 different usernames from one address are limited (429 RATE_LIMITED); another address is not', async () => {
    t.clock.advance(15 * MINUTE + 1000);
    const codes: number[] = [];
    for (let i = 0; i < 60; i++) codes.push((await login(`user-${i}`, 'Password123', '10.0.2.1')).statusCode);
    expect(codes.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(codes.slice(30)).toEqual(Array(30).fill(429));
    const limited = await login('national', 'Demo@2026', '10.0.2.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', message: ERRORS.RATE_LIMITED.zh });
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await login('national', 'Demo@2026', '10.0.2.2')).statusCode).toBe(200);
  });
});

import { ERRORS } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../test/test-app';

const blockEventLoop = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('overload shedding (issue 20 #8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A tiny event-loop delay threshold: one blocked stretch puts the process under pressure for a sample.
    t = await createTestApp({ overload: { maxEventLoopDelayMs: 1, maxHeapUsedBytes: 0, targetWaitMs: 0, minInFlight: 16 } });
  });
  afterAll(() => t.close());

  it('under pressure a signed-in route answers 503 OVERLOADED with the Chinese body and Retry-After; health and public routes answer', async () => {
    const agent = await t.loginAs('national');
    let shed: Awaited<ReturnType<typeof agent.get>> | undefined;
    for (let i = 0; i < 20 && !shed; i++) {
      // Busy for 600 ms in 40 ms stretches: every 250 ms sample sees a mean delay far above the threshold, whatever the
      // phase of the sampling timer (one long block is only one histogram entry among short ones).
      const until = Date.now() + 600;
      while (Date.now() < until) {
        blockEventLoop(40);
        await sleep(1);
      }
      const res = await agent.get('/api/v1/schools');
      if (res.statusCode === 503) {
        shed = res;
        expect((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
        expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/certificate-types' })).statusCode).toBe(200);
      }
    }
    expect(shed?.json().error).toMatchObject({ code: 'OVERLOADED', message: '系统繁忙，请稍后再试', requestId: expect.any(String) });
    expect(ERRORS.OVERLOADED.zh).toBe('系统繁忙，请稍后再试');
    expect(shed?.headers['retry-after']).toBe('2');
  });
});

describe('in-flight cap and per-user limits (issue 20 #8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      overload: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0, targetWaitMs: 500, minInFlight: 2 },
      userRateLimit: { expensive: 2, lists: 3 },
    });
  });
  afterAll(() => t.close());

  it('signed-in requests beyond the in-flight cap are shed with 503 at once', async () => {
    const agent = await t.loginAs('national');
    const codes = (await Promise.all(Array.from({ length: 6 }, () => agent.get('/api/v1/regions')))).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(2);
    expect(codes.filter((c) => c === 503).length).toBeGreaterThanOrEqual(1);
    expect((await agent.get('/api/v1/regions')).statusCode).toBe(200);
  });

  it('a searchable list is limited per user (429 RATE_LIMITED), another user is not', async () => {
    const a = await t.loginAs('gd-admin');
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await a.get('/api/v1/schools?q=学院')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const over = await a.get('/api/v1/schools');
    expect(over.json().error).toMatchObject({ code: 'RATE_LIMITED', message: ERRORS.RATE_LIMITED.zh });
    expect((await (await t.loginAs('national')).get('/api/v1/schools')).statusCode).toBe(200);
  });
});

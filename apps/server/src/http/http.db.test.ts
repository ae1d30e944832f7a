import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('HTTP conventions', () => {
  it('GET /api/v1/health answers per contract', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite', version: 'test' });
  });

  it('echoes a request id, or makes one', async () => {
    const given = await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an unknown API path is 404 NOT_FOUND in the error format', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '未找到相关记录', details: {}, requestId: expect.any(String) } });
  });

  it('invalid input is 400 VALIDATION_FAILED naming the field, in Chinese', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('提交的信息有误，请检查后重试');
    expect(error.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['body.username', 'body.password']));
    expect(error.details.fields[0].message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('malformed JSON is a 400, not a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('serves the OpenAPI document and its browser', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/v1/health', '/api/v1/auth/login', '/api/v1/users', '/api/v1/api-tokens', '/api/v1/audit-log'])
      expect(doc.paths).toHaveProperty([p]);
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
  });

  it('regions: provinces, and the cities of one', async () => {
    const p = (await t.app.inject({ method: 'GET', url: '/api/v1/regions' })).json();
    expect(p.items).toContainEqual({ code: '440000', name: '广东省', level: 'province', parentCode: null });
    const c = (await t.app.inject({ method: 'GET', url: '/api/v1/regions?parentCode=440000' })).json();
    expect(c.items).toContainEqual({ code: '440100', name: '广州市', level: 'city', parentCode: '440000' });
  });
});

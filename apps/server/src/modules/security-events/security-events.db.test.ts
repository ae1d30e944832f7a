import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('security events (issue 20 #9): out-of-scope attempts and refusals a national administrator reviews', () => {
  it('records a scope 404 and a 403 of signed-in actors, not anonymous requests nor unknown routes, and lists them with filters', async () => {
    const agreement = await t.db.selectFrom('pilot_agreements').select('file_id').executeTakeFirstOrThrow();
    const expert = await t.loginAs('expert1');
    expect((await expert.get(`/api/v1/files/${agreement.file_id}`)).statusCode).toBe(404);
    const school = await t.loginAs('gzcp-admin');
    expect((await school.get('/api/v1/security-events')).statusCode).toBe(403);
    expect((await school.get('/api/v1/no-such-route')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${agreement.file_id}` })).statusCode).toBe(404);

    const national = await t.loginAs('national');
    const all = await national.get('/api/v1/security-events');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(all.json().items).toEqual([
      expect.objectContaining({
        kind: 'forbidden',
        code: 'FORBIDDEN',
        actorUsername: 'gzcp-admin',
        actorRole: 'school_admin',
        method: 'GET',
        route: '/api/v1/security-events',
        clientIp: '127.0.0.1',
      }),
      expect.objectContaining({
        kind: 'out_of_scope',
        code: 'NOT_FOUND',
        actorUsername: 'expert1',
        actorRole: 'expert',
        route: '/api/v1/files/:id',
        target: `/api/v1/files/${agreement.file_id}`,
      }),
    ]);
    const experts = await national.get('/api/v1/security-events?kind=out_of_scope&actor=EXPERT');
    expect(experts.json().items.map((e: { actorUsername: string }) => e.actorUsername)).toEqual(['expert1']);
    expect((await national.get('/api/v1/security-events?role=school_admin')).json().total).toBe(1);
  });
});

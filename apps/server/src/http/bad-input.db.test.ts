import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, verifyAuditLog } from '../modules/audit/audit.service';
import { type Agent, type TestApp, createTestApp } from '../test/test-app';

/** Issue 20 item 5: the inputs that answered 500 now answer 400/409/413 with a Chinese message. */
let t: TestApp;
let national: Agent;
beforeAll(async () => {
  t = await createTestApp();
  national = await t.loginAs('national');
});
afterAll(() => t.close());

const code = (res: { json: () => { error?: { code: string; message: string } } }) => res.json().error?.code;

describe('issue 20 item 5: bad input is refused at the boundary, never a 500', () => {
  it('a NUL or a lone surrogate in the login is a 400 naming the field', async () => {
    for (const username of ['a\u0000b', 'a\ud800b']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: JSON.stringify({ username, password: 'x' }),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.fields[0]).toEqual({ path: 'body.username', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    }
    const pw = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'national', password: 'a\u0000' } });
    expect(pw.statusCode).toBe(400);
  });

  it('?q=%00 on the public catalog and on the searches of schools, learners, certificates and users is a 400', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/certificate-types?q=%00' })).statusCode).toBe(400);
    for (const path of ['/api/v1/schools', '/api/v1/learners', '/api/v1/certificates', '/api/v1/users']) {
      const res = await national.get(`${path}?q=a%00b`);
      expect(res.statusCode, `${path} ${res.body}`).toBe(400);
      expect(code(res)).toBe('VALIDATION_FAILED');
    }
  });

  it('a uuid parameter with a NUL, and a malformed multipart body, are 400s', async () => {
    expect((await national.get('/api/v1/schools/a%00b')).statusCode).toBe(400);
    const org = await t.loginAs('org-robot');
    const res = await org.request(
      'POST',
      '/api/v1/exam-sessions/00000000-0000-4000-8000-000000000000/results',
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK',
      {
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      },
    );
    expect(res.statusCode, res.body).toBe(400);
  });

  it('recordedOn 2026-02-30 and credits 1e-300 are refused with Chinese messages', async () => {
    const school = await t.loginAs('gdst-admin');
    // The body is checked before the account is looked up: any id shows the refusal.
    const deposit = await school.post(`/api/v1/learning-accounts/00000000-0000-4000-8000-000000000000/outcomes`, {
      type: 'training',
      name: '安全培训',
      credits: 1,
      recordedOn: '2026-02-30',
    });
    expect(deposit.statusCode, deposit.body).toBe(400);
    expect(deposit.json().error.details.fields).toEqual([{ path: 'body.recordedOn', message: '日期不存在，请检查年月日' }]);
    const outcome = (await national.get('/api/v1/credit-outcomes')).json().items[0];
    const put = await national.request('PUT', `/api/v1/credit-outcomes/${outcome.id}`, { credits: 1e-300, hours: 1 });
    expect(put.statusCode, put.body).toBe(400);
    expect(put.json().error.details.fields).toEqual([{ path: 'body.credits', message: '学分最多保留一位小数' }]);
  });

  it('a duplicate filing-round name is 409 FILING_ROUND_NAME_TAKEN', async () => {
    const gd = await t.loginAs('gd-admin');
    const round = { name: '重名轮次', year: 2027, type: 'rolling', admittedBatchCodes: ['B1'], majorCatalogEdition: '2021' };
    expect((await gd.post('/api/v1/filing-rounds', round)).statusCode).toBe(201);
    const again = await gd.post('/api/v1/filing-rounds', round);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'FILING_ROUND_NAME_TAKEN', message: '本省已有同名的备案轮次，请换一个名称' });
  });

  it('a body nested 1000 deep is a 400, a huge one a 413', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 1000; i++) deep = { a: deep };
    expect((await national.post('/api/v1/filing-rounds', deep)).statusCode).toBe(400);
    expect((await national.post('/api/v1/filing-rounds', { name: 'x'.repeat(2_000_000) })).statusCode).toBe(413);
  });

  it('recordAudit stores odd strings (NUL, lone surrogate) made storable, and the chain still verifies', async () => {
    await t.db.transaction().execute((trx) =>
      recordAudit(trx, { actor: null, requestId: 'r\u0000', clientIp: null } as never, t.clock.now(), {
        action: 'test.odd',
        targetType: 'x\ud800',
        summary: { note: 'a\u0000b\udc00' },
      }),
    );
    const row = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'test.odd').executeTakeFirstOrThrow();
    expect(row.summary).toEqual({ note: 'ab\ufffd' });
    expect((await verifyAuditLog(t.db)).broken).toBeNull();
  });
});

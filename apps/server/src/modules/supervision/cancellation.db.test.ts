import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds } from '../../test/factories';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
let gd: Agent;
let gzcp: Agent;
let filing: { id: string; year: number };
let sessionId: string;
let learnerId: string;

beforeAll(async () => {
  t = await createTestApp();
  gd = await t.loginAs('gd-admin');
  gzcp = await t.loginAs('gzcp-admin');
  const ids = await demoIds(t.db);
  const session = await t.db
    .selectFrom('exam_sessions')
    .select(['id', 'certificate_type_id'])
    .where('status', '=', 'registration_open')
    .executeTakeFirstOrThrow();
  sessionId = session.id;
  const agreement = await t.db
    .selectFrom('pilot_agreements')
    .select('filing_id')
    .where('school_id', '=', ids.gzcp)
    .where('certificate_type_id', '=', session.certificate_type_id)
    .executeTakeFirstOrThrow();
  filing = await t.db.selectFrom('filings').select(['id', 'year']).where('id', '=', agreement.filing_id).executeTakeFirstOrThrow();
  const registered = t.db.selectFrom('exam_registrations').select('learner_id').where('session_id', '=', sessionId);
  learnerId = (
    await t.db
      .selectFrom('learners')
      .select('id')
      .where('school_id', '=', ids.gzcp)
      .where('id', 'not in', registered)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

const propose = () => gzcp.post(`/api/v1/exam-sessions/${sessionId}/registrations`, { learnerIds: [learnerId] });

describe('R8.3 cancellation of a pilot', () => {
  it('only the province in scope cancels, on a ground that cites 001 §十九, with evidence that belongs to the pilot', async () => {
    const body = { ground: 'forced_participation', reason: '经核查，学校要求全体学生报考。', evidence: [] };
    expect((await (await t.loginAs('hb-admin')).post(`/api/v1/filings/${filing.id}/cancellation`, body)).statusCode).toBe(404);
    expect((await gzcp.post(`/api/v1/filings/${filing.id}/cancellation`, body)).statusCode).toBe(403);
    const unknownEvidence = await gd.post(`/api/v1/filings/${filing.id}/cancellation`, {
      ...body,
      evidence: [{ kind: 'pilot_flag', id: filing.id }],
    });
    expect(unknownEvidence.statusCode).toBe(400);
    expect((await gd.post(`/api/v1/filings/${filing.id}/cancellation`, { ...body, ground: 'bad' })).statusCode).toBe(400);
  });

  it('a cancelled pilot cannot register candidates or file its annual plan; its history stays', async () => {
    const before = await propose();
    expect(before.json().error?.code).not.toBe('PILOT_CANCELLED');
    const done = await gd.post(`/api/v1/filings/${filing.id}/cancellation`, {
      ground: 'forced_participation',
      reason: '经核查，学校要求全体学生报考。',
      evidence: [],
    });
    expect(done.statusCode, done.body).toBe(201);
    // issue 18 #0: 001 第十九条 binds 广东生态工程职业学院 only; a 广州城市职业学院 pilot is cancelled on the national basis
    expect(done.json()).toMatchObject({
      clause: '教职成〔2019〕6号 二（七）（建立健全监督、管理与服务机制）',
      ground: 'forced_participation',
    });
    expect(
      (await gd.post(`/api/v1/filings/${filing.id}/cancellation`, { ground: 'funds_misuse', reason: '再次取消', evidence: [] })).statusCode,
    ).toBe(409);

    const refused = await propose();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PILOT_CANCELLED');
    const plan = await gzcp.request('PUT', `/api/v1/filings/${filing.id}/annual-plans/${filing.year + 1}`, { mode: 'discontinue' });
    expect(plan.statusCode).toBe(409);
    expect(plan.json().error.code).toBe('PILOT_CANCELLED');

    expect((await gd.get(`/api/v1/filings/${filing.id}`)).statusCode).toBe(200);
    const listed = (await gd.get('/api/v1/pilot-cancellations')).json().items;
    expect(listed.map((c: { filingId: string }) => c.filingId)).toEqual([filing.id]);
    expect((await (await t.loginAs('hb-admin')).get('/api/v1/pilot-cancellations')).json().items).toEqual([]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', filing.id)
      .where('action', '=', 'filing.cancel_pilot')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

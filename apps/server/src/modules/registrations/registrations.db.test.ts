import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGREEMENT_FEE_FEN, DEMO_ROBOT_ORG_USERNAME } from '../../db/seed/demo-exams';
import { tinyPdf } from '../../db/seed/demo-filings';
import { postMultipart, validIdNumber } from '../../test/exams';
import { demoIds } from '../../test/factories';
import { auditRows, demoFilingId } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/** Voluntary registration (R5.3, 粤生态职院〔2023〕18号 第十九条（三）) and invigilation (R5.4), through HTTP. */

let t: TestApp;
let org: Agent;
let gzcp: Agent;
let learner1: Agent;
let irTypeId: string;
let siteId: string;
let openSessionId: string;
let closedSessionId: string;
let gzcpLearners: { id: string; name: string; user_id: string | null; poverty_registered: boolean }[];

const DAY = 24 * 3600_000;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.loginAs(DEMO_ROBOT_ORG_USERNAME);
  gzcp = await t.loginAs('gzcp-admin');
  learner1 = await t.loginAs('learner1');
  irTypeId = (await t.db.selectFrom('certificate_types').select('id').where('code', '=', 'IR-PROG').executeTakeFirstOrThrow()).id;
  siteId = (await t.db.selectFrom('exam_sites').select('id').where('open_shared', '=', true).executeTakeFirstOrThrow()).id;
  const sessions = await t.db.selectFrom('exam_sessions').select(['id', 'status']).execute();
  openSessionId = sessions.find((s) => s.status === 'registration_open')!.id;
  // The demo session examined a few days ago whose candidates have no results yet (its window is closed).
  const withResults = new Set((await t.db.selectFrom('exam_results').select('session_id').distinct().execute()).map((r) => r.session_id));
  closedSessionId = sessions.find((s) => s.status === 'examined' && !withResults.has(s.id))!.id;
  const ids = await demoIds(t.db);
  gzcpLearners = await t.db
    .selectFrom('learners')
    .select(['id', 'name', 'user_id', 'poverty_registered'])
    .where('school_id', '=', ids.gzcp)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
});
afterAll(() => t.close());

/** A fresh session of the organization at the demo site, registration open now. */
async function openSession(capacity = 10, closesInDays = 10): Promise<string> {
  const now = t.clock.now().getTime();
  const s = await org.post('/api/v1/exam-sessions', {
    certificateTypeId: irTypeId,
    level: 'intermediate',
    examSiteId: siteId,
    examDate: new Date(now + 30 * DAY).toISOString().slice(0, 10),
    examForm: 'practical_special',
    capacity,
    registrationOpensAt: new Date(now - DAY).toISOString(),
    registrationClosesAt: new Date(now + closesInDays * DAY).toISOString(),
  });
  expect(s.statusCode, s.body).toBe(201);
  expect((await org.post(`/api/v1/exam-sessions/${s.json().id}/transitions`, { action: 'open_registration' })).statusCode).toBe(200);
  return s.json().id;
}

const registrationOf = (sessionId: string, learnerId: string) =>
  t.db
    .selectFrom('exam_registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('learner_id', '=', learnerId)
    .executeTakeFirstOrThrow();

describe('voluntary registration (R5.3)', () => {
  it('a proposal is not a registration: the learner consents in its own account, then it is registered (fee from the agreement, paid by the school)', async () => {
    const id = await openSession();
    const others = gzcpLearners.filter((l) => l.user_id === null).slice(0, 2);
    const l1 = gzcpLearners.find((l) => l.user_id !== null)!;
    const res = await gzcp.post(`/api/v1/exam-sessions/${id}/registrations`, { learnerIds: [l1.id, ...others.map((o) => o.id)] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().proposed).toBe(3);
    for (const r of res.json().items)
      expect(r).toMatchObject({ status: 'proposed', feeFen: DEMO_AGREEMENT_FEE_FEN, payer: 'school', consentVia: null });
    const session = await gzcp.get(`/api/v1/exam-sessions/${id}`);
    expect(session.json()).toMatchObject({ candidateCount: 0, registrationCounts: { proposed: 3, registered: 0 } });

    // the school has no way to register without consent: there is no such step for it
    const reg = res.json().items.find((r: { learner: { id: string } }) => r.learner.id === l1.id);
    expect(reg.allowedActions).toEqual(['paper_consent', 'withdraw']);
    expect((await gzcp.post(`/api/v1/me/registrations/${reg.id}/consent`)).statusCode).toBe(403);

    // learner1 sees the session and its proposal, and consents
    const mine = (await learner1.get('/api/v1/me/registrations')).json().items.find((r: { id: string }) => r.id === reg.id);
    expect(mine).toMatchObject({ status: 'proposed', allowedActions: ['consent', 'decline', 'withdraw'], result: null, payer: 'school' });
    const sessions = (await learner1.get('/api/v1/me/exam-sessions')).json();
    expect(sessions.items.find((s: { id: string }) => s.id === id).myRegistration).toMatchObject({ id: reg.id, status: 'proposed' });
    const ok = await learner1.post(`/api/v1/me/registrations/${reg.id}/consent`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'registered', consentVia: 'learner' });
    expect((await learner1.post(`/api/v1/me/registrations/${reg.id}/consent`)).statusCode).toBe(409);
    expect((await gzcp.get(`/api/v1/exam-sessions/${id}`)).json().candidateCount).toBe(1);
    expect((await auditRows(t.db, 'exam_registration.consent')).map((r) => r.target_id)).toContain(reg.id);

    // another learner cannot consent for someone else (not found for it)
    const other = res.json().items.find((r: { learner: { id: string } }) => r.learner.id === others[0]!.id);
    expect((await learner1.post(`/api/v1/me/registrations/${other.id}/consent`)).statusCode).toBe(404);
  });

  it('the school uploads a signed paper consent (PDF) for a learner without an account', async () => {
    const id = await openSession();
    const l = gzcpLearners.filter((x) => x.user_id === null)[3]!;
    const reg = (await gzcp.post(`/api/v1/exam-sessions/${id}/registrations`, { learnerIds: [l.id] })).json().items[0];
    const notPdf = await postMultipart(
      gzcp,
      `/api/v1/registrations/${reg.id}/paper-consent`,
      {},
      { name: 'x.pdf', bytes: Buffer.from('scan') },
    );
    expect(notPdf.statusCode).toBe(400);
    const res = await postMultipart(
      gzcp,
      `/api/v1/registrations/${reg.id}/paper-consent`,
      {},
      { name: '同意书.pdf', bytes: tinyPdf('consent') },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'registered', consentVia: 'paper' });
    expect(res.json().consentFileId).toBeTruthy();
    expect((await gzcp.get(`/api/v1/files/${res.json().consentFileId}`)).statusCode).toBe(200);
    expect((await (await t.loginAs('gdst-admin')).get(`/api/v1/files/${res.json().consentFileId}`)).statusCode).toBe(404);
  });

  it('a learner declines: never registered; the exempt (建档立卡) fee is shown as covered', async () => {
    const id = await openSession();
    const poor = gzcpLearners.find((l) => l.poverty_registered)!;
    const l1 = gzcpLearners.find((l) => l.user_id !== null)!;
    const items = (await gzcp.post(`/api/v1/exam-sessions/${id}/registrations`, { learnerIds: [poor.id, l1.id] })).json().items;
    expect(items.find((r: { learner: { id: string } }) => r.learner.id === poor.id)).toMatchObject({ feeExempt: true, payer: 'school' });
    const reg = items.find((r: { learner: { id: string } }) => r.learner.id === l1.id);
    const declined = await learner1.post(`/api/v1/me/registrations/${reg.id}/decline`);
    expect(declined.json().status).toBe('refused');
    expect((await learner1.post(`/api/v1/me/registrations/${reg.id}/consent`)).statusCode).toBe(409);
    const paper = await postMultipart(gzcp, `/api/v1/registrations/${reg.id}/paper-consent`, {}, { name: 'c.pdf', bytes: tinyPdf('c') });
    expect(paper.statusCode).toBe(409); // the school cannot override a refusal
    expect((await registrationOf(id, l1.id)).status).toBe('refused');
  });

  it('beyond capacity: SESSION_FULL', async () => {
    const id = await openSession(1);
    const [a, b] = gzcpLearners.filter((l) => l.user_id === null).slice(5, 7);
    const items = (await gzcp.post(`/api/v1/exam-sessions/${id}/registrations`, { learnerIds: [a!.id, b!.id] })).json().items;
    const first = await postMultipart(
      gzcp,
      `/api/v1/registrations/${items[0].id}/paper-consent`,
      {},
      { name: 'c.pdf', bytes: tinyPdf('a') },
    );
    expect(first.statusCode).toBe(200);
    const second = await postMultipart(
      gzcp,
      `/api/v1/registrations/${items[1].id}/paper-consent`,
      {},
      { name: 'c.pdf', bytes: tinyPdf('b') },
    );
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('SESSION_FULL');
    expect((await gzcp.get(`/api/v1/exam-sessions/${id}`)).json().candidateCount).toBe(1);
  });

  it('outside the window: REGISTRATION_CLOSED for proposal, consent and withdrawal', async () => {
    const l = gzcpLearners.filter((x) => x.user_id === null)[8]!;
    const closed = await gzcp.post(`/api/v1/exam-sessions/${closedSessionId}/registrations`, { learnerIds: [l.id] });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('REGISTRATION_CLOSED');

    const id = await openSession(10, 1);
    const l1 = gzcpLearners.find((x) => x.user_id !== null)!;
    const items = (await gzcp.post(`/api/v1/exam-sessions/${id}/registrations`, { learnerIds: [l1.id, l.id] })).json().items;
    const regL = items.find((r: { learner: { id: string } }) => r.learner.id === l.id);
    expect(
      (await postMultipart(gzcp, `/api/v1/registrations/${regL.id}/paper-consent`, {}, { name: 'c.pdf', bytes: tinyPdf('l') })).statusCode,
    ).toBe(200);
    t.clock.advance(DAY + 60_000); // the window closed (status still registration_open)
    const l1Agent = await t.loginAs('learner1');
    const school = await t.loginAs('gzcp-admin');
    const reg1 = items.find((r: { learner: { id: string } }) => r.learner.id === l1.id);
    const late = await l1Agent.post(`/api/v1/me/registrations/${reg1.id}/consent`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('REGISTRATION_CLOSED');
    expect((await school.post(`/api/v1/registrations/${regL.id}/withdrawal`)).json().error.code).toBe('REGISTRATION_CLOSED');
    expect((await registrationOf(id, l1.id)).status).toBe('proposed');
    learner1 = l1Agent;
    gzcp = school;
    org = await t.loginAs(DEMO_ROBOT_ORG_USERNAME);
  });

  it('withdraw before the window closes frees the seat', async () => {
    const id = await openSession(1);
    const l = gzcpLearners.filter((x) => x.user_id === null)[9]!;
    const reg = (await gzcp.post(`/api/v1/exam-sessions/${id}/registrations`, { learnerIds: [l.id] })).json().items[0];
    await postMultipart(gzcp, `/api/v1/registrations/${reg.id}/paper-consent`, {}, { name: 'c.pdf', bytes: tinyPdf('w') });
    const w = await gzcp.post(`/api/v1/registrations/${reg.id}/withdrawal`);
    expect(w.json().status).toBe('withdrawn');
    expect((await gzcp.get(`/api/v1/exam-sessions/${id}`)).json().candidateCount).toBe(0);
    // proposed again, it needs consent again
    const again = (await gzcp.post(`/api/v1/exam-sessions/${id}/registrations`, { learnerIds: [l.id] })).json();
    expect(again.items[0]).toMatchObject({ id: reg.id, status: 'proposed', consentVia: null });
  });

  it('no agreement: AGREEMENT_REQUIRED (another school of the province with an approved pilot but no agreement)', async () => {
    const ids = await demoIds(t.db);
    const filingId = await demoFilingId(t.db, '广州城市职业学院', 'IR-PROG');
    // an approved IR-PROG pilot of 广东生态工程职业学院, without a cooperation agreement
    await sql`CREATE TEMP TABLE tmp_filing AS SELECT * FROM filings WHERE id = ${filingId}`.execute(t.db);
    await sql`UPDATE tmp_filing SET id = gen_random_uuid(), school_id = ${ids.gdst}, department_id = ${ids.gdstDept}`.execute(t.db);
    await sql`INSERT INTO filings SELECT * FROM tmp_filing`.execute(t.db);
    const gdst = await t.loginAs('gdst-admin');
    const created = await gdst.post('/api/v1/learners', {
      name: '赵一',
      idType: 'id_card',
      idNumber: validIdNumber(901),
      povertyRegistered: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await gdst.post(`/api/v1/exam-sessions/${openSessionId}/registrations`, { learnerIds: [created.json().learner.id] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('AGREEMENT_REQUIRED');
    expect(res.json().error.message).toContain('试点合作协议');
  });

  it('only its own pilot students: another school’s learner is refused (LEARNER_NOT_ELIGIBLE)', async () => {
    const gdst = await t.loginAs('gdst-admin');
    const res = await gdst.post(`/api/v1/exam-sessions/${openSessionId}/registrations`, { learnerIds: [gzcpLearners[0]!.id] });
    expect([409, 422]).toContain(res.statusCode); // AGREEMENT_REQUIRED comes first for gdst
    const wrong = await gzcp.post(`/api/v1/exam-sessions/${openSessionId}/registrations`, {
      learnerIds: [(await t.db.selectFrom('learners').select('id').where('name', '=', '赵一').executeTakeFirstOrThrow()).id],
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('LEARNER_NOT_ELIGIBLE');
  });

  it('scope: a school sees only its own learners’ registrations; the organization sees all of its session; others 404', async () => {
    const gdst = await t.loginAs('gdst-admin');
    const own = await gdst.get(`/api/v1/exam-sessions/${openSessionId}/registrations`);
    expect(own.statusCode).toBe(200);
    expect(own.json().total).toBe(0);
    const school = (await gzcp.get(`/api/v1/exam-sessions/${openSessionId}/registrations`)).json();
    expect(school.total).toBeGreaterThan(0);
    const all = (await org.get(`/api/v1/exam-sessions/${closedSessionId}/registrations?pageSize=100`)).json();
    expect(all.total).toBe(30);
    expect(all.items.every((r: { status: string; consentVia: string }) => r.status === 'registered' && r.consentVia)).toBe(true);
    expect((await (await t.loginAs('org-bim')).get(`/api/v1/exam-sessions/${openSessionId}/registrations`)).statusCode).toBe(404);
    expect((await (await t.loginAs('zz-admin')).get(`/api/v1/exam-sessions/${openSessionId}/registrations`)).statusCode).toBe(404);
    expect((await learner1.get(`/api/v1/exam-sessions/${openSessionId}/registrations`)).statusCode).toBe(404);
  });

  it('demo: learner1 has a registered exam, with consent, and a proposal to answer', async () => {
    const mine = (await learner1.get('/api/v1/me/registrations')).json().items;
    expect(mine.some((r: { status: string; consentVia: string }) => r.status === 'registered' && r.consentVia === 'learner')).toBe(true);
    expect(mine.some((r: { session: { id: string }; status: string }) => r.session.id === openSessionId && r.status === 'proposed')).toBe(
      true,
    );
  });
});

describe('invigilation (R5.4, 第十五条)', () => {
  it('the host school assigns invigilators with fees; others cannot; removal is audited', async () => {
    const list = await gzcp.get(`/api/v1/exam-sessions/${closedSessionId}/invigilations`);
    expect(list.statusCode).toBe(200);
    expect(list.json().mayAssign).toBe(true);
    const res = await gzcp.post(`/api/v1/exam-sessions/${closedSessionId}/invigilations`, {
      invigilatorName: '李老师',
      role: 'invigilator',
      feeFen: 20000,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ invigilatorName: '李老师', feeFen: 20000, mayDelete: true });
    const after = (await gzcp.get(`/api/v1/exam-sessions/${closedSessionId}/invigilations`)).json();
    expect(after.totalFeeFen).toBe(20000);

    const orgList = await org.get(`/api/v1/exam-sessions/${closedSessionId}/invigilations`);
    expect(orgList.json().mayAssign).toBe(false);
    expect((await org.post(`/api/v1/exam-sessions/${closedSessionId}/invigilations`, { invigilatorName: 'x', feeFen: 1 })).statusCode).toBe(
      403,
    );
    expect((await (await t.loginAs('org-bim')).get(`/api/v1/exam-sessions/${closedSessionId}/invigilations`)).statusCode).toBe(404);

    expect((await gzcp.request('DELETE', `/api/v1/invigilations/${res.json().id}`)).statusCode).toBe(204);
    expect((await auditRows(t.db, 'exam_invigilation.remove')).map((r) => r.target_id)).toContain(res.json().id);
    expect((await auditRows(t.db, 'exam_invigilation.assign')).map((r) => r.target_id)).toContain(res.json().id);
  });
});

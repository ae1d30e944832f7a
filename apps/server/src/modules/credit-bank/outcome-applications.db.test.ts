import { learningAccountDocumentSchema, learningAccountJsonSchema } from '@onex/shared';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearnerUser, createTestCertificate, createTestLearner, gzcp } from '../../test/credit-bank';
import { postMultipart } from '../../test/exams';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { recomputedTotals } from '../learning-accounts/ledger';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

let t: TestApp;
let school: Agent;
let otherSchool: Agent;
let province: Agent;
const secretKey = Buffer.alloc(32, 11);
beforeAll(async () => {
  t = await createTestApp({ secretKey });
  school = await t.loginAs('gzcp-admin');
  otherSchool = await t.loginAs('gdst-admin');
  province = await t.loginAs('gd-admin');
});
afterAll(() => t.close());

async function learnerAgent(seq: number, username: string) {
  const userId = await createLearnerUser(t.db, username, `自主${seq}`);
  const l = await createTestLearner(t.db, secretKey, { seq, userId, name: `自主${seq}` });
  return { ...l, agent: await t.loginAs(username) };
}

async function apply(agent: Agent, over: Record<string, unknown> = {}) {
  const up = await postMultipart(
    agent,
    '/api/v1/me/outcome-applications/evidence',
    {},
    { name: '证明.pdf', bytes: PDF, type: 'application/pdf' },
  );
  expect(up.statusCode).toBe(201);
  const res = await agent.post('/api/v1/me/outcome-applications', {
    type: 'competition',
    name: '全国职业院校技能大赛 二等奖',
    issuer: '教育部等',
    credits: 3,
    obtainedOn: '2026-05-20',
    evidenceFileId: up.json().id,
    ...over,
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('learners bring their own outcomes (issue 18 item 6)', () => {
  it('issue 18 #6: a learner applies with evidence; the school deposits it once (idempotent); the learner sees it deposited', async () => {
    const l = await learnerAgent(801, 'own-outcome-1');
    const a = await apply(l.agent);
    expect(a).toMatchObject({ status: 'submitted', allowedActions: ['withdraw'] });
    // The school's queue shows it with the school's actions; another school does not see it (404).
    const queue = (await school.get('/api/v1/outcome-applications?status=submitted')).json();
    expect(queue.items.find((x: { id: string }) => x.id === a.id)).toMatchObject({ allowedActions: ['deposit', 'refuse'] });
    expect((await otherSchool.get(`/api/v1/outcome-applications/${a.id}`)).statusCode).toBe(404);
    expect((await otherSchool.post(`/api/v1/outcome-applications/${a.id}/transitions`, { action: 'deposit' })).statusCode).toBe(404);
    // The province reads but may not decide.
    expect((await province.get(`/api/v1/outcome-applications/${a.id}`)).statusCode).toBe(200);
    expect((await province.post(`/api/v1/outcome-applications/${a.id}/transitions`, { action: 'deposit' })).statusCode).toBe(403);
    // The learner cannot deposit its own application.
    expect((await l.agent.post(`/api/v1/outcome-applications/${a.id}/transitions`, { action: 'deposit' })).statusCode).toBe(403);
    // The school reads the evidence.
    expect((await school.get(`/api/v1/files/${a.evidenceFileId}`)).statusCode).toBe(200);

    const before = await t.db
      .selectFrom('learning_accounts')
      .select('total_credits')
      .where('id', '=', l.accountId)
      .executeTakeFirstOrThrow();
    const dep = await school.post(`/api/v1/outcome-applications/${a.id}/transitions`, { action: 'deposit', credits: 2.5 });
    expect(dep.statusCode).toBe(200);
    expect(dep.json()).toMatchObject({ status: 'deposited', depositedCredits: 2.5, allowedActions: [] });
    // A second confirmation is refused and writes nothing.
    const again = await school.post(`/api/v1/outcome-applications/${a.id}/transitions`, { action: 'deposit' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('OUTCOME_APPLICATION_NOT_OPEN');
    const entries = await t.db
      .selectFrom('learning_outcomes')
      .selectAll()
      .where('idempotency_key', '=', `learner-application:${a.id}`)
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ source_kind: 'learner', outcome_type: 'competition', credits: '2.5', account_id: l.accountId });
    const after = await t.db
      .selectFrom('learning_accounts')
      .select('total_credits')
      .where('id', '=', l.accountId)
      .executeTakeFirstOrThrow();
    expect(Number(after.total_credits) - Number(before.total_credits)).toBe(2.5);
    expect(await recomputedTotals(t.db, l.accountId)).toMatchObject({ totalCredits: Number(after.total_credits) });

    // The learner follows the state and sees the outcome in its account.
    const mine = (await l.agent.get('/api/v1/me/outcome-applications')).json();
    expect(mine.items[0]).toMatchObject({ id: a.id, status: 'deposited' });
    const account = (await l.agent.get('/api/v1/me/learning-account')).json();
    expect(account.outcomes.map((o: { name: string }) => o.name)).toContain('全国职业院校技能大赛 二等奖');
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', a.id).execute();
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['outcome_application.submit', 'outcome_application.deposit']));
  });

  it('issue 18 #6: a refusal needs a reason; the learner sees it; a withdrawn application cannot be decided', async () => {
    const l = await learnerAgent(802, 'own-outcome-2');
    const a = await apply(l.agent, { type: 'course', name: '外校课程：电工基础', issuer: '广东生态工程职业学院' });
    expect((await school.post(`/api/v1/outcome-applications/${a.id}/transitions`, { action: 'refuse' })).statusCode).toBe(400);
    const r = await school.post(`/api/v1/outcome-applications/${a.id}/transitions`, { action: 'refuse', reason: '证明材料未盖章' });
    expect(r.json()).toMatchObject({ status: 'refused', reason: '证明材料未盖章' });
    expect((await l.agent.get(`/api/v1/outcome-applications/${a.id}`)).json()).toMatchObject({
      status: 'refused',
      reason: '证明材料未盖章',
    });
    const b = await apply(l.agent);
    expect((await l.agent.post(`/api/v1/outcome-applications/${b.id}/transitions`, { action: 'withdraw' })).json().status).toBe(
      'withdrawn',
    );
    expect((await school.post(`/api/v1/outcome-applications/${b.id}/transitions`, { action: 'deposit' })).statusCode).toBe(409);
    expect(
      await t.db
        .selectFrom('learning_outcomes')
        .select('id')
        .where('idempotency_key', 'in', [`learner-application:${a.id}`, `learner-application:${b.id}`])
        .execute(),
    ).toHaveLength(0);
  });

  it("issue 18 #6: evidence must be the learner's own PDF", async () => {
    const l = await learnerAgent(803, 'own-outcome-3');
    const other = await learnerAgent(804, 'own-outcome-4');
    const up = await postMultipart(
      other.agent,
      '/api/v1/me/outcome-applications/evidence',
      {},
      { name: 'x.pdf', bytes: PDF, type: 'application/pdf' },
    );
    const res = await l.agent.post('/api/v1/me/outcome-applications', {
      type: 'training',
      name: '培训',
      issuer: '某机构',
      credits: 1,
      obtainedOn: '2026-05-20',
      evidenceFileId: up.json().id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('OUTCOME_EVIDENCE_INVALID');
  });
});

describe('public recognition lists (issue 18 item 7)', () => {
  it("issue 18 #7: a school's published rules are listed without an account; drafts are not", async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/public/recognition-lists' });
    expect(anon.statusCode).toBe(200);
    const schoolId = (await gzcp(t.db)).id;
    const published = await t.db
      .selectFrom('recognition_rules')
      .select(['id', 'code'])
      .where('school_id', '=', schoolId)
      .where('status', '=', 'published')
      .execute();
    const drafts = await t.db
      .selectFrom('recognition_rules')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('status', '<>', 'published')
      .execute();
    expect(published.length).toBeGreaterThan(0);
    expect(anon.json().find((s: { id: string }) => s.id === schoolId)).toMatchObject({ ruleCount: published.length });
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/public/recognition-lists/${schoolId}` });
    expect(list.statusCode).toBe(200);
    const ids = list.json().rules.map((r: { id: string }) => r.id);
    expect(ids.sort()).toEqual(published.map((r) => r.id).sort());
    for (const d of drafts) expect(ids).not.toContain(d.id);
    const rule = list.json().rules[0];
    expect(rule.outcomes[0]).toMatchObject({ name: expect.any(String), level: expect.any(String) });
    expect(rule.courses[0]).toMatchObject({ code: expect.any(String), credits: expect.any(Number) });
    // A school without published rules has no list (404).
    const other = await t.db
      .selectFrom('schools')
      .select('id')
      .where('id', 'not in', [schoolId])
      .where('id', 'not in', t.db.selectFrom('recognition_rules').select('school_id').where('status', '=', 'published'))
      .executeTakeFirstOrThrow();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/recognition-lists/${other.id}` })).statusCode).toBe(404);
  });
});

describe('national credit-bank hand-off (issue 18 item 8, 003 四(五))', () => {
  it('003 四(五): export → import into another platform → export gives the same account; a second import writes nothing', async () => {
    const l = await createTestLearner(t.db, secretKey, { seq: 805, name: '交换测试' });
    await createTestCertificate(t.db, {
      learnerId: l.learnerId,
      typeCode: (await t.db.selectFrom('certificate_types').select('code').orderBy('code').executeTakeFirstOrThrow()).code,
      level: 'intermediate',
    });
    const dep = await school.post(`/api/v1/learning-accounts/${l.accountId}/outcomes`, {
      type: 'training',
      name: '企业实践培训',
      credits: 1.5,
      hours: 24,
      recordedOn: '2026-03-01',
    });
    expect(dep.statusCode).toBe(201);
    const exported = await school.get(`/api/v1/learning-accounts/${l.accountId}/export`);
    expect(exported.statusCode).toBe(200);
    const docA = JSON.parse(exported.body);
    const parsed = learningAccountDocumentSchema.safeParse(docA);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const cert = docA.outcomes.find((o: { type: string }) => o.type === 'certificate');
    expect(docA.credentials[cert.credentialIndex].type).toContain('VerifiableCredential');

    // Another credit bank: a fresh platform (its own database and address).
    const b = await createTestApp({ secretKey, publicUrl: 'https://bank-b.example' });
    try {
      const bSchool = await b.loginAs('gzcp-admin');
      const body = { document: docA, idType: 'id_card', idNumber: l.idNumber };
      const first = await bSchool.post('/api/v1/learning-accounts/import-document', body);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ accountOpened: true, outcomes: 2, written: 2, duplicate: false });
      const second = await bSchool.post('/api/v1/learning-accounts/import-document', body);
      expect(second.json()).toMatchObject({ accountOpened: false, written: 0, duplicate: true });
      const docB = JSON.parse((await bSchool.get(`/api/v1/learning-accounts/${first.json().accountId}/export`)).body);
      const same = (d: typeof docA) => ({
        holder: d.holder,
        totalCredits: d.summary.totalCredits,
        outcomeCount: d.summary.outcomeCount,
        outcomes: d.outcomes
          .map((o: Record<string, unknown>) => ({
            origin: o.origin,
            type: o.type,
            name: o.name,
            level: o.level,
            credits: o.credits,
            hours: o.hours,
            recordedOn: o.recordedOn,
            source: o.source,
            credential: o.credentialIndex === undefined ? null : d.credentials[o.credentialIndex as number],
          }))
          .sort((x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name)),
        credentials: d.credentials.length,
      });
      expect(same(docB)).toEqual(same(docA));
      expect(docB.issuer.url).toBe('https://bank-b.example');

      // Back home: the outcomes came from here, so nothing is written twice.
      const home = await school.post('/api/v1/learning-accounts/import-document', {
        document: docB,
        idType: 'id_card',
        idNumber: l.idNumber,
      });
      expect(home.json()).toMatchObject({ written: 0 });
    } finally {
      await b.close();
    }
  });

  it('003 四(五): the holder must match the document; an unknown format is refused', async () => {
    const l = await createTestLearner(t.db, secretKey, { seq: 806, name: '交换核对' });
    const other = await createTestLearner(t.db, secretKey, { seq: 807 });
    const doc = JSON.parse((await school.get(`/api/v1/learning-accounts/${l.accountId}/export`)).body);
    const wrong = await school.post('/api/v1/learning-accounts/import-document', {
      document: doc,
      idType: 'id_card',
      idNumber: other.idNumber,
    });
    expect(wrong.json().error.code).toBe('LEARNING_ACCOUNT_HOLDER_MISMATCH');
    const bad = await school.post('/api/v1/learning-accounts/import-document', {
      document: { ...doc, format: 'other/9' },
      idType: 'id_card',
      idNumber: l.idNumber,
    });
    expect(bad.json().error.code).toBe('LEARNING_ACCOUNT_FORMAT_INVALID');
    expect(
      (await province.post('/api/v1/learning-accounts/import-document', { document: doc, idType: 'id_card', idNumber: l.idNumber }))
        .statusCode,
    ).toBe(403);
  });

  it('the documented JSON Schema is the one the platform serves (docs/learning-account-format.schema.json)', async () => {
    const served = await t.app.inject({ method: 'GET', url: '/api/v1/public/learning-account-format/schema' });
    expect(served.json()).toEqual(learningAccountJsonSchema());
    const doc = JSON.parse(readFileSync(new URL('../../../../../docs/learning-account-format.schema.json', import.meta.url), 'utf8'));
    expect(doc).toEqual(learningAccountJsonSchema());
  });
});

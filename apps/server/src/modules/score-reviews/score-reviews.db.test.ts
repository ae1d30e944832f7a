import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/password';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { createPublishedSession } from '../../test/certificates';
import { RESULTS_ORG_USERNAME, ensureResultsOrgAdmin } from '../../test/results-import';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/** 成绩复核 (issue 17 item 4): the candidate asks during 成绩公示, the organization upholds or corrects, certificates follow. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON responses are read by path in these tests
type Json = Record<string, any>;

let t: TestApp;
let org: Agent;
const secretKey = Buffer.alloc(32, 9);
const DAY = 86_400_000;
let userSeq = 0;

beforeAll(async () => {
  t = await createTestApp({ secretKey });
  await ensureResultsOrgAdmin(t.db);
  org = await t.loginAs(RESULTS_ORG_USERNAME);
});
afterAll(() => t.close());

/** Gives a fixture learner an account and logs in with it. */
async function learnerAgent(learnerId: string): Promise<Agent> {
  const username = `review-learner-${++userSeq}`;
  const u = await t.db
    .insertInto('users')
    .values({
      username,
      display_name: username,
      password_hash: await hashPassword(DEMO_PASSWORD),
      role: 'learner',
      created_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.updateTable('learners').set({ user_id: u.id }).where('id', '=', learnerId).execute();
  return t.loginAs(username);
}

async function published(scores: number[], seqBase: number) {
  const f = await createPublishedSession(t.db, secretKey, { scores, seqBase, publishedAt: t.clock.now() });
  await t.db.updateTable('exam_sessions').set({ publicity_days: 5 }).where('id', '=', f.sessionId).execute();
  return f;
}

async function relogin() {
  org = await t.loginAs(RESULTS_ORG_USERNAME);
}

describe('asking for a review (成绩公示 period)', () => {
  it('issue 17 item 4: only within the 公示期, only for one’s own published score, one open review at a time', async () => {
    const f = await published([55, 80], 700);
    const me = await learnerAgent(f.candidates[0]!.learnerId);
    const other = f.candidates[1]!.registrationId;
    expect((await me.post('/api/v1/me/score-reviews', { registrationId: other, reason: '核对' })).statusCode).toBe(404);
    const ok = await me.post('/api/v1/me/score-reviews', { registrationId: f.candidates[0]!.registrationId, reason: '实操题分数疑有漏计' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'open', originalScore: 55, originalPassed: false });
    const again = await me.post('/api/v1/me/score-reviews', { registrationId: f.candidates[0]!.registrationId, reason: '再次申请' });
    expect(again.json().error.code).toBe('SCORE_REVIEW_EXISTS');
    expect((await me.get('/api/v1/me/score-reviews')).json().items).toHaveLength(1);
    // The organization sees it; another organization's admin would not (scope: org).
    const list = (await org.get(`/api/v1/score-reviews?sessionId=${f.sessionId}&status=open`)).json<Json>();
    expect(list.total).toBe(1);
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', ok.json().id).execute();
    expect(audit.map((a) => a.action)).toContain('score_review.request');
  });

  it('issue 17 item 4: after the 公示期 a review is refused (SCORE_REVIEW_CLOSED)', async () => {
    const f = await published([40], 720);
    t.clock.advance(5 * DAY + 1000);
    const me = await learnerAgent(f.candidates[0]!.learnerId);
    const late = await me.post('/api/v1/me/score-reviews', { registrationId: f.candidates[0]!.registrationId, reason: '迟到的申请' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('SCORE_REVIEW_CLOSED');
    await relogin();
  });
});

describe('answering a review', () => {
  it('issue 17 item 4 / R6.1: issuance waits for open reviews; a correction to 合格 goes through the import path and is then issued', async () => {
    const f = await published([55, 80], 740);
    const me = await learnerAgent(f.candidates[0]!.learnerId);
    const review = (
      await me.post('/api/v1/me/score-reviews', { registrationId: f.candidates[0]!.registrationId, reason: '第三题未计分' })
    ).json<Json>();
    t.clock.advance(5 * DAY + 1000);
    await relogin();
    const blocked = await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('SCORE_REVIEWS_OPEN');

    // The same checks as a results file: one decimal at most.
    const bad = await org.post(`/api/v1/score-reviews/${review.id}/decision`, { outcome: 'corrected', answer: '复核更正', score: 65.55 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('SCORE_INVALID');

    const done = await org.post(`/api/v1/score-reviews/${review.id}/decision`, {
      outcome: 'corrected',
      answer: '第三题漏计 10 分',
      score: 65,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'corrected', newScore: 65, newPassed: true, certificateEffect: 'none' });
    const results = await t.db
      .selectFrom('exam_results')
      .select(['score', 'passed', 'superseded_at', 'import_id'])
      .where('registration_id', '=', f.candidates[0]!.registrationId)
      .orderBy('created_at')
      .execute();
    expect(results).toHaveLength(2);
    expect(results[0]!.superseded_at).not.toBeNull();
    expect(results[1]).toMatchObject({ score: '65.0', passed: true, superseded_at: null });
    const imp = await t.db.selectFrom('result_imports').selectAll().where('id', '=', results[1]!.import_id).executeTakeFirstOrThrow();
    expect(imp).toMatchObject({ kind: 'correction', status: 'succeeded', rows: 1 });
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', f.sessionId).execute();
    expect(audit.map((a) => a.action)).toContain('exam_results.correct');
    // Answered: a second answer is refused, and the issuance now includes the corrected candidate.
    expect((await org.post(`/api/v1/score-reviews/${review.id}/decision`, { outcome: 'upheld', answer: 'x' })).json().error.code).toBe(
      'SCORE_REVIEW_DECIDED',
    );
    expect((await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).json()).toEqual({ issued: 2, alreadyIssued: 0 });
  });

  it('issue 17 item 4 / R6.3: a correction to 不合格 revokes the certificate with the reason; upheld changes nothing', async () => {
    const f = await published([72, 90], 760);
    const start = t.clock.now();
    t.clock.advance(5 * DAY + 1000);
    await relogin();
    expect((await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).json()).toEqual({ issued: 2, alreadyIssued: 0 });
    // Reviews asked within the 公示期 (the clock set back to it), answered after the issuance.
    t.clock.set(new Date(start.getTime() + DAY));
    const a = await learnerAgent(f.candidates[0]!.learnerId);
    const b = await learnerAgent(f.candidates[1]!.learnerId);
    const ra = (await a.post('/api/v1/me/score-reviews', { registrationId: f.candidates[0]!.registrationId, reason: '复核' })).json<Json>();
    const rb = (await b.post('/api/v1/me/score-reviews', { registrationId: f.candidates[1]!.registrationId, reason: '复核' })).json<Json>();
    t.clock.set(new Date(start.getTime() + 6 * DAY));
    await relogin();
    const up = await org.post(`/api/v1/score-reviews/${rb.id}/decision`, { outcome: 'upheld', answer: '经复核成绩无误' });
    expect(up.json()).toMatchObject({ status: 'upheld', newScore: null });
    const down = await org.post(`/api/v1/score-reviews/${ra.id}/decision`, { outcome: 'corrected', answer: '重复计分', score: 52 });
    expect(down.statusCode, down.body).toBe(200);
    expect(down.json()).toMatchObject({ newPassed: false, certificateEffect: 'revoked' });
    const certs = await t.db
      .selectFrom('certificates')
      .select(['registration_id', 'revoked_at', 'revocation_reason'])
      .where('session_id', '=', f.sessionId)
      .execute();
    const revoked = certs.find((c) => c.registration_id === f.candidates[0]!.registrationId)!;
    expect(revoked.revoked_at).not.toBeNull();
    expect(revoked.revocation_reason).toContain('成绩复核更正');
    expect(certs.find((c) => c.registration_id === f.candidates[1]!.registrationId)!.revoked_at).toBeNull();
  });

  it('issue 17 item 4 / R6.1: after the issuance, a correction to 合格 issues the missing certificate', async () => {
    const f = await published([58, 88], 780);
    const start = t.clock.now();
    t.clock.advance(5 * DAY + 1000);
    await relogin();
    expect((await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).json()).toEqual({ issued: 1, alreadyIssued: 0 });
    t.clock.set(new Date(start.getTime() + DAY));
    const a = await learnerAgent(f.candidates[0]!.learnerId);
    const r = (await a.post('/api/v1/me/score-reviews', { registrationId: f.candidates[0]!.registrationId, reason: '复核' })).json<Json>();
    t.clock.set(new Date(start.getTime() + 6 * DAY));
    await relogin();
    const up = await org.post(`/api/v1/score-reviews/${r.id}/decision`, { outcome: 'corrected', answer: '漏计 5 分', score: 63 });
    expect(up.json()).toMatchObject({ newPassed: true, certificateEffect: 'issued' });
    const n = await t.db.selectFrom('certificates').select('id').where('registration_id', '=', f.candidates[0]!.registrationId).execute();
    expect(n).toHaveLength(1);
  });

  it('scope: another organization cannot see or answer the review (404)', async () => {
    const f = await published([30], 800);
    const me = await learnerAgent(f.candidates[0]!.learnerId);
    const r = (await me.post('/api/v1/me/score-reviews', { registrationId: f.candidates[0]!.registrationId, reason: '复核' })).json<Json>();
    const other = await t.loginAs('org-bim');
    expect((await other.post(`/api/v1/score-reviews/${r.id}/decision`, { outcome: 'upheld', answer: '无误' })).statusCode).toBe(404);
    expect((await other.get(`/api/v1/score-reviews?sessionId=${f.sessionId}`)).json().total).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROBOT_ORG_USERNAME } from '../../db/seed/demo-exams';
import { demoIds } from '../../test/factories';
import { demoFilingId } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/** Issue 17 item 2 (四.2): the province fixes a pilot's scale; registrations beyond it are refused; it may raise it with a reason. */

let t: TestApp;
let gd: Agent;
let gzcp: Agent;
let org: Agent;
let filingId: string;
const DAY = 86_400_000;
/** Each change a second later, so the history's order is the order of the changes. */
const putScale = (agent: Agent, body: { scale: number; reason?: string }) => (
  t.clock.advance(1000),
  agent.request('PUT', `/api/v1/filings/${filingId}/approved-scale`, body)
);

beforeAll(async () => {
  t = await createTestApp();
  gd = await t.loginAs('gd-admin');
  gzcp = await t.loginAs('gzcp-admin');
  org = await t.loginAs(DEMO_ROBOT_ORG_USERNAME);
  filingId = await demoFilingId(t.db, '广州城市职业学院', 'IR-PROG');
});
afterAll(() => t.close());

async function openSession(): Promise<{ id: string; year: number }> {
  const irTypeId = (await t.db.selectFrom('certificate_types').select('id').where('code', '=', 'IR-PROG').executeTakeFirstOrThrow()).id;
  const siteId = (await t.db.selectFrom('exam_sites').select('id').where('open_shared', '=', true).executeTakeFirstOrThrow()).id;
  const now = t.clock.now().getTime();
  const examDate = new Date(now + 30 * DAY).toISOString().slice(0, 10);
  const s = await org.post('/api/v1/exam-sessions', {
    certificateTypeId: irTypeId,
    level: 'intermediate',
    examSiteId: siteId,
    examDate,
    examForm: 'practical_special',
    capacity: 50,
    registrationOpensAt: new Date(now - DAY).toISOString(),
    registrationClosesAt: new Date(now + 10 * DAY).toISOString(),
  });
  expect(s.statusCode, s.body).toBe(201);
  expect((await org.post(`/api/v1/exam-sessions/${s.json().id}/transitions`, { action: 'open_registration' })).statusCode).toBe(200);
  return { id: s.json().id, year: Number(examDate.slice(0, 4)) };
}

describe('approved scale (issue 17 item 2, 四.2)', () => {
  it('only the province of an approved pilot fixes it; a change needs a reason and is recorded', async () => {
    expect((await gzcp.request('PUT', `/api/v1/filings/${filingId}/approved-scale`, { scale: 5 })).statusCode).toBe(403);
    expect(
      (await (await t.loginAs('hb-admin')).request('PUT', `/api/v1/filings/${filingId}/approved-scale`, { scale: 5 })).statusCode,
    ).toBe(404);
    const pending = await demoFilingId(t.db, '广州城市职业学院', 'SMART-TAX');
    expect((await gd.request('PUT', `/api/v1/filings/${pending}/approved-scale`, { scale: 5 })).json().error.code).toBe(
      'FILING_NOT_APPROVED',
    );
    // The demo fixed the pilot's scale when the plan was approved; a change needs a reason.
    const before = (await gzcp.get(`/api/v1/filings/${filingId}/approved-scale`)).json();
    expect(before.approvedScale).toBeGreaterThan(0);
    expect(before.events).toEqual([expect.objectContaining({ fromScale: null, toScale: before.approvedScale })]);
    const noReason = await putScale(gd, { scale: 60 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('SCALE_REASON_REQUIRED');
    const changed = await putScale(gd, { scale: 40, reason: '按实际招生调整' });
    expect(changed.statusCode, changed.body).toBe(200);
    const seen = (await gzcp.get(`/api/v1/filings/${filingId}/approved-scale`)).json();
    expect(seen).toMatchObject({ approvedScale: 40 });
    expect(seen.events.at(-1)).toMatchObject({ fromScale: before.approvedScale, toScale: 40, reason: '按实际招生调整' });
  });

  it('registrations beyond the scale are refused with the reason; raised with a reason, they go through', async () => {
    const { id, year } = await openSession();
    const live = await t.db
      .selectFrom('exam_registrations as r')
      .innerJoin('exam_sessions as s', 's.id', 'r.session_id')
      .select((e) => e.fn.countAll<string>().as('n'))
      .where('r.filing_id', '=', filingId)
      .where('r.status', 'in', ['proposed', 'consented', 'registered'])
      .where('s.exam_date', '>=', `${year}-01-01`)
      .where('s.exam_date', '<=', `${year}-12-31`)
      .executeTakeFirstOrThrow();
    const current = Number(live.n);
    await putScale(gd, { scale: current + 1, reason: '按年度计划核定' });
    const ids = await demoIds(t.db);
    const learners = await t.db.selectFrom('learners').select('id').where('school_id', '=', ids.gzcp).orderBy('name').limit(2).execute();
    const refused = await gzcp.post(`/api/v1/exam-sessions/${id}/registrations`, { learnerIds: learners.map((l) => l.id) });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.code).toBe('SCALE_EXCEEDED');
    expect(refused.json().error.message).toContain(`核定考核规模为 ${current + 1} 人`);
    const raised = await putScale(gd, { scale: current + 2, reason: '新增一个试点班' });
    expect(raised.json().events.at(-1)).toMatchObject({ toScale: current + 2, reason: '新增一个试点班' });
    const ok = await gzcp.post(`/api/v1/exam-sessions/${id}/registrations`, { learnerIds: learners.map((l) => l.id) });
    expect(ok.statusCode, ok.body).toBe(201);
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', filingId).execute();
    expect(audit.filter((a) => a.action === 'filing.approved_scale')).toHaveLength(3);
  });

  it('demo: a score review upheld and one corrected through a correction import', async () => {
    const reviews = await t.db.selectFrom('score_reviews').select(['status', 'new_score', 'correction_import_id']).execute();
    expect(reviews.map((r) => r.status).sort()).toEqual(['corrected', 'upheld']);
    expect(reviews.find((r) => r.status === 'corrected')).toMatchObject({ new_score: '63.0' });
  });
});

import type { MyTodosDto, TodoKind } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../db/seed/demo-filings';
import { MINUTE } from '../../lib/clock';
import { postMultipart } from '../../test/exams';
import { notificationsOf } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function todos(agent: Agent): Promise<Map<TodoKind, { count: number; link: string | null }>> {
  const res = await agent.get('/api/v1/me/todos');
  expect(res.statusCode, res.body).toBe(200);
  return new Map((res.json() as MyTodosDto).items.map((i) => [i.kind, { count: i.count, link: i.link }]));
}
const total = async (agent: Agent, url: string) => {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { total: number }).total;
};

describe('R issue 21 #1 GET /me/todos: waiting work of the signed-in actor, in scope', () => {
  it('answers 401 without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/todos' });
    expect(res.statusCode).toBe(401);
  });

  it('a learner: the registrations waiting for its consent, as its own exams list shows them', async () => {
    const learner = await t.loginAs('learner1');
    const mine = await todos(learner);
    expect([...mine.keys()]).toEqual(['consents']);
    const list = ((await learner.get('/api/v1/me/registrations')).json() as { items: { status: string }[] }).items;
    const proposed = list.filter((r) => r.status === 'proposed').length;
    expect(proposed).toBeGreaterThan(0); // the demo asks learner1 to consent
    expect(mine.get('consents')).toEqual({ count: proposed, link: '/my-exams' });
  });

  it('a city: the 中职 filings to accept and review (初审), the same numbers as its filing list', async () => {
    const gz = await t.loginAs('gz-admin');
    const mine = await todos(gz);
    const expected = (await total(gz, '/api/v1/filings?status=submitted')) + (await total(gz, '/api/v1/filings?status=municipal_review'));
    expect(expected).toBeGreaterThan(0);
    expect(mine.get('filings_municipal_review')).toEqual({ count: expected, link: '/municipal-review' });
    expect(mine.has('filings_provincial_review')).toBe(false);
    expect(mine.has('complaints_to_handle')).toBe(true);
  });

  it('a province: the filings in provincial review of its own province only', async () => {
    const gd = await t.loginAs('gd-admin');
    const hb = await t.loginAs('hb-admin');
    const gdCount = (await todos(gd)).get('filings_provincial_review');
    expect(gdCount).toEqual({ count: await total(gd, '/api/v1/filings?status=provincial_review'), link: '/filing-review' });
    expect(gdCount!.count).toBeGreaterThan(0);
    // 湖北 sees none of 广东's filings.
    expect((await todos(hb)).get('filings_provincial_review')).toEqual({
      count: await total(hb, '/api/v1/filings?status=provincial_review'),
      link: '/filing-review',
    });
    expect((await todos(hb)).get('filings_provincial_review')!.count).toBeLessThan(gdCount!.count);
  });

  it('an expert: the assigned filings still in review; an organization: sites to approve and scores to publish', async () => {
    const expert = await t.loginAs('expert1');
    expect((await todos(expert)).get('expert_scores')).toEqual({
      count: await total(expert, '/api/v1/filings?status=provincial_review'),
      link: '/expert-reviews',
    });
    const org = await t.loginAs('org-robot');
    const mine = await todos(org);
    expect(mine.get('exam_site_applications')).toEqual({
      count: await total(org, '/api/v1/exam-sites?status=applied'),
      link: '/exam-site-review',
    });
    expect(mine.get('results_to_publish')).toEqual({
      count: await total(org, '/api/v1/exam-sessions?status=scores_entered'),
      link: '/exam-sessions',
    });
  });

  it('a school: conversion applications to decide and reports to file, as its lists count them', async () => {
    const school = await t.loginAs('gzcp-admin');
    const mine = await todos(school);
    expect(mine.get('conversion_applications')).toEqual({
      count: await total(school, '/api/v1/conversion-applications?status=submitted'),
      link: '/conversion-applications',
    });
    expect(mine.has('report_duties_due')).toBe(true);
    expect(mine.has('filings_municipal_review')).toBe(false);
  });
});

describe('R issue 21 #1 waiting work notifies whoever must act', () => {
  it('the demo: learner1 is notified of its waiting consent, with a link to its exams', async () => {
    const notes = await notificationsOf(t.db, 'learner1');
    const consent = notes.find((n) => n.kind === 'exam_consent');
    expect(consent).toMatchObject({ link: '/my-exams' });
    expect(consent!.title).toContain('请确认考核报名');
  });

  it('a school proposes a learner again after a refusal: the learner is asked again (a new notice) and its 待办 follows', async () => {
    const learner = await t.loginAs('learner1');
    const school = await t.loginAs('gzcp-admin');
    const before = (await todos(learner)).get('consents')!.count;
    type Reg = { id: string; sessionId: string; learner: { id: string }; status: string };
    const regs = ((await learner.get('/api/v1/me/registrations')).json() as { items: Reg[] }).items;
    const waiting = regs.find((r) => r.status === 'proposed')!;
    expect((await learner.post(`/api/v1/me/registrations/${waiting.id}/decline`)).statusCode).toBe(200);
    expect((await todos(learner)).get('consents')!.count).toBe(before - 1);
    const noticesBefore = (await notificationsOf(t.db, 'learner1')).filter((n) => n.kind === 'exam_consent').length;

    t.clock.advance(MINUTE);
    const again = await school.post(`/api/v1/exam-sessions/${waiting.sessionId}/registrations`, { learnerIds: [waiting.learner.id] });
    expect(again.statusCode, again.body).toBe(201);
    expect((await todos(learner)).get('consents')!.count).toBe(before);
    const notices = (await notificationsOf(t.db, 'learner1')).filter((n) => n.kind === 'exam_consent');
    expect(notices).toHaveLength(noticesBefore + 1);
    expect(notices[0]).toMatchObject({ link: '/my-exams', read_at: null });
    // the school that proposed is not asked anything
    expect((await notificationsOf(t.db, 'gzcp-admin')).some((n) => n.kind === 'exam_consent')).toBe(false);
  });

  it("a school's exam-site application tells the organization's administrators, once, and shows in their 待办", async () => {
    const org = await t.loginAs('org-robot');
    const school = await t.loginAs('gzcp-admin');
    const before = (await todos(org)).get('exam_site_applications')!.count;
    const irTypeId = (await t.db.selectFrom('certificate_types').select('id').where('code', '=', 'IR-PROG').executeTakeFirstOrThrow()).id;
    const res = await postMultipart(
      school,
      '/api/v1/exam-sites',
      { certificateTypeId: irTypeId, name: '待办测试考核站点', address: '广州市天河区', capacity: '30' },
      { name: '申请表.pdf', bytes: tinyPdf('site application'), type: 'application/pdf' },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect((await todos(org)).get('exam_site_applications')!.count).toBe(before + 1);
    const notices = (await notificationsOf(t.db, 'org-robot')).filter((n) => n.kind === 'exam_site_applied');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ link: '/exam-site-review', dedupe_key: `exam_site_applied:${res.json().id}` });
    expect(notices[0]!.title).toContain('待办测试考核站点');
    // another organization hears nothing
    expect((await notificationsOf(t.db, 'org-bim')).some((n) => n.kind === 'exam_site_applied')).toBe(false);
  });

  it('the demo: gd-admin is notified of each filing waiting in its provincial review, as many as its 待办 counts', async () => {
    const gd = await t.loginAs('gd-admin');
    const waiting = (await notificationsOf(t.db, 'gd-admin')).filter((n) => n.kind === 'filing_awaits_province');
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((n) => n.link?.startsWith('/filings/'))).toBe(true);
    const listed = ((await gd.get('/api/v1/filings?status=provincial_review&pageSize=200')).json() as { items: { id: string }[] }).items;
    expect(new Set(waiting.map((n) => n.link))).toEqual(new Set(listed.map((f) => `/filings/${f.id}`)));
  });

  it("a learner's conversion application tells its school's administrators (the demo's application of learner1)", async () => {
    const notices = (await notificationsOf(t.db, 'gzcp-admin')).filter((n) => n.kind === 'conversion_submitted');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ link: '/conversion-applications' });
    expect(notices[0]!.dedupe_key).toMatch(/^conversion_submitted:/);
    expect((await notificationsOf(t.db, 'gdst-admin')).some((n) => n.kind === 'conversion_submitted')).toBe(false);
  });
});

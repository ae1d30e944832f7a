import type { NotificationDto, RuleReportDto } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../../lib/clock';
import { auditRows, demoFilingId, notificationsOf } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { notifyDeadlines } from './notifications.service';

let t: TestApp;
let gd: Agent, gz: Agent, gzcp: Agent, zz: Agent, gdst: Agent, expert: Agent;

type NotificationPage = { items: NotificationDto[]; total: number; unreadCount: number };
/** Kinds received, newest first, leaving out the deadline reminders of the first test. */
const kinds = async (username: string) => (await notificationsOf(t.db, username)).map((n) => n.kind).filter((k) => k !== 'round_deadline');
const act = async (agent: Agent, id: string, body: Record<string, unknown>) => {
  t.clock.advance(MINUTE); // distinct times, so newest-first is well defined
  const res = await agent.post(`/api/v1/filings/${id}/transitions`, body);
  expect(res.statusCode, res.body).toBe(200);
};

beforeAll(async () => {
  t = await createTestApp();
  [gd, gz, gzcp, zz, gdst, expert] = await Promise.all([
    t.loginAs('gd-admin'),
    t.loginAs('gz-admin'),
    t.loginAs('gzcp-admin'),
    t.loginAs('zz-admin'),
    t.loginAs('gdst-admin'),
    t.loginAs('expert1'),
  ]);
});
afterAll(async () => t.close());

describe('R3.11 deadline reminders', () => {
  it('once per school administrator per round when the school deadline is within 3 days (idempotent)', async () => {
    const round = await t.db.selectFrom('filing_rounds').select(['id', 'school_submission_deadline']).executeTakeFirstOrThrow();
    const deadline = round.school_submission_deadline!.getTime();
    expect(await notifyDeadlines(t.db, new Date(deadline - 4 * DAY))).toBe(0);
    const schoolAdmins = await t.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'school_admin')
      .where('province_code', '=', '440000')
      .where('status', '=', 'active') // a self-registered school waiting for approval has a disabled account
      .execute();
    expect(await notifyDeadlines(t.db, new Date(deadline - 2 * DAY))).toBe(schoolAdmins.length);
    expect(await notifyDeadlines(t.db, new Date(deadline - 1 * DAY))).toBe(0);
    const reminder = (await notificationsOf(t.db, 'gzcp-admin')).find((n) => n.kind === 'round_deadline')!;
    expect(reminder).toMatchObject({ dedupe_key: `round_deadline:${round.id}`, link: `/filing-rounds/${round.id}` });
    expect((await notificationsOf(t.db, 'hb-admin')).some((n) => n.kind === 'round_deadline')).toBe(false);
    expect(await auditRows(t.db, 'notification.deadline_reminders')).toHaveLength(1);
  });
});

describe('R3.11 notifications from the filing workflow', () => {
  it('a 中职 filing: the school hears of each state change, the province when it reaches provincial review', async () => {
    const id = await demoFilingId(t.db, '广州市轻工职业学校', 'WEB-FE'); // submitted, waits for the city
    await act(gz, id, { action: 'accept_for_review' });
    expect(await kinds('zz-admin')).toEqual(['filing_status']);
    expect(await kinds('gz-admin')).not.toContain('filing_status'); // the actor is not told of its own step
    await act(gz, id, { action: 'municipal_approve' });
    expect(await kinds('zz-admin')).toEqual(['filing_status', 'filing_status']);
    const province = await notificationsOf(t.db, 'gd-admin');
    expect(province[0]).toMatchObject({ kind: 'filing_awaits_province', link: `/filings/${id}` });
    expect(province[0]!.title).toContain('广州市轻工职业学校');
  });

  it('a 高职 filing submitted again waits for the province’s acceptance', async () => {
    const id = await demoFilingId(t.db, '广东生态工程职业学院', 'WEB-FE'); // returned
    // The demo restricts it (2025 pass rate 75 %, R3.9): the province lifts the restriction first.
    const lifted = await gd.request('POST', `/api/v1/filings/${id}/pass-rate-override`, { reason: '已提交整改报告' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    const report = (await gdst.get(`/api/v1/filings/${id}/rule-report`)).json<RuleReportDto>();
    const warningReasons = Object.fromEntries(
      report.results.filter((r) => !r.passed && r.severity === 'warn').map((r) => [r.ruleId, '已说明']),
    );
    await act(gdst, id, { action: 'submit', pledge: true, warningReasons });
    const province = await notificationsOf(t.db, 'gd-admin');
    expect(province[0]).toMatchObject({ kind: 'filing_awaits_province', link: `/filings/${id}` });
    expect(province[0]!.title).toContain('待省级受理');
    expect((await kinds('gz-admin')).filter((k) => k === 'filing_awaits_municipal')).toHaveLength(1); // the demo one only
  });

  it('experts hear when assigned; the school hears nothing of the decision until the results are published', async () => {
    const id = await demoFilingId(t.db, '广州市轻工职业学校', 'WEB-FE');
    const expertId = (await t.db.selectFrom('users').select('id').where('username', '=', 'expert1').executeTakeFirstOrThrow()).id;
    const before = (await notificationsOf(t.db, 'expert1')).length;
    await act(gd, id, { action: 'assign_experts', expertIds: [expertId] });
    const mine = await notificationsOf(t.db, 'expert1');
    expect(mine).toHaveLength(before + 1);
    expect(mine[0]!.kind).toBe('filing_expert_assigned');
    const school = (await notificationsOf(t.db, 'zz-admin')).length;
    await act(gd, id, { action: 'approve' });
    expect(await notificationsOf(t.db, 'zz-admin')).toHaveLength(school);
    const round = (await t.db.selectFrom('filings').select('round_id').where('id', '=', id).executeTakeFirstOrThrow()).round_id;
    expect((await gd.post(`/api/v1/filing-rounds/${round}/publication`)).statusCode).toBe(200);
    const published = (await notificationsOf(t.db, 'zz-admin')).find((n) => n.kind === 'filing_published')!;
    expect(published.link).toBe(`/filings/${id}`);
    expect(published.title).toContain('审核通过');
  });
});

describe('R3.11 notification endpoints', () => {
  it('lists the recipient’s own notifications with the unread count, filters unread, pages', async () => {
    const res = await zz.get('/api/v1/notifications?unread=true&page=1&pageSize=2');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<NotificationPage>();
    // the deadline reminder (dated in the future of the test clock), the result, two state changes
    expect(page.unreadCount).toBe(4);
    expect(page.total).toBe(4);
    expect(page.items.map((n) => n.kind)).toEqual(['round_deadline', 'filing_published']);
  });

  it('marks one read (only the recipient: others 404), then all read', async () => {
    const [first] = (await zz.get('/api/v1/notifications')).json<NotificationPage>().items;
    expect((await gzcp.post(`/api/v1/notifications/${first!.id}/read`)).statusCode).toBe(404);
    const read = await zz.post(`/api/v1/notifications/${first!.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json<NotificationDto>().readAt).not.toBeNull();
    expect((await zz.get('/api/v1/notifications')).json<NotificationPage>().unreadCount).toBe(3);
    expect((await zz.get('/api/v1/notifications?unread=true')).json<NotificationPage>().total).toBe(3);
    const all = await zz.post('/api/v1/notifications/read-all');
    expect(all.json()).toEqual({ updated: 3 });
    expect((await zz.get('/api/v1/notifications')).json<NotificationPage>()).toMatchObject({ unreadCount: 0, total: 4 });
    expect(await auditRows(t.db, 'notification.read')).toHaveLength(1);
    expect(await auditRows(t.db, 'notification.read_all')).toHaveLength(1);
  });

  it('the demo accounts have demo notifications', async () => {
    for (const agent of [gzcp, gz, expert])
      expect((await agent.get('/api/v1/notifications')).json<NotificationPage>().total).toBeGreaterThan(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROBOT_ORG_USERNAME } from '../../db/seed/demo-exams';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/**
 * 新建考核场次 lists the certificates an organization may schedule (R5.2): the web form asks
 * GET /api/v1/certificate-types?status=published&orgId=<its organization>. For an organization the managed list
 * otherwise holds every organization's published certificates (and its own drafts), which createSession refuses.
 */

let t: TestApp;
let org: Agent;
let orgId: string;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.loginAs(DEMO_ROBOT_ORG_USERNAME);
  const row = await t.db.selectFrom('users').select('org_id').where('id', '=', org.user.id).executeTakeFirstOrThrow();
  orgId = row.org_id!;
  // A draft of its own, which must not be offered for a session.
  const draft = await org.post('/api/v1/certificate-types', { code: 'IR-DRAFT', name: '工业机器人草稿', batchCode: '第三批' });
  expect(draft.statusCode, draft.body).toBe(201);
});
afterAll(() => t.close());

type Item = { id: string; code: string; status: string; organization: { id: string } };

describe('certificate types offered to an organization for a new exam session', () => {
  it('status=published&orgId=<own organization> gives only its own published certificates', async () => {
    const res = await org.get(`/api/v1/certificate-types?page=1&pageSize=200&status=published&orgId=${orgId}`);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: Item[] }>().items;
    expect(items.map((c) => c.code)).toContain('IR-PROG');
    for (const c of items) expect(c).toMatchObject({ status: 'published', organization: { id: orgId } });
    expect(items.some((c) => c.code === 'IR-DRAFT')).toBe(false);
  });

  it('without the orgId filter the organization also sees other organizations’ published certificates, which it cannot schedule', async () => {
    const all = (await org.get('/api/v1/certificate-types?page=1&pageSize=200&status=published')).json<{ items: Item[] }>().items;
    const others = all.filter((c) => c.organization.id !== orgId);
    expect(others.length).toBeGreaterThan(0);
    const now = t.clock.now().getTime();
    const site = await t.db
      .selectFrom('exam_sites')
      .select('id')
      .where('org_id', '=', orgId)
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const res = await org.post('/api/v1/exam-sessions', {
      certificateTypeId: others[0]!.id,
      level: 'intermediate',
      examSiteId: site.id,
      examDate: new Date(now + 40 * DAY).toISOString().slice(0, 10),
      examForm: 'practical_special',
      capacity: 10,
      registrationOpensAt: new Date(now - DAY).toISOString(),
      registrationClosesAt: new Date(now + 20 * DAY).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../db/seed/demo-filings';
import { DEMO_ROBOT_ORG_USERNAME } from '../../db/seed/demo-exams';
import { postMultipart } from '../../test/exams';
import { auditRows } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/** Exam sites (R5.1) and exam sessions (R5.2), through HTTP on the demo data. */

let t: TestApp;
let org: Agent;
let gzcp: Agent;
let irTypeId: string;
let demoSiteId: string;

const DAY = 24 * 3600_000;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.loginAs(DEMO_ROBOT_ORG_USERNAME);
  gzcp = await t.loginAs('gzcp-admin');
  irTypeId = (await t.db.selectFrom('certificate_types').select('id').where('code', '=', 'IR-PROG').executeTakeFirstOrThrow()).id;
  demoSiteId = (await t.db.selectFrom('exam_sites').select('id').where('open_shared', '=', true).executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

function applyForSite(agent: Agent, fields: Record<string, string> = {}) {
  return postMultipart(
    agent,
    '/api/v1/exam-sites',
    { certificateTypeId: irTypeId, name: '新建考核站点', address: '广州市天河区', capacity: '30', ...fields },
    { name: '申请表.pdf', bytes: tinyPdf('site application'), type: 'application/pdf' },
  );
}

describe('exam sites (R5.1)', () => {
  it('a school applies with a PDF; only the organization that owns the certificate decides', async () => {
    const res = await applyForSite(gzcp);
    expect(res.statusCode, res.body).toBe(201);
    const site = res.json();
    expect(site).toMatchObject({ status: 'applied', openShared: false, school: { name: '广州城市职业学院' }, allowedActions: [] });
    expect(site.applicationFileId).toBeTruthy();

    // another organization does not even see it; the school cannot decide its own application
    expect((await (await t.loginAs('org-bim')).post(`/api/v1/exam-sites/${site.id}/decision`, { decision: 'approved' })).statusCode).toBe(
      404,
    );
    expect((await gzcp.post(`/api/v1/exam-sites/${site.id}/decision`, { decision: 'approved' })).statusCode).toBe(403);
    // refusal needs a reason
    expect((await org.post(`/api/v1/exam-sites/${site.id}/decision`, { decision: 'refused' })).statusCode).toBe(400);

    const list = (await org.get('/api/v1/exam-sites?status=applied')).json();
    expect(list.items.find((s: { id: string }) => s.id === site.id).allowedActions).toEqual(['approve', 'refuse']);

    const ok = await org.post(`/api/v1/exam-sites/${site.id}/decision`, { decision: 'approved', reason: '符合条件' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', reason: '符合条件', allowedActions: ['share', 'close'] });
    // decided once: a second decision conflicts
    expect((await org.post(`/api/v1/exam-sites/${site.id}/decision`, { decision: 'refused', reason: 'x' })).statusCode).toBe(409);
    expect((await auditRows(t.db, 'exam_site.approve')).map((r) => r.target_id)).toContain(site.id);
  });

  it('refuses a non-PDF application and an unselectable certificate', async () => {
    const notPdf = await postMultipart(
      gzcp,
      '/api/v1/exam-sites',
      { certificateTypeId: irTypeId, name: 'x', address: 'y', capacity: '10' },
      { name: 'a.pdf', bytes: Buffer.from('not a pdf') },
    );
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json().error.code).toBe('FILE_NOT_PDF');
    expect((await applyForSite(org)).statusCode).toBe(403); // organizations do not apply through this endpoint
  });

  it('open-shared: marked by the host school or the organization, only when approved', async () => {
    const site = (await applyForSite(gzcp, { name: '共享测试站点' })).json();
    expect((await gzcp.post(`/api/v1/exam-sites/${site.id}/sharing`, { openShared: true })).statusCode).toBe(409); // not approved yet
    await org.post(`/api/v1/exam-sites/${site.id}/decision`, { decision: 'approved' });
    const shared = await gzcp.post(`/api/v1/exam-sites/${site.id}/sharing`, { openShared: true });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({ openShared: true, allowedActions: ['unshare'] });
    expect((await (await t.loginAs('gdst-admin')).post(`/api/v1/exam-sites/${site.id}/sharing`, { openShared: false })).statusCode).toBe(
      403,
    );
    expect((await org.post(`/api/v1/exam-sites/${site.id}/sharing`, { openShared: false })).json().openShared).toBe(false);
  });

  it('the shared register: every school of the province and the province read it; other provinces do not see it', async () => {
    const gdst = await t.loginAs('gdst-admin');
    const reg = await gdst.get('/api/v1/exam-sites/shared-register');
    expect(reg.statusCode).toBe(200);
    expect(reg.json().items.map((s: { id: string }) => s.id)).toContain(demoSiteId);
    expect(reg.json().items.every((s: { openShared: boolean; status: string }) => s.openShared && s.status === 'approved')).toBe(true);
    // a school of the province reads a shared site's detail, but not an unshared site of another school
    expect((await gdst.get(`/api/v1/exam-sites/${demoSiteId}`)).statusCode).toBe(200);
    expect((await (await t.loginAs('gd-admin')).get('/api/v1/exam-sites/shared-register')).json().total).toBeGreaterThan(0);

    const hb = await t.loginAs('hb-admin');
    expect((await hb.get('/api/v1/exam-sites/shared-register')).json().items).toEqual([]);
    expect((await hb.get(`/api/v1/exam-sites/${demoSiteId}`)).statusCode).toBe(404);
    expect((await (await t.loginAs('learner1')).get('/api/v1/exam-sites/shared-register')).statusCode).toBe(403);
  });

  it('lists are scoped: organization its own, school its own, province its province', async () => {
    const bim = (await (await t.loginAs('org-bim')).get('/api/v1/exam-sites')).json();
    expect(bim.items).toEqual([]);
    const gdst = (await (await t.loginAs('gdst-admin')).get('/api/v1/exam-sites')).json();
    expect(gdst.items).toEqual([]); // its own only (the register lists shared ones)
    const mine = (await gzcp.get('/api/v1/exam-sites')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((s: { school: { name: string } }) => s.school.name === '广州城市职业学院')).toBe(true);
    // 湖北 sees its own only (the demo's site at 武汉职业技术学院, issue 17 item 9), none of 广东's
    const hb = (await (await t.loginAs('hb-admin')).get('/api/v1/exam-sites')).json();
    expect(hb.items.map((s: { school: { name: string } }) => s.school.name)).toEqual(['武汉职业技术学院']);
  });
});

describe('exam sessions (R5.2)', () => {
  const body = (over: Record<string, unknown> = {}) => {
    const now = t.clock.now().getTime();
    return {
      certificateTypeId: irTypeId,
      level: 'intermediate',
      examSiteId: demoSiteId,
      examDate: new Date(now + 40 * DAY).toISOString().slice(0, 10),
      examForm: 'practical_special',
      capacity: 20,
      registrationOpensAt: new Date(now - DAY).toISOString(),
      registrationClosesAt: new Date(now + 20 * DAY).toISOString(),
      ...over,
    };
  };

  it('the organization schedules a session of its own certificate at an approved site', async () => {
    const res = await org.post('/api/v1/exam-sessions', body());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'planned',
      candidateCount: 0,
      allowedActions: ['open_registration'],
      examSiteName: expect.any(String),
    });
    expect((await (await t.loginAs('org-bim')).post('/api/v1/exam-sessions', body())).statusCode).toBe(403); // not its certificate
    expect((await gzcp.post('/api/v1/exam-sessions', body())).statusCode).toBe(403);
    expect((await org.post('/api/v1/exam-sessions', body({ capacity: 1000 }))).statusCode).toBe(400); // above site capacity
    expect((await org.post('/api/v1/exam-sessions', body({ examForm: 'paper' }))).statusCode).toBe(400); // not a form of the level
    const applied = (await applyForSite(gzcp, { name: '待批站点' })).json();
    const r = await org.post('/api/v1/exam-sessions', body({ examSiteId: applied.id }));
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('EXAM_SITE_NOT_APPROVED');
  });

  it('CONTRACT list (api-v1): the organization’s sessions with exactly the contract fields, by session or API token', async () => {
    const res = await org.get('/api/v1/exam-sessions?page=1&pageSize=50');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({ page: 1, pageSize: 50 });
    expect(page.total).toBeGreaterThanOrEqual(3);
    for (const s of page.items) {
      for (const k of ['id', 'certificateTypeId', 'certificateTypeName', 'level', 'examDate', 'examSiteName', 'status', 'candidateCount'])
        expect(s).toHaveProperty(k);
      expect(s.examDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.certificateTypeName).toBe('工业机器人应用编程');
    }
    // The demo session whose 30 consented candidates await results (api-v1 demo data).
    const awaiting = page.items.filter(
      (s: { status: string; candidateCount: number }) => s.status === 'examined' && s.candidateCount === 30,
    );
    expect(awaiting).toHaveLength(1);

    const tok = await org.post('/api/v1/api-tokens', { name: 'scoring system' });
    expect(tok.statusCode, tok.body).toBe(201);
    const viaToken = await t.app.inject({
      method: 'GET',
      url: '/api/v1/exam-sessions?pageSize=50',
      headers: { authorization: `Bearer ${tok.json().token}` },
    });
    expect(viaToken.statusCode).toBe(200);
    expect(viaToken.json().total).toBe(page.total);
  });

  it('scope: another organization neither lists nor reads them (404); a school without a pilot of the certificate does not see them', async () => {
    const bim = await t.loginAs('org-bim');
    expect((await bim.get('/api/v1/exam-sessions')).json().total).toBe(0);
    const id = (await org.get('/api/v1/exam-sessions')).json().items[0].id;
    expect((await bim.get(`/api/v1/exam-sessions/${id}`)).statusCode).toBe(404);
    expect((await bim.post(`/api/v1/exam-sessions/${id}/transitions`, { action: 'close' })).statusCode).toBe(404);
    const zz = await t.loginAs('zz-admin');
    expect((await zz.get('/api/v1/exam-sessions')).json().total).toBe(0);
    expect((await zz.get(`/api/v1/exam-sessions/${id}`)).statusCode).toBe(404);
    expect((await gzcp.get(`/api/v1/exam-sessions/${id}`)).statusCode).toBe(200);
  });

  it('transitions follow the table; scores are not a manual step; each step is an event and an audit row', async () => {
    const s = (
      await org.post('/api/v1/exam-sessions', body({ examDate: new Date(t.clock.now().getTime() + 25 * DAY).toISOString().slice(0, 10) }))
    ).json();
    const step = (action: string) => org.post(`/api/v1/exam-sessions/${s.id}/transitions`, { action });
    expect((await step('close_registration')).statusCode).toBe(409);
    expect((await gzcp.post(`/api/v1/exam-sessions/${s.id}/transitions`, { action: 'open_registration' })).statusCode).toBe(403);
    expect((await step('open_registration')).json()).toMatchObject({ status: 'registration_open', registrationOpenNow: true });
    expect((await step('close_registration')).json().status).toBe('registration_closed');
    const early = await step('mark_examined');
    expect(early.statusCode).toBe(409); // before the exam date
    expect(early.json().error.details.reason).toBe('before_exam_date');
    t.clock.advance(26 * DAY);
    org = await t.loginAs(DEMO_ROBOT_ORG_USERNAME);
    gzcp = await t.loginAs('gzcp-admin');
    const examined = await org.post(`/api/v1/exam-sessions/${s.id}/transitions`, { action: 'mark_examined' });
    expect(examined.json().status).toBe('examined');
    expect((await org.post(`/api/v1/exam-sessions/${s.id}/transitions`, { action: 'enter_scores' })).statusCode).toBe(409);
    expect((await org.post(`/api/v1/exam-sessions/${s.id}/transitions`, { action: 'publish_scores' })).statusCode).toBe(409);
    expect(examined.json().events.map((e: { action: string }) => e.action)).toEqual([
      'open_registration',
      'close_registration',
      'mark_examined',
    ]);
    expect((await auditRows(t.db, 'exam_session.mark_examined')).map((r) => r.target_id)).toContain(s.id);
  });
});

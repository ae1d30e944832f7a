import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROBOT_ORG_USERNAME } from '../../db/seed/demo-exams';
import { tinyPdf } from '../../db/seed/demo-filings';
import { postMultipart } from '../../test/exams';
import { auditRows } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/**
 * R5.1: the organization that approves exam sites also closes (撤销) them, with a reason — not while a session there is
 * open; a closed site leaves the registers, takes no new session, cannot be edited, and its host school is told.
 */

let t: TestApp;
let robot: Agent;
let bim: Agent;
let gdst: Agent;
let irTypeId: string;
let bimTypeId: string;

beforeAll(async () => {
  t = await createTestApp({ publicRateLimit: { max: 1000, windowSeconds: 60 } });
  robot = await t.loginAs(DEMO_ROBOT_ORG_USERNAME);
  bim = await t.loginAs('org-bim');
  gdst = await t.loginAs('gdst-admin');
  const types = await t.db.selectFrom('certificate_types').select(['id', 'code']).where('code', 'in', ['IR-PROG', 'BIM']).execute();
  irTypeId = types.find((x) => x.code === 'IR-PROG')!.id;
  bimTypeId = types.find((x) => x.code === 'BIM')!.id;
});
afterAll(() => t.close());

const DAY = 86_400_000;
const sessionAt = (siteId: string) => {
  const now = t.clock.now().getTime();
  return {
    certificateTypeId: irTypeId,
    level: 'junior',
    examSiteId: siteId,
    examDate: new Date(now + 30 * DAY).toISOString().slice(0, 10),
    examForm: 'practical_special',
    capacity: 10,
    registrationOpensAt: new Date(now).toISOString(),
    registrationClosesAt: new Date(now + 10 * DAY).toISOString(),
  };
};
const publicNames = async () =>
  ((await t.app.inject({ method: 'GET', url: '/api/v1/public/exam-sites?pageSize=200' })).json().items as { name: string }[]).map(
    (i) => i.name,
  );

describe('closing an exam site (撤销, R5.1)', () => {
  it('R5.1 the organization closes its site with a reason — refused while a session there is open; then no register, no session, no edit', async () => {
    const site = (
      await robot.post('/api/v1/org-exam-sites', {
        certificateTypeId: irTypeId,
        name: '将撤销的自建考核站点',
        address: '武汉市洪山区珞喻路 1 号',
        cityCode: '420100',
        capacity: 30,
        levels: ['junior'],
        openShared: true,
      })
    ).json();
    expect(site.allowedActions).toContain('close');
    const session = await robot.post('/api/v1/exam-sessions', sessionAt(site.id));
    expect(session.statusCode, session.body).toBe(201);

    // A reason is required; nobody but the organization may close it (another organization does not see it).
    expect((await robot.post(`/api/v1/exam-sites/${site.id}/closure`, { reason: '  ' })).statusCode).toBe(400);
    expect((await bim.post(`/api/v1/exam-sites/${site.id}/closure`, { reason: '场地不再可用' })).statusCode).toBe(404);
    const national = await t.loginAs('national');
    expect((await national.post(`/api/v1/exam-sites/${site.id}/closure`, { reason: '场地不再可用' })).statusCode).toBe(403);
    // The session there is not closed yet: refused in Chinese, nothing changed.
    const busy = await robot.post(`/api/v1/exam-sites/${site.id}/closure`, { reason: '场地不再可用' });
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ error: { code: 'EXAM_SITE_IN_USE' } });
    expect(busy.body).toContain('未结束的考核场次');
    expect((await robot.get(`/api/v1/exam-sites/${site.id}`)).json().status).toBe('approved');

    // Once that session has run its course (closed), the site can be closed.
    await t.db.updateTable('exam_sessions').set({ status: 'closed' }).where('id', '=', session.json().id).execute();
    const closed = await robot.post(`/api/v1/exam-sites/${site.id}/closure`, { reason: '场地不再可用' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', openShared: false, closedReason: '场地不再可用', allowedActions: [] });
    expect(closed.json().closedAt).toBe(t.clock.now().toISOString());
    const audit = (await auditRows(t.db, 'exam_site.close')).find((a) => a.target_id === site.id);
    expect(audit).toBeTruthy();

    expect(await publicNames()).not.toContain('将撤销的自建考核站点');
    const again = await robot.post('/api/v1/exam-sessions', sessionAt(site.id));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EXAM_SITE_NOT_APPROVED');
    expect((await robot.request('PATCH', `/api/v1/exam-sites/${site.id}`, { capacity: 40 })).statusCode).toBe(409);
    expect((await robot.post(`/api/v1/exam-sites/${site.id}/closure`, { reason: '再次撤销' })).statusCode).toBe(409);
    expect((await robot.post(`/api/v1/exam-sites/${site.id}/sharing`, { openShared: true })).statusCode).toBe(409);
    // Its history stays: the organization still lists it, as closed.
    const listed = (await robot.get('/api/v1/exam-sites?status=closed&pageSize=200')).json().items as { id: string }[];
    expect(listed.map((s) => s.id)).toContain(site.id);
  });

  it('R5.1 a school-hosted site: only its organization closes it (the school cannot), and the school’s administrators are told why', async () => {
    const applied = await postMultipart(
      gdst,
      '/api/v1/exam-sites',
      { certificateTypeId: bimTypeId, name: '将被撤销的 BIM 考核站点', address: '广州市天河区', capacity: '20' },
      { name: 'a.pdf', bytes: tinyPdf('site'), type: 'application/pdf' },
    );
    const id = applied.json().id as string;
    // Not yet approved: nothing to close.
    expect((await bim.post(`/api/v1/exam-sites/${id}/closure`, { reason: '不再承担考核' })).statusCode).toBe(409);
    expect((await bim.post(`/api/v1/exam-sites/${id}/decision`, { decision: 'approved' })).statusCode).toBe(200);
    expect((await gdst.get(`/api/v1/exam-sites/${id}`)).json().allowedActions).not.toContain('close');
    expect((await gdst.post(`/api/v1/exam-sites/${id}/closure`, { reason: '不再承担考核' })).statusCode).toBe(403);

    const res = await bim.post(`/api/v1/exam-sites/${id}/closure`, { reason: '该校实训条件不再满足考核要求' });
    expect(res.statusCode, res.body).toBe(200);
    const notes = (await gdst.get('/api/v1/notifications?pageSize=100')).json().items as { kind: string; title: string; body: string }[];
    const note = notes.find((n) => n.kind === 'exam_site_closed');
    expect(note).toMatchObject({ title: '考核站点“将被撤销的 BIM 考核站点”已被培训评价组织撤销' });
    expect(note!.body).toContain('该校实训条件不再满足考核要求');
    // Its own school still reads it (closed, with the reason) — it is their history too.
    expect((await gdst.get(`/api/v1/exam-sites/${id}`)).json()).toMatchObject({
      status: 'closed',
      closedReason: '该校实训条件不再满足考核要求',
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROBOT_ORG_USERNAME } from '../../db/seed/demo-exams';
import { tinyPdf } from '../../db/seed/demo-filings';
import { postMultipart } from '../../test/exams';
import { auditRows } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/**
 * Issue 17 item 8 (R5.1 an organization or a school applies; 000 §三(四) the open-shared register): an organization
 * registers sites of its own directly (audited) and edits only those; the public register 考核站点名录 lists approved
 * sites of every organization, without an account and without personal data.
 */

let t: TestApp;
let robot: Agent;
let bim: Agent;
let gdst: Agent;
let irTypeId: string;
let bimTypeId: string;

beforeAll(async () => {
  // The public register is rate-limited per address; this file asks it more often than the test default allows.
  t = await createTestApp({ publicRateLimit: { max: 1000, windowSeconds: 60 } });
  robot = await t.loginAs(DEMO_ROBOT_ORG_USERNAME);
  bim = await t.loginAs('org-bim');
  gdst = await t.loginAs('gdst-admin');
  const types = await t.db.selectFrom('certificate_types').select(['id', 'code']).where('code', 'in', ['IR-PROG', 'BIM']).execute();
  irTypeId = types.find((x) => x.code === 'IR-PROG')!.id;
  bimTypeId = types.find((x) => x.code === 'BIM')!.id;
});
afterAll(() => t.close());

const site = (over: Record<string, unknown> = {}) => ({
  certificateTypeId: irTypeId,
  name: '工业机器人应用编程（武汉）自建考核站点',
  address: '武汉市东湖新技术开发区光谷大道 77 号',
  cityCode: '420100',
  capacity: 30,
  levels: ['intermediate', 'junior'],
  ...over,
});

describe('exam sites registered by organizations (issue 17 item 8, R5.1)', () => {
  it('an organization registers a site of its own: approved at once, no school, its province from the city, audited', async () => {
    const res = await robot.post('/api/v1/org-exam-sites', site({ openShared: true }));
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      status: 'approved',
      school: null,
      provinceCode: '420000',
      cityCode: '420100',
      openShared: true,
      registeredBy: 'organization',
      levels: ['junior', 'intermediate'],
    });
    expect(s.allowedActions).toEqual(expect.arrayContaining(['edit', 'unshare']));
    const audit = await auditRows(t.db, 'exam_site.register');
    expect(audit.some((a) => a.target_id === s.id)).toBe(true);

    // Only its own certificates, at least one level and each once, a real city; a school cannot use this door.
    expect((await robot.post('/api/v1/org-exam-sites', site({ certificateTypeId: bimTypeId }))).statusCode).toBe(403);
    expect((await robot.post('/api/v1/org-exam-sites', site({ levels: [] }))).statusCode).toBe(400);
    expect((await robot.post('/api/v1/org-exam-sites', site({ levels: ['junior', 'junior'] }))).statusCode).toBe(400);
    expect((await robot.post('/api/v1/org-exam-sites', site({ cityCode: '420000' }))).statusCode).toBe(400);
    expect((await gdst.post('/api/v1/org-exam-sites', site())).statusCode).toBe(403);
  });

  it('scope: an organization edits only the sites it registered — another organization gets 404, a school application 403', async () => {
    const mine = (await robot.post('/api/v1/org-exam-sites', site({ name: '待修改站点' }))).json();
    const edited = await robot.request('PATCH', `/api/v1/exam-sites/${mine.id}`, { capacity: 45, name: '已修改站点' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ capacity: 45, name: '已修改站点' });
    const audit = (await auditRows(t.db, 'exam_site.update')).find((a) => a.target_id === mine.id);
    expect(audit).toBeTruthy();

    expect((await bim.request('PATCH', `/api/v1/exam-sites/${mine.id}`, { capacity: 1 })).statusCode).toBe(404);
    expect((await gdst.request('PATCH', `/api/v1/exam-sites/${mine.id}`, { capacity: 1 })).statusCode).toBe(404);
    const schoolSite = (await t.db.selectFrom('exam_sites').select('id').where('registered_by', '=', 'school').executeTakeFirstOrThrow())
      .id;
    expect((await robot.request('PATCH', `/api/v1/exam-sites/${schoolSite}`, { capacity: 1 })).statusCode).toBe(403);
    expect((await t.db.selectFrom('exam_sites').select('capacity').where('id', '=', mine.id).executeTakeFirstOrThrow()).capacity).toBe(45);
  });

  it('a session at a site registered for some levels is refused for another level', async () => {
    const mine = (await robot.post('/api/v1/org-exam-sites', site({ levels: ['junior'] }))).json();
    const now = t.clock.now().getTime();
    const res = await robot.post('/api/v1/exam-sessions', {
      certificateTypeId: irTypeId,
      level: 'intermediate',
      examSiteId: mine.id,
      examDate: new Date(now + 30 * 86_400_000).toISOString().slice(0, 10),
      examForm: 'practical_special',
      capacity: 10,
      registrationOpensAt: new Date(now).toISOString(),
      registrationClosesAt: new Date(now + 10 * 86_400_000).toISOString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('该考核站点不承担此等级的考核');
  });
});

describe('a school applies for the levels it can examine (R5.1)', () => {
  it('R5.1 the levels chosen in the application are kept and audited; an unknown or repeated level is refused; none given: every level', async () => {
    const form = (over: Record<string, string>) => ({
      certificateTypeId: bimTypeId,
      name: '只考初级和中级的 BIM 站点',
      address: '广州市海珠区',
      capacity: '20',
      ...over,
    });
    const pdf = { name: 'a.pdf', bytes: tinyPdf('site'), type: 'application/pdf' };
    const res = await postMultipart(gdst, '/api/v1/exam-sites', form({ levels: 'intermediate, junior' }), pdf);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ levels: ['junior', 'intermediate'], registeredBy: 'school', status: 'applied' });
    const audit = (await auditRows(t.db, 'exam_site.apply')).find((a) => a.target_id === res.json().id);
    expect(JSON.stringify(audit)).toContain('intermediate');

    for (const levels of ['expert', 'junior,junior', '']) {
      const bad = await postMultipart(gdst, '/api/v1/exam-sites', form({ levels }), pdf);
      expect(bad.statusCode, levels).toBe(400);
      expect(bad.json().error.details.fields[0].path, levels).toMatch(/^levels/);
    }
    const every = await postMultipart(gdst, '/api/v1/exam-sites', form({ name: '全部等级的 BIM 站点' }), pdf);
    expect(every.json().levels).toBeNull();
  });
});

describe('the public register 考核站点名录 (issue 17 item 8)', () => {
  it('lists approved sites of every organization without an account, filtered, and never a pending or refused one', async () => {
    // A school's application still waiting for the organization.
    const applied = await postMultipart(
      gdst,
      '/api/v1/exam-sites',
      { certificateTypeId: bimTypeId, name: '待批准的 BIM 考核站点', address: '广州市天河区', capacity: '20' },
      { name: 'a.pdf', bytes: tinyPdf('site'), type: 'application/pdf' },
    );
    expect(applied.statusCode, applied.body).toBe(201);
    await robot.post('/api/v1/org-exam-sites', site({ name: '名录中的组织站点' }));

    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/exam-sites?pageSize=200' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: string; name: string; organization: { name: string }; levels: string[] }[];
    const approved = await t.db.selectFrom('exam_sites').select('id').where('status', '=', 'approved').execute();
    expect(items.map((i) => i.id).sort()).toEqual(approved.map((a) => a.id).sort());
    expect(items.some((i) => i.id === applied.json().id)).toBe(false);
    const own = items.find((i) => i.name === '名录中的组织站点')!;
    expect(own).toMatchObject({ provinceName: '湖北省', cityName: '武汉市', hostSchool: null, registeredBy: 'organization' });
    // A school's site without a list of levels: every level of its certificate; its host school by name.
    const school = items.find((i) => i.name.startsWith('广州城市职业学院'))!;
    expect(school).toMatchObject({
      provinceCode: '440000',
      hostSchool: { name: '广州城市职业学院' },
      levels: ['junior', 'intermediate', 'senior'],
    });
    // Only the site's facts: no file, no creator, no reason.
    expect(Object.keys(own).sort()).toEqual(
      [
        'address',
        'capacity',
        'certificateType',
        'cityCode',
        'cityName',
        'hostSchool',
        'id',
        'levels',
        'name',
        'openShared',
        'organization',
        'provinceCode',
        'provinceName',
        'registeredBy',
      ].sort(),
    );

    const get = async (query: string) =>
      ((await t.app.inject({ method: 'GET', url: `/api/v1/public/exam-sites?${query}` })).json().items as { name: string }[]).map(
        (i) => i.name,
      );
    expect(await get('provinceCode=420000')).toContain('名录中的组织站点');
    expect(await get('provinceCode=440000')).not.toContain('名录中的组织站点');
    expect(await get('cityCode=440100')).toContain(school.name);
    // The organization's site examines 初级 and 中级 only; the school's site every level of its certificate.
    expect(await get('level=senior')).not.toContain('名录中的组织站点');
    expect(await get('level=senior')).toContain(school.name);
    expect(await get('level=junior')).toContain('名录中的组织站点');
    expect(await get(`certificateTypeId=${bimTypeId}`)).toEqual([]);
    expect(await get(`q=${encodeURIComponent('名录中')}`)).toEqual(['名录中的组织站点']);

    // 导出 without an account: the same list as .xlsx.
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/v1/public/exam-sites?format=xlsx&provinceCode=420000' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    // Once the organization approves it, the school's site is listed too.
    const bimId = applied.json().id;
    expect((await bim.post(`/api/v1/exam-sites/${bimId}/decision`, { decision: 'approved' })).statusCode).toBe(200);
    expect(await get(`certificateTypeId=${bimTypeId}`)).toEqual(['待批准的 BIM 考核站点']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../lib/clock';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import { runReportingDuties } from './reporting.service';

let t: TestApp;
let gd: Agent;
let dept: Agent;
let gdstPilot: { id: string; department_id: string };
let otherPilot: { id: string };
let typeId: string;

const fields = [
  { key: 'progress', label: '本周工作进展', type: 'textarea', required: true },
  { key: 'trained', label: '本周培训人数', type: 'number', required: false },
];

beforeAll(async () => {
  t = await createTestApp();
  gd = await t.loginAs('gd-admin');
  // The demo's only approved 广东 pilot is 广州城市职业学院's; approve one of 广东生态工程职业学院's as well (setup).
  const gdstFiling = await t.db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .select('f.id')
    .where('s.name', '=', '广东生态工程职业学院')
    .where('f.status', '=', 'returned')
    .executeTakeFirstOrThrow();
  await t.db.updateTable('filings').set({ status: 'published', decision: 'approved' }).where('id', '=', gdstFiling.id).execute();
  const pilots = await t.db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .select(['f.id', 'f.department_id', 's.name'])
    .where('f.province_code', '=', '440000')
    .where('f.status', 'in', ['approved', 'published'])
    .where('f.decision', '=', 'approved')
    .execute();
  gdstPilot = pilots.find((p) => p.name === '广东生态工程职业学院')!;
  otherPilot = pilots.find((p) => p.name !== '广东生态工程职业学院')!;
  const gdst = await t.loginAs('gdst-admin');
  const created = await gdst.post('/api/v1/users', {
    username: 'gdst-dept1',
    displayName: '二级学院周报员',
    role: 'department_admin',
    password: 'Passw0rd!',
    departmentId: gdstPilot.department_id,
  });
  expect(created.statusCode, created.body).toBe(201);
  dept = await t.loginAs('gdst-dept1', 'Passw0rd!');
});
afterAll(() => t.close());

describe('R8.1 reporting duties', () => {
  it('a province defines a weekly report type and duties are generated for every approved pilot in its scope', async () => {
    expect(gdstPilot && otherPilot).toBeTruthy();
    const startsOn = chinaDate(new Date(t.clock.now().getTime() - 28 * DAY));
    const r = await gd.post('/api/v1/report-types', {
      name: '1+X 试点工作周报',
      reporterKind: 'department',
      period: 'weekly',
      deadlineDays: 0,
      startsOn,
      fields,
    });
    expect(r.statusCode, r.body).toBe(201);
    typeId = r.json().id;
    const duties = await t.db.selectFrom('report_duties').select(['filing_id']).where('report_type_id', '=', typeId).execute();
    const perPilot = duties.filter((d) => d.filing_id === gdstPilot.id).length;
    expect(perPilot).toBe(5);
    expect(new Set(duties.map((d) => d.filing_id)).size).toBeGreaterThanOrEqual(2);
    const gz = await t.loginAs('gz-admin');
    expect(
      (await gz.post('/api/v1/report-types', { name: '月报', reporterKind: 'school', period: 'monthly', startsOn, fields })).statusCode,
    ).toBe(403);
  });

  it('the department files, late is counted, the province returns with an opinion and accepts the new filing; scope 404', async () => {
    const mine = (await dept.get(`/api/v1/report-duties?reportTypeId=${typeId}&pageSize=50`)).json();
    expect(mine.total).toBe(5);
    expect(mine.items.every((d: { filingId: string }) => d.filingId === gdstPilot.id)).toBe(true);
    const oldest = mine.items.at(-1);
    expect(oldest).toMatchObject({ status: 'pending', missed: true, allowedActions: ['submit'] });
    expect((await dept.request('PUT', `/api/v1/report-duties/${oldest.id}/submission`, { answers: { trained: 3 } })).statusCode).toBe(400);
    const filed = await dept.request('PUT', `/api/v1/report-duties/${oldest.id}/submission`, {
      answers: { progress: '完成师资培训', trained: 12 },
    });
    expect(filed.json()).toMatchObject({ status: 'submitted', late: true, missed: false });
    const lateOnes = (await gd.get(`/api/v1/report-duties?reportTypeId=${typeId}&late=true&pageSize=50`)).json();
    expect(lateOnes.items.map((d: { id: string }) => d.id)).toEqual([oldest.id]);
    expect((await gd.post(`/api/v1/report-duties/${oldest.id}/review`, { decision: 'return' })).statusCode).toBe(400);
    const returned = await gd.post(`/api/v1/report-duties/${oldest.id}/review`, { decision: 'return', opinion: '请补充经费使用情况' });
    expect(returned.json()).toMatchObject({ status: 'returned', opinion: '请补充经费使用情况' });
    await dept.request('PUT', `/api/v1/report-duties/${oldest.id}/submission`, { answers: { progress: '完成师资培训，经费已到位' } });
    expect((await gd.post(`/api/v1/report-duties/${oldest.id}/review`, { decision: 'accept' })).json().status).toBe('accepted');
    expect((await dept.post(`/api/v1/report-duties/${oldest.id}/review`, { decision: 'accept' })).statusCode).toBe(403);

    const others = await t.db
      .selectFrom('report_duties')
      .select('id')
      .where('filing_id', '=', otherPilot.id)
      .where('report_type_id', '=', typeId)
      .execute();
    expect((await dept.get(`/api/v1/report-duties/${others[0]!.id}`)).statusCode).toBe(404);
    const hb = await t.loginAs('hb-admin');
    expect((await hb.get(`/api/v1/report-duties/${oldest.id}`)).statusCode).toBe(404);
    expect((await hb.get(`/api/v1/report-duties?reportTypeId=${typeId}`)).json().total).toBe(0);
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', oldest.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['report_duty.submit', 'report_duty.return', 'report_duty.submit', 'report_duty.accept']);
  });

  it('three consecutive missed reports flag the pilot, citing 粤生态职院〔2023〕18号 第十九条（一） for that school only', async () => {
    const count = async () => (await t.db.selectFrom('report_duties').select('id').where('report_type_id', '=', typeId).execute()).length;
    const before = await count();
    const r = await runReportingDuties(t.db, t.clock.now());
    expect(await count()).toBe(before); // the type's creation generated them; the tick is idempotent
    expect(r.flags).toBeGreaterThanOrEqual(2);
    const flags = (await gd.get('/api/v1/pilot-flags')).json().items;
    const gdst = flags.find(
      (f: { filingId: string; detail: string }) => f.filingId === gdstPilot.id && f.detail.includes('“1+X 试点工作周报”'),
    );
    expect(gdst).toMatchObject({ clause: '粤生态职院〔2023〕18号 第十九条（一）', jurisdiction: '院校制度：广东生态工程职业学院' });
    expect(gdst.detail).toContain('连续 3 次');
    const other = flags.find(
      (f: { filingId: string; clause: string }) => f.filingId === otherPilot.id && f.clause.includes('“1+X 试点工作周报”'),
    );
    expect(other.clause).toBe('报送类型“1+X 试点工作周报”的规则：连续 3 次未报送');
    expect(other.jurisdiction).toBe('省级管理员（440000）设定');
    expect((await runReportingDuties(t.db, t.clock.now())).flags).toBe(0);
    expect((await (await t.loginAs('hb-admin')).get('/api/v1/pilot-flags')).json().items).toEqual([]);
  });

  it('reporters are reminded before the deadline, once per duty', async () => {
    const current = (await dept.get(`/api/v1/report-duties?reportTypeId=${typeId}&status=pending&pageSize=50`)).json().items[0];
    const dayBefore = new Date(new Date(`${current.dueDate}T12:00:00+08:00`).getTime() - DAY);
    await runReportingDuties(t.db, dayBefore);
    await runReportingDuties(t.db, dayBefore);
    const notes = await t.db
      .selectFrom('notifications')
      .select(['kind', 'title'])
      .where('user_id', '=', dept.user.id)
      .where('dedupe_key', '=', `report_due:${current.id}`)
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toContain(current.dueDate);
  });
});

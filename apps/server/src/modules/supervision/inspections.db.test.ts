import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../db/seed/demo-filings';
import { DAY } from '../../lib/clock';
import { postMultipart } from '../../test/exams';
import { demoIds } from '../../test/factories';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { chinaDate } from '../exam-sessions/exam-sessions.service';

let t: TestApp;
let gd: Agent;
let gzcp: Agent;
let filingId: string;
beforeAll(async () => {
  t = await createTestApp();
  gd = await t.loginAs('gd-admin');
  gzcp = await t.loginAs('gzcp-admin');
  const ids = await demoIds(t.db);
  filingId = (
    await t.db
      .selectFrom('filings')
      .select('id')
      .where('school_id', '=', ids.gzcp)
      .where('status', '=', 'published')
      .where('decision', '=', 'approved')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

const day = (offset: number) => chinaDate(new Date(t.clock.now().getTime() + offset * DAY));

describe('R8.2 inspections and rectification', () => {
  it('R8.2 a closed inspection not published stays off the public results', async () => {
    const i = (await gd.post('/api/v1/inspections', { filingId, title: '内部检查（不公开）', plannedOn: day(0) })).json();
    expect((await gd.post(`/api/v1/inspections/${i.id}/close`, { result: '合格' })).json()).toMatchObject({
      status: 'closed',
      publishedAt: null,
    });
    const pub = (await t.app.inject({ method: 'GET', url: '/api/v1/public/inspection-results?pageSize=200' })).json();
    expect(pub.items.map((x: { id: string }) => x.id)).not.toContain(i.id);
    const x = await t.app.inject({ method: 'GET', url: '/api/v1/public/inspection-results?format=xlsx' });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('a province inspects a pilot, records findings with evidence, orders rectification, re-orders, accepts, closes and publishes', async () => {
    const created = await gd.post('/api/v1/inspections', {
      filingId,
      title: '2026 年春季试点建设检查',
      plannedOn: day(0),
      extraItems: [{ key: 'exam_sites', label: '考核站点' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const insp = created.json();
    expect(insp.items.map((i: { label: string }) => i.label)).toEqual([
      '试点建设进展',
      '经费落实、资金使用',
      '存在问题',
      '改进措施',
      '考核站点',
    ]);
    const url = `/api/v1/inspections/${insp.id}`;

    const file = await postMultipart(gd, `${url}/evidence`, {}, { name: '检查记录.pdf', bytes: tinyPdf('inspection') });
    expect(file.statusCode, file.body).toBe(201);
    const finding = await gd.post(`${url}/findings`, {
      itemKey: 'funds',
      finding: '培训经费未单独列支',
      issue: true,
      fileIds: [file.json().id],
    });
    expect(finding.json().findings).toHaveLength(1);
    expect((await gd.post(`${url}/findings`, { itemKey: 'nope', finding: '无此项', issue: false })).statusCode).toBe(400);
    expect((await gzcp.post(`${url}/findings`, { itemKey: 'funds', finding: '自查', issue: false })).statusCode).toBe(403);
    expect((await (await t.loginAs('hb-admin')).get(url)).statusCode).toBe(404);

    expect((await gd.post(`${url}/rectifications`, { requirement: '单独列支经费', deadline: day(-1) })).statusCode).toBe(400);
    const ordered = (await gd.post(`${url}/rectifications`, { requirement: '30 日内单独列支培训经费', deadline: day(7) })).json();
    expect(ordered).toMatchObject({ status: 'rectifying', overdue: false });
    const order = ordered.rectifications[0];

    // Past its deadline and not reported: overdue.
    t.clock.advance(10 * DAY);
    gd = await t.loginAs('gd-admin'); // sessions expire over ten days
    gzcp = await t.loginAs('gzcp-admin');
    expect((await gzcp.get(url)).json()).toMatchObject({ overdue: true, rectifications: [{ overdue: true }] });
    expect((await gd.post(`${url}/close`, { result: '合格' })).statusCode).toBe(409);

    expect(
      (await gzcp.post(`${url}/rectifications/${order.id}/report`, { report: '已设立专项经费科目' })).json().rectifications[0].status,
    ).toBe('reported');
    expect((await gd.post(`${url}/rectifications/${order.id}/decision`, { decision: 'reorder', comment: '未见凭证' })).statusCode).toBe(
      400,
    );
    const reordered = (
      await gd.post(`${url}/rectifications/${order.id}/decision`, { decision: 'reorder', comment: '请补充记账凭证', deadline: day(14) })
    ).json();
    expect(reordered.rectifications.map((r: { round: number; status: string }) => [r.round, r.status])).toEqual([
      [1, 'reordered'],
      [2, 'open'],
    ]);
    const second = reordered.rectifications[1];
    await gzcp.post(`${url}/rectifications/${second.id}/report`, { report: '已补充记账凭证' });
    expect(
      (await gd.post(`${url}/rectifications/${second.id}/decision`, { decision: 'accept', comment: '整改到位' })).json().rectifications[1]
        .status,
    ).toBe('accepted');

    const published = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/public/inspection-results?pageSize=200' }))
        .json()
        .items.filter((x: { id: string }) => x.id === insp.id);
    expect(await published()).toEqual([]);
    const closed = (await gd.post(`${url}/close`, { result: '整改到位，检查合格', publish: true })).json();
    expect(closed).toMatchObject({ status: 'closed', result: '整改到位，检查合格', overdue: false, inspectorLevel: 'province' });
    expect(closed.publishedAt).not.toBeNull();
    // 公开: anyone reads the result without an account, and nothing of the findings or files.
    expect(await published()).toEqual([
      {
        id: insp.id,
        title: '2026 年春季试点建设检查',
        schoolName: '广州城市职业学院',
        certificateTypeName: insp.certificateTypeName,
        plannedOn: day(-10),
        result: '整改到位，检查合格',
        publishedAt: closed.publishedAt,
      },
    ]);
    const notes = await t.db
      .selectFrom('notifications')
      .select('title')
      .where('user_id', '=', gzcp.user.id)
      .where('kind', '=', 'inspection')
      .execute();
    expect(notes.map((n) => n.title)).toContain('“2026 年春季试点建设检查”检查结果');
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', insp.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'inspection.create',
      'inspection.evidence',
      'inspection.finding',
      'inspection.order_rectification',
      'inspection.rectification_report',
      'inspection.rectification_reorder',
      'inspection.rectification_report',
      'inspection.rectification_accept',
      'inspection.close',
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds } from '../../test/factories';
import { type TestApp, createTestApp } from '../../test/test-app';
import { scorecard } from './scorecards.rules';

let t: TestApp;
let gzcpId: string;
let year: number;
beforeAll(async () => {
  t = await createTestApp();
  gzcpId = (await demoIds(t.db)).gzcp;
  year = (await t.db.selectFrom('exam_result_facts').select('year').where('school_id', '=', gzcpId).executeTakeFirstOrThrow()).year;
});
afterAll(() => t.close());

describe('R8.7 yearly scorecards', () => {
  it('R8.7 R8.5 a province sees its schools scored from exam results and upheld complaints; other roles and provinces do not', async () => {
    const results = await t.db
      .selectFrom('exam_result_facts')
      .select('passed')
      .where('school_id', '=', gzcpId)
      .where('year', '=', year)
      .execute();
    // Three complaints about the school this year, closed by the province: upheld, partly upheld, not upheld.
    const gd = await t.loginAs('gd-admin');
    for (const verdict of ['upheld', 'partly_upheld', 'not_upheld']) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/complaints',
        payload: { category: 'overcharging', subjectType: 'school', subjectId: gzcpId, content: '培训收费过高，请核查处理。' },
      });
      const c = await t.db
        .selectFrom('complaints')
        .select('id')
        .where('tracking_code', '=', r.json().trackingCode)
        .executeTakeFirstOrThrow();
      const closed = await gd.post(`/api/v1/complaints/${c.id}/transitions`, { action: 'close', comment: '已核查处理', verdict });
      expect(closed.statusCode, closed.body).toBe(200);
    }
    await t.db
      .updateTable('complaints')
      .set({ filed_at: new Date(`${year}-06-01T00:00:00Z`) })
      .execute();

    const res = await gd.get(`/api/v1/scorecards?kind=school&year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json().items.find((i: { subjectId: string }) => i.subjectId === gzcpId);
    const passed = results.filter((r) => r.passed).length;
    const findings = await t.db
      .selectFrom('inspection_findings as f')
      .innerJoin('inspections as i', 'i.id', 'f.inspection_id')
      .select('f.id')
      .where('i.school_id', '=', gzcpId)
      .where('f.issue', '=', true)
      .execute();
    // Only the upheld and the partly upheld complaint count against the school.
    expect(card.facts).toMatchObject({ examined: results.length, passed, complaints: 2, findings: findings.length });
    expect(card).toMatchObject(scorecard(card.facts));
    expect(card.parts.passRate).toBe(Math.round((400 * passed) / results.length) / 10);
    expect(card.parts.complaints).toBe(5);

    expect(
      (await (await t.loginAs('hb-admin')).get(`/api/v1/scorecards?year=${year}`))
        .json()
        .items.map((i: { subjectId: string }) => i.subjectId),
    ).not.toContain(gzcpId);
    expect((await gd.get(`/api/v1/scorecards?kind=organization&year=${year}`)).statusCode).toBe(403);
    expect((await (await t.loginAs('gzcp-admin')).get(`/api/v1/scorecards?year=${year}`)).statusCode).toBe(403);
    const orgs = (await (await t.loginAs('national')).get(`/api/v1/scorecards?kind=organization&year=${year}`)).json().items;
    expect(orgs.some((o: { facts: { examined: number } }) => o.facts.examined > 0)).toBe(true);
  });
});

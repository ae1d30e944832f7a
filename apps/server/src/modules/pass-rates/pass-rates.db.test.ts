import type { FilingDetailDto, PassRateFlagDto, RuleReportDto } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, demoFilingId } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
let gd: Agent, hb: Agent, gzcp: Agent, gdst: Agent;
let bimDraft: string, irPilot: string, tax: string;

async function passRates(school: string, code: string, year: number, candidates: number, passed: number) {
  const s = await t.db.selectFrom('schools').select('id').where('name', '=', school).executeTakeFirstOrThrow();
  const c = await t.db.selectFrom('certificate_types').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  await t.db
    .insertInto('certificate_pass_rates')
    .values({ school_id: s.id, certificate_type_id: c.id, year, candidates, passed })
    .onConflict((oc) => oc.columns(['school_id', 'certificate_type_id', 'year']).doUpdateSet({ candidates, passed }))
    .execute();
}
const flag = async (agent: Agent, id: string) => {
  const res = await agent.get(`/api/v1/filings/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FilingDetailDto>().passRate;
};
const passRateRule = async (agent: Agent, id: string) =>
  (await agent.get(`/api/v1/filings/${id}/rule-report`)).json<RuleReportDto>().results.find((r) => r.ruleId === 'pass_rate')!;
const override = (agent: Agent, id: string, body: unknown) => agent.post(`/api/v1/filings/${id}/pass-rate-override`, body);

beforeAll(async () => {
  t = await createTestApp();
  [gd, hb, gzcp, gdst] = await Promise.all([
    t.loginAs('gd-admin'),
    t.loginAs('hb-admin'),
    t.loginAs('gzcp-admin'),
    t.loginAs('gdst-admin'),
  ]);
  bimDraft = await demoFilingId(t.db, '广东生态工程职业学院', 'BIM'); // 2026 draft
  irPilot = await demoFilingId(t.db, '广州城市职业学院', 'IR-PROG'); // 2026 pilot, published
  tax = await demoFilingId(t.db, '广州城市职业学院', 'SMART-TAX'); // 2026, provincial review
});
afterAll(async () => t.close());

describe('R3.9 pass-rate restriction (粤生态职院〔2023〕18号 第十二条)', () => {
  it('without exam data nothing is flagged and the rule passes', async () => {
    const f = await flag(gdst, bimDraft);
    expect(f).toMatchObject({ threshold: 0.9, pilot: null, previousYear: null, restricted: false, overridden: false, canOverride: false });
    expect((await passRateRule(gdst, bimDraft)).passed).toBe(true);
  });

  it('a pilot whose own year’s pass rate is below 90 % is flagged', async () => {
    await passRates('广州城市职业学院', 'IR-PROG', 2026, 50, 40);
    const f = await flag(gzcp, irPilot);
    expect(f.pilot).toEqual({ year: 2026, candidates: 50, passed: 40, rate: 0.8, belowThreshold: true });
    expect(f.restricted).toBe(false); // its own filing year is not restricted by its own results
  });

  it('the next year’s filing of that school × certificate is blocked until the province overrides with a reason', async () => {
    await passRates('广东生态工程职业学院', 'BIM', 2025, 40, 30);
    const f = await flag(gdst, bimDraft);
    expect(f.previousYear).toMatchObject({ year: 2025, rate: 0.75, belowThreshold: true });
    expect(f).toMatchObject({ restricted: true, canOverride: false });
    const rule = await passRateRule(gdst, bimDraft);
    expect(rule).toMatchObject({ passed: false, severity: 'block' });
    expect(rule.message).toContain('第十二条');
    // The province does not open the school's draft (issue 21 #6); it sees the restriction in its list and may lift it.
    expect((await gd.get(`/api/v1/filings/${bimDraft}`)).statusCode).toBe(404);
    const listed = (await gd.get('/api/v1/pass-rate-restrictions?pageSize=200')).json<{
      items: { filingId: string; canOverride: boolean }[];
    }>();
    expect(listed.items.find((i) => i.filingId === bimDraft)?.canOverride).toBe(true);

    expect((await override(gdst, bimDraft, { reason: '整改' })).statusCode).toBe(403);
    expect((await override(hb, bimDraft, { reason: '整改' })).statusCode).toBe(404);
    expect((await override(gd, bimDraft, { reason: '' })).statusCode).toBe(400);
    const res = await override(gd, bimDraft, { reason: '学校已提交整改报告，同意本年度继续申报。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PassRateFlagDto>()).toMatchObject({
      restricted: false,
      overridden: true,
      override: { reason: '学校已提交整改报告，同意本年度继续申报。', by: '广东省教育厅 1+X 办公室' },
    });
    expect((await passRateRule(gdst, bimDraft)).passed).toBe(true);
    const again = await override(gd, bimDraft, { reason: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PASS_RATE_ALREADY_OVERRIDDEN');
    expect(await auditRows(t.db, 'filing.pass_rate_override')).toHaveLength(1);
  });

  it('a filing that is not restricted needs no override (409)', async () => {
    const res = await override(gd, irPilot, { reason: '无需' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PASS_RATE_NOT_RESTRICTED');
  });

  it('the threshold is a rule parameter of the round (e.g. 80 %)', async () => {
    await passRates('广州城市职业学院', 'SMART-TAX', 2025, 100, 85);
    // issue 18 #0: 001 第十二条 binds 广东生态工程职业学院 only; 广州城市职业学院 is restricted once 广东 adopts the rule
    expect((await flag(gd, tax)).restricted).toBe(false);
    const doc = await gd.post('/api/v1/policies/documents', {
      number: '粤教职函〔2027〕5号',
      title: '关于证书通过率的通知（测试）',
      issuer: '广东省教育厅',
      jurisdiction: { level: 'province', provinceCode: '440000' },
    });
    expect(doc.statusCode, doc.body).toBe(200);
    const rule = await gd.post(`/api/v1/policies/documents/${doc.json().key}/rules`, {
      kind: 'pass_rate',
      clause: '三',
      params: { minPassRate: 0.9 },
    });
    expect(rule.statusCode, rule.body).toBe(200);
    expect((await flag(gd, tax)).restricted).toBe(true);
    const round = (await t.db.selectFrom('filings').select('round_id').where('id', '=', tax).executeTakeFirstOrThrow()).round_id;
    const patched = await gd.request('PATCH', `/api/v1/filing-rounds/${round}`, {
      ruleOverrides: { pass_rate: { params: { minPassRate: 0.8 } } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const f = await flag(gd, tax);
    expect(f).toMatchObject({ threshold: 0.8, restricted: false, previousYear: { rate: 0.85, belowThreshold: false } });
    expect((await passRateRule(gd, tax)).passed).toBe(true);
  });
});

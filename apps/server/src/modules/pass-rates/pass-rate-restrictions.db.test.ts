import type { PassRateRestrictionDto } from '@onex/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFilingId } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
let gd: Agent, hb: Agent, gdst: Agent, national: Agent;
let webFe: string;

beforeAll(async () => {
  t = await createTestApp();
  [gd, hb, gdst, national] = await Promise.all([
    t.loginAs('gd-admin'),
    t.loginAs('hb-admin'),
    t.loginAs('gdst-admin'),
    t.loginAs('national'),
  ]);
  webFe = await demoFilingId(t.db, '广东生态工程职业学院', 'WEB-FE'); // demo: its 2025 pilot passed 30 of 40
});
afterAll(() => t.close());

const list = async (a: Agent, query = '') => {
  const r = await a.get(`/api/v1/pass-rate-restrictions${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ items: PassRateRestrictionDto[]; total: number }>();
};

describe('R3.9 R5.6 pass-rate restrictions and the overrides granted', () => {
  it('R3.9 the demo pilot below 90 % restricts its school’s next filing; scoped like the filings', async () => {
    const gdList = await list(gd, '?state=restricted');
    const row = gdList.items.find((i) => i.filingId === webFe);
    expect(row).toMatchObject({
      schoolName: '广东生态工程职业学院',
      certificateName: 'Web 前端开发',
      year: 2026,
      threshold: 0.9,
      previousYear: { year: 2025, candidates: 40, passed: 30, rate: 0.75, belowThreshold: true },
      overridden: false,
      canOverride: true,
    });
    expect((await list(gdst)).items.map((i) => i.filingId)).toContain(webFe);
    expect((await list(gdst)).items.every((i) => !i.canOverride)).toBe(true);
    expect((await list(hb)).items.map((i) => i.filingId)).not.toContain(webFe);
    expect((await list(national)).items.map((i) => i.filingId)).toContain(webFe);
    expect((await (await t.loginAs('org-web')).get('/api/v1/pass-rate-restrictions')).statusCode).toBe(403);
  });

  it('R3.9 at the threshold nothing is restricted (89/100 is, 90/100 is not)', async () => {
    const ids = await t.db
      .selectFrom('filings')
      .select(['school_id', 'certificate_type_id', 'year'])
      .where('id', '=', webFe)
      .executeTakeFirstOrThrow();
    const set = (passed: number) =>
      t.db
        .updateTable('certificate_pass_rates')
        .set({ candidates: 100, passed })
        .where('school_id', '=', ids.school_id)
        .where('certificate_type_id', '=', ids.certificate_type_id)
        .where('year', '=', ids.year - 1)
        .execute();
    await set(90);
    expect((await list(gd)).items.map((i) => i.filingId)).not.toContain(webFe);
    await set(89);
    expect((await list(gd)).items.find((i) => i.filingId === webFe)?.previousYear.rate).toBe(0.89);
  });

  it('R3.9 R5.6 once the province overrides with a reason, the list shows it as granted, with the reason; exports as .xlsx', async () => {
    const res = await gd.post(`/api/v1/filings/${webFe}/pass-rate-override`, { reason: '学校已完成整改，同意继续申报。' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await list(gd, '?state=restricted')).items.map((i) => i.filingId)).not.toContain(webFe);
    const granted = (await list(gd, '?state=overridden')).items.find((i) => i.filingId === webFe);
    expect(granted).toMatchObject({
      overridden: true,
      canOverride: false,
      overrideReason: '学校已完成整改，同意继续申报。',
      overriddenBy: '广东省教育厅 1+X 办公室',
    });
    const x = await gd.get('/api/v1/pass-rate-restrictions?format=xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const values = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(values).toContain('特批理由');
    expect(values).toContain('广东生态工程职业学院');
    expect(values).toContain('学校已完成整改，同意继续申报。');
  });

  it('R5.6 R10.2 the pass-rate table exports as .xlsx with the same rows and the total', async () => {
    const json = (await gd.get('/api/v1/pass-rates?groupBy=school')).json<{
      items: { label: string; candidates: number }[];
      total: { candidates: number };
    }>();
    const x = await gd.get('/api/v1/pass-rates?groupBy=school&format=xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('院校');
    expect(ws.getRow(2).getCell(1).value).toBe(json.items[0]!.label);
    expect(ws.getRow(json.items.length + 2).getCell(1).value).toBe('合计');
    expect(ws.getRow(json.items.length + 2).getCell(2).value).toBe(json.total.candidates);
  });
});

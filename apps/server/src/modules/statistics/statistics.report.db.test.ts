import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON responses are read by path in these tests
type Json = Record<string, any>;

let t: TestApp;
let gd: Agent;
const YEAR = 2026;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.statisticsRefresher.refresh();
  gd = await t.loginAs('gd-admin');
});
afterAll(() => t.close());

const summary = async (a: Agent, query: string) => {
  const r = await a.get(`/api/v1/statistics/summary?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Json>();
};

async function workbook(a: Agent, query: string) {
  const r = await a.get(`/api/v1/statistics/report?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  return { wb, disposition: String(r.headers['content-disposition']) };
}

/** A sheet's rows as arrays of cell values (1-based columns → 0-based). */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    out[n - 1] = Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).value ?? null);
  });
  return out;
}

/** The eight figures of a summary row in the report's column order (通过率 '—' without exams). */
const figures = (r: Json) => [
  r.pilots,
  r.plannedCandidates,
  r.registeredCandidates,
  r.examinedCandidates,
  r.passed,
  r.passRate ?? '—',
  r.certificatesIssued,
  r.certificatesRevoked,
];

describe('R10.1 R10.2 动态报送 report (.xlsx in the 汇总表 layout)', () => {
  it('R10.1 R10.2 gd-admin’s report has the title, 填报单位 / 填报日期, the header and figures equal to /statistics/summary', async () => {
    const { wb, disposition } = await workbook(gd, `year=${YEAR}`);
    expect(disposition).toContain(encodeURIComponent(`${YEAR}年广东省1+X证书制度试点工作动态报送表.xlsx`));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按院校', '按证书及等级']);

    const schools = rowsOf(wb.getWorksheet('按院校')!);
    expect(schools[0]![0]).toBe(`${YEAR}年广东省1+X证书制度试点工作动态报送表`);
    expect(String(schools[1]![0])).toBe('填报单位：广东省教育行政部门（盖章）');
    expect(String(schools[1]![5])).toMatch(/^填报日期：\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(schools[2]).toEqual([
      '序号',
      '试点院校名称',
      '试点项目数',
      '计划考证人数',
      '报名人数',
      '参考人数',
      '合格人数',
      '通过率',
      '发证数',
      '撤销数',
    ]);
    const bySchool = await summary(gd, `groupBy=school&year=${YEAR}&provinceCode=440000`);
    expect(bySchool.rows.length).toBeGreaterThan(0);
    const body = schools.slice(3, 3 + bySchool.rows.length);
    for (const r of bySchool.rows) {
      const line = body.find((l) => l[1] === r.label);
      expect(line, r.label).toBeDefined();
      expect(line!.slice(2)).toEqual(figures(r));
    }
    expect(body.map((l) => l[0])).toEqual(bySchool.rows.map((_: unknown, i: number) => i + 1));
    const total = schools[3 + bySchool.rows.length]!;
    expect(total[0]).toBe('合计');
    expect(total.slice(2)).toEqual(figures(bySchool.totals));
    expect(bySchool.totals.examinedCandidates).toBeGreaterThan(0); // the demo's exams are in the figures

    const certs = rowsOf(wb.getWorksheet('按证书及等级')!);
    expect(certs[2]!.slice(0, 3)).toEqual(['序号', '证书名称', '等级']);
    const byCertificate = await summary(gd, `groupBy=certificateType&year=${YEAR}&provinceCode=440000`);
    for (const r of byCertificate.rows) {
      const line = certs.find((l) => l[1] === r.label && l[2] === '小计');
      expect(line, r.label).toBeDefined();
      expect(line!.slice(3)).toEqual(figures(r));
    }
    // A filing rejected in a published round (网店运营推广 of 广州城市职业学院) is no pilot.
    expect(certs.some((l) => l[1] === '网店运营推广')).toBe(false);
    const certTotal = certs.find((l) => l[0] === '合计')!;
    expect(certTotal.slice(3)).toEqual(figures(byCertificate.totals));
    // A certificate's level rows hold that level's figures (the drill-down of 统计分析).
    const ir = byCertificate.rows.find((r: Json) => r.label === '工业机器人应用编程')!;
    const levels = await summary(gd, `groupBy=level&year=${YEAR}&certificateTypeId=${ir.key}`);
    const intermediate = levels.rows.find((r: Json) => r.key === 'intermediate')!;
    const irAt = certs.findIndex((l) => l[1] === '工业机器人应用编程');
    const levelLine = certs.slice(irAt + 1).find((l) => l[2] === intermediate.label)!;
    expect(levelLine.slice(5)).toEqual(figures(intermediate).slice(2));
  });

  it('R10.1 a province gets only its own (another province → 404); the national level any province or all; others 403', async () => {
    expect((await gd.get(`/api/v1/statistics/report?year=${YEAR}&provinceCode=420000`)).statusCode).toBe(404);
    const hb = await t.loginAs('hb-admin');
    const { wb: hbBook } = await workbook(hb, `year=${YEAR}`);
    const hbRows = rowsOf(hbBook.getWorksheet('按院校')!);
    expect(hbRows[0]![0]).toBe(`${YEAR}年湖北省1+X证书制度试点工作动态报送表`);
    expect(hbRows.some((l) => l[1] === '广州城市职业学院')).toBe(false);
    expect((await hb.get(`/api/v1/statistics/report?year=${YEAR}&provinceCode=440000`)).statusCode).toBe(404);

    const national = await t.loginAs('national');
    const { wb: gdByNational } = await workbook(national, `year=${YEAR}&provinceCode=440000`);
    const { wb: gdOwn } = await workbook(gd, `year=${YEAR}`);
    const body = (b: ExcelJS.Workbook) => rowsOf(b.getWorksheet('按院校')!).slice(2, -1);
    expect(body(gdByNational)).toEqual(body(gdOwn));
    const { wb: all } = await workbook(national, `year=${YEAR}`);
    expect(rowsOf(all.getWorksheet('按院校')!)[0]![0]).toBe(`${YEAR}年全国1+X证书制度试点工作动态报送表`);
    expect((await national.get(`/api/v1/statistics/report?provinceCode=999999`)).statusCode).toBe(404);

    for (const who of ['gz-admin', 'gzcp-admin', 'org-bim', 'learner1'])
      expect((await (await t.loginAs(who)).get(`/api/v1/statistics/report?year=${YEAR}`)).statusCode, who).toBe(403);
  });

  it('R10.2 each download is audited as an export, in the province’s audit scope', async () => {
    const count = async () =>
      (
        await t.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'statistics.report_export')
          .where('province_code', '=', '440000')
          .execute()
      ).length;
    const before = await count();
    await workbook(gd, `year=${YEAR}`);
    expect(await count()).toBe(before + 1);
  });

  it('R10.2 the report and the pass-rate restrictions are in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<Json>();
    expect(doc.paths['/api/v1/statistics/report'].get.summary).toContain('动态报送表');
    expect(doc.paths['/api/v1/pass-rate-restrictions'].get.summary).toContain('通过率限制');
  });
});

import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFilingId } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { SUMMARY_COLUMNS } from './filing-exports.rules';

let t: TestApp;
let gd: Agent, hb: Agent, gz: Agent, gzcp: Agent, zz: Agent, national: Agent;
let roundId: string;

const filingId = (school: string, code: string) => demoFilingId(t.db, school, code);
async function pdfText(bytes: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, '');
  } finally {
    await parser.destroy();
  }
}

const act = async (agent: Agent, id: string, body: Record<string, unknown>) => {
  const res = await agent.post(`/api/v1/filings/${id}/transitions`, body);
  expect(res.statusCode, res.body).toBe(200);
};

beforeAll(async () => {
  t = await createTestApp();
  [gd, hb, gz, gzcp, zz, national] = await Promise.all([
    t.loginAs('gd-admin'),
    t.loginAs('hb-admin'),
    t.loginAs('gz-admin'),
    t.loginAs('gzcp-admin'),
    t.loginAs('zz-admin'),
    t.loginAs('national'),
  ]);
  roundId = (await t.db.selectFrom('filing_rounds').select('id').where('province_code', '=', '440000').executeTakeFirstOrThrow()).id;
  // The known data set: gzcp IR-PROG (published, approved, 60 + 40), gzcp SMART-TAX approved now (80 + 35),
  // zz WEB-FE through the municipal path and approved (50); gzcp E-SHOP (rejected) and the rest stay out.
  await act(gd, await filingId('广州城市职业学院', 'SMART-TAX'), { action: 'approve' });
  const zzWeb = await filingId('广州市轻工职业学校', 'WEB-FE');
  await act(gz, zzWeb, { action: 'accept_for_review' });
  await act(gz, zzWeb, { action: 'municipal_approve' });
  await act(gd, zzWeb, { action: 'approve' });
});
afterAll(async () => t.close());

describe('R3.10 exports: the round summary (汇总表) as .xlsx', () => {
  it('has exactly the columns of 003 附件1 under a title row, one row per school of the approved filings', async () => {
    const res = await gd.get(`/api/v1/filing-rounds/${roundId}/summary.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toBe('2026年广东省1+X证书制度试点院校汇总表');
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(2)).toEqual([...SUMMARY_COLUMNS]);
    expect(ws.rowCount).toBe(4);
    expect(values(3)).toEqual([
      1,
      '广州城市职业学院',
      '高职',
      '工业机器人应用编程（中级）、智能财税（初级、中级）',
      4,
      expect.any(String),
      60 + 40 + 80 + 35,
      expect.any(String),
    ]);
    expect(String(values(3)[5]).split('、')).toHaveLength(4);
    expect(values(4).slice(0, 5)).toEqual([2, '广州市轻工职业学校', '中职', 'Web 前端开发（初级）', 1]);
    expect(values(4)[6]).toBe(50);
  });

  it('is for the province of the round and the national level only: others 404 / 403', async () => {
    expect((await national.get(`/api/v1/filing-rounds/${roundId}/summary.xlsx`)).statusCode).toBe(200);
    expect((await hb.get(`/api/v1/filing-rounds/${roundId}/summary.xlsx`)).statusCode).toBe(404);
    expect((await gzcp.get(`/api/v1/filing-rounds/${roundId}/summary.xlsx`)).statusCode).toBe(403);
  });
});

describe('R3.10 exports: 备案表 and 论证报告 as printable PDF', () => {
  it('the 备案表 carries the filing’s Chinese text: school, certificate, majors, leader', async () => {
    const id = await filingId('广州城市职业学院', 'IR-PROG');
    const res = await gzcp.get(`/api/v1/filings/${id}/filing-form.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.length).toBeLessThan(1_000_000); // fonts are subset
    const text = await pdfText(res.rawPayload);
    const majors = await t.db.selectFrom('filing_majors').select('major_name').where('filing_id', '=', id).execute();
    for (const s of [
      '2026年1+X证书制度项目备案表',
      '广州城市职业学院',
      '工业机器人应用编程',
      majors[0]!.major_name,
      '陈志刚',
      '一、申报计划',
      '申报单位意见',
      '主管部门意见',
    ])
      expect(text, s).toContain(s.replace(/\s+/g, ''));
  });

  it('the 论证报告 carries the project name, leader, majors and experts', async () => {
    const id = await filingId('广州城市职业学院', 'IR-PROG');
    const res = await gd.get(`/api/v1/filings/${id}/feasibility-report.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    const text = await pdfText(res.rawPayload);
    const f = await t.db.selectFrom('filings').select('feasibility').where('id', '=', id).executeTakeFirstOrThrow();
    const feas = f.feasibility as { experts: { name: string }[]; majors: { name: string }[] };
    for (const s of [
      '2026年1+X证书制度项目论证报告',
      '广州城市职业学院',
      '工业机器人应用编程（中级）',
      '陈志刚',
      feas.majors[0]!.name,
      feas.experts[0]!.name,
      '专家组成员',
      '论证意见',
    ])
      expect(text, s).toContain(s.replace(/\s+/g, ''));
  });

  it('is scope-checked like the filing (404 outside), and a draft prints with blanks', async () => {
    const id = await filingId('广州城市职业学院', 'IR-PROG');
    expect((await zz.get(`/api/v1/filings/${id}/filing-form.pdf`)).statusCode).toBe(404);
    expect((await hb.get(`/api/v1/filings/${id}/feasibility-report.pdf`)).statusCode).toBe(404);
    const draft = await filingId('广东生态工程职业学院', 'BIM');
    const res = await t.loginAs('gdst-admin').then((a) => a.get(`/api/v1/filings/${draft}/feasibility-report.pdf`));
    expect(res.statusCode, res.body).toBe(200);
  });
});

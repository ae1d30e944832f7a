import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../test/test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON responses are read by path in these tests
type Json = Record<string, any>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function readSheet(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

async function exportOf(a: Agent, url: string) {
  const r = await a.get(`${url}${url.includes('?') ? '&' : '?'}format=xlsx`);
  expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
  expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return readSheet(r.rawPayload);
}

describe('R10.2 every list exports to .xlsx', () => {
  it.each([
    ['national', '/api/v1/schools'],
    ['national', '/api/v1/audit-log'],
    ['gd-admin', '/api/v1/filings'],
    ['org-robot', '/api/v1/certificates'],
    ['national', '/api/v1/public/certificate-types'],
  ])('R10.2 %s %s: one Chinese header row and one row per item of the whole list (not one page)', async (user, url) => {
    const a = await t.loginAs(user);
    const list = (await a.get(`${url}?pageSize=1`)).json<Json>();
    const sheet = await exportOf(a, url);
    const rows = sheet.actualRowCount - 1;
    expect(rows).toBe(list.total > 0 ? list.total : 1); // an empty list says （无数据）
    if (list.total > 0) expect(String(sheet.getRow(1).getCell(1).value)).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('R10.2 the export keeps the list’s scope: a province exports only its own schools', async () => {
    const gd = await t.loginAs('gd-admin');
    const hb = await t.loginAs('hb-admin');
    const gdTotal = (await gd.get('/api/v1/schools?pageSize=1')).json<Json>().total;
    const hbTotal = (await hb.get('/api/v1/schools?pageSize=1')).json<Json>().total;
    expect((await exportOf(gd, '/api/v1/schools')).actualRowCount - 1).toBe(gdTotal);
    expect((await exportOf(hb, '/api/v1/schools')).actualRowCount - 1).toBe(Math.max(hbTotal, 1));
  });

  it('R10.2 a list longer than an export page (read through one cursor on PostgreSQL) comes out whole, once each, in the list’s order', async () => {
    const gd = await t.loginAs('gd-admin');
    const one = (await gd.get('/api/v1/schools?pageSize=1')).json<Json>().items[0];
    const { province_code, city_code } = await t.db
      .selectFrom('schools')
      .select(['province_code', 'city_code'])
      .where('id', '=', one.id)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('schools')
      .values(
        Array.from({ length: 2_345 }, (_, i) => ({
          name: `导出分页学校${String(i).padStart(4, '0')}`,
          school_type: 'higher' as const,
          province_code,
          city_code,
        })),
      )
      .execute();
    const listed: string[] = [];
    for (let page = 1; ; page++) {
      const p = (await gd.get(`/api/v1/schools?pageSize=200&page=${page}`)).json<Json>();
      listed.push(...p.items.map((s: Json) => s.name as string));
      if (listed.length >= p.total) break;
    }
    const sheet = await exportOf(gd, '/api/v1/schools');
    const header = (sheet.getRow(1).values as unknown[]).indexOf('名称');
    const exported: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) exported.push(String(row.getCell(header).value));
    });
    expect(exported).toHaveLength(listed.length);
    expect(exported).toEqual(listed);
  });

  it('R10.2 a value that looks like a formula is written as text, never as a formula', async () => {
    const national = await t.loginAs('national');
    const evil = '=HYPERLINK("http://evil.example","点我")';
    await t.db.updateTable('schools').set({ name: evil }).where('name', '=', '广州市轻工职业学校').execute();
    const sheet = await exportOf(national, '/api/v1/schools');
    let found = false;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (cell.value === evil) found = true;
      }),
    );
    expect(found).toBe(true);
  });

  it('R10.2 the list’s errors still answer as JSON (no half file): another role gets its 403', async () => {
    const learner = await t.loginAs('learner1');
    const r = await learner.get('/api/v1/audit-log?format=xlsx');
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
  });
});

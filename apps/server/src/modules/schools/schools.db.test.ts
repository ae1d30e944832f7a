import { creditCodeCheckChar } from '@onex/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { auditCount, demoIds } from '../../test/factories';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let gd: Agent, hb: Agent, gz: Agent, gdst: Agent, gzcp: Agent, national: Agent;

const code = (base17: string) => base17 + creditCodeCheckChar(base17)!;
const newSchool = (o: Record<string, unknown> = {}) => ({
  name: '广东测试职业技术学院',
  creditCode: code('12440000455800001'),
  schoolType: 'higher',
  cityCode: '440300',
  flags: ['provincial_model'],
  contactPhone: '0755-12345678',
  ...o,
});

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  [gd, hb, gz, gdst, gzcp, national] = (await Promise.all(
    ['gd-admin', 'hb-admin', 'gz-admin', 'gdst-admin', 'gzcp-admin', 'national'].map((u) => t.loginAs(u)),
  )) as [Agent, Agent, Agent, Agent, Agent, Agent];
});
afterAll(() => t.close());

describe('R2.1 school registration', () => {
  it('R2.1 a provincial administrator registers a school of its province: pending, then approved; audited', async () => {
    const before = await auditCount(t.db);
    const res = await gd.post('/api/v1/schools', newSchool());
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({ status: 'pending', provinceCode: '440000', cityCode: '440300', flags: ['provincial_model'] });
    expect(s.allowedActions).toEqual(['update', 'approve']);
    const ok = await gd.post(`/api/v1/schools/${s.id}/approval`, { comment: '材料齐全' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', allowedActions: ['update'] });
    expect((await gd.post(`/api/v1/schools/${s.id}/approval`)).json().error.code).toBe('SCHOOL_ALREADY_APPROVED');
    expect(await auditCount(t.db)).toBe(before + 2);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'province_code', 'school_id'])
      .where('target_id', '=', s.id)
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'school.register', province_code: '440000', school_id: s.id },
        { action: 'school.approve', province_code: '440000', school_id: s.id },
      ]),
    );
  });

  it('R2.1 one registration per school: the same credit code (or name) again is 409 SCHOOL_ALREADY_REGISTERED', async () => {
    const again = await gd.post('/api/v1/schools', newSchool({ name: '另一个名字学院' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'SCHOOL_ALREADY_REGISTERED', details: { field: 'creditCode' } });
    const demoCode = await t.db.selectFrom('schools').select('credit_code').where('id', '=', ids.whvc).executeTakeFirstOrThrow();
    // Even across provinces: the national registry has one row per credit code.
    expect((await gd.post('/api/v1/schools', newSchool({ name: '又一个学院', creditCode: demoCode.credit_code }))).statusCode).toBe(409);
    expect((await gd.post('/api/v1/schools', newSchool({ creditCode: code('12440000455800002') }))).json().error.details).toEqual({
      field: 'name',
    });
  });

  it('R2.1 技工学校 is refused with a Chinese reason citing the clause', async () => {
    const res = await gd.post(
      '/api/v1/schools',
      newSchool({ name: '广州市某技工学校', creditCode: code('12440000455800003'), schoolType: 'technical_school' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('SCHOOL_TYPE_NOT_ELIGIBLE');
    expect(res.json().error.message).toContain('技工学校');
  });

  it('R2.1 a mistyped credit code is refused at the check character; the city must lie in the province', async () => {
    const typo = await gd.post('/api/v1/schools', newSchool({ name: '校验位学院', creditCode: '124400004558000019' }));
    const fixed = code('12440000455800001');
    expect(typo.statusCode).toBe(400);
    expect(fixed).not.toBe('124400004558000019');
    expect(typo.json().error.details.fields[0]).toMatchObject({ path: 'body.creditCode', message: expect.stringContaining('校验位') });
    const city = await gd.post(
      '/api/v1/schools',
      newSchool({ name: '外省城市学院', creditCode: code('12440000455800004'), cityCode: '420100' }),
    );
    expect(city.statusCode).toBe(400);
    expect(city.json().error.details.fields).toEqual([{ path: 'cityCode', message: '所选城市不属于该省份' }]);
  });

  it('R2.1 registering in another province is 404; a school administrator cannot register (403)', async () => {
    expect(
      (await gd.post('/api/v1/schools', newSchool({ provinceCode: '420000', cityCode: '420100', creditCode: code('12420000455800005') })))
        .statusCode,
    ).toBe(404);
    expect((await gdst.post('/api/v1/schools', newSchool({ creditCode: code('12440000455800006') }))).statusCode).toBe(403);
  });
});

describe('R2.1 scope of school records', () => {
  it('R2.1 gd-admin cannot see or edit a Hubei school (404), hb-admin can', async () => {
    expect((await gd.get(`/api/v1/schools/${ids.whvc}`)).statusCode).toBe(404);
    expect((await gd.request('PATCH', `/api/v1/schools/${ids.whvc}`, { contactName: 'x' })).statusCode).toBe(404);
    expect((await gd.post(`/api/v1/schools/${ids.whvc}/approval`)).statusCode).toBe(404);
    const list = (await gd.get('/api/v1/schools?pageSize=200')).json();
    expect(list.items.every((s: { provinceCode: string }) => s.provinceCode === '440000')).toBe(true);
    expect((await hb.get(`/api/v1/schools/${ids.whvc}`)).statusCode).toBe(200);
  });

  it('R2.1 gz-admin reads only the schools of its city and edits none', async () => {
    const list = (await gz.get('/api/v1/schools?pageSize=200')).json();
    expect(list.total).toBeGreaterThanOrEqual(3);
    expect(
      list.items.every((s: { cityCode: string; allowedActions: string[] }) => s.cityCode === '440100' && s.allowedActions.length === 0),
    ).toBe(true);
    expect((await gz.request('PATCH', `/api/v1/schools/${ids.gdst}`, { contactName: 'x' })).statusCode).toBe(403);
    expect((await gz.get(`/api/v1/schools/${ids.whvc}`)).statusCode).toBe(404);
  });

  it('R2.1 a school administrator edits its own contact data only: flags are 403, another school is 404', async () => {
    const own = await gdst.request('PATCH', `/api/v1/schools/${ids.gdst}`, { contactName: '王老师', contactPhone: '020-88888888' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ contactName: '王老师', editableFields: ['address', 'contactName', 'contactPhone'] });
    const flags = await gdst.request('PATCH', `/api/v1/schools/${ids.gdst}`, { flags: ['double_high'] });
    expect(flags.statusCode).toBe(403);
    expect(flags.json().error.details).toEqual({ fields: ['flags'] });
    expect((await gdst.request('PATCH', `/api/v1/schools/${ids.gzcp}`, { contactName: 'x' })).statusCode).toBe(404);
    const list = (await gdst.get('/api/v1/schools')).json();
    expect(list.items.map((s: { id: string }) => s.id)).toEqual([ids.gdst]);
  });

  it('R2.1 the provincial administrator changes flags; national sees every school; a learner is 403', async () => {
    const res = await gd.request('PATCH', `/api/v1/schools/${ids.gdst}`, { flags: ['double_high', 'provincial_model'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().flags).toEqual(['double_high', 'provincial_model']);
    expect((await national.get(`/api/v1/schools/${ids.whvc}`)).statusCode).toBe(200);
    expect((await (await t.loginAs('learner1')).get('/api/v1/schools')).statusCode).toBe(403);
  });

  it('R2.1 demo schools carry valid credit codes and are approved', async () => {
    const s = (await national.get('/api/v1/schools?pageSize=200')).json().items;
    const demo = s.filter((x: { name: string }) =>
      ['广东生态工程职业学院', '广州城市职业学院', '广州市轻工职业学校', '武汉职业技术学院'].includes(x.name),
    );
    expect(demo).toHaveLength(4);
    for (const x of demo) {
      expect(x.status).toBe('approved');
      expect(creditCodeCheckChar(x.creditCode.slice(0, 17))).toBe(x.creditCode[17]);
    }
  });
});

describe('R2.2 departments and majors', () => {
  it('R2.2 the school administrator adds, renames and deletes a department; duplicates are 409', async () => {
    const res = await gdst.post(`/api/v1/schools/${ids.gdst}/departments`, { name: '智能制造学院' });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d.allowedActions).toEqual(['update', 'delete', 'addMajor']);
    expect((await gdst.post(`/api/v1/schools/${ids.gdst}/departments`, { name: '智能制造学院' })).json().error.code).toBe(
      'DEPARTMENT_NAME_TAKEN',
    );
    expect((await gzcp.post(`/api/v1/schools/${ids.gdst}/departments`, { name: 'x学院' })).statusCode).toBe(404);
    expect((await gd.post(`/api/v1/schools/${ids.gdst}/departments`, { name: '省里加的' })).statusCode).toBe(403);
    expect((await gdst.request('PATCH', `/api/v1/departments/${d.id}`, { name: '智能制造与机器人学院' })).json().name).toBe(
      '智能制造与机器人学院',
    );
    expect((await gdst.request('DELETE', `/api/v1/departments/${d.id}`)).statusCode).toBe(204);
    expect((await gdst.request('DELETE', `/api/v1/departments/${ids.gdstDept}`)).json().error.code).toBe('DEPARTMENT_IN_USE');
  });

  it('R2.2 majors carry yearly figures; 双师型 > 专任 is refused in Chinese; ≤ 3 bases', async () => {
    const dept = (await gdst.get(`/api/v1/schools/${ids.gdst}/departments`)).json().items[0];
    const m = await gdst.post(`/api/v1/schools/${ids.gdst}/majors`, { departmentId: dept.id, majorCode: '610201', name: '计算机应用技术' });
    expect(m.statusCode, m.body).toBe(201);
    const id = m.json().id;
    const figures = {
      enrolledStudents: 200,
      fullTimeTeachers: 10,
      partTimeTeachers: 5,
      seniorTitleTeachers: 4,
      dualQualifiedTeachers: 6,
      industryExpertTeachers: 3,
      nationalInnovationTeam: false,
      trainingRooms: [{ name: '计算机应用实训室', areaM2: 150, workstations: 50 }],
      offCampusBases: [{ name: '某科技公司' }],
      lastYearUsage: 1600,
    };
    const put = await gdst.request('PUT', `/api/v1/school-majors/${id}/years/2026`, figures);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().years[0]).toMatchObject({ year: 2026, dualQualifiedTeachers: 6, trainingRooms: figures.trainingRooms });
    const bad = await gdst.request('PUT', `/api/v1/school-majors/${id}/years/2026`, { ...figures, dualQualifiedTeachers: 11 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].message).toBe('双师型教师数不能大于专任教师数');
    const bases = [1, 2, 3, 4].map((i) => ({ name: `基地${i}` }));
    expect((await gdst.request('PUT', `/api/v1/school-majors/${id}/years/2026`, { ...figures, offCampusBases: bases })).statusCode).toBe(
      400,
    );
    expect(
      (await gdst.post(`/api/v1/schools/${ids.gdst}/majors`, { departmentId: dept.id, majorCode: '610201', name: '重复' })).json().error
        .code,
    ).toBe('SCHOOL_MAJOR_EXISTS');
    expect((await gzcp.request('PUT', `/api/v1/school-majors/${id}/years/2026`, figures)).statusCode).toBe(404);
    expect((await gd.request('PUT', `/api/v1/school-majors/${id}/years/2026`, figures)).statusCode).toBe(403);
  });

  it('R2.2 a department administrator sees and edits only its own department’s majors', async () => {
    const depts = (await gzcp.get(`/api/v1/schools/${ids.gzcp}/departments`)).json().items as { id: string; name: string }[];
    const own = depts.find((d) => d.name === '管理学院')!;
    expect(
      (
        await gzcp.post('/api/v1/users', {
          username: 'gzcp-mgmt',
          displayName: '管理学院',
          role: 'department_admin',
          password: 'Passw0rd!',
          departmentId: own.id,
        })
      ).statusCode,
    ).toBe(201);
    const da = await t.loginAs('gzcp-mgmt', 'Passw0rd!');
    const majors = (await da.get(`/api/v1/schools/${ids.gzcp}/majors`)).json().items as {
      id: string;
      departmentId: string;
      allowedActions: string[];
    }[];
    expect(majors.map((m) => m.departmentId).every((d) => d === own.id)).toBe(true);
    expect(majors).toHaveLength(3);
    expect(majors[0]!.allowedActions).toEqual(['update', 'editFigures']);
    const other = (await gzcp.get(`/api/v1/schools/${ids.gzcp}/majors`))
      .json()
      .items.find((m: { departmentId: string }) => m.departmentId !== own.id);
    expect((await da.get(`/api/v1/school-majors/${other.id}`)).statusCode).toBe(404);
    expect((await da.get(`/api/v1/schools/${ids.gzcp}`)).statusCode).toBe(200);
  });
});

describe('R2.3 eligibility facts per major', () => {
  it('R2.3 demo majors show passing and failing facts with the source clause', async () => {
    const majors = (await gzcp.get(`/api/v1/schools/${ids.gzcp}/majors`)).json().items as {
      name: string;
      eligibilityYear: number;
      eligibility: { id: string; passed: boolean; value: number | null; threshold: number; source: string }[];
    }[];
    const facts = (name: string) => Object.fromEntries(majors.find((m) => m.name === name)!.eligibility.map((f) => [f.id, f]));
    expect(majors.find((m) => m.name === '机电一体化技术')!.eligibilityYear).toBe(2026);
    expect(Object.values(facts('机电一体化技术')).every((f) => f.passed && f.source === '教职成司函〔2019〕36号 二')).toBe(true);
    expect(facts('工业机器人技术').continuous_enrollment).toMatchObject({ passed: false, value: 2 });
    expect(facts('财务管理').dual_qualified_ratio!.passed).toBe(false);
    expect(facts('社区管理与服务').industry_expert_ratio).toMatchObject({ passed: false, threshold: 0.2 });
  });

  it('R2.3 facts are relative to the requested year', async () => {
    const majors = (await gzcp.get(`/api/v1/schools/${ids.gzcp}/majors?year=2025`)).json().items as {
      eligibilityYear: number;
      eligibility: { id: string; passed: boolean }[];
    }[];
    expect(majors.every((m) => m.eligibilityYear === 2025)).toBe(true);
    // 2023 has no figures, so nobody has three years of students up to 2025.
    expect(majors.every((m) => !m.eligibility.find((f) => f.id === 'continuous_enrollment')!.passed)).toBe(true);
  });
});

// ── Import ──────────────────────────────────────────────────────────────────

const HEADER = [
  '二级学院',
  '专业代码',
  '专业名称',
  '年度',
  '在校学生数',
  '专任教师数',
  '兼职教师数',
  '高级职称教师数',
  '双师型教师数',
  '行业企业专家数',
  '国家级教学创新团队(是/否)',
  '上年度实训使用人次',
];

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专业数据');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(agent: Agent, schoolId: string, bytes: Buffer) {
  const boundary = '----onexboundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="majors.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return agent.request('POST', `/api/v1/schools/${schoolId}/majors/import`, body, {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const countRows = async () => {
  const m = await t.db
    .selectFrom('school_majors')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const y = await t.db
    .selectFrom('school_major_years')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { majors: Number(m.n), years: Number(y.n) };
};

describe('R2.2 bulk import of majors and yearly figures (.xlsx)', () => {
  it('R2.2 the template has the Chinese header row and an instructions sheet', async () => {
    const res = await gdst.get(`/api/v1/schools/${ids.gdst}/majors/import-template`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.getWorksheet('专业数据')!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(wb.getWorksheet('说明')).toBeDefined();
    expect((await gz.get(`/api/v1/schools/${ids.gdst}/majors/import-template`)).statusCode).toBe(403);
  });

  it('R2.2 a good file writes every row in one transaction with one audit row', async () => {
    const before = await countRows();
    const audits = await auditCount(t.db);
    const file = await xlsx([
      ['信息工程学院', '610210', '大数据技术', 2025, 90, 8, 3, 2, 5, 3, '否', 500],
      ['信息工程学院', '610210', '大数据技术', 2026, 120, 9, 3, 3, 5, 3, '是', 720],
      ['信息工程学院', '610119', '物联网应用技术', 2027, 430, 20, 6, 7, 12, 6, '否', 3300],
    ]);
    const res = await upload(gdst, ids.gdst, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ rows: 3, majorsCreated: 1, majorsUpdated: 1, yearsWritten: 3 });
    expect(await countRows()).toEqual({ majors: before.majors + 1, years: before.years + 3 });
    expect(await auditCount(t.db)).toBe(audits + 1);
    const majors = (await gdst.get(`/api/v1/schools/${ids.gdst}/majors`)).json().items;
    const bd = majors.find((m: { majorCode: string }) => m.majorCode === '610210');
    expect(bd.years.map((y: { year: number }) => y.year)).toEqual([2025, 2026]);
    // Importing figures keeps the facilities recorded on the platform.
    const iot = majors.find((m: { majorCode: string }) => m.majorCode === '610119');
    expect(iot.years.find((y: { year: number }) => y.year === 2026).trainingRooms).toHaveLength(1);
  });

  it('R2.2 a file with one bad row writes nothing and names the row and column in Chinese (422 IMPORT_INVALID)', async () => {
    const before = await countRows();
    const audits = await auditCount(t.db);
    const file = await xlsx([
      ['信息工程学院', '610211', '云计算技术应用', 2026, 100, 10, 2, 3, 5, 2, '否', 600],
      ['信息工程学院', '610212', '人工智能技术应用', 2026, 80, 6, 2, 2, 7, 2, '否', 300],
      ['信息工程学院', '610213', '虚拟现实技术应用', 2026, 60, 6, 2, 2, 3, 2, '否', 200],
    ]);
    const res = await upload(gdst, ids.gdst, file);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('IMPORT_INVALID');
    expect(res.json().error.details.errors).toEqual([
      { row: 3, column: '双师型教师数', code: 'INCONSISTENT_COUNTS', message: '双师型教师数不能大于专任教师数' },
    ]);
    expect(await countRows()).toEqual(before);
    expect(await auditCount(t.db)).toBe(audits);
  });

  it('R2.2 every kind of bad cell is reported at once: unknown department, bad number, bad code, 是/否, duplicate', async () => {
    const file = await xlsx([
      ['不存在学院', '610214', '区块链技术应用', 2026, 10, 1, 0, 0, 0, 0, '否', 0],
      ['信息工程学院', '61021', '短代码', 2026, -5, 1, 0, 0, 0, 0, '可能', 0],
      ['信息工程学院', '610119', '物联网应用技术', 2026, 400, 20, 6, 7, 12, 6, '否', 3000],
      ['信息工程学院', '610119', '物联网应用技术', 2026, 400, 20, 6, 7, 12, 6, '否', 3000],
    ]);
    const errors = (await upload(gdst, ids.gdst, file)).json().error.details.errors as { row: number; column: string; code: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: '二级学院', code: 'DEPARTMENT_NOT_FOUND' }),
        expect.objectContaining({ row: 3, column: '专业代码', code: 'INVALID_FORMAT' }),
        expect.objectContaining({ row: 3, column: '在校学生数', code: 'INVALID_FORMAT' }),
        expect.objectContaining({ row: 3, column: '国家级教学创新团队(是/否)', code: 'INVALID_VALUE' }),
        expect.objectContaining({ row: 5, column: '年度', code: 'DUPLICATE_ROW' }),
      ]),
    );
  });

  it('R2.2 import is scoped: another school is 404, a municipal administrator 403, a non-xlsx file 400', async () => {
    const file = await xlsx([['信息工程学院', '610215', '测试', 2026, 1, 1, 0, 0, 0, 0, '否', 0]]);
    expect((await upload(gzcp, ids.gdst, file)).statusCode).toBe(404);
    expect((await upload(gz, ids.gdst, file)).statusCode).toBe(403);
    const junk = await upload(gdst, ids.gdst, Buffer.from('not a spreadsheet'));
    expect(junk.json().error.code).toBe('IMPORT_FILE_UNREADABLE');
  });
});

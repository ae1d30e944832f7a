import type { LearningAccountDetailDto } from '@onex/shared';
import { ACCOUNT_IMPORT_COLUMNS, DEPOSIT_IMPORT_COLUMNS, maskIdNumber } from '@onex/shared';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEARNER1_ID_NUMBER } from '../../db/seed/demo-exams';
import { createLearnerUser, createTestCertificate, createTestLearner, creditBankIdNumber, gzcp, majorOf } from '../../test/credit-bank';
import { postMultipart } from '../../test/exams';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { recomputedTotals } from '../learning-accounts/ledger';

let t: TestApp;
let school: Agent;
let learner1: Agent;
let secretKey: Buffer;
let gzcpId: string;
beforeAll(async () => {
  secretKey = Buffer.alloc(32, 9);
  t = await createTestApp({ secretKey });
  school = await t.loginAs('gzcp-admin');
  learner1 = await t.loginAs('learner1');
  gzcpId = (await gzcp(t.db)).id;
});
afterAll(() => t.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
async function xlsx(sheet: string, header: readonly string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function cacheMatchesLedger(accountId: string) {
  const a = await t.db
    .selectFrom('learning_accounts')
    .select(['total_credits', 'outcome_count'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  expect({ totalCredits: Number(a.total_credits), outcomeCount: a.outcome_count }).toEqual(await recomputedTotals(t.db, accountId));
}

const learner1Account = async () => {
  const l = await t.db
    .selectFrom('learners')
    .innerJoin('users', 'users.id', 'learners.user_id')
    .select('learners.id')
    .where('users.username', '=', 'learner1')
    .executeTakeFirstOrThrow();
  const a = await t.db.selectFrom('learning_accounts').select('id').where('learner_id', '=', l.id).executeTakeFirstOrThrow();
  return { learnerId: l.id, accountId: a.id };
};

describe('api-v1 GET /me/learning-account and the demo (R7.1, R7.3)', () => {
  it('R7.1 the contract endpoint has exactly the api-v1 shape', async () => {
    const res = await learner1.get('/api/v1/me/learning-account');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['holderIdMasked', 'holderName', 'outcomes', 'totalCredits']);
    expect(body.holderName).toBe('李明');
    expect(body.holderIdMasked).toBe(maskIdNumber(LEARNER1_ID_NUMBER));
    const allowed = ['id', 'type', 'name', 'level', 'credits', 'recordedOn', 'source', 'certificateNumber', 'verificationCode'];
    for (const o of body.outcomes) {
      for (const k of Object.keys(o)) expect(allowed).toContain(k);
      expect(['certificate', 'course', 'training', 'other']).toContain(o.type);
      expect(typeof o.credits).toBe('number');
      expect(o.recordedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (o.type === 'certificate')
        expect(o).toMatchObject({ certificateNumber: expect.any(String), verificationCode: expect.any(String) });
      // `level` is a certificate's level only (api-v1 conventions)
      if (o.type === 'certificate') expect(['junior', 'intermediate', 'senior']).toContain(o.level);
      else expect(o.level).toBeUndefined();
    }
    // totalCredits is the sum of the outcomes in force: the revoked certificate and the one used by a conversion are
    // listed but not counted (issue 21 #11), so it is less than the sum of the list
    const sum = body.outcomes.reduce((s: number, o: { credits: number }) => s + o.credits * 10, 0) / 10;
    expect(body.totalCredits).toBeLessThan(sum);
    // the demo: at least two certificates (one revoked), courses, a training, a competition (reported as "other")
    const types = body.outcomes.map((o: { type: string }) => o.type);
    expect(types.filter((x: string) => x === 'certificate').length).toBeGreaterThanOrEqual(2);
    expect(types).toEqual(expect.arrayContaining(['course', 'training', 'other']));
    // no credential or ID number leaks into the contract
    expect(res.body).not.toContain(LEARNER1_ID_NUMBER);
  });

  it('R7.3 my account in full: credits by source, type and year; unused; the demo conversion cites its rule; the revoked certificate stays', async () => {
    const res = await learner1.get('/api/v1/me/learning-account/details');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    const certs = d.entries.filter((e: { type: string }) => e.type === 'certificate');
    expect(certs.map((e: { state: string }) => e.state).sort()).toEqual(expect.arrayContaining(['revoked', 'valid']));
    // The groups count what is in force: both certificates are out (one revoked, one converted into an exemption).
    expect(d.summary.bySource.map((b: { key: string }) => b.key).sort()).toEqual(['conversion', 'school']);
    expect(d.summary.byType.map((b: { key: string }) => b.key).sort()).toEqual(['competition', 'course', 'training']);
    expect(d.summary.byYear.length).toBeGreaterThanOrEqual(2);
    // The 中级 certificate was used by the approved conversion (免修 工业机器人现场编程, rule GZCP-IRP-01).
    expect(d.exemptions).toHaveLength(1);
    expect(d.exemptions[0]).toMatchObject({
      course: { code: 'JD203', name: '工业机器人现场编程' },
      credits: 4,
      grade: '优秀',
      rule: { code: 'GZCP-IRP-01' },
    });
    const used = certs.find((e: { usedInApplicationId: string | null }) => e.usedInApplicationId);
    expect(used.level).toBe('intermediate');
    expect(d.summary.usedCredits).toBe(used.credits);
    expect(d.summary.convertedCredits).toBe(4);
    // unused: valid certificates not yet converted — none left (the 初级 one is revoked)
    expect(d.summary.unusedCount).toBe(0);
    const byId = await learner1.get('/api/v1/me/learning-account');
    expect(byId.json().totalCredits).toBe(d.summary.totalCredits);
    await cacheMatchesLedger(d.id);
  });

  it('R7.3 totals that add up (issue 21 #11): revoked and converted certificates are not counted; the groups and the transcript say the same', async () => {
    const d = (await learner1.get('/api/v1/me/learning-account/details')).json<LearningAccountDetailDto>();
    const live = d.entries.filter((e) => e.entryKind === 'deposit' && e.state !== 'reversed');
    const inForce = live.filter((e) => e.state === 'valid' && !e.usedInApplicationId);
    const tenths = (xs: { credits: number }[]) => xs.reduce((s, e) => s + Math.round(e.credits * 10), 0) / 10;
    expect(live.some((e) => e.state === 'revoked')).toBe(true);
    expect(live.some((e) => e.usedInApplicationId)).toBe(true);
    expect(d.summary.totalCredits).toBe(tenths(inForce));
    expect(d.summary.outcomeCount).toBe(inForce.length);
    for (const groups of [d.summary.bySource, d.summary.byType, d.summary.byYear]) {
      expect(tenths(groups)).toBe(d.summary.totalCredits);
      expect(groups.reduce((s, g) => s + g.count, 0)).toBe(d.summary.outcomeCount);
    }
    const list = (await school.get('/api/v1/learning-accounts?pageSize=200')).json<{ items: { id: string; totalCredits: number }[] }>();
    expect(list.items.find((a) => a.id === d.id)?.totalCredits).toBe(d.summary.totalCredits);
    await cacheMatchesLedger(d.id);

    const pdf = await learner1.get('/api/v1/me/learning-account/transcript');
    const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
    const pages = (await parser.getText()).pages.map((p) => p.text.replace(/\s+/g, ''));
    await parser.destroy();
    expect(pages[0]).toContain(`${d.summary.totalCredits}学分（${d.summary.outcomeCount}项成果）`);
    // No half-empty first page: the outcomes table starts under its heading on page 1.
    expect(pages[0]).toContain('二、学习成果');
    expect(pages[0]).toContain(live[0]!.name.replace(/\s+/g, ''));
  });

  it('R7.5 transcript PDF in Chinese and JSON export with the certificates’ credentials', async () => {
    const pdf = await learner1.get('/api/v1/me/learning-account/transcript');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(String(pdf.headers['content-disposition'])).toContain(encodeURIComponent('学习成果记录'));
    const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
    const text = (await parser.getText()).text.replace(/\s+/g, '');
    await parser.destroy();
    expect(text).toContain('学分银行学习成果记录');
    expect(text).toContain('工业机器人现场编程');
    expect(text).toContain('已撤销');
    expect(text).not.toContain(LEARNER1_ID_NUMBER);

    const json = await learner1.get('/api/v1/me/learning-account/export');
    expect(json.statusCode).toBe(200);
    const doc = JSON.parse(json.body);
    expect(doc).toMatchObject({ format: 'onex-learning-account/1', holder: { name: '李明', idMasked: maskIdNumber(LEARNER1_ID_NUMBER) } });
    expect(doc.credentials.length).toBeGreaterThanOrEqual(2);
    expect(doc.credentials[0].type).toContain('VerifiableCredential');
    expect(doc.exemptions[0].rule.code).toBe('GZCP-IRP-01');
    expect(json.body).not.toContain(LEARNER1_ID_NUMBER);
  });
});

describe('scope (R7.1): a school sees its learners’ accounts, a province reads its schools’, a learner only its own', () => {
  it('R7.1 school, province, national, other school, learner, organization', async () => {
    const { accountId } = await learner1Account();
    const list = await school.get('/api/v1/learning-accounts?pageSize=200');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThanOrEqual(41);
    expect(list.json().items.every((a: { school: { id: string } | null }) => a.school?.id === gzcpId)).toBe(true);
    expect(list.json().items.map((a: { id: string }) => a.id)).toContain(accountId);
    // found by the blind index of the ID number
    const byNumber = await school.get(`/api/v1/learning-accounts?idNumber=${LEARNER1_ID_NUMBER}`);
    expect(byNumber.json().items.map((a: { id: string }) => a.id)).toEqual([accountId]);

    const other = await t.loginAs('gdst-admin');
    expect((await other.get(`/api/v1/learning-accounts/${accountId}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/learning-accounts?pageSize=200')).json().items).toEqual([]);
    expect(
      (
        await other.post(`/api/v1/learning-accounts/${accountId}/outcomes`, {
          type: 'other',
          name: 'x',
          credits: 1,
          recordedOn: '2026-01-01',
        })
      ).statusCode,
    ).toBe(404);

    const gd = await t.loginAs('gd-admin');
    expect((await gd.get(`/api/v1/learning-accounts/${accountId}`)).statusCode).toBe(200);
    // province: read-only
    const write = await gd.post(`/api/v1/learning-accounts/${accountId}/outcomes`, {
      type: 'other',
      name: 'x',
      credits: 1,
      recordedOn: '2026-01-01',
    });
    expect(write.statusCode).toBe(403);
    expect((await gd.get('/api/v1/conversion-applications')).json().total).toBeGreaterThanOrEqual(1);
    const hb = await t.loginAs('hb-admin');
    expect((await hb.get(`/api/v1/learning-accounts/${accountId}`)).statusCode).toBe(404);
    expect((await hb.get('/api/v1/conversion-applications')).json().total).toBe(0);
    expect((await (await t.loginAs('national')).get(`/api/v1/learning-accounts/${accountId}`)).statusCode).toBe(200);

    expect((await learner1.get('/api/v1/learning-accounts')).statusCode).toBe(403);
    expect((await learner1.get(`/api/v1/learning-accounts/${accountId}`)).statusCode).toBe(403);
    expect((await (await t.loginAs('org-robot')).get('/api/v1/learning-accounts')).statusCode).toBe(403);
    expect((await (await t.loginAs('gzcp-admin')).get('/api/v1/me/learning-account')).statusCode).toBe(403);
    // a learner's applications list holds only its own
    const mine = (await learner1.get('/api/v1/me/conversion-applications')).json();
    expect(mine.items.every((a: { accountId: string }) => a.accountId === accountId)).toBe(true);
  });
});

describe('deposits by a school (R7.1): form and .xlsx, idempotent, reversal', () => {
  it('R7.1 a course deposited twice counts once; a reversal cancels it and the corrected course can be deposited again', async () => {
    const { accountId, learnerId } = await createTestLearner(t.db, secretKey, { seq: 601 });
    const courses = (await school.get('/api/v1/school-courses')).json();
    const english = courses.find((c: { code: string }) => c.code === 'GG004');
    const body = { type: 'course', courseId: english.id, grade: '81', recordedOn: '2026-01-15' };
    const first = await school.post(`/api/v1/learning-accounts/${accountId}/outcomes`, body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ written: 1, duplicate: false });
    const again = await school.post(`/api/v1/learning-accounts/${accountId}/outcomes`, { ...body, grade: '82' });
    expect(again.json()).toMatchObject({ written: 0, duplicate: true, entryId: first.json().entryId });
    const detail = (await school.get(`/api/v1/learning-accounts/${accountId}`)).json();
    expect(detail.totalCredits).toBe(6);
    const entry = detail.entries.find((e: { id: string }) => e.id === first.json().entryId);
    expect(entry).toMatchObject({ name: '大学英语', credits: 6, hours: 96, level: '81', mayReverse: true, sourceKind: 'school' });

    expect((await school.post(`/api/v1/learning-outcomes/${entry.id}/reversal`, {})).statusCode).toBe(400);
    const rev = await school.post(`/api/v1/learning-outcomes/${entry.id}/reversal`, { reason: '成绩登记错误，更正为 82 分' });
    expect(rev.statusCode).toBe(200);
    expect(rev.json()).toMatchObject({ entryKind: 'reversal', credits: -6, reversesId: entry.id });
    expect((await school.post(`/api/v1/learning-outcomes/${entry.id}/reversal`, { reason: '再次冲正' })).json().error.code).toBe(
      'OUTCOME_NOT_REVERSIBLE',
    );
    const corrected = await school.post(`/api/v1/learning-accounts/${accountId}/outcomes`, { ...body, grade: '82' });
    expect(corrected.json()).toMatchObject({ written: 1, duplicate: false });
    const after = (await school.get(`/api/v1/learning-accounts/${accountId}`)).json();
    expect(after.totalCredits).toBe(6);
    expect(after.entries.map((e: { state: string; entryKind: string }) => `${e.entryKind}:${e.state}`).sort()).toEqual([
      'deposit:reversed',
      'deposit:valid',
      'reversal:valid',
    ]);
    await cacheMatchesLedger(accountId);

    // A certificate is never reversed by a school (its organization revokes it).
    const cert = await createTestCertificate(t.db, { learnerId, typeCode: 'WEB-FE', level: 'junior' });
    const r = await school.post(`/api/v1/learning-outcomes/${cert.entryId}/reversal`, { reason: '不应冲正' });
    expect(r.json().error.code).toBe('OUTCOME_NOT_REVERSIBLE');
  });

  it('R7.1 .xlsx deposits: any invalid row writes nothing; the same file twice writes once; people without an account get one', async () => {
    const a = await createTestLearner(t.db, secretKey, { seq: 602, name: '导入甲' });
    const newcomer = creditBankIdNumber(603);
    const bad = await xlsx('学习成果', DEPOSIT_IMPORT_COLUMNS, [
      ['导入甲', '居民身份证', a.idNumber, '课程', 'NOPE', '', '', '', '90', '2026-01-10'],
      ['导入乙', '居民身份证', '44010519980101123', '培训', '', '安全培训', 1, 16, '合格', '2026-02-30'],
      ['错名字', '居民身份证', a.idNumber, '竞赛', '', '技能竞赛', 2, '', '二等奖', '2026-03-01'],
    ]);
    const res = await postMultipart(school, '/api/v1/learning-outcomes/import', {}, { name: 'bad.xlsx', bytes: bad, type: XLSX });
    expect(res.statusCode).toBe(422);
    const errors = res.json().error.details.errors as { row: number; column: string; code: string }[];
    expect(errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual(
      expect.arrayContaining(['2:课程代码:COURSE_NOT_FOUND', '3:证件号码:ID_NUMBER_INVALID', '3:取得日期:INVALID_VALUE']),
    );
    expect(await t.db.selectFrom('learning_outcomes').select('id').where('account_id', '=', a.accountId).execute()).toHaveLength(0);

    const good = await xlsx('学习成果', DEPOSIT_IMPORT_COLUMNS, [
      ['导入甲', '居民身份证', a.idNumber, '课程', 'GG005', '', '', '', '90', '2026-01-10'],
      ['导入甲', '居民身份证', a.idNumber, '竞赛', '', '全国大学生电子设计竞赛 省级二等奖', 2, '', '二等奖', '2026/3/1'],
      ['导入乙', '', newcomer, '培训', '', '企业安全生产培训', 1, 16, '合格', '2026-02-20'],
    ]);
    const ok = await postMultipart(school, '/api/v1/learning-outcomes/import', {}, { name: 'good.xlsx', bytes: good, type: XLSX });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ rows: 3, written: 3, duplicates: 0, accountsOpened: 1, duplicate: false });
    const twice = await postMultipart(school, '/api/v1/learning-outcomes/import', {}, { name: 'good.xlsx', bytes: good, type: XLSX });
    expect(twice.json()).toEqual({ rows: 3, written: 0, duplicates: 3, accountsOpened: 0, duplicate: true });
    const detail = (await school.get(`/api/v1/learning-accounts/${a.accountId}`)).json();
    expect(detail.entries.map((e: { type: string; sourceKind: string }) => `${e.type}:${e.sourceKind}`).sort()).toEqual([
      'competition:import',
      'course:import',
    ]);
    expect(detail.totalCredits).toBe(6);
    const opened = (await school.get(`/api/v1/learning-accounts?idNumber=${newcomer}`)).json().items;
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ holderName: '导入乙', openedVia: 'school_import', totalCredits: 1, learnerId: null });
  });

  it('R7.1 bulk opening of accounts by a school (.xlsx) and for its learners', async () => {
    const file = await xlsx('学习账户', ACCOUNT_IMPORT_COLUMNS, [
      ['开户一', '居民身份证', creditBankIdNumber(611)],
      ['开户二', '居民身份证', creditBankIdNumber(612)],
      ['李明', '居民身份证', LEARNER1_ID_NUMBER],
    ]);
    const res = await postMultipart(school, '/api/v1/learning-accounts/import', {}, { name: 'a.xlsx', bytes: file, type: XLSX });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ rows: 3, opened: 2, existing: 1 });
    const dup = await xlsx('学习账户', ACCOUNT_IMPORT_COLUMNS, [
      ['开户三', '居民身份证', creditBankIdNumber(613)],
      ['开户三', '居民身份证', creditBankIdNumber(613)],
    ]);
    const refused = await postMultipart(school, '/api/v1/learning-accounts/import', {}, { name: 'd.xlsx', bytes: dup, type: XLSX });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.errors[0]).toMatchObject({ row: 3, column: '证件号码', code: 'DUPLICATE_ROW' });

    const open = await school.post('/api/v1/learning-accounts/open', {});
    expect(open.statusCode).toBe(200);
    expect(open.json().opened).toBe(0); // the demo opened every learner's account; enrolment opens new ones
    const enrolled = await school.post('/api/v1/learners', { name: '新生甲', idType: 'id_card', idNumber: creditBankIdNumber(614) });
    expect(enrolled.statusCode).toBe(201);
    const acc = (await school.get(`/api/v1/learning-accounts?idNumber=${creditBankIdNumber(614)}`)).json().items;
    expect(acc).toHaveLength(1);
    expect(acc[0]).toMatchObject({ openedVia: 'learner', learnerId: enrolled.json().learner.id });
  });
});

describe('the outcome catalog (national)', () => {
  it('has one outcome per certificate type × level with default credits; only the national administrator adjusts it', async () => {
    const levels = await t.db
      .selectFrom('certificate_levels')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const outcomes = await t.db
      .selectFrom('credit_outcomes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(outcomes.n)).toBe(Number(levels.n));
    const list = (await school.get('/api/v1/credit-outcomes?q=IR-PROG')).json();
    expect(list.items.map((o: { level: string; credits: number; hours: number }) => [o.level, o.credits, o.hours])).toEqual([
      ['junior', 2, 32],
      ['intermediate', 3, 48],
      ['senior', 4, 64],
    ]);
    const id = list.items[2].id;
    expect((await school.request('PUT', `/api/v1/credit-outcomes/${id}`, { credits: 5, hours: 80 })).statusCode).toBe(403);
    const national = await t.loginAs('national');
    const put = await national.request('PUT', `/api/v1/credit-outcomes/${id}`, { credits: 5, hours: 80 });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ credits: 5, hours: 80, name: '工业机器人应用编程职业技能等级证书（高级）' });

    // A new certificate type's levels enter the catalog when they are saved.
    const bim = await t.loginAs('org-bim');
    const created = await bim.post('/api/v1/certificate-types', {
      code: 'CB-TEST',
      name: '学分银行测试证书',
      batchCode: 'B3',
      majorIds: [],
    });
    expect(created.statusCode).toBe(201);
    const lv = await bim.request('PUT', `/api/v1/certificate-types/${created.json().id}/levels`, {
      levels: [{ level: 'senior', examForms: [{ form: 'paper', share: 1 }] }],
    });
    expect(lv.statusCode).toBe(200);
    const mine = (await national.get('/api/v1/credit-outcomes?q=CB-TEST')).json().items;
    expect(mine.map((o: { level: string; credits: number }) => [o.level, o.credits])).toEqual([['senior', 4]]);
  });
});

describe('recognition rules (R7.2) and conversion (R7.4)', () => {
  // Programme 610202 计算机网络技术 at 广州城市职业学院: its courses plus the school-wide ones of the demo
  // (public 24 credits → cap 4.8); professional 4 + 3 + 3 + 2 + 24 + 24 (顶岗实习, 毕业设计: not exemptible) = 60 → cap 12.
  let majorId: string;
  const course: Record<string, string> = {};
  const outcome: Record<string, string> = {};
  const rule: Record<string, string> = {};

  beforeAll(async () => {
    majorId = (await majorOf(t.db, gzcpId, '610202')).id;
    for (const [code, name, category, credits, exemptible] of [
      ['NET201', '网络设备配置与管理', 'professional_core', 4, true],
      ['NET202', 'Web 前端设计', 'professional_core', 3, true],
      ['NET203', '前端框架开发', 'professional_core', 3, true],
      ['NET301', '网站综合开发', 'professional_elective', 2, true],
      ['NET498', '顶岗实习（网络）', 'practice', 24, false],
      ['NET499', '毕业设计（网络）', 'practice', 24, false],
    ] as const) {
      const r = await school.post('/api/v1/school-courses', {
        schoolMajorId: majorId,
        code,
        name,
        category,
        credits,
        hours: 16 * credits,
        exemptible,
      });
      expect(r.statusCode).toBe(201);
      course[code] = r.json().id;
    }
    const all = (await school.get('/api/v1/school-courses')).json();
    for (const c of all) course[c.code] ??= c.id;
    const list = (await school.get('/api/v1/credit-outcomes?pageSize=200')).json().items;
    for (const o of list) outcome[`${o.certificateType.code}:${o.level}`] = o.id;
  });

  const newRule = (code: string, outcomes: string[], courses: [string, number, string][], extra: object = {}) =>
    school.post('/api/v1/recognition-rules', {
      schoolMajorId: majorId,
      code,
      name: `测试规则 ${code}`,
      outcomeIds: outcomes.map((o) => outcome[o]),
      courses: courses.map(([c, credits, grade]) => ({ courseId: course[c], credits, grade })),
      ...extra,
    });
  const publish = (id: string) => school.post(`/api/v1/recognition-rules/${id}/transitions`, { action: 'publish' });

  it('R7.2 rules are data: draft → published (never edited after) → withdrawn with a reason; scope and validation', async () => {
    const draft = await newRule('NET-A11', ['CLOUD-OPS:intermediate'], [['NET201', 4, '优秀']]);
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', shape: '1:1', mayEdit: true, allowedActions: ['publish'] });
    rule.A11 = draft.json().id;
    expect((await newRule('NET-A11', ['CLOUD-OPS:intermediate'], [['NET201', 4, '优秀']])).json().error.code).toBe('RULE_CODE_TAKEN');
    // a course of another major is refused
    expect((await newRule('NET-BAD', ['CLOUD-OPS:intermediate'], [['JD203', 4, '优秀']])).json().error.code).toBe('RULE_INVALID');
    const edited = await school.request('PUT', `/api/v1/recognition-rules/${rule.A11}`, {
      schoolMajorId: majorId,
      code: 'NET-A11',
      name: '云计算平台运维与开发（中级）认定“网络设备配置与管理”',
      outcomeIds: [outcome['CLOUD-OPS:intermediate']],
      courses: [{ courseId: course.NET201, credits: 4, grade: '优秀' }],
    });
    expect(edited.statusCode).toBe(200);
    const gd = await t.loginAs('gd-admin');
    expect((await gd.get(`/api/v1/recognition-rules/${rule.A11}`)).statusCode).toBe(200);
    expect((await gd.post(`/api/v1/recognition-rules/${rule.A11}/transitions`, { action: 'publish' })).statusCode).toBe(403);
    expect((await (await t.loginAs('gdst-admin')).get(`/api/v1/recognition-rules/${rule.A11}`)).statusCode).toBe(404);
    expect((await publish(rule.A11!)).json()).toMatchObject({ status: 'published', mayEdit: false, allowedActions: ['withdraw'] });
    const locked = await school.request('PUT', `/api/v1/recognition-rules/${rule.A11}`, {
      schoolMajorId: majorId,
      code: 'NET-A11',
      name: 'x',
      outcomeIds: [outcome['CLOUD-OPS:intermediate']],
      courses: [{ courseId: course.NET201, credits: 4, grade: '优秀' }],
    });
    expect(locked.json().error.code).toBe('RULE_NOT_EDITABLE');
    expect((await publish(rule.A11!)).statusCode).toBe(409);

    // the other shapes
    const n1 = await newRule('NET-A21', ['WEB-FE:intermediate', 'BIM:junior'], [['NET202', 3, '90']]);
    expect(n1.json().shape).toBe('n:1');
    rule.A21 = n1.json().id;
    const onen = await newRule(
      'NET-A31',
      ['WEB-FE:senior'],
      [
        ['NET203', 3, '优秀'],
        ['NET301', 2, '良好'],
      ],
    );
    expect(onen.json().shape).toBe('1:n');
    rule.A31 = onen.json().id;
    // the same outcome as A11: refused "used" whenever A11 used it
    rule.A12 = (await newRule('NET-A12', ['CLOUD-OPS:intermediate'], [['NET301', 2, '良好']])).json().id;
    // public courses: 3 fits the public cap (4.8), then 2 more does not
    rule.A51 = (
      await newRule(
        'NET-A51',
        ['WEB-FE:junior'],
        [
          ['GG006', 3, '优秀'],
          ['GG007', 2, '优秀'],
        ],
      )
    ).json().id;
    // an excluded category
    rule.A61 = (await newRule('NET-A61', ['BIM:senior'], [['GG003', 4, '优秀']])).json().id;
    for (const k of ['A21', 'A31', 'A12', 'A51', 'A61']) expect((await publish(rule[k]!)).statusCode).toBe(200);

    // withdrawing a published rule needs a reason; a withdrawn rule no longer converts
    const w = (await newRule('NET-W1', ['BIM:senior'], [['NET201', 4, '优秀']])).json().id;
    await publish(w);
    const tr = (comment?: string) =>
      school.post(`/api/v1/recognition-rules/${w}/transitions`, { action: 'withdraw', ...(comment && { comment }) });
    expect((await tr()).json().error.code).toBe('COMMENT_REQUIRED');
    expect((await tr('与新版人才培养方案不符')).json()).toMatchObject({
      status: 'withdrawn',
      allowedActions: [],
      withdrawnAt: expect.any(String),
    });
    expect((await tr('再次停用')).statusCode).toBe(409);
  });

  it('R7.2 preview shows which of a learner’s outcomes a rule would convert (drafts too)', async () => {
    const l = await createTestLearner(t.db, secretKey, { seq: 701, majorCode: '610202', name: '预览生' });
    await createTestCertificate(t.db, { learnerId: l.learnerId, typeCode: 'CLOUD-OPS', level: 'intermediate' });
    const draft = await newRule('NET-DRAFT', ['CLOUD-OPS:intermediate'], [['NET202', 3, '良好']]);
    const p = await school.get(`/api/v1/recognition-rules/${draft.json().id}/preview?learnerId=${l.learnerId}`);
    expect(p.statusCode).toBe(200);
    expect(p.json().items).toEqual([
      expect.objectContaining({ verdict: 'allowed', course: expect.objectContaining({ code: 'NET202' }), credits: 3, grade: '良好' }),
    ]);
    const other = await createTestLearner(t.db, secretKey, { seq: 702, majorCode: '610202' });
    expect((await school.get(`/api/v1/recognition-rules/${draft.json().id}/preview?learnerId=${other.learnerId}`)).json().items).toEqual(
      [],
    );
  });

  it('R7.4 each mapping shape converts; caps, exclusion and single use are refused with their explanations; approval writes exemptions and credits once', async () => {
    const userId = await createLearnerUser(t.db, 'cb-learner', '转换生');
    const l = await createTestLearner(t.db, secretKey, { seq: 711, majorCode: '610202', name: '转换生', userId });
    for (const [typeCode, level] of [
      ['CLOUD-OPS', 'intermediate'],
      ['WEB-FE', 'intermediate'],
      ['BIM', 'junior'],
      ['WEB-FE', 'senior'],
      ['WEB-FE', 'junior'],
      ['BIM', 'senior'],
    ] as const)
      await createTestCertificate(t.db, { learnerId: l.learnerId, typeCode, level });
    const me = await t.loginAs('cb-learner');
    const preview = await me.get('/api/v1/me/conversion-preview');
    expect(preview.statusCode).toBe(200);
    const items = preview.json().items as {
      rule: { code: string; shape: string };
      course: { code: string };
      verdict: string;
      reason: string | null;
      explanation: string;
    }[];
    const v = Object.fromEntries(items.map((i) => [`${i.rule.code}→${i.course.code}`, i]));
    expect(v['NET-A11→NET201']).toMatchObject({ verdict: 'allowed', rule: { shape: '1:1' } });
    expect(v['NET-A21→NET202']).toMatchObject({ verdict: 'allowed', rule: { shape: 'n:1' } });
    expect(v['NET-A31→NET203']).toMatchObject({ verdict: 'allowed', rule: { shape: '1:n' } });
    expect(v['NET-A31→NET301']).toMatchObject({ verdict: 'allowed', rule: { shape: '1:n' } });
    expect(v['NET-A12→NET301']).toMatchObject({ verdict: 'refused', reason: 'outcome_used' });
    expect(v['NET-A12→NET301']!.explanation).toContain('本次申请的规则 NET-A11');
    expect(v['NET-A51→GG006']).toMatchObject({ verdict: 'allowed' });
    expect(v['NET-A51→GG007']).toMatchObject({ verdict: 'refused', reason: 'cap_public' });
    expect(v['NET-A51→GG007']!.explanation).toContain('公共课程总学分（24 学分）的 20%，即 4.8 学分；已转换 3 学分');
    expect(v['NET-A61→GG003']).toMatchObject({ verdict: 'refused', reason: 'course_excluded' });
    expect(v['NET-A61→GG003']!.explanation).toContain('“体育”');
    expect(preview.json().allowedCredits).toBe(4 + 3 + 3 + 2 + 3);
    expect(preview.json().caps.professional).toEqual({ percent: 20, programmeCredits: 60, limit: 12, converted: 0 });

    const applied = await me.post('/api/v1/me/conversion-applications', { note: '申请转换' });
    expect(applied.statusCode).toBe(201);
    const app = applied.json();
    expect(app).toMatchObject({ status: 'submitted', appliedVia: 'learner', allowedCredits: 15, allowedActions: ['withdraw'] });
    expect((await me.post('/api/v1/me/conversion-applications', {})).json().error.code).toBe('CONVERSION_PENDING');
    // the school's queue
    const queue = (await school.get('/api/v1/conversion-applications?status=submitted')).json();
    const queued = queue.items.find((a: { id: string }) => a.id === app.id);
    expect(queued.allowedActions).toEqual(['approve', 'refuse', 'withdraw']);
    expect(
      (await (await t.loginAs('gd-admin')).post(`/api/v1/conversion-applications/${app.id}/transitions`, { action: 'approve' })).statusCode,
    ).toBe(403);
    expect((await me.post(`/api/v1/conversion-applications/${app.id}/transitions`, { action: 'approve' })).statusCode).toBe(403);

    const before = await t.db
      .selectFrom('learning_accounts')
      .select('total_credits')
      .where('id', '=', l.accountId)
      .executeTakeFirstOrThrow();
    const approved = await school.post(`/api/v1/conversion-applications/${app.id}/transitions`, { action: 'approve', comment: '同意' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedCredits: 15, allowedActions: [] });
    const again = await school.post(`/api/v1/conversion-applications/${app.id}/transitions`, { action: 'approve' });
    expect(again.statusCode).toBe(409);

    const exemptions = await t.db.selectFrom('course_exemptions').selectAll().where('account_id', '=', l.accountId).execute();
    expect(exemptions.map((e) => e.course_id).sort()).toEqual(
      [course.NET201, course.NET202, course.NET203, course.NET301, course.GG006].sort(),
    );
    const entries = await t.db
      .selectFrom('learning_outcomes')
      .select(['credits', 'source_kind', 'name'])
      .where('account_id', '=', l.accountId)
      .where('source_kind', '=', 'conversion')
      .execute();
    expect(entries).toHaveLength(5);
    const after = await t.db
      .selectFrom('learning_accounts')
      .select('total_credits')
      .where('id', '=', l.accountId)
      .executeTakeFirstOrThrow();
    // The exemptions' 15 credits count; the outcomes they used stop counting (issue 21 #11: not counted twice).
    const used = await t.db
      .selectFrom('conversion_outcome_uses as u')
      .innerJoin('learning_outcomes as o', 'o.id', 'u.learning_outcome_id')
      .select((eb) => eb.fn.sum<string>('o.credits').as('credits'))
      .where('u.account_id', '=', l.accountId)
      .executeTakeFirstOrThrow();
    expect(Number(used.credits)).toBeGreaterThan(0);
    expect(Number(after.total_credits) - Number(before.total_credits)).toBeCloseTo(15 - Number(used.credits), 5);
    await cacheMatchesLedger(l.accountId);
    // the exemption cites its rule; the outcomes are used (each at most once: a database fact)
    const detail = (await me.get('/api/v1/me/learning-account/details')).json();
    expect(detail.exemptions.find((e: { course: { code: string } }) => e.course.code === 'NET202')).toMatchObject({
      rule: { code: 'NET-A21' },
      outcomeNames: expect.arrayContaining([expect.stringContaining('Web 前端开发'), expect.stringContaining('建筑信息模型')]),
    });
    expect(detail.entries.filter((e: { usedInApplicationId: string | null }) => e.usedInApplicationId === app.id)).toHaveLength(5);

    // after approval: the outcomes are used, the courses exempt — nothing more to convert, each refusal explained
    const next = await me.post('/api/v1/me/conversion-applications', {});
    expect(next.statusCode).toBe(409);
    expect(next.json().error.code).toBe('CONVERSION_NOTHING_ALLOWED');
    const reasons = next.json().error.details.items.map((i: { rule: { code: string }; reason: string }) => `${i.rule.code}:${i.reason}`);
    expect(reasons).toEqual(expect.arrayContaining(['NET-A11:outcome_used', 'NET-A61:course_excluded']));
  });

  it('R7.4 a revoked certificate is refused; the professional cap counts earlier conversions; refusal needs a reason; withdrawal', async () => {
    const l = await createTestLearner(t.db, secretKey, { seq: 721, majorCode: '610202', name: '撤销生' });
    await createTestCertificate(t.db, { learnerId: l.learnerId, typeCode: 'CLOUD-OPS', level: 'intermediate', revokedOn: '2026-08-01' });
    await createTestCertificate(t.db, { learnerId: l.learnerId, typeCode: 'WEB-FE', level: 'senior' });
    const p = (await school.get(`/api/v1/conversion-preview?learnerId=${l.learnerId}`)).json();
    const a11 = p.items.find((i: { rule: { code: string } }) => i.rule.code === 'NET-A11');
    expect(a11).toMatchObject({ verdict: 'refused', reason: 'certificate_revoked' });
    expect(a11.explanation).toContain('已于 2026-08-01 撤销');

    // on behalf of the learner; the panel refuses without a reason → 400, with one → refused, nothing written
    const app = await school.post('/api/v1/conversion-applications', { learnerId: l.learnerId, note: '学校代为申请' });
    expect(app.statusCode).toBe(201);
    expect(app.json()).toMatchObject({ appliedVia: 'school', status: 'submitted' });
    const id = app.json().id;
    expect((await school.post(`/api/v1/conversion-applications/${id}/transitions`, { action: 'refuse' })).json().error.code).toBe(
      'COMMENT_REQUIRED',
    );
    const refused = await school.post(`/api/v1/conversion-applications/${id}/transitions`, {
      action: 'refuse',
      comment: '证书与课程内容不符，请补充材料',
    });
    expect(refused.json()).toMatchObject({ status: 'refused', decisionReason: '证书与课程内容不符，请补充材料' });
    expect(refused.json().items.every((i: { status: string }) => i.status === 'refused')).toBe(true);
    expect(await t.db.selectFrom('course_exemptions').select('id').where('account_id', '=', l.accountId).execute()).toHaveLength(0);

    // a second application is withdrawn by the school
    const second = await school.post('/api/v1/conversion-applications', { learnerId: l.learnerId });
    const withdrawn = await school.post(`/api/v1/conversion-applications/${second.json().id}/transitions`, { action: 'withdraw' });
    expect(withdrawn.json()).toMatchObject({
      status: 'withdrawn',
      events: [expect.objectContaining({ action: 'submit' }), expect.objectContaining({ action: 'withdraw' })],
    });

    // The professional cap counts approved conversions: a learner with 12 converted credits cannot convert 3 more
    // (with 网络工程综合实训 the programme has 63 professional credits → cap 12.6).
    const capped = await createTestLearner(t.db, secretKey, { seq: 722, majorCode: '610202' });
    for (const [typeCode, level] of [
      ['CLOUD-OPS', 'intermediate'],
      ['WEB-FE', 'intermediate'],
      ['BIM', 'junior'],
      ['WEB-FE', 'senior'],
    ] as const)
      await createTestCertificate(t.db, { learnerId: capped.learnerId, typeCode, level });
    const bigger = await school.post('/api/v1/school-courses', {
      schoolMajorId: majorId,
      code: 'NET401',
      name: '网络工程综合实训',
      category: 'practice',
      credits: 3,
      hours: 48,
      exemptible: true,
    });
    const r72 = await school.post('/api/v1/recognition-rules', {
      schoolMajorId: majorId,
      code: 'NET-A72',
      name: '测试规则 NET-A72',
      outcomeIds: [outcome['BIM:intermediate']],
      courses: [{ courseId: bigger.json().id, credits: 3, grade: '优秀' }],
    });
    await publish(r72.json().id);
    const first = await school.post('/api/v1/conversion-applications', { learnerId: capped.learnerId });
    await school.post(`/api/v1/conversion-applications/${first.json().id}/transitions`, { action: 'approve' });
    await createTestCertificate(t.db, { learnerId: capped.learnerId, typeCode: 'BIM', level: 'intermediate' });
    const capPreview = (await school.get(`/api/v1/conversion-preview?learnerId=${capped.learnerId}`)).json();
    const a72 = capPreview.items.find((i: { rule: { code: string } }) => i.rule.code === 'NET-A72');
    expect(a72).toMatchObject({ verdict: 'refused', reason: 'cap_professional' });
    expect(a72.explanation).toBe(
      '本校规定转换学分不超过本专业专业课程总学分（63 学分）的 20%，即 12.6 学分；已转换 12 学分，本项 3 学分将超出上限',
    );
  });

  it('R7.4 the learner withdraws its own application; a learner without a major cannot apply', async () => {
    const { accountId } = await learner1Account();
    // learner1's remaining rules: the 中级 certificate is used, the 初级 one revoked → nothing to convert
    const p = (await learner1.get('/api/v1/me/conversion-preview')).json();
    const reasons = p.items.map((i: { rule: { code: string }; reason: string }) => `${i.rule.code}:${i.reason}`);
    expect(reasons).toEqual(expect.arrayContaining(['GZCP-IRP-01:outcome_used', 'GZCP-IRP-03:certificate_revoked']));
    expect((await learner1.post('/api/v1/me/conversion-applications', {})).json().error.code).toBe('CONVERSION_NOTHING_ALLOWED');
    expect(accountId).toBeTruthy();

    const userId = await createLearnerUser(t.db, 'cb-withdraw', '撤回生');
    const l = await createTestLearner(t.db, secretKey, { seq: 731, majorCode: '610202', userId });
    await createTestCertificate(t.db, { learnerId: l.learnerId, typeCode: 'CLOUD-OPS', level: 'intermediate' });
    const me = await t.loginAs('cb-withdraw');
    const app = (await me.post('/api/v1/me/conversion-applications', {})).json();
    const w = await me.post(`/api/v1/conversion-applications/${app.id}/transitions`, { action: 'withdraw' });
    expect(w.json()).toMatchObject({ status: 'withdrawn' });
    expect((await learner1.get(`/api/v1/conversion-applications/${app.id}`)).statusCode).toBe(404);

    const social = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/learner-registration',
      payload: {
        username: 'cb-social',
        password: 'Passw0rd!x',
        name: '社会学员',
        idType: 'id_card',
        idNumber: creditBankIdNumber(741),
        phone: '13800138001',
        consent: true,
      },
    });
    expect(social.statusCode).toBe(201);
    const s = await t.loginAs('cb-social', 'Passw0rd!x');
    expect((await s.get('/api/v1/me/learning-account')).json()).toMatchObject({ holderName: '社会学员', totalCredits: 0, outcomes: [] });
    expect((await s.get('/api/v1/me/conversion-preview')).json().error.code).toBe('CONVERSION_NOT_AVAILABLE');
  });
});

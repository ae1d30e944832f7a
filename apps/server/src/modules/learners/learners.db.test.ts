import { LEARNER_IMPORT_COLUMNS } from '@onex/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEARNER1_ID_NUMBER } from '../../db/seed/demo-exams';
import { demoIds } from '../../test/factories';
import { postMultipart, validIdNumber } from '../../test/exams';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
let gzcp: Agent;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  gzcp = await t.loginAs('gzcp-admin');
  ids = await demoIds(t.db);
});
afterAll(() => t.close());

const learnerCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('learners')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学生名单');
  ws.addRow([...LEARNER_IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('learners: enrolment, ID numbers, activation, scope', () => {
  it('demo: learner1 is an activated pilot student of 广州城市职业学院 and sees its own full ID number', async () => {
    const me = await (await t.loginAs('learner1')).get('/api/v1/me/learner');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      name: '李明',
      kind: 'pilot_student',
      idNumber: LEARNER1_ID_NUMBER,
      idNumberVisible: true,
      activated: true,
    });
    expect(me.json().school.name).toBe('广州城市职业学院');
    const list = await gzcp.get('/api/v1/learners?pageSize=200');
    expect(list.json().total).toBeGreaterThanOrEqual(41);
    expect(list.json().items.filter((l: { povertyRegistered: boolean }) => l.povertyRegistered).length).toBeGreaterThan(0);
  });

  it('enrols by form; the ID number is stored encrypted (never in clear, never in the audit log); duplicates are 409', async () => {
    const idNumber = validIdNumber(901);
    const r = await gzcp.post('/api/v1/learners', {
      name: '周小燕',
      idType: 'id_card',
      idNumber,
      className: '机器人2401班',
      povertyRegistered: true,
    });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body.activationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(body.learner).toMatchObject({ idNumber, idNumberMasked: `4401**********${idNumber.slice(-4)}`, activated: false });
    const row = await t.db.selectFrom('learners').selectAll().where('id', '=', body.learner.id).executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain(idNumber);
    expect(row.activation_code_hash).not.toContain(body.activationCode);
    const audit = await t.db.selectFrom('audit_log').select('summary').where('target_id', '=', body.learner.id).execute();
    expect(JSON.stringify(audit)).not.toContain(idNumber);

    const again = await gzcp.post('/api/v1/learners', { name: '周小燕', idType: 'id_card', idNumber: idNumber.toLowerCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ID_NUMBER_TAKEN');

    // found by the blind index
    const found = await gzcp.get(`/api/v1/learners?idNumber=${idNumber}`);
    expect(found.json().items.map((l: { id: string }) => l.id)).toEqual([body.learner.id]);
  });

  it('refuses an ID number with a wrong check character', async () => {
    const good = validIdNumber(902);
    const typo = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const r = await gzcp.post('/api/v1/learners', { name: '错号', idType: 'id_card', idNumber: typo });
    expect(r.statusCode).toBe(400);
  });

  it('scope: another school gets 404 for the learner and does not list it; the municipality sees it masked', async () => {
    const created = (await gzcp.post('/api/v1/learners', { name: '范文', idType: 'id_card', idNumber: validIdNumber(903) })).json();
    const gdst = await t.loginAs('gdst-admin');
    expect((await gdst.get(`/api/v1/learners/${created.learner.id}`)).statusCode).toBe(404);
    expect((await gdst.post(`/api/v1/learners/${created.learner.id}/activation-code`)).statusCode).toBe(404);
    const list = await gdst.get('/api/v1/learners?pageSize=200');
    expect(list.json().items.some((l: { id: string }) => l.id === created.learner.id)).toBe(false);
    expect((await gdst.get(`/api/v1/learners?schoolId=${ids.gzcp}`)).json().total).toBe(0);
    const city = (await (await t.loginAs('gz-admin')).get(`/api/v1/learners/${created.learner.id}`)).json();
    expect(city.idNumberVisible).toBe(false);
    expect(city.idNumber).toBe(city.idNumberMasked);
    expect(city.idNumber).toMatch(/^4401\*{10}\d{3}[\dX]$/);
    // an organization that does not examine the learner does not see it at all
    expect((await (await t.loginAs('org-web')).get(`/api/v1/learners/${created.learner.id}`)).statusCode).toBe(404);
  });

  it('import: one bad row → 422 with row and column, nothing written', async () => {
    const before = await learnerCount();
    const bytes = await xlsx([
      ['赵一', '居民身份证', validIdNumber(910), '560301', '2401班', '否'],
      ['钱二', '居民身份证', validIdNumber(911).slice(0, 17) + 'Y', '560301', '2401班', '是'],
      ['孙三', '身份证', validIdNumber(912), '不存在的专业', '2401班', '也许'],
    ]);
    const r = await postMultipart(gzcp, '/api/v1/learners/import', {}, { name: 'learners.xlsx', bytes, type: XLSX });
    expect(r.statusCode).toBe(422);
    const errors = r.json().error.details.errors as { row: number; column: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: '证件号码' }),
        expect.objectContaining({ row: 4, column: '证件类型' }),
        expect.objectContaining({ row: 4, column: '建档立卡' }),
      ]),
    );
    expect(JSON.stringify(errors)).not.toContain(validIdNumber(911).slice(0, 17));
    expect(await learnerCount()).toBe(before);
  });

  it('import: a valid file writes every row and returns the activation codes once; activation creates the account', async () => {
    const before = await learnerCount();
    const bytes = await xlsx([
      ['赵一', '居民身份证', validIdNumber(920), '560301', '2401班', '否'],
      ['钱二', '', validIdNumber(921), '560309', '2401班', '是'],
    ]);
    const r = await postMultipart(gzcp, '/api/v1/learners/import', {}, { name: 'learners.xlsx', bytes, type: XLSX });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ rows: 2, created: 2 });
    expect(await learnerCount()).toBe(before + 2);
    const code = r.json().activationCodes[1];
    expect(code.name).toBe('钱二');

    // wrong last six → refused
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/learner-activation',
      payload: { username: 'qianer', activationCode: code.activationCode, idNumberLast6: '000000', password: 'Learn2026x' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('ACTIVATION_INVALID');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/learner-activation',
      payload: {
        username: 'qianer',
        activationCode: code.activationCode.toLowerCase(),
        idNumberLast6: validIdNumber(921).slice(-6),
        password: 'Learn2026x',
      },
    });
    expect(ok.statusCode).toBe(201);
    const me = await (await t.loginAs('qianer', 'Learn2026x')).get('/api/v1/me/learner');
    expect(me.json()).toMatchObject({
      name: '钱二',
      idNumber: validIdNumber(921),
      povertyRegistered: true,
      activated: true,
      username: 'qianer',
    });
    // a code works once
    const twice = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/learner-activation',
      payload: { username: 'qianer2', activationCode: code.activationCode, password: 'Learn2026x' },
    });
    expect(twice.json().error.code).toBe('ACTIVATION_INVALID');
    // an activated learner gets no new code
    expect((await gzcp.post(`/api/v1/learners/${code.learnerId}/activation-code`)).statusCode).toBe(409);
  });

  it('activation codes expire after 30 days; a regenerated code replaces the old one', async () => {
    const c = (await gzcp.post('/api/v1/learners', { name: '过期', idType: 'id_card', idNumber: validIdNumber(930) })).json();
    const fresh = (await gzcp.post(`/api/v1/learners/${c.learner.id}/activation-code`)).json();
    const activate = (code: string, username: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/public/learner-activation',
        payload: { username, activationCode: code, password: 'Learn2026x' },
      });
    expect((await activate(c.activationCode, 'guoqi1')).statusCode).toBe(400); // replaced
    t.clock.advance(31 * 24 * 3600 * 1000);
    expect((await activate(fresh.activationCode, 'guoqi1')).json().error.code).toBe('ACTIVATION_INVALID');
  });

  it('social learners register themselves; the same ID number again is 409', async () => {
    const idNumber = validIdNumber(940, '19900101');
    const payload = {
      username: 'shehui1',
      password: 'Learn2026x',
      name: '社会学员',
      idType: 'id_card',
      idNumber,
      phone: '13800138000',
      consent: true,
    };
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/public/learner-registration', payload });
    expect(r.statusCode).toBe(201);
    const me = (await (await t.loginAs('shehui1', 'Learn2026x')).get('/api/v1/me/learner')).json();
    expect(me).toMatchObject({ kind: 'social', school: null, idNumber });
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/learner-registration',
      payload: { ...payload, username: 'shehui2' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('ID_NUMBER_TAKEN');
  });
});

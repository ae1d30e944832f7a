import { randomBytes } from 'node:crypto';
import type { SocialApplicationDto, SocialFeeDto, SocialOfferDto } from '@onex/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart, validIdNumber } from '../../test/exams';
import { csvFile } from '../../test/results-import';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

const secretKey = randomBytes(32);
let t: TestApp;
let org: Agent;
let sessionId: string;
let irProg: string;

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from([0, 0, 0, 13]),
  Buffer.from('IHDR', 'latin1'),
  Buffer.alloc(17, 1),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('IEND', 'latin1'),
  Buffer.alloc(4),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n身份证扫描件 SECRET-SCAN-MARKER\n%%EOF\n');

const idNumber = validIdNumber(871, '19880808');
const registration = {
  username: 'social-zhang',
  password: 'Social2026x',
  name: '张社会',
  idType: 'id_card',
  idNumber,
  phone: '13912345678',
  consent: true,
};

/** An open session of 工业机器人应用编程 中级 (org-robot) whose window contains now, with `capacity` seats. */
async function openSession(capacity: number): Promise<string> {
  const ct = await t.db.selectFrom('certificate_types').select(['id', 'org_id']).where('code', '=', 'IR-PROG').executeTakeFirstOrThrow();
  const site = await t.db
    .selectFrom('exam_sites')
    .select(['id', 'province_code', 'city_code'])
    .where('certificate_type_id', '=', ct.id)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  const now = t.clock.now();
  const s = await t.db
    .insertInto('exam_sessions')
    .values({
      org_id: ct.org_id,
      certificate_type_id: ct.id,
      level: 'intermediate',
      exam_site_id: site.id,
      province_code: site.province_code,
      city_code: site.city_code,
      exam_date: new Date(now.getTime() + 30 * 86400_000).toISOString().slice(0, 10),
      exam_form: 'computer',
      capacity,
      registration_opens_at: new Date(now.getTime() - 86400_000),
      registration_closes_at: new Date(now.getTime() + 10 * 86400_000),
      status: 'registration_open',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return s.id;
}

beforeAll(async () => {
  t = await createTestApp({ secretKey });
  org = await t.loginAs('org-robot');
  irProg = (await t.db.selectFrom('certificate_types').select('id').where('code', '=', 'IR-PROG').executeTakeFirstOrThrow()).id;
  sessionId = await openSession(1);
});
afterAll(() => t.close());

describe('social learners channel (issue 17 item 1; 003 6号 二(四) 社会成员自主选择证书类别、等级)', () => {
  let me: Agent;
  let app: SocialApplicationDto;
  let capFen: number;

  it('registration checks the ID number (GB 11643 check digit), the phone and the consent', async () => {
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/public/learner-registration', payload });
    const badDigit = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    expect((await post({ ...registration, idNumber: badDigit })).statusCode).toBe(400);
    expect((await post({ ...registration, phone: '12345' })).statusCode).toBe(400);
    expect((await post({ ...registration, consent: false })).statusCode).toBe(400);
    const { consent: _omitted, ...noConsent } = registration;
    expect((await post(noConsent)).statusCode).toBe(400);
    const ok = await post(registration);
    expect(ok.statusCode, ok.body).toBe(201);
    const row = await t.db
      .selectFrom('learners')
      .select(['kind', 'phone_sealed', 'phone_last4', 'privacy_consent_at', 'id_number_enc'])
      .where('id', '=', ok.json().learnerId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'social', phone_last4: '5678' });
    expect(row.privacy_consent_at).not.toBeNull();
    expect(row.phone_sealed).not.toContain('13912345678');
    expect(row.id_number_enc).not.toContain(idNumber);
    me = await t.loginAs(registration.username, registration.password);
  });

  it('R1.2: the organization publishes its social fee per level, never above the level cap', async () => {
    const fees = (await org.get('/api/v1/social-exam-fees')).json<{ items: SocialFeeDto[] }>().items;
    const level = fees.find((f) => f.certificateTypeId === irProg && f.level === 'intermediate')!;
    expect(level.capFen).toBeGreaterThan(0);
    capFen = level.capFen;
    const above = await org.request('PUT', '/api/v1/social-exam-fees', {
      certificateTypeId: irProg,
      level: 'intermediate',
      feeFen: capFen + 1,
    });
    expect(above.statusCode).toBe(422);
    expect(above.json().error.code).toBe('FEE_ABOVE_CAP');
    // another organization's certificate is not found
    const bim = await t.loginAs('org-bim');
    expect(
      (await bim.request('PUT', '/api/v1/social-exam-fees', { certificateTypeId: irProg, level: 'intermediate', feeFen: 100 })).statusCode,
    ).toBe(404);
    const ok = await org.request('PUT', '/api/v1/social-exam-fees', { certificateTypeId: irProg, level: 'intermediate', feeFen: capFen });
    expect(ok.statusCode, ok.body).toBe(200);
    // the database refuses a fee above its recorded cap too
    await expect(
      t.db
        .updateTable('social_exam_fees')
        .set({ fee_fen: capFen + 1 })
        .where('certificate_type_id', '=', irProg)
        .execute(),
    ).rejects.toThrow();
  });

  it('the public offers list the open session with its fee and free seats', async () => {
    const offers = (await t.app.inject({ method: 'GET', url: `/api/v1/public/social-exam-offers?certificateTypeId=${irProg}` })).json<{
      items: SocialOfferDto[];
    }>().items;
    expect(offers.find((o) => o.sessionId === sessionId)).toMatchObject({ feeFen: capFen, seatsLeft: 1, level: 'intermediate' });
  });

  it('R4.3: a pilot student cannot use the channel (its school proposes it and pays)', async () => {
    const learner1 = await t.loginAs('learner1');
    const r = await learner1.post('/api/v1/me/social-applications', { sessionId });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('SOCIAL_CHANNEL_ONLY');
    // and the database allows a learner payer only without a school
    const pilot = await t.db.selectFrom('exam_registrations').select('id').where('school_id', 'is not', null).executeTakeFirstOrThrow();
    await expect(t.db.updateTable('exam_registrations').set({ payer: 'learner' }).where('id', '=', pilot.id).execute()).rejects.toThrow();
  });

  it('applies, uploads photo and ID scan (sealed at rest), pays the published fee', async () => {
    const r = await me.post('/api/v1/me/social-applications', { sessionId });
    expect(r.statusCode, r.body).toBe(201);
    app = r.json<SocialApplicationDto>();
    expect(app).toMatchObject({ status: 'draft', feeFen: capFen, capFen, allowedActions: ['upload', 'withdraw'] });
    expect((await me.post('/api/v1/me/social-applications', { sessionId })).json().error.code).toBe('SOCIAL_APPLICATION_EXISTS');

    const early = await me.post(`/api/v1/me/social-applications/${app.id}/payment`, { paymentRef: 'WX20261206001' });
    expect(early.json().error.code).toBe('SOCIAL_DOCUMENTS_MISSING');

    const bad = await postMultipart(
      me,
      `/api/v1/me/social-applications/${app.id}/documents`,
      { kind: 'photo' },
      { name: 'a.png', bytes: Buffer.from('not an image') },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('SOCIAL_DOCUMENT_INVALID');
    expect(
      (await postMultipart(me, `/api/v1/me/social-applications/${app.id}/documents`, { kind: 'photo' }, { name: '照片.png', bytes: PNG }))
        .statusCode,
    ).toBe(200);
    const up = await postMultipart(
      me,
      `/api/v1/me/social-applications/${app.id}/documents`,
      { kind: 'id_scan' },
      { name: '身份证.pdf', bytes: PDF },
    );
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().allowedActions).toContain('pay');

    const stored = await t.db
      .selectFrom('social_application_documents')
      .select(['content_sealed', 'mime'])
      .where('kind', '=', 'id_scan')
      .executeTakeFirstOrThrow();
    expect(stored.mime).toBe('application/pdf');
    expect(Buffer.from(stored.content_sealed, 'base64').includes(Buffer.from('SECRET-SCAN-MARKER'))).toBe(false);

    const paid = await me.post(`/api/v1/me/social-applications/${app.id}/payment`, { paymentRef: 'WX20261206001' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'submitted', paidFen: capFen, paymentRef: 'WX20261206001' });
    expect(paid.json().paidFen).toBeLessThanOrEqual(capFen);
  });

  it('documents: only the learner and the session’s organization read them; everyone else gets 404', async () => {
    const url = `/api/v1/social-applications/${app.id}/documents/id_scan`;
    const mine = await me.get(url);
    expect(mine.statusCode).toBe(200);
    expect(Buffer.from(mine.rawPayload).equals(PDF)).toBe(true);
    const byOrg = await org.get(url);
    expect(byOrg.statusCode).toBe(200);
    expect(byOrg.headers['content-disposition']).toContain('attachment');
    for (const who of ['org-bim', 'learner1', 'gd-admin', 'national', 'gzcp-admin']) {
      const other = await t.loginAs(who);
      expect((await other.get(url)).statusCode, who).toBe(404);
      expect((await other.get(`/api/v1/social-applications/${app.id}`)).statusCode, who).toBeGreaterThanOrEqual(403);
    }
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    // the organization's reading is audited
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'social_application.view_document').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('the organization confirms: the candidate is registered, paid by itself, without a school; seats are counted', async () => {
    const list = (await org.get(`/api/v1/social-applications?sessionId=${sessionId}`)).json<{ items: SocialApplicationDto[] }>();
    expect(list.items.map((i) => i.id)).toEqual([app.id]);
    expect(list.items[0]!.learner.idNumberMasked).not.toContain(idNumber.slice(6, 14));
    expect(list.items[0]!.allowedActions).toEqual(['confirm', 'reject']);
    expect((await (await t.loginAs('org-bim')).get('/api/v1/social-applications')).json().items).toHaveLength(0);

    const c = await org.post(`/api/v1/social-applications/${app.id}/confirm`);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().status).toBe('confirmed');
    const reg = await t.db.selectFrom('exam_registrations').selectAll().where('id', '=', c.json().registrationId).executeTakeFirstOrThrow();
    expect(reg).toMatchObject({ status: 'registered', school_id: null, payer: 'learner', fee_fen: capFen, consent_via: 'learner' });
    const regs = (await org.get(`/api/v1/exam-sessions/${sessionId}/registrations`)).json();
    expect(regs.items[0]).toMatchObject({ payer: 'learner', school: null });

    // R10.2: the list exports to .xlsx with Chinese headers
    const xlsx = await org.get(`/api/v1/social-applications?sessionId=${sessionId}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).map(String);
    expect(header).toEqual(expect.arrayContaining(['考生', '缴费流水号', '考核费用（元）']));
    expect(String(wb.worksheets[0]!.getRow(2).values)).toContain(registration.name);

    // the only seat is taken: no more offers for this session
    const offers = (await t.app.inject({ method: 'GET', url: '/api/v1/public/social-exam-offers?pageSize=200' })).json<{
      items: SocialOfferDto[];
    }>();
    expect(offers.items.some((o) => o.sessionId === sessionId)).toBe(false);
  });

  it('R5.5/R6/R7: results import → certificate issued for the social candidate → deposited in its learning account', async () => {
    await org.request('PUT', '/api/v1/certificate-settings', { publicityDays: 0 });
    await t.db.updateTable('exam_sessions').set({ status: 'examined' }).where('id', '=', sessionId).execute();
    const m = csvFile([['居民身份证', idNumber, registration.name, 86, '合格']]);
    const imp = await postMultipart(org, `/api/v1/exam-sessions/${sessionId}/results`, {}, { name: 'results.csv', bytes: m });
    expect(imp.statusCode, imp.body).toBeLessThan(300);
    expect((await org.post(`/api/v1/exam-sessions/${sessionId}/score-publication`)).statusCode).toBe(200);
    const issued = await org.post(`/api/v1/exam-sessions/${sessionId}/certificates`);
    expect(issued.json()).toEqual({ issued: 1, alreadyIssued: 0 });

    const mine = (await me.get('/api/v1/me/registrations')).json().items;
    expect(mine.find((r: { sessionId: string }) => r.sessionId === sessionId)).toMatchObject({
      result: { score: 86, passed: true },
      payer: 'learner',
    });
    const certs = await me.get('/api/v1/certificates');
    expect(certs.statusCode).toBe(200);
    expect(certs.json().items).toHaveLength(1);
    expect(JSON.stringify(certs.json().items[0])).toContain('工业机器人应用编程');
    const account = (await me.get('/api/v1/me/learning-account')).json();
    expect(account.outcomes.filter((o: { type: string }) => o.type === 'certificate')).toHaveLength(1);
  });

  it('a rejected application says why; the learner may apply again', async () => {
    const s2 = await openSession(5);
    const a = (await me.post('/api/v1/me/social-applications', { sessionId: s2 })).json<SocialApplicationDto>();
    for (const [kind, bytes] of [
      ['photo', PNG],
      ['id_scan', PDF],
    ] as const)
      await postMultipart(me, `/api/v1/me/social-applications/${a.id}/documents`, { kind }, { name: `${kind}.bin`, bytes });
    await me.post(`/api/v1/me/social-applications/${a.id}/payment`, { paymentRef: 'ALI-1' });
    expect((await org.post(`/api/v1/social-applications/${a.id}/reject`, { reason: '' })).statusCode).toBe(400);
    const r = await org.post(`/api/v1/social-applications/${a.id}/reject`, { reason: '照片不清晰，请重新上传' });
    expect(r.json()).toMatchObject({ status: 'rejected', reason: '照片不清晰，请重新上传' });
    const again = await me.post('/api/v1/me/social-applications', { sessionId: s2 });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: a.id, status: 'draft', paidFen: null });
  });
});

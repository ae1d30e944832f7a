import type { FeeNoticeDto, SocialOfferDto } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROBOT_ORG_USERNAME } from '../../db/seed/demo-exams';
import { tinyPdf } from '../../db/seed/demo-filings';
import { postMultipart, validIdNumber } from '../../test/exams';
import { auditRows, demoFilingId } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/**
 * Issue 17 item 6 (教职成〔2019〕6号 四（一）, R1.2, 收费公告): an organization's fee notice per level, public; agreements
 * bounded by the notice and by the lower applicable cap; social candidates pay the notice's social fee, never above
 * the cap where they sit the exam; a province's caps only at or below the national ones.
 */

let t: TestApp;
let org: Agent;
let gzcp: Agent;
let gd: Agent;
let irProg: string;
let filingId: string;
let today: string;
const DAY = 86_400_000;
const china = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  org = await t.loginAs(DEMO_ROBOT_ORG_USERNAME);
  gzcp = await t.loginAs('gzcp-admin');
  gd = await t.loginAs('gd-admin');
  irProg = (await t.db.selectFrom('certificate_types').select('id').where('code', '=', 'IR-PROG').executeTakeFirstOrThrow()).id;
  filingId = await demoFilingId(t.db, '广州城市职业学院', 'IR-PROG');
  today = china(t.clock.now());
  // The demo's agreement is replaced in these tests: detach what refers to it.
  await t.db.updateTable('exam_registrations').set({ agreement_id: null }).where('filing_id', '=', filingId).execute();
  await t.db.deleteFrom('pilot_agreement_events').execute();
  await t.db.deleteFrom('pilot_agreements').where('filing_id', '=', filingId).execute();
});
afterAll(() => t.close());

const publish = (agent: Agent, body: object) =>
  agent.post('/api/v1/fee-notices', { certificateTypeId: irProg, level: 'intermediate', ...body });
const agreement = (signedOn: string, feeFen: number) =>
  postMultipart(
    gzcp,
    '/api/v1/pilot-agreements',
    { filingId, signedOn, fees: JSON.stringify([{ level: 'intermediate', feeFen }]) },
    { name: '协议.pdf', bytes: tinyPdf('agreement'), type: 'application/pdf' },
  );
async function dropAgreement() {
  await t.db.deleteFrom('pilot_agreements').where('filing_id', '=', filingId).execute();
}

describe('issue 17 item 6: the organization’s 收费公告 per certificate level', () => {
  it('R1.2: published by the certificate’s organization only, each fee at most the level’s national cap, effective today or later; audited', async () => {
    // IR-PROG 中级: 40 % 机考 + 60 % 特殊实操 → 540 元
    const above = await publish(org, { schoolFeeFen: 54001, socialFeeFen: 50000, effectiveOn: today });
    expect(above.statusCode).toBe(422);
    expect(above.json().error).toMatchObject({ code: 'FEE_ABOVE_CAP', message: '中级院校试点收费 540.01 元超过该等级收费上限 540.00 元' });
    expect((await publish(await t.loginAs('org-bim'), { schoolFeeFen: 100, socialFeeFen: 100, effectiveOn: today })).statusCode).toBe(404);
    expect((await publish(gzcp, { schoolFeeFen: 100, socialFeeFen: 100, effectiveOn: today })).statusCode).toBe(403);
    const past = await publish(org, { schoolFeeFen: 100, socialFeeFen: 100, effectiveOn: china(new Date(t.clock.now().getTime() - DAY)) });
    expect(past.statusCode).toBe(400);
    expect((await publish(org, { schoolFeeFen: null, socialFeeFen: null, effectiveOn: today })).statusCode).toBe(400);

    const ok = await publish(org, { schoolFeeFen: 45000, socialFeeFen: 50000, effectiveOn: today, note: '含证书制作费' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<FeeNoticeDto>()).toMatchObject({ schoolFeeFen: 45000, socialFeeFen: 50000, capFen: 54000, state: 'in_force' });
    const later = await publish(org, {
      schoolFeeFen: 40000,
      socialFeeFen: 42000,
      effectiveOn: china(new Date(t.clock.now().getTime() + 30 * DAY)),
    });
    expect(later.json<FeeNoticeDto>().state).toBe('scheduled');
    const audit = await auditRows(t.db, 'fee_notice.publish');
    expect(audit.map((a) => a.target_id)).toEqual(expect.arrayContaining([ok.json().id, later.json().id]));
  });

  it('anyone reads the notices without an account; the demo’s earlier notice is superseded', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/fee-notices?certificateTypeId=${irProg}&level=intermediate` });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: FeeNoticeDto[] }>().items;
    expect(items.map((i) => i.state)).toEqual(['scheduled', 'in_force', 'superseded']);
    expect(items[1]).toMatchObject({ schoolFeeFen: 45000, socialFeeFen: 50000, organization: { name: expect.any(String) } });
    const inForce = await t.app.inject({ method: 'GET', url: `/api/v1/public/fee-notices?certificateTypeId=${irProg}&state=in_force` });
    expect(inForce.json().total).toBe(1);
    // the organization's own list, exportable like every list
    expect((await org.get('/api/v1/fee-notices')).json().total).toBeGreaterThanOrEqual(3);
    const xlsx = await org.get('/api/v1/fee-notices?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('an agreement’s fee cannot exceed the notice in force when signed, nor the cap', async () => {
    const over = await agreement(today, 46000);
    expect(over.statusCode).toBe(422);
    expect(over.json().error.code).toBe('FEE_ABOVE_NOTICE');
    expect(over.json().error.message).toBe(
      `中级考核费用 460.00 元超过培训评价组织收费公告公布的院校试点收费 450.00 元（自 ${today} 起执行）`,
    );
    expect((await agreement(today, 54001)).json().error.code).toBe('FEE_ABOVE_CAP');
    const ok = await agreement(today, 45000);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().fees).toEqual([{ level: 'intermediate', feeFen: 45000, capFen: 54000 }]);
    await dropAgreement();
  });
});

describe('issue 17 item 6 (003 6号 四（一）): a province’s caps at or below the national ones, the lower one applied', () => {
  let docKey: string;
  it('a cap above the national one is refused with a Chinese message naming the form; a lower one is stored', async () => {
    const doc = await gd.post('/api/v1/policies/documents', {
      number: '粤教职函〔2027〕21号',
      title: '关于职业技能等级证书考核收费的通知',
      issuer: '广东省教育厅',
      jurisdiction: { level: 'province', provinceCode: '440000' },
    });
    docKey = doc.json().key;
    const refused = await gd.post(`/api/v1/policies/documents/${docKey}/rules`, {
      kind: 'fee_caps',
      clause: '三',
      params: { paper: 20000, computer: 30000, practical_general: 50000, practical_special: 70001 },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'FEE_CAP_ABOVE_NATIONAL',
      message: '省级收费上限只能等于或低于国家规定的收费上限：特殊要求实训设备实操 700.01 元高于国家上限 700.00 元',
    });
    // IR-PROG 中级 under 广东's caps: 0.4 × 200 元 + 0.6 × 500 元 = 380 元
    const caps = { paper: 15000, computer: 20000, practical_general: 40000, practical_special: 50000 };
    const ok = await gd.post(`/api/v1/policies/documents/${docKey}/rules`, { kind: 'fee_caps', clause: '三', params: caps });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('an agreement of a 广东 school is checked against the lower (provincial) cap, citing 广东’s document', async () => {
    const r = await agreement(today, 45000);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('FEE_ABOVE_CAP');
    expect(r.json().error.message).toBe('中级考核费用 450.00 元超过该等级上限 380.00 元（粤教职函〔2027〕21号 三）');
    const ok = await agreement(today, 38000);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().fees).toEqual([{ level: 'intermediate', feeFen: 38000, capFen: 38000 }]);
  });

  it('a social candidate pays the notice’s social fee, never above the cap of the province where the exam is sat', async () => {
    const ct = await t.db.selectFrom('certificate_types').select(['id', 'org_id']).where('id', '=', irProg).executeTakeFirstOrThrow();
    const site = await t.db
      .selectFrom('exam_sites')
      .select(['id', 'province_code', 'city_code'])
      .where('certificate_type_id', '=', ct.id)
      .where('status', '=', 'approved')
      .where('province_code', '=', '440000')
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
        exam_date: new Date(now.getTime() + 20 * DAY).toISOString().slice(0, 10),
        exam_form: 'computer',
        capacity: 5,
        registration_opens_at: new Date(now.getTime() - DAY),
        registration_closes_at: new Date(now.getTime() + 10 * DAY),
        status: 'registration_open',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const offers = (await t.app.inject({ method: 'GET', url: `/api/v1/public/social-exam-offers?certificateTypeId=${irProg}` })).json<{
      items: SocialOfferDto[];
    }>().items;
    expect(offers.find((o) => o.sessionId === s.id)).toMatchObject({ feeFen: 50000, capFen: 38000 });

    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/learner-registration',
      payload: {
        username: 'social-fee',
        password: 'Social2026x',
        name: '赵社会',
        idType: 'id_card',
        idNumber: validIdNumber(872, '19900101'),
        phone: '13912340000',
        consent: true,
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const me = await t.loginAs('social-fee', 'Social2026x');
    const refused = await me.post('/api/v1/me/social-applications', { sessionId: s.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('FEE_ABOVE_CAP');
    expect(refused.json().error.message).toContain('超过该等级上限 380.00 元（粤教职函〔2027〕21号 三）');
    // the organization lowers its social fee (a notice effective today, keeping the school fee): the candidate pays it
    t.clock.advance(1000);
    const put = await org.request('PUT', '/api/v1/social-exam-fees', { certificateTypeId: irProg, level: 'intermediate', feeFen: 36000 });
    expect(put.statusCode, put.body).toBe(200);
    const applied = await me.post('/api/v1/me/social-applications', { sessionId: s.id });
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json()).toMatchObject({ feeFen: 36000, capFen: 38000 });
    const current = (
      await t.app.inject({ method: 'GET', url: `/api/v1/public/fee-notices?certificateTypeId=${irProg}&state=in_force` })
    ).json<{
      items: FeeNoticeDto[];
    }>().items;
    expect(current).toEqual([expect.objectContaining({ schoolFeeFen: 45000, socialFeeFen: 36000 })]);
  });
});

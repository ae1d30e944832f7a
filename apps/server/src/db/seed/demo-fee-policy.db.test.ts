import type { AgreementDto, EffectivePoliciesDto, FeeNoticeDto, FilingDetailDto } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { HUBEI_DEMO_CAPS_DOCUMENT, HUBEI_DEMO_CAPS_FEN, HUBEI_DEMO_SCALE, HUBEI_TERMINATION_REASON } from './demo-fee-policy';

/** Issue 17 item 9 (demo data of items 5–7): 湖北's lower caps, a terminated agreement, a pilot at its scale, a fee notice. */

let t: TestApp;
let hb: Agent;
let whvcId: string;

beforeAll(async () => {
  t = await createTestApp();
  hb = await t.loginAs('hb-admin');
  whvcId = (await t.db.selectFrom('schools').select('id').where('name', '=', '武汉职业技术学院').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const filingOf = async (code: string) =>
  (
    await t.db
      .selectFrom('filings as f')
      .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
      .select('f.id')
      .where('f.school_id', '=', whvcId)
      .where('ct.code', '=', code)
      .executeTakeFirstOrThrow()
  ).id;

describe('demo of issue 17 items 5–7 (湖北)', () => {
  it('R1.2: 湖北 has its own caps, below the national ones; 广东 keeps the default', async () => {
    const caps = (await hb.get(`/api/v1/policies/effective?schoolId=${whvcId}`)).json<EffectivePoliciesDto>().feeCaps;
    expect(caps.capsFen).toEqual(HUBEI_DEMO_CAPS_FEN);
    expect(caps.label).toContain(HUBEI_DEMO_CAPS_DOCUMENT);
    const gd = (await (await t.loginAs('gd-admin')).get('/api/v1/policies/effective?provinceCode=440000')).json<EffectivePoliciesDto>();
    expect(gd.feeCaps.doc).toBeNull();
  });

  it('002 三.6: a terminated agreement with its reason and history; 002 四.4 warnings overridden with the province’s reason', async () => {
    const list = (await hb.get('/api/v1/pilot-agreements')).json<{ items: AgreementDto[] }>().items;
    const terminated = list.find((a) => a.status === 'terminated')!;
    expect(terminated).toMatchObject({ statusReason: HUBEI_TERMINATION_REASON, school: { id: whvcId } });
    expect(terminated.fees[0]!.feeFen).toBeLessThanOrEqual(terminated.fees[0]!.capFen);
    const history = (await hb.get(`/api/v1/pilot-agreements/${terminated.id}/events`)).json<{ items: { action: string }[] }>().items;
    expect(history.map((e) => e.action)).toEqual(['terminate']);
    // 工业机器人应用编程 中级 under 湖北's caps: 0.4 × 270 元 + 0.6 × 630 元 = 486 元
    expect(terminated).toMatchObject({
      certificateType: { name: '工业机器人应用编程' },
      fees: [{ level: 'intermediate', feeFen: 45000, capFen: 48600 }],
    });
    const web = list.find((a) => a.status === 'in_force' && a.school.id === whvcId)!;
    // Web 前端开发 中级 (机考 only) under 湖北's caps: 270 元
    expect(web.fees).toEqual([{ level: 'intermediate', feeFen: 25000, capFen: 27000 }]);
    const filing = (await hb.get(`/api/v1/filings/${await filingOf('IR-PROG')}`)).json<FilingDetailDto>();
    expect(filing.warningDecisions.early_batch_new_pilot).toMatchObject({ accepted: true });
  });

  it('四.2: the Web 前端开发 pilot of 武汉职业技术学院 is exactly at its approved scale: one more registration is refused', async () => {
    const filingId = await filingOf('WEB-FE');
    const scale = (await hb.get(`/api/v1/filings/${filingId}/approved-scale`)).json();
    expect(scale.approvedScale).toBe(HUBEI_DEMO_SCALE);
    const live = await t.db
      .selectFrom('exam_registrations')
      .select((e) => e.fn.countAll<string>().as('n'))
      .where('filing_id', '=', filingId)
      .where('status', 'in', ['proposed', 'consented', 'registered'])
      .executeTakeFirstOrThrow();
    expect(Number(live.n)).toBe(HUBEI_DEMO_SCALE);
    const created = await hb.post('/api/v1/users', {
      username: 'whvc-demo-check',
      displayName: '武汉职业技术学院教务处（测试）',
      role: 'school_admin',
      password: 'Whvc@2026test',
      schoolId: whvcId,
    });
    expect(created.statusCode, created.body).toBe(201);
    const whvc = await t.loginAs('whvc-demo-check', 'Whvc@2026test');
    const major = await t.db
      .selectFrom('school_majors')
      .select(['id', 'department_id'])
      .where('school_id', '=', whvcId)
      .where('major_code', '=', '610205')
      .executeTakeFirstOrThrow();
    const learner = await t.db
      .insertInto('learners')
      .values({
        kind: 'pilot_student',
        school_id: whvcId,
        school_major_id: major.id,
        department_id: major.department_id,
        province_code: '420000',
        city_code: '420100',
        name: '郑一鸣',
        id_type: 'id_card',
        id_number_enc: 'x',
        id_number_hash: `hash-${Math.random()}`,
        id_number_last4: '0000',
        created_at: t.clock.now(),
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const open = await t.db
      .selectFrom('exam_sessions as s')
      .innerJoin('certificate_types as ct', 'ct.id', 's.certificate_type_id')
      .select('s.id')
      .where('ct.code', '=', 'WEB-FE')
      .where('s.province_code', '=', '420000')
      .where('s.status', '=', 'registration_open')
      .executeTakeFirstOrThrow();
    const refused = await whvc.post(`/api/v1/exam-sessions/${open.id}/registrations`, { learnerIds: [learner.id] });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.code).toBe('SCALE_EXCEEDED');
  });

  it('001 第十七条 收费公告: the organization’s notice of 工业机器人应用编程 中级 is public', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/fee-notices?state=in_force' });
    const items = res.json<{ items: FeeNoticeDto[] }>().items;
    expect(items.find((n) => n.certificateType.code === 'IR-PROG' && n.level === 'intermediate')).toMatchObject({
      schoolFeeFen: 48000,
      socialFeeFen: 48000,
    });
  });
});

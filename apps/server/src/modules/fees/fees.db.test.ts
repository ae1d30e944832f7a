import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/password';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { DEMO_AGREEMENT_FEE_FEN } from '../../db/seed/demo-exams';
import { insertUser } from '../accounts/accounts.queries';
import { demoIds } from '../../test/factories';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { feeForRegistration } from './fees.service';

let t: TestApp;
let gzcp: Agent;
let sessionId: string;
let orgId: string;
let certificateTypeId: string;
const REGISTERED = 5;

beforeAll(async () => {
  t = await createTestApp();
  gzcp = await t.loginAs('gzcp-admin');
  const ids = await demoIds(t.db);
  const ct = await t.db.selectFrom('certificate_types').select(['id', 'org_id']).where('code', '=', 'IR-PROG').executeTakeFirstOrThrow();
  orgId = ct.org_id;
  certificateTypeId = ct.id;
  const now = t.clock.now();
  await insertUser(t.db, {
    username: 'org-syd',
    displayName: 'IR 证书培训评价组织',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: 'org_admin',
    provinceCode: null,
    cityCode: null,
    schoolId: null,
    departmentId: null,
    orgId,
    createdAt: now,
    createdBy: null,
  });
  const site = await t.db
    .insertInto('exam_sites')
    .values({
      org_id: orgId,
      school_id: ids.gzcp,
      province_code: '440000',
      city_code: '440100',
      certificate_type_id: ct.id,
      name: '广州城市职业学院考核站点',
      address: '广州市',
      capacity: 40,
      status: 'approved',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await t.db
    .insertInto('exam_sessions')
    .values({
      org_id: orgId,
      certificate_type_id: ct.id,
      level: 'intermediate',
      exam_site_id: site.id,
      province_code: '440000',
      city_code: '440100',
      exam_date: '2026-06-20',
      exam_form: 'practical_special',
      capacity: 40,
      registration_opens_at: new Date('2026-05-01T00:00:00Z'),
      registration_closes_at: new Date('2026-06-01T00:00:00Z'),
      status: 'registration_closed',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  sessionId = session.id;
  // 5 registered (incl. 建档立卡 ones), 1 consented only, 1 withdrawn: only the registered count.
  const learners = await t.db
    .selectFrom('learners')
    .select(['id', 'poverty_registered'])
    .where('school_id', '=', ids.gzcp)
    .orderBy('poverty_registered', 'desc')
    .orderBy('name')
    .limit(REGISTERED + 2)
    .execute();
  for (const [i, l] of learners.entries()) {
    const fee = await feeForRegistration(t.db, {
      schoolId: ids.gzcp,
      certificateTypeId: ct.id,
      level: 'intermediate',
      povertyRegistered: l.poverty_registered,
    });
    await t.db
      .insertInto('exam_registrations')
      .values({
        session_id: sessionId,
        learner_id: l.id,
        school_id: ids.gzcp,
        filing_id: fee.filingId,
        agreement_id: fee.agreementId,
        province_code: '440000',
        org_id: orgId,
        status: i < REGISTERED ? 'registered' : i === REGISTERED ? 'consented' : 'withdrawn',
        consent_at: now,
        consent_via: 'learner',
        fee_fen: fee.feeFen,
        fee_exempt: fee.feeExempt,
        created_at: now,
      })
      .execute();
  }
});
afterAll(() => t.close());

describe('exam fees and settlements (R4.3, R4.4)', () => {
  it('a registration fee comes from the agreement; 建档立卡 is exempt (covered) and paid by the school', async () => {
    const ids = await demoIds(t.db);
    const poor = await feeForRegistration(t.db, { schoolId: ids.gzcp, certificateTypeId, level: 'intermediate', povertyRegistered: true });
    expect(poor).toMatchObject({ feeFen: DEMO_AGREEMENT_FEE_FEN, feeExempt: true, payer: 'school', learnerChargeFen: 0 });
    await expect(
      feeForRegistration(t.db, { schoolId: ids.gzcp, certificateTypeId, level: 'senior', povertyRegistered: false }),
    ).rejects.toMatchObject({
      code: 'AGREEMENT_REQUIRED',
    });
  });

  it('no learner charge can exist: the database refuses any payer but the school', async () => {
    const reg = await t.db.selectFrom('exam_registrations').select('id').where('session_id', '=', sessionId).executeTakeFirstOrThrow();
    await expect(
      t.db
        .updateTable('exam_registrations')
        .set({ payer: 'learner' as 'school' })
        .where('id', '=', reg.id)
        .execute(),
    ).rejects.toThrow();
  });

  it('no endpoint accepts a charge to a learner (no payer or learner fee field in any request body)', async () => {
    const doc = JSON.stringify(
      (t.app as unknown as { swagger(): { paths: Record<string, Record<string, { requestBody?: unknown }>> } }).swagger().paths,
    );
    const bodies = JSON.stringify(
      Object.values(JSON.parse(doc) as Record<string, Record<string, { requestBody?: unknown }>>).flatMap((ops) =>
        Object.values(ops).map((o) => o.requestBody ?? null),
      ),
    );
    expect(bodies).toContain('idNumber'); // the document does describe request bodies
    expect(bodies).not.toMatch(/payer|learnerCharge|learnerFee|chargeLearner/i);
  });

  it('nothing is due before the exam; afterwards due = Σ registered fees per school, exempt ones counted', async () => {
    expect((await gzcp.get(`/api/v1/fee-settlements?sessionId=${sessionId}`)).json().total).toBe(0);
    await t.db.updateTable('exam_sessions').set({ status: 'examined' }).where('id', '=', sessionId).execute();
    const list = (await gzcp.get(`/api/v1/fee-settlements?sessionId=${sessionId}`)).json();
    expect(list.total).toBe(1);
    const poorRegistered = await t.db
      .selectFrom('exam_registrations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('session_id', '=', sessionId)
      .where('status', '=', 'registered')
      .where('fee_exempt', '=', true)
      .executeTakeFirstOrThrow();
    expect(list.items[0]).toMatchObject({
      dueFen: REGISTERED * DEMO_AGREEMENT_FEE_FEN,
      registeredCount: REGISTERED,
      exemptCount: Number(poorRegistered.n),
      status: 'due',
      allowedActions: ['settle'],
    });
    expect(Number(poorRegistered.n)).toBeGreaterThan(0);
    // the organization sees the same; another school does not
    const org = await t.loginAs('org-syd');
    const orgList = (await org.get(`/api/v1/fee-settlements?sessionId=${sessionId}`)).json();
    expect(orgList.items[0]).toMatchObject({ dueFen: REGISTERED * DEMO_AGREEMENT_FEE_FEN, allowedActions: [] });
    expect((await (await t.loginAs('gdst-admin')).get('/api/v1/fee-settlements')).json().total).toBe(0);
    expect((await (await t.loginAs('org-web')).get('/api/v1/fee-settlements')).json().total).toBe(0);
  });

  it('R4.3 warning: registered pilot students whose exams are unpaid, then none once settled', async () => {
    const ids = await demoIds(t.db);
    // this session's registered learners (the demo sessions add their own candidates to the list)
    const mine = (
      await t.db
        .selectFrom('exam_registrations')
        .select('learner_id')
        .where('session_id', '=', sessionId)
        .where('status', '=', 'registered')
        .execute()
    ).map((r) => r.learner_id);
    const unsettledOfMine = (items: { reason: string; learnerId: string }[]) =>
      items.filter((s) => s.reason === 'unsettled' && mine.includes(s.learnerId));
    const before = (await gzcp.get(`/api/v1/schools/${ids.gzcp}/unpaid-pilot-students`)).json().items as {
      reason: string;
      learnerId: string;
    }[];
    expect(unsettledOfMine(before)).toHaveLength(REGISTERED);
    expect(before.some((s) => s.reason === 'not_registered')).toBe(true);
    expect((await (await t.loginAs('gdst-admin')).get(`/api/v1/schools/${ids.gzcp}/unpaid-pilot-students`)).statusCode).toBe(404);

    const s = (await gzcp.get(`/api/v1/fee-settlements?sessionId=${sessionId}`)).json().items[0];
    const org = await t.loginAs('org-syd');
    expect((await org.post(`/api/v1/fee-settlements/${s.id}/settle`, {})).statusCode).toBe(403);
    const settled = await gzcp.post(`/api/v1/fee-settlements/${s.id}/settle`, { note: '已转账' });
    expect(settled.statusCode).toBe(200);
    expect(settled.json()).toMatchObject({ status: 'settled', note: '已转账', allowedActions: [] });
    expect((await gzcp.post(`/api/v1/fee-settlements/${s.id}/settle`, {})).json().error.code).toBe('SETTLEMENT_ALREADY_SETTLED');
    expect((await org.get(`/api/v1/fee-settlements?settled=true&sessionId=${sessionId}`)).json().items[0].status).toBe('settled');
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', s.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['fee_settlement.settle']);

    const after = (await gzcp.get(`/api/v1/schools/${ids.gzcp}/unpaid-pilot-students`)).json().items as {
      reason: string;
      learnerId: string;
    }[];
    expect(unsettledOfMine(after)).toHaveLength(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROBOT_ORG_USERNAME } from '../../db/seed/demo-exams';
import { demoFilingId } from '../../test/filing-extras';
import { demoIds } from '../../test/factories';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { requireAgreement } from './agreements.service';

/** Issue 17 item 5: agreements have a life — draft → in force → suspended / terminated (鄂教职成办函〔2021〕7号 三.6). */

let t: TestApp;
let gzcp: Agent;
let org: Agent;
let filingId: string;
let agreementId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  gzcp = await t.loginAs('gzcp-admin');
  org = await t.loginAs(DEMO_ROBOT_ORG_USERNAME);
  filingId = await demoFilingId(t.db, '广州城市职业学院', 'IR-PROG');
  agreementId = (await t.db.selectFrom('pilot_agreements').select('id').where('filing_id', '=', filingId).executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const transition = (agent: Agent, action: string, reason?: string) => (
  t.clock.advance(1000),
  agent.post(`/api/v1/pilot-agreements/${agreementId}/transitions`, reason ? { action, reason } : { action })
);

async function newSessionAtSchoolSite() {
  const site = await t.db
    .selectFrom('exam_sites as s')
    .innerJoin('certificate_types as ct', 'ct.id', 's.certificate_type_id')
    .select(['s.id', 'ct.id as type_id'])
    .where('ct.code', '=', 'IR-PROG')
    .where('s.status', '=', 'approved')
    .where('s.school_id', 'is not', null)
    .executeTakeFirstOrThrow();
  const now = t.clock.now().getTime();
  return org.post('/api/v1/exam-sessions', {
    certificateTypeId: site.type_id,
    level: 'intermediate',
    examSiteId: site.id,
    examDate: new Date(now + 40 * DAY).toISOString().slice(0, 10),
    examForm: 'computer',
    capacity: 10,
    registrationOpensAt: new Date(now - DAY).toISOString(),
    registrationClosesAt: new Date(now + 20 * DAY).toISOString(),
  });
}

describe('the life of a pilot agreement (issue 17 item 5, 三.6)', () => {
  it('the demo agreement is in force; its parties and its province may act on it, others not', async () => {
    const a = (await gzcp.get(`/api/v1/pilot-agreements/${agreementId}`)).json();
    expect(a).toMatchObject({ status: 'in_force', statusReason: null });
    expect(a.allowedActions).toEqual(['suspend', 'terminate']);
    expect((await transition(await t.loginAs('gdst-admin'), 'suspend', '测试')).statusCode).toBe(404);
    expect((await transition(await t.loginAs('hb-admin'), 'suspend', '测试')).statusCode).toBe(404);
  });

  it('三.6: suspending needs a reason; a suspended agreement blocks registrations and new sessions at the school’s site', async () => {
    const noReason = await transition(org, 'suspend');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('AGREEMENT_REASON_REQUIRED');
    const s = await transition(org, 'suspend', '学校反映存在捆绑销售培训资料问题，暂停合作待核查');
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ status: 'suspended', statusReason: '学校反映存在捆绑销售培训资料问题，暂停合作待核查' });
    await expect(requireAgreement(t.db, filingId, 'intermediate')).rejects.toMatchObject({ code: 'AGREEMENT_NOT_IN_FORCE' });
    const ids = await demoIds(t.db);
    const type = await t.db.selectFrom('certificate_types').select('id').where('code', '=', 'IR-PROG').executeTakeFirstOrThrow();
    await expect(requireAgreement(t.db, { schoolId: ids.gzcp, certificateTypeId: type.id })).rejects.toMatchObject({
      code: 'AGREEMENT_NOT_IN_FORCE',
    });
    const session = await newSessionAtSchoolSite();
    expect(session.statusCode).toBe(409);
    expect(session.json().error.code).toBe('AGREEMENT_NOT_IN_FORCE');
    // Resumed: in force again.
    const r = await transition(gzcp, 'resume');
    expect(r.json()).toMatchObject({ status: 'in_force' });
    expect((await requireAgreement(t.db, filingId, 'intermediate')).id).toBe(agreementId);
    expect((await newSessionAtSchoolSite()).statusCode).toBe(201);
  });

  it('三.6 情况恶劣的要坚决停止合作: the province terminates with a reason; it is final, blocks a new agreement, keeps history and settlements', async () => {
    const registrations = await t.db.selectFrom('exam_registrations').select('id').where('agreement_id', '=', agreementId).execute();
    const t1 = await transition(await t.loginAs('gd-admin'), 'terminate', '高收费问题查实，停止合作');
    expect(t1.statusCode, t1.body).toBe(200);
    expect(t1.json()).toMatchObject({ status: 'terminated', allowedActions: [] });
    const again = await transition(gzcp, 'resume');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('AGREEMENT_TRANSITION_INVALID');
    await expect(requireAgreement(t.db, filingId)).rejects.toMatchObject({ code: 'AGREEMENT_NOT_IN_FORCE' });
    // History: the registrations that referred to it stay; the events and the audit tell each step.
    expect(await t.db.selectFrom('exam_registrations').select('id').where('agreement_id', '=', agreementId).execute()).toHaveLength(
      registrations.length,
    );
    const events = (await gzcp.get(`/api/v1/pilot-agreements/${agreementId}/events`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['suspend', 'resume', 'terminate']);
    expect(events[2]).toMatchObject({ fromStatus: 'in_force', toStatus: 'terminated', reason: '高收费问题查实，停止合作' });
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', agreementId).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['pilot_agreement.suspend', 'pilot_agreement.resume', 'pilot_agreement.terminate']),
    );
  });
});

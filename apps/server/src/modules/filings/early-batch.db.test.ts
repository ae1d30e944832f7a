import { FILING_ATTACHMENT_KINDS, type FilingDetailDto, type RuleReportDto } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCourseSupport, demoFeasibility, demoLeader, demoOpinions, demoOverview, demoTeam, tinyPdf } from '../../db/seed/demo-filings';
import { DAY } from '../../lib/clock';
import { auditRows } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/**
 * Issue 17 item 7 (鄂教职成办函〔2021〕7号 四.4 原则上不再新增前两批证书试点单位): a 湖北 school not yet piloting a
 * first- or second-batch certificate gets a warning on its filing (not a block), which the province may override
 * with a reason at approval (audited); a school already piloting it gets none; 广东 is not bound by 002.
 */

let t: TestApp;
let hb: Agent;
let gd: Agent;
let whvc: Agent;
let gzcp: Agent;

const school = (name: string) =>
  t.db.selectFrom('schools').select(['id', 'name', 'province_code']).where('name', '=', name).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  hb = await t.loginAs('hb-admin');
  gd = await t.loginAs('gd-admin');
  gzcp = await t.loginAs('gzcp-admin');
  const s = await school('武汉职业技术学院');
  const created = await hb.post('/api/v1/users', {
    username: 'whvc-test-admin',
    displayName: '武汉职业技术学院教务处（测试）',
    role: 'school_admin',
    password: 'Whvc@2026test',
    schoolId: s.id,
  });
  expect(created.statusCode, created.body).toBe(201);
  whvc = await t.loginAs('whvc-test-admin', 'Whvc@2026test');
});
afterAll(() => t.close());

/** A round admitting only the third and fourth batches (本批次以第三批、第四批证书为主), opened. */
async function openRound(agent: Agent, year: number): Promise<string> {
  const res = await agent.post('/api/v1/filing-rounds', {
    name: `第三、四批证书试点申报 ${year} ${Math.random().toString(36).slice(2, 6)}`,
    year,
    type: 'centralized',
    schoolSubmissionDeadline: new Date(t.clock.now().getTime() + 10 * DAY).toISOString(),
    admittedBatchCodes: ['B3', 'B4'],
    majorCatalogEdition: '2021',
  });
  expect(res.statusCode, res.body).toBe(201);
  expect((await agent.post(`/api/v1/filing-rounds/${res.json().id}/transitions`, { action: 'open' })).statusCode).toBe(200);
  return res.json().id as string;
}

function multipart(kind: string) {
  const boundary = `----onex${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${kind}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    tinyPdf(kind),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A complete 传感网应用开发 (SENSOR-NET, 第二批) 中级 filing of the school's major. */
async function completeFiling(agent: Agent, schoolName: string, roundId: string, majorCode: string): Promise<string> {
  const s = await school(schoolName);
  const majors = await t.db
    .selectFrom('school_majors')
    .select(['id', 'department_id', 'name'])
    .where('school_id', '=', s.id)
    .where('major_code', '=', majorCode)
    .execute();
  const certificateTypeId = (
    await t.db.selectFrom('certificate_types').select('id').where('code', '=', 'SENSOR-NET').executeTakeFirstOrThrow()
  ).id;
  const created = await agent.post('/api/v1/filings', {
    roundId,
    certificateTypeId,
    departmentId: majors[0]!.department_id,
    levels: ['intermediate'],
    schoolMajorIds: majors.map((m) => m.id),
  });
  expect(created.statusCode, created.body).toBe(201);
  const filing = created.json<FilingDetailDto>();
  const put = (section: string, body: unknown) => agent.request('PUT', `/api/v1/filings/${filing.id}/sections/${section}`, body);
  for (const [section, body] of [
    ['basics', { levels: ['intermediate'], departmentId: majors[0]!.department_id, plannedFeesFen: { intermediate: 30000 } }],
    ['plan', { rows: filing.sections.plan.rows.map((r) => ({ ...r, plannedTrainees: 40 })) }],
    ['leader', demoLeader()],
    ['team', demoTeam()],
    ['overview', demoOverview()],
    ['opinions', demoOpinions('2026-09-01')],
    ['courseSupport', demoCourseSupport()],
    [
      'feasibility',
      demoFeasibility(
        '陈志刚',
        majors.map((m) => ({ name: m.name, headcount: 40 })),
        '2026-09-01',
      ),
    ],
  ] as const) {
    const res = await put(section, body);
    expect(res.statusCode, `${section}: ${res.body}`).toBe(200);
  }
  for (const kind of FILING_ATTACHMENT_KINDS) {
    const { payload, headers } = multipart(kind);
    expect((await agent.request('POST', `/api/v1/filings/${filing.id}/attachments`, payload, { headers })).statusCode).toBe(201);
  }
  return filing.id;
}

const submit = (agent: Agent, id: string, extra: Record<string, unknown> = {}) =>
  agent.post(`/api/v1/filings/${id}/transitions`, { action: 'submit', pledge: true, ...extra });
const report = async (agent: Agent, id: string) => (await agent.get(`/api/v1/filings/${id}/rule-report`)).json<RuleReportDto>();
const outcome = (r: RuleReportDto) =>
  Object.fromEntries(
    r.results
      .filter((x) => x.ruleId === 'batch_admitted' || x.ruleId === 'early_batch_new_pilot')
      .map((x) => [x.ruleId, `${x.passed ? 'pass' : 'fail'}:${x.severity}`]),
  );

describe('issue 17 item 7 (002 四.4): early batches are a warning for 湖北 schools not yet piloting them', () => {
  let filingId: string;

  it('a 湖北 school new to a second-batch certificate gets a warning citing 002 四.4, not a block', async () => {
    const roundId = await openRound(hb, 2027);
    filingId = await completeFiling(whvc, '武汉职业技术学院', roundId, '610205');
    const r = await report(whvc, filingId);
    expect(outcome(r)).toEqual({ batch_admitted: 'pass:block', early_batch_new_pilot: 'fail:warn' });
    expect(r.blocking).toBe(0);
    const w = r.results.find((x) => x.ruleId === 'early_batch_new_pilot')!;
    expect(w.message).toContain('原则上不再新增前两批证书试点单位（鄂教职成办函〔2021〕7号 四.4');
    // like every 原则上 rule, the school gives its reason at submission; the warning is recorded on the filing
    const noReason = await submit(whvc, filingId);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error).toMatchObject({
      code: 'FILING_WARNING_REASON_REQUIRED',
      details: { ruleIds: ['early_batch_new_pilot'] },
    });
    const ok = await submit(whvc, filingId, {
      warningReasons: { early_batch_new_pilot: '本校物联网专业已有校企合作基础，企业急需该证书' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const seen = (await hb.get(`/api/v1/filings/${filingId}`)).json<FilingDetailDto>();
    expect(seen.warningReasons).toEqual({ early_batch_new_pilot: '本校物联网专业已有校企合作基础，企业急需该证书' });
    expect(seen.ruleReportAtSubmission!.results.find((x) => x.ruleId === 'early_batch_new_pilot')).toMatchObject({ passed: false });
  });

  it('approval needs the province’s decision on the warning with a reason; overriding it is audited', async () => {
    expect((await hb.post(`/api/v1/filings/${filingId}/transitions`, { action: 'accept_for_review' })).statusCode).toBe(200);
    const undecided = await hb.post(`/api/v1/filings/${filingId}/transitions`, { action: 'approve' });
    expect(undecided.json().error.code).toBe('FILING_WARNING_DECISION_REQUIRED');
    const refused = await hb.post(`/api/v1/filings/${filingId}/transitions`, {
      action: 'approve',
      warningDecisions: { early_batch_new_pilot: { accepted: false, reason: '原则上不再新增' } },
    });
    expect(refused.json().error.code).toBe('FILING_WARNING_REFUSED');
    const reason = '该校为国家示范校，区域产业急需，同意新增试点';
    const approved = await hb.post(`/api/v1/filings/${filingId}/transitions`, {
      action: 'approve',
      warningDecisions: { early_batch_new_pilot: { accepted: true, reason } },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<FilingDetailDto>().warningDecisions).toMatchObject({ early_batch_new_pilot: { accepted: true, reason } });
    const audit = (await auditRows(t.db, 'filing.approve')).find((a) => (a.summary as { warningDecisions?: object }).warningDecisions);
    expect(audit?.target_id).toBe(filingId);
    expect(audit?.summary).toMatchObject({ warningDecisions: { early_batch_new_pilot: { accepted: true, reason } } });
  });

  it('a school already piloting the certificate gets no warning', async () => {
    const roundId = await openRound(hb, 2028);
    const next = await completeFiling(whvc, '武汉职业技术学院', roundId, '610202');
    expect(outcome(await report(whvc, next))).toEqual({ batch_admitted: 'pass:block', early_batch_new_pilot: 'pass:warn' });
    expect((await submit(whvc, next)).statusCode).toBe(200);
  });

  it('002 binds 湖北 only: in 广东 the round’s batches decide as before (blocked, no warning rule)', async () => {
    const roundId = await openRound(gd, 2027);
    const id = await completeFiling(gzcp, '广州城市职业学院', roundId, '610119');
    expect(outcome(await report(gzcp, id))).toEqual({ batch_admitted: 'fail:block' });
  });
});

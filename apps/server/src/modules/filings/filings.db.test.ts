import { FILING_ATTACHMENT_KINDS, type FilingDetailDto, type FilingRoundDto, missingFieldLine, missingFilingFields } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_LEADERS,
  demoCourseSupport,
  demoFeasibility,
  demoLeader,
  demoOpinions,
  demoOverview,
  demoTeam,
  tinyPdf,
} from '../../db/seed/demo-filings';
import { DAY, MINUTE } from '../../lib/clock';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
let gd: Agent, hb: Agent, gz: Agent, expert: Agent, gzcp: Agent, zz: Agent, gdst: Agent;
let round: FilingRoundDto;

/** A multipart/form-data body with text fields and one file. */
function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = `----onex${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function typeId(code: string) {
  return (await t.db.selectFrom('certificate_types').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

async function schoolFacts(schoolName: string, majorCodes: string[]) {
  const school = await t.db.selectFrom('schools').select('id').where('name', '=', schoolName).executeTakeFirstOrThrow();
  const majors = await t.db
    .selectFrom('school_majors')
    .select(['id', 'department_id', 'name'])
    .where('school_id', '=', school.id)
    .where('major_code', 'in', majorCodes)
    .execute();
  return {
    schoolId: school.id,
    departmentId: majors[0]!.department_id,
    majorIds: majors.map((m) => m.id),
    majorNames: majors.map((m) => m.name),
  };
}

async function newRound(overrides: Record<string, unknown> = {}): Promise<FilingRoundDto> {
  const res = await gd.post('/api/v1/filing-rounds', {
    name: `测试轮次 ${Math.random().toString(36).slice(2, 8)}`,
    year: 2027,
    type: 'centralized',
    schoolSubmissionDeadline: new Date(t.clock.now().getTime() + 10 * DAY).toISOString(),
    admittedBatchCodes: ['B1', 'B2'],
    majorCatalogEdition: '2021',
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  const opened = await gd.post(`/api/v1/filing-rounds/${res.json().id}/transitions`, { action: 'open' });
  expect(opened.statusCode, opened.body).toBe(200);
  return opened.json();
}

interface FilingSpec {
  agent: Agent;
  school: string;
  cert: string;
  majors: string[];
  trainees?: number;
  levels?: string[];
  courses?: boolean;
  roundId?: string;
}

/** Creates a filing and fills every section and attachment; returns its id. */
async function completeFiling(s: FilingSpec): Promise<string> {
  const f = await schoolFacts(s.school, s.majors);
  const created = await s.agent.post('/api/v1/filings', {
    roundId: s.roundId ?? round.id,
    certificateTypeId: await typeId(s.cert),
    departmentId: f.departmentId,
    levels: s.levels ?? ['intermediate'],
    schoolMajorIds: f.majorIds,
  });
  expect(created.statusCode, created.body).toBe(201);
  const filing = created.json<FilingDetailDto>();
  expect(filing.sections.plan.rows.length).toBe(f.majorIds.length);
  expect(filing.sections.plan.rows[0]!.enrolledStudents).toBeGreaterThan(0); // prefilled from the major's figures
  const id = filing.id;
  const put = (section: string, body: unknown) => s.agent.request('PUT', `/api/v1/filings/${id}/sections/${section}`, body);
  const rows = filing.sections.plan.rows.map((r) => ({ ...r, plannedTrainees: s.trainees ?? 40 }));
  for (const [section, body] of [
    ['plan', { rows }],
    ['leader', demoLeader()],
    ['team', demoTeam()],
    ['overview', demoOverview()],
    ['opinions', demoOpinions('2026-09-01')],
    ['courseSupport', s.courses === false ? { courses: [] } : demoCourseSupport()],
    [
      'feasibility',
      demoFeasibility(
        '陈志刚',
        f.majorNames.map((name) => ({ name, headcount: 40 })),
        '2026-09-01',
      ),
    ],
  ] as const) {
    const res = await put(section, body);
    expect(res.statusCode, `${section}: ${res.body}`).toBe(200);
  }
  for (const kind of FILING_ATTACHMENT_KINDS) {
    const { payload, headers } = multipart({ kind }, { name: `${kind}.pdf`, bytes: tinyPdf(kind) });
    const res = await s.agent.request('POST', `/api/v1/filings/${id}/attachments`, payload, { headers });
    expect(res.statusCode, res.body).toBe(201);
  }
  return id;
}

const act = (agent: Agent, id: string, body: Record<string, unknown>) => agent.post(`/api/v1/filings/${id}/transitions`, body);

beforeAll(async () => {
  t = await createTestApp();
  [gd, hb, gz, expert, gzcp, zz, gdst] = await Promise.all([
    t.loginAs('gd-admin'),
    t.loginAs('hb-admin'),
    t.loginAs('gz-admin'),
    t.loginAs('expert1'),
    t.loginAs('gzcp-admin'),
    t.loginAs('zz-admin'),
    t.loginAs('gdst-admin'),
  ]);
  round = await newRound();
});
afterAll(async () => t.close());

describe('R3.1 filing rounds', () => {
  it('the province creates and opens a round; schools of the province read it with deadlines and now', async () => {
    const res = await gzcp.get(`/api/v1/filing-rounds/${round.id}`);
    expect(res.statusCode).toBe(200);
    const r = res.json<FilingRoundDto>();
    expect(r.acceptingSubmissions).toBe(true);
    expect(r.now).toBe(t.clock.now().toISOString());
    expect(r.reviewCriteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
    expect((await hb.get(`/api/v1/filing-rounds/${round.id}`)).statusCode).toBe(404);
    expect((await gzcp.post('/api/v1/filing-rounds', { name: 'x' })).statusCode).toBe(400);
  });

  it('a centralized round needs a school deadline; rule overrides are checked against the rule ids', async () => {
    const base = { name: '无截止', year: 2027, type: 'centralized', admittedBatchCodes: ['B1'], majorCatalogEdition: '2021' };
    expect((await gd.post('/api/v1/filing-rounds', base)).statusCode).toBe(400);
    const bad = { ...base, type: 'rolling', ruleOverrides: { no_such_rule: { severity: 'warn' } } };
    expect((await gd.post('/api/v1/filing-rounds', bad)).statusCode).toBe(400);
    expect((await gd.post('/api/v1/filing-rounds', { ...base, type: 'rolling' })).statusCode).toBe(201);
  });

  it('a round’s rule parameters have the shape the checks read: a wrong one is 400 naming the field, not a 500 at every submission', async () => {
    const base = { name: '参数', year: 2027, type: 'rolling', admittedBatchCodes: ['B1'], majorCatalogEdition: '2021' };
    const broken = { level_for_school_type: { params: { allowedLevels: { higher: 5 } } } };
    const res = await gd.post('/api/v1/filing-rounds', { ...base, ruleOverrides: broken });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('body.ruleOverrides.level_for_school_type.params.allowedLevels.higher');
    const created = await gd.post('/api/v1/filing-rounds', base);
    expect(created.statusCode).toBe(201);
    const id = created.json<FilingRoundDto>().id;
    expect((await gd.request('PATCH', `/api/v1/filing-rounds/${id}`, { ruleOverrides: broken })).statusCode).toBe(400);
    const good = { level_for_school_type: { params: { allowedLevels: { higher: ['intermediate', 'senior'] } } } };
    expect((await gd.request('PATCH', `/api/v1/filing-rounds/${id}`, { ruleOverrides: good })).statusCode).toBe(200);
  });

  it('past the school deadline the round refuses submissions: 409 ROUND_CLOSED citing the deadline', async () => {
    // (a short deadline: moving the clock by days would also end the test sessions)
    const r = await newRound({ schoolSubmissionDeadline: new Date(t.clock.now().getTime() + 30 * MINUTE).toISOString() });
    const id = await completeFiling({ agent: gzcp, school: '广州城市职业学院', cert: 'SENSOR-NET', majors: ['610119'], roundId: r.id });
    const saved = t.clock.now();
    t.clock.advance(31 * MINUTE);
    try {
      const res = await act(gzcp, id, { action: 'submit', pledge: true });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('ROUND_CLOSED');
      expect(res.json().error.details.deadline).toBe(r.schoolSubmissionDeadline);
      expect(res.json().error.message).toContain('截止');
      expect((await gzcp.get(`/api/v1/filing-rounds/${r.id}`)).json().acceptingSubmissions).toBe(false);
    } finally {
      t.clock.set(saved);
    }
    expect((await act(gzcp, id, { action: 'submit', pledge: true })).statusCode).toBe(200);
  });
});

describe('R3.6 the 高职 path: province review, experts, decision, publication', () => {
  let id: string;
  it('runs from draft to published, and the school sees the decision only after publication', async () => {
    const round = await newRound(); // published at the end of this test
    id = await completeFiling({
      agent: gzcp,
      school: '广州城市职业学院',
      cert: 'IR-PROG',
      majors: ['560301', '560309'],
      roundId: round.id,
    });
    const report = (await gzcp.get(`/api/v1/filings/${id}/rule-report`)).json();
    expect(report.blocking).toBe(0);
    let res = await act(gzcp, id, { action: 'submit', pledge: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('submitted');
    expect((await act(gz, id, { action: 'accept_for_review' })).statusCode).toBe(404); // not a 中职 filing
    res = await act(gd, id, { action: 'accept_for_review' });
    expect(res.json().status).toBe('provincial_review');

    expect((await expert.get(`/api/v1/filings/${id}`)).statusCode).toBe(404); // not assigned yet
    const expertUser = await t.db.selectFrom('users').select('id').where('username', '=', 'expert1').executeTakeFirstOrThrow();
    res = await act(gd, id, { action: 'assign_experts', expertIds: [expertUser.id] });
    expect(res.statusCode, res.body).toBe(200);
    const seen = await expert.get(`/api/v1/filings/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowedActions).toEqual(['expert_score']);
    // the attachment files follow the filing: readable by the assigned expert, not by another province
    const fileUrl = seen.json().attachments[0].downloadUrl as string;
    expect((await expert.get(fileUrl)).statusCode).toBe(200);
    expect((await hb.get(fileUrl)).statusCode).toBe(404);

    expect((await act(expert, id, { action: 'expert_score', comment: '建议通过', scores: { fit: 90 } })).json().error.code).toBe(
      'FILING_SCORES_INCOMPLETE',
    );
    res = await act(expert, id, {
      action: 'expert_score',
      comment: '建议通过',
      scores: { fit: 90, team: 80, facilities: 70, feasibility: 100 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const province = (await gd.get(`/api/v1/filings/${id}`)).json<FilingDetailDto>();
    expect(province.expertAssignments![0]!.weightedTotal).toBe(86);
    expect((await gzcp.get(`/api/v1/filings/${id}`)).json().expertAssignments).toBeNull();

    expect((await act(gd, id, { action: 'reject' })).json().error.code).toBe('COMMENT_REQUIRED');
    expect((await act(gzcp, id, { action: 'approve' })).statusCode).toBe(403);
    res = await act(gd, id, { action: 'approve', comment: '同意备案' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('approved');

    const school = (await gzcp.get(`/api/v1/filings/${id}`)).json<FilingDetailDto>();
    expect(school.status).toBe('provincial_review');
    expect(school.decision).toBeNull();
    expect(school.timeline.map((e) => e.action)).not.toContain('approve');

    expect((await gzcp.post(`/api/v1/filing-rounds/${round.id}/publication`)).statusCode).toBe(403);
    res = await gd.post(`/api/v1/filing-rounds/${round.id}/publication`);
    expect(res.statusCode, res.body).toBe(200);
    const after = (await gzcp.get(`/api/v1/filings/${id}`)).json<FilingDetailDto>();
    expect(after.status).toBe('published');
    expect(after.decision).toBe('approved');
    expect(after.timeline.map((e) => e.action)).toEqual([
      'submit',
      'accept_for_review',
      'assign_experts',
      'expert_score',
      'approve',
      'publish',
    ]);
    expect(after.timeline[4]!.actorRole).toBe('province_admin');
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('filing.approve');
  });

  it('frozen after approval: a section PUT on a decided filing is 409 FILING_LOCKED', async () => {
    const res = await gzcp.request('PUT', `/api/v1/filings/${id}/sections/leader`, demoLeader('张三'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('FILING_LOCKED');
  });
});

describe('R3.6 the 中职 path goes through the city', () => {
  it('zz submits; the province cannot accept it; gz-admin accepts and approves; then it is the province’s', async () => {
    const id = await completeFiling({ agent: zz, school: '广州市轻工职业学校', cert: 'WEB-FE', majors: ['710202'], levels: ['junior'] });
    expect((await act(zz, id, { action: 'submit', pledge: true })).statusCode).toBe(200);
    expect((await act(gd, id, { action: 'accept_for_review' })).statusCode).toBe(409);
    expect((await act(gd, id, { action: 'municipal_approve' })).statusCode).toBe(403);
    const listed = (await gz.get('/api/v1/filings?pageSize=200')).json();
    expect(listed.items.length).toBeGreaterThan(0);
    expect(
      listed.items.every((f: { needsMunicipalReview: boolean; cityCode: string }) => f.needsMunicipalReview && f.cityCode === '440100'),
    ).toBe(true);
    let res = await act(gz, id, { action: 'accept_for_review' });
    expect(res.json().status).toBe('municipal_review');
    expect(res.json().allowedActions).toEqual(['municipal_approve', 'municipal_return']);
    res = await act(gz, id, { action: 'municipal_approve', comment: '资格审核通过' });
    expect(res.json().status).toBe('provincial_review');
    expect((await gd.get(`/api/v1/filings/${id}`)).json().allowedActions).toContain('approve');
  });

  it('a return by the city needs a comment and sends the filing back with comments per section', async () => {
    const id = await completeFiling({ agent: zz, school: '广州市轻工职业学校', cert: 'CLOUD-OPS', majors: ['710205'] });
    await act(zz, id, { action: 'submit', pledge: true });
    expect((await act(gz, id, { action: 'municipal_return' })).json().error.code).toBe('COMMENT_REQUIRED');
    const res = await act(gz, id, {
      action: 'municipal_return',
      comment: '请补充实训条件',
      sectionComments: { overview: '补充实训室工位数' },
    });
    expect(res.json().status).toBe('returned');
    const school = (await zz.get(`/api/v1/filings/${id}`)).json<FilingDetailDto>();
    expect(school.returnComments).toEqual({ overview: '补充实训室工位数' });
    expect(school.allowedActions).toContain('edit');
    expect((await zz.request('PUT', `/api/v1/filings/${id}/sections/leader`, demoLeader('李四'))).statusCode).toBe(200);
    expect((await act(zz, id, { action: 'submit', pledge: true })).json().status).toBe('submitted');
  });
});

describe('R3.5 rules at submission', () => {
  it('a block (no course support) refuses submission: 422 FILING_RULES_FAILED with the report', async () => {
    const id = await completeFiling({
      agent: gdst,
      school: '广东生态工程职业学院',
      cert: 'SENSOR-NET',
      majors: ['610119'],
      courses: false,
    });
    const res = await act(gdst, id, { action: 'submit', pledge: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('FILING_RULES_FAILED');
    const failed = res.json().error.details.report.results.filter((r: { passed: boolean }) => !r.passed);
    expect(failed.map((r: { ruleId: string }) => r.ruleId)).toContain('course_support');
    expect(failed.find((r: { ruleId: string }) => r.ruleId === 'course_support').message).toContain('第八条（四）');
  });

  it('a batch the round does not admit blocks', async () => {
    const r = await newRound({ admittedBatchCodes: ['B2'] });
    const id = await completeFiling({ agent: gdst, school: '广东生态工程职业学院', cert: 'BIM', majors: ['540301'], roundId: r.id });
    const report = (await gdst.get(`/api/v1/filings/${id}/rule-report`)).json();
    expect(report.results.find((x: { ruleId: string }) => x.ruleId === 'batch_admitted').passed).toBe(false);
    expect((await act(gdst, id, { action: 'submit', pledge: true })).json().error.code).toBe('FILING_RULES_FAILED');
  });

  it('a province narrows the levels of a school type for its round (block)', async () => {
    const r = await newRound({
      ruleOverrides: { level_for_school_type: { params: { allowedLevels: { secondary: ['junior', 'intermediate'] } } } },
    });
    const id = await completeFiling({
      agent: zz,
      school: '广州市轻工职业学校',
      cert: 'E-SHOP',
      majors: ['710202'],
      levels: ['senior'],
      roundId: r.id,
    });
    const res = await act(zz, id, { action: 'submit', pledge: true });
    expect(res.json().error.code).toBe('FILING_RULES_FAILED');
    expect(res.json().error.details.report.results.find((x: { ruleId: string }) => x.ruleId === 'level_for_school_type').passed).toBe(
      false,
    );
  });

  it('warnings (原则上): a reason per warning to submit; the reviewer accepts or refuses each with a reason', async () => {
    // fewer than 30 candidates, and 软件技术 already has another pilot this year (the next filing)
    const first = await completeFiling({
      agent: gdst,
      school: '广东生态工程职业学院',
      cert: 'SMART-TAX',
      majors: ['610205'],
      trainees: 40,
    });
    expect((await act(gdst, first, { action: 'submit', pledge: true })).statusCode).toBe(200);
    const id = await completeFiling({ agent: gdst, school: '广东生态工程职业学院', cert: 'EC-DATA', majors: ['610205'], trainees: 12 });
    let res = await act(gdst, id, { action: 'submit', pledge: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('FILING_WARNING_REASON_REQUIRED');
    expect(res.json().error.details.ruleIds.sort()).toEqual(['min_candidates', 'one_pilot_per_major']);
    res = await act(gdst, id, { action: 'submit', pledge: true, warningReasons: { min_candidates: '首届试点，逐年扩大' } });
    expect(res.json().error.details.ruleIds).toEqual(['one_pilot_per_major']);
    res = await act(gdst, id, {
      action: 'submit',
      pledge: true,
      warningReasons: { min_candidates: '首届试点，逐年扩大', one_pilot_per_major: '两证书面向不同岗位方向' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().warningReasons).toEqual({ min_candidates: '首届试点，逐年扩大', one_pilot_per_major: '两证书面向不同岗位方向' });

    await act(gd, id, { action: 'accept_for_review' });
    res = await act(gd, id, { action: 'approve', comment: '同意' });
    expect(res.json().error.code).toBe('FILING_WARNING_DECISION_REQUIRED');
    const refused = {
      min_candidates: { accepted: false, reason: '人数过少' },
      one_pilot_per_major: { accepted: true, reason: '方向不同，同意' },
    };
    res = await act(gd, id, { action: 'approve', comment: '同意', warningDecisions: refused });
    expect(res.json().error.code).toBe('FILING_WARNING_REFUSED');
    res = await act(gd, id, {
      action: 'approve',
      comment: '同意',
      warningDecisions: { ...refused, min_candidates: { accepted: true, reason: '逐年扩大可行' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().warningDecisions.min_candidates.accepted).toBe(true);
  });
});

describe('scope', () => {
  let id: string;
  beforeAll(async () => {
    id = await completeFiling({ agent: gzcp, school: '广州城市职业学院', cert: 'DEMENTIA-CARE', majors: ['690101'], trainees: 35 });
  });

  it('another province’s administrator gets 404; so do other schools', async () => {
    expect((await hb.get(`/api/v1/filings/${id}`)).statusCode).toBe(404);
    expect((await gdst.get(`/api/v1/filings/${id}`)).statusCode).toBe(404);
    expect((await act(hb, id, { action: 'approve' })).statusCode).toBe(404);
    // 湖北 sees only its own (the demo's 武汉职业技术学院 pilots, issue 17 item 9), none of 广东's
    const hbItems = (await hb.get('/api/v1/filings?pageSize=200')).json().items as { provinceCode: string }[];
    expect(hbItems.filter((f) => f.provinceCode !== '420000')).toEqual([]);
  });

  it('the city sees only 中职 filings of its city; an expert only the filings assigned to it', async () => {
    expect((await gz.get(`/api/v1/filings/${id}`)).statusCode).toBe(404);
    expect((await expert.get(`/api/v1/filings/${id}`)).statusCode).toBe(404);
    const expertList = (await expert.get('/api/v1/filings?pageSize=200')).json();
    expect(expertList.items.map((f: { id: string }) => f.id)).not.toContain(id);
  });

  it('another school cannot write into it (404), nor can the province, which does not see a draft (404)', async () => {
    expect((await gdst.request('PUT', `/api/v1/filings/${id}/sections/leader`, demoLeader())).statusCode).toBe(404);
    expect((await gd.request('PUT', `/api/v1/filings/${id}/sections/leader`, demoLeader())).statusCode).toBe(404);
  });

  it('one filing per school × round × certificate', async () => {
    const f = await schoolFacts('广州城市职业学院', ['690101']);
    const res = await gzcp.post('/api/v1/filings', {
      roundId: round.id,
      certificateTypeId: await typeId('DEMENTIA-CARE'),
      departmentId: f.departmentId,
      levels: ['intermediate'],
    });
    expect(res.json().error.code).toBe('FILING_EXISTS');
  });
});

describe('R3.6 two reviewers at once', () => {
  it('exactly one decision succeeds, the other gets 409 CONFLICT', async () => {
    const id = await completeFiling({ agent: gzcp, school: '广州城市职业学院', cert: 'MATERNAL-CARE', majors: ['690102'], trainees: 50 });
    expect((await act(gzcp, id, { action: 'submit', pledge: true })).statusCode).toBe(200);
    expect((await act(gd, id, { action: 'accept_for_review' })).statusCode).toBe(200);
    const other = await t.loginAs('gd-admin');
    const results = await Promise.all([
      act(gd, id, { action: 'approve', comment: '同意' }),
      act(other, id, { action: 'reject', comment: '不同意' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const events = await t.db.selectFrom('filing_events').select('action').where('filing_id', '=', id).execute();
    expect(events.filter((e) => e.action === 'approve' || e.action === 'reject')).toHaveLength(1);
  });
});

describe('demo data (issue 4 item 13)', () => {
  it('has filings in every state for the demo accounts', async () => {
    const mine = (await gzcp.get('/api/v1/filings?pageSize=200')).json();
    const ir = mine.items.find(
      (f: { certificateTypeName: string; roundName: string }) =>
        f.certificateTypeName === '工业机器人应用编程' && f.roundName.startsWith('2026'),
    );
    expect(ir.status).toBe('published');
    expect(ir.decision).toBe('approved');
    const detail = (await gzcp.get(`/api/v1/filings/${ir.id}`)).json<FilingDetailDto>();
    expect(detail.sections.plan.rows.map((r) => r.majorName).sort()).toEqual(['工业机器人技术', '机电一体化技术']);
    expect(detail.attachments).toHaveLength(4);
    const city = (await gz.get('/api/v1/filings?status=submitted&pageSize=200')).json();
    expect(city.items.some((f: { schoolName: string }) => f.schoolName === '广州市轻工职业学校')).toBe(true);
    const assigned = (await expert.get('/api/v1/filings?pageSize=200')).json();
    expect(assigned.items.some((f: { certificateTypeName: string }) => f.certificateTypeName === '智能财税')).toBe(true);
    const gdstList = (await gdst.get('/api/v1/filings?pageSize=200')).json();
    expect(gdstList.items.map((f: { status: string }) => f.status)).toEqual(expect.arrayContaining(['draft', 'returned']));
  });

  it('reads true (issue 21 #14): each filing is signed by its own department, lists its own labs, and no title is repeated', async () => {
    const rows = await t.db
      .selectFrom('filings as f')
      .innerJoin('departments as d', 'd.id', 'f.department_id')
      .innerJoin('schools as s', 's.id', 'f.school_id')
      .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
      .select(['s.name as school', 'ct.code', 'd.name as department', 'f.opinions', 'f.overview', 'f.feasibility', 'f.leader'])
      .execute()
      // The seed's filings (other tests add their own)
      .then((rs) => rs.filter((r) => DEMO_LEADERS[`${r.school}/${r.code}`] === (r.leader as { name: string }).name));
    const complete = rows.filter((r) => r.opinions && r.feasibility);
    expect(complete.length).toBeGreaterThan(3);
    for (const r of complete) {
      const opinions = r.opinions as { declaringUnit: { signer: string } };
      const feas = r.feasibility as { responsibleDepartment: string; experts: { unit: string; titleOrPost: string }[] };
      expect(opinions.declaringUnit.signer).toContain(r.department);
      expect(feas.responsibleDepartment).toBe(r.department);
      for (const e of feas.experts) expect(e.unit.endsWith(e.titleOrPost)).toBe(false);
    }
    const rooms = rows.map((r) => (r.overview as { facilities: { trainingRooms: { name: string }[] } }).facilities.trainingRooms[0]!.name);
    expect(new Set(rooms).size).toBeGreaterThan(3);
    expect(new Set(rows.map((r) => (r.leader as { name: string }).name)).size).toBeGreaterThan(3);
  });

  it('R3.5: sections_complete of the incomplete BIM draft lists exactly the shared missingFilingFields (the wizard’s rule)', async () => {
    const drafts = (await gdst.get('/api/v1/filings?status=draft&pageSize=200')).json<{
      items: { id: string; certificateTypeName: string }[];
    }>().items;
    // The seed's incomplete draft (other tests add complete BIM drafts in rounds of their own): known by its leader.
    const details = await Promise.all(
      drafts
        .filter((d) => d.certificateTypeName === '建筑信息模型（BIM）')
        .map(async (d) => (await gdst.get(`/api/v1/filings/${d.id}`)).json<FilingDetailDto>()),
    );
    const f = details.find((d) => d.sections.leader?.name === DEMO_LEADERS['广东生态工程职业学院/BIM'])!;
    const bim = { id: f.id };
    const expected = missingFilingFields({ levels: f.levels, planRows: f.sections.plan.rows, sections: f.sections }).map(missingFieldLine);
    expect(expected.length).toBeGreaterThan(0);
    const report = (await gdst.get(`/api/v1/filings/${bim.id}/rule-report`)).json<{
      results: { ruleId: string; passed: boolean; details?: { problems?: string[] } }[];
    }>();
    const rule = report.results.find((r) => r.ruleId === 'sections_complete')!;
    expect(rule.passed).toBe(false);
    expect(rule.details?.problems).toEqual(expected);
  });

  it('R3.6: a draft stays with its school — reviewers neither list nor open it (issue 21 #6)', async () => {
    const drafts = (await gdst.get('/api/v1/filings?status=draft&pageSize=200')).json<{ items: { id: string }[] }>().items;
    expect(drafts.length).toBeGreaterThan(0);
    for (const reviewer of [gd, gz]) {
      const listed = (await reviewer.get('/api/v1/filings?pageSize=200')).json<{ items: { status: string }[] }>().items;
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.filter((f) => f.status === 'draft')).toEqual([]);
      expect((await reviewer.get(`/api/v1/filings/${drafts[0]!.id}`)).statusCode).toBe(404);
    }
  });
});

import {
  DEFAULT_FEE_CAP_LABEL,
  type EffectivePoliciesDto,
  FILING_ATTACHMENT_KINDS,
  type FilingDetailDto,
  type FilingRoundDto,
  type PolicyDocument,
  type PolicyDocumentDto,
  type PolicySubject,
  type RuleReportDto,
  citedDocuments,
  jurisdictionCovers,
} from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCourseSupport, demoFeasibility, demoLeader, demoOpinions, demoOverview, demoTeam, tinyPdf } from '../../db/seed/demo-filings';
import { HUBEI_DEMO_CAPS_DOCUMENT, HUBEI_DEMO_CAPS_FEN } from '../../db/seed/demo-fee-policy';
import { DAY } from '../../lib/clock';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
let national: Agent, gd: Agent, hb: Agent, gzcp: Agent, gdst: Agent, zz: Agent, learner: Agent;

const DEMO_SCHOOLS = ['广东生态工程职业学院', '广州城市职业学院', '广州市轻工职业学校', '武汉职业技术学院'] as const;

async function school(name: string) {
  return t.db.selectFrom('schools').select(['id', 'name', 'province_code']).where('name', '=', name).executeTakeFirstOrThrow();
}

/** Every string anywhere in a JSON value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

/**
 * The documents a text cites that are not in force for the subject. The default fee caps are the one exception
 * (issue 18: the four caps of 001 第十七条 stay the default of every school), allowed only as their exact label.
 */
function foreignCitations(texts: readonly string[], subject: PolicySubject, custom: readonly PolicyDocument[] = []) {
  const bad: string[] = [];
  for (const raw of texts) {
    const s = raw.split(DEFAULT_FEE_CAP_LABEL).join('');
    for (const d of citedDocuments(s, custom)) if (!jurisdictionCovers(d.jurisdiction, subject)) bad.push(`${d.key} in “${raw}”`);
  }
  return bad;
}

beforeAll(async () => {
  t = await createTestApp();
  [national, gd, hb, gzcp, gdst, zz, learner] = await Promise.all([
    t.loginAs('national'),
    t.loginAs('gd-admin'),
    t.loginAs('hb-admin'),
    t.loginAs('gzcp-admin'),
    t.loginAs('gdst-admin'),
    t.loginAs('zz-admin'),
    t.loginAs('learner1'),
  ]);
}, 300_000);
afterAll(async () => t.close());

describe('issue 18 #0: every rule and text a school is shown cites its province, itself or the nation', () => {
  it('walks the policies, filing rules, texts and rule reports of every demo school (and a learner’s view of each)', async () => {
    const agents: Record<string, Agent> = {
      广东生态工程职业学院: gdst,
      广州城市职业学院: gzcp,
      广州市轻工职业学校: zz,
      武汉职业技术学院: hb,
    };
    for (const name of DEMO_SCHOOLS) {
      const s = await school(name);
      const subject: PolicySubject = { provinceCode: s.province_code, schoolId: s.id, schoolName: s.name };
      const agent = agents[name]!;
      const shown: string[] = [];
      const eff = await agent.get(`/api/v1/policies/effective?schoolId=${s.id}`);
      expect(eff.statusCode, eff.body).toBe(200);
      const policies = eff.json<EffectivePoliciesDto>();
      expect(policies.documents.length).toBeGreaterThan(0);
      for (const d of policies.documents) expect(['national', 'province', 'school']).toContain(d.level);
      shown.push(...strings(policies));
      // the consent notice as the school's learner reads it
      const asLearner = await learner.get(`/api/v1/policies/effective?schoolId=${s.id}`);
      expect(asLearner.statusCode).toBe(200);
      shown.push(...strings(asLearner.json<EffectivePoliciesDto>().texts));
      // every filing of the school, its rule report now and at submission
      const list = await agent.get(`/api/v1/filings?schoolId=${s.id}&pageSize=200`);
      expect(list.statusCode, list.body).toBe(200);
      for (const f of list.json<{ items: { id: string }[] }>().items) {
        const rep = await agent.get(`/api/v1/filings/${f.id}/rule-report`);
        expect(rep.statusCode).toBe(200);
        shown.push(...strings(rep.json<RuleReportDto>()));
        const detail = (await agent.get(`/api/v1/filings/${f.id}`)).json<FilingDetailDto>();
        shown.push(...strings(detail.ruleReportAtSubmission), ...strings(detail.pledge));
      }
      expect(foreignCitations(shown, subject), name).toEqual([]);
    }
  });

  it('each school gets its own rules: 001 第八条 only at 广东生态工程职业学院, 002 at 湖北 schools, the caps’ label everywhere', async () => {
    const byName = async (name: string) => {
      const s = await school(name);
      return (await national.get(`/api/v1/policies/effective?schoolId=${s.id}`)).json<EffectivePoliciesDto>();
    };
    const [gdstP, gzcpP, whvcP] = [
      await byName('广东生态工程职业学院'),
      await byName('广州城市职业学院'),
      await byName('武汉职业技术学院'),
    ];
    const rule = (p: EffectivePoliciesDto, id: string) => p.filingRules.find((r) => r.id === id);
    expect(rule(gdstP, 'min_candidates')?.source).toBe('粤生态职院〔2023〕18号 第八条（三）');
    // 广州城市职业学院 has its own (demo) rule of 20 candidates; 广州市轻工职业学校 none: 001 第八条 is not theirs
    expect(rule(gzcpP, 'min_candidates')).toMatchObject({ params: { minCandidates: 20 } });
    expect(rule(gzcpP, 'min_candidates')!.source).not.toContain('粤生态职院');
    expect(rule(await byName('广州市轻工职业学校'), 'min_candidates')).toBeUndefined();
    expect(rule(gzcpP, 'pass_rate')).toBeUndefined();
    expect(rule(gzcpP, 'course_support')?.source).toContain('广州城市职业学院第二批1+X证书制度试点工作方案 四（一）');
    expect(rule(whvcP, 'batch_admitted')?.source).toBe('鄂教职成办函〔2021〕7号 四.4（本批次以第三批、第四批证书为主）');
    expect(rule(gzcpP, 'round_open')?.source).toBe('粤教职函〔2023〕12号 三（二）（集中备案截止时间）');
    for (const p of [gdstP, gzcpP]) expect(p.feeCaps).toMatchObject({ label: DEFAULT_FEE_CAP_LABEL, doc: null });
    // 湖北 has its own demo caps (issue 17 item 9), at or below the default ones
    expect(whvcP.feeCaps.label).toContain(HUBEI_DEMO_CAPS_DOCUMENT);
    expect(whvcP.feeCaps.capsFen).toEqual(HUBEI_DEMO_CAPS_FEN);
    expect(gzcpP.texts.consent_notice!.zh).not.toContain('粤生态职院');
    expect(gdstP.texts.consent_notice!.source).toBe('粤生态职院〔2023〕18号 第十九条（三）、第十二条');
    expect(whvcP.texts.consent_notice!.source).toBe('鄂教职成办函〔2021〕7号 三.2、三.5');
  });
});

describe('issue 18 #0: a province or a school adds its own documents and rules, in its own jurisdiction only', () => {
  it('scope: a province adds for itself and its schools, a school for itself; others get 404 or 403', async () => {
    const gdstSchool = await school('广东生态工程职业学院');
    const gzcpSchool = await school('广州城市职业学院');
    const doc = { number: '粤教职函〔2027〕1号', title: '测试省级文件', issuer: '广东省教育厅' };
    expect(
      (await hb.post('/api/v1/policies/documents', { ...doc, jurisdiction: { level: 'province', provinceCode: '440000' } })).statusCode,
    ).toBe(404);
    expect(
      (await hb.post('/api/v1/policies/documents', { ...doc, jurisdiction: { level: 'school', schoolId: gdstSchool.id } })).statusCode,
    ).toBe(404);
    expect(
      (await gzcp.post('/api/v1/policies/documents', { ...doc, jurisdiction: { level: 'school', schoolId: gdstSchool.id } })).statusCode,
    ).toBe(404);
    expect(
      (await gzcp.post('/api/v1/policies/documents', { ...doc, jurisdiction: { level: 'province', provinceCode: '440000' } })).statusCode,
    ).toBe(403);
    expect((await gd.post('/api/v1/policies/documents', { ...doc, jurisdiction: { level: 'national' } })).statusCode).toBe(403);

    const own = await gzcp.post('/api/v1/policies/documents', {
      number: '穗城职院〔2027〕3号',
      title: '广州城市职业学院证书试点申报细则',
      issuer: '广州城市职业学院',
      jurisdiction: { level: 'school', schoolId: gzcpSchool.id },
    });
    expect(own.statusCode, own.body).toBe(200);
    const ownDoc = own.json<PolicyDocumentDto>();
    expect(ownDoc).toMatchObject({ level: 'school', schoolId: gzcpSchool.id, provinceCode: '440000', builtIn: false });
    // a school cannot set fee caps (a province's own caps replace the default)
    const caps = { paper: 10000, computer: 20000, practical_general: 30000, practical_special: 40000 };
    const refused = await gzcp.post(`/api/v1/policies/documents/${ownDoc.key}/rules`, { kind: 'fee_caps', clause: '第三条', params: caps });
    expect(refused.json().error.code).toBe('POLICY_RULE_INVALID');
    // another school cannot add to it
    expect(
      (await gdst.post(`/api/v1/policies/documents/${ownDoc.key}/rules`, { kind: 'min_candidates', clause: '第二条' })).statusCode,
    ).toBe(404);
    const added = await gzcp.post(`/api/v1/policies/documents/${ownDoc.key}/rules`, {
      kind: 'min_candidates',
      clause: '第二条',
      severity: 'warn',
      params: { minCandidates: 20 },
    });
    expect(added.statusCode, added.body).toBe(200);
    const mine = (await gzcp.get('/api/v1/policies/effective')).json<EffectivePoliciesDto>();
    const minRule = mine.filingRules.find((r) => r.id === 'min_candidates')!;
    expect(minRule).toMatchObject({ params: { minCandidates: 20 }, severity: 'warn' });
    expect(minRule.source).toContain('穗城职院〔2027〕3号 第二条');
    expect(minRule.source).not.toContain('粤生态职院');
    // gdst keeps its own 001 rule and never sees gzcp's document
    const theirs = (await gdst.get('/api/v1/policies/effective')).json<EffectivePoliciesDto>();
    expect(theirs.filingRules.find((r) => r.id === 'min_candidates')?.source).toBe('粤生态职院〔2023〕18号 第八条（三）');
    expect(theirs.documents.map((d) => d.number)).not.toContain('穗城职院〔2027〕3号');
    expect((await gdst.get(`/api/v1/policies/effective?schoolId=${gzcpSchool.id}`)).statusCode).toBe(404);
    expect((await hb.get(`/api/v1/policies/effective?schoolId=${gzcpSchool.id}`)).statusCode).toBe(404);
    // audited with a label
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', ownDoc.key).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['policy.document_create', 'policy.rule_add']);
  });
});

// ---- R3.5 fee at submission, 001 第五条（二） pledge ----

async function typeId(code: string) {
  return (await t.db.selectFrom('certificate_types').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

async function openRound(): Promise<FilingRoundDto> {
  const res = await gd.post('/api/v1/filing-rounds', {
    name: `收费与承诺测试 ${Math.random().toString(36).slice(2, 8)}`,
    year: 2027,
    type: 'centralized',
    schoolSubmissionDeadline: new Date(t.clock.now().getTime() + 10 * DAY).toISOString(),
    admittedBatchCodes: ['B1', 'B2'],
    majorCatalogEdition: '2021',
  });
  expect(res.statusCode, res.body).toBe(201);
  return (await gd.post(`/api/v1/filing-rounds/${res.json().id}/transitions`, { action: 'open' })).json();
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

/** A complete SENSOR-NET (中级: 30 % 机考 + 70 % 一般实操, cap 440 元) filing of a school with a planned fee. */
async function completeFiling(agent: Agent, schoolName: string, roundId: string, majorCode: string, feeFen: number) {
  const s = await school(schoolName);
  const majors = await t.db
    .selectFrom('school_majors')
    .select(['id', 'department_id', 'name'])
    .where('school_id', '=', s.id)
    .where('major_code', '=', majorCode)
    .execute();
  const created = await agent.post('/api/v1/filings', {
    roundId,
    certificateTypeId: await typeId('SENSOR-NET'),
    departmentId: majors[0]!.department_id,
    levels: ['intermediate'],
    schoolMajorIds: majors.map((m) => m.id),
  });
  expect(created.statusCode, created.body).toBe(201);
  const filing = created.json<FilingDetailDto>();
  const put = (section: string, body: unknown) => agent.request('PUT', `/api/v1/filings/${filing.id}/sections/${section}`, body);
  const basics = await put('basics', {
    levels: ['intermediate'],
    departmentId: majors[0]!.department_id,
    plannedFeesFen: { intermediate: feeFen },
  });
  expect(basics.statusCode, basics.body).toBe(200);
  expect(basics.json<FilingDetailDto>().plannedFeesFen).toEqual({ intermediate: feeFen });
  for (const [section, body] of [
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

describe('R3.5 (issue 18 #3): the planned fee per level is checked against the cap at submission, with its clause', () => {
  it('a fee above the level’s cap blocks with a Chinese message citing the caps’ basis; a province’s own caps (issue 17 item 6, R1.2: at or below the national ones) replace the default', async () => {
    const round = await openRound();
    const id = await completeFiling(gzcp, '广州城市职业学院', round.id, '610119', 45000);
    const res = await submit(gzcp, id);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('FILING_RULES_FAILED');
    const fee = (res.json().error.details.report as RuleReportDto).results.find((r) => r.ruleId === 'fee_cap')!;
    expect(fee).toMatchObject({ passed: false, severity: 'block' });
    expect(fee.message).toBe(`中级拟收取考核费用 450.00 元超过该等级上限 440.00 元（${DEFAULT_FEE_CAP_LABEL}）`);

    // 广东 sets its own caps: above the national ones is refused with a clear Chinese message …
    const doc = await gd.post('/api/v1/policies/documents', {
      number: '粤教职函〔2027〕9号',
      title: '关于职业技能等级证书考核收费上限的通知',
      issuer: '广东省教育厅',
      jurisdiction: { level: 'province', provinceCode: '440000' },
    });
    expect(doc.statusCode, doc.body).toBe(200);
    const above = { paper: 20000, computer: 40000, practical_general: 50000, practical_special: 80000 };
    const refused = await gd.post(`/api/v1/policies/documents/${doc.json().key}/rules`, { kind: 'fee_caps', clause: '二', params: above });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('FEE_CAP_ABOVE_NATIONAL');
    expect(refused.json().error.message).toContain('机考 400.00 元高于国家上限 300.00 元');
    // … lower ones apply: SENSOR-NET 中级 = 30 % × 250 元 + 70 % × 400 元 = 355 元, citing 广东's document
    const caps = { paper: 20000, computer: 25000, practical_general: 40000, practical_special: 60000 };
    const rule = await gd.post(`/api/v1/policies/documents/${doc.json().key}/rules`, { kind: 'fee_caps', clause: '二', params: caps });
    expect(rule.statusCode, rule.body).toBe(200);
    const report = (await gzcp.get(`/api/v1/filings/${id}/rule-report`)).json<RuleReportDto>();
    expect(report.results.find((r) => r.ruleId === 'fee_cap')).toMatchObject({
      passed: false,
      message: '中级拟收取考核费用 450.00 元超过该等级上限 355.00 元（粤教职函〔2027〕9号 二）',
    });
    // Hubei's caps are not 广东's
    const whvc = await school('武汉职业技术学院');
    const hbCaps = (await hb.get(`/api/v1/policies/effective?schoolId=${whvc.id}`)).json<EffectivePoliciesDto>().feeCaps;
    expect(hbCaps.doc).not.toBe(doc.json().key);
    expect(hbCaps.label).not.toContain('粤教职函〔2027〕9号');
    const detail = (await gzcp.get(`/api/v1/filings/${id}`)).json<FilingDetailDto>();
    const lowered = await gzcp.request('PUT', `/api/v1/filings/${id}/sections/basics`, {
      levels: ['intermediate'],
      departmentId: detail.departmentId,
      plannedFeesFen: { intermediate: 35500 },
    });
    expect(lowered.statusCode, lowered.body).toBe(200);
    const ok = await submit(gzcp, id);
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('001 第五条（二） (issue 18 #4): submission records the submitter’s authenticity pledge', () => {
  it('no pledge, no submission; the filing shows who pledged when, in the words of the school’s own rules', async () => {
    const round = await openRound();
    const id = await completeFiling(gdst, '广东生态工程职业学院', round.id, '610119', 30000);
    const refused = await gdst.post(`/api/v1/filings/${id}/transitions`, {
      action: 'submit',
      warningReasons: { min_candidates: '首届试点', one_pilot_per_major: '面向不同岗位' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'FILING_PLEDGE_REQUIRED' });
    expect(refused.json().error.message).toContain('真实性');
    const res = await submit(gdst, id, { warningReasons: { min_candidates: '首届试点', one_pilot_per_major: '面向不同岗位' } });
    expect(res.statusCode, res.body).toBe(200);
    const pledge = res.json<FilingDetailDto>().pledge!;
    expect(pledge).toMatchObject({ name: '广东生态工程职业学院教务处', role: 'school_admin', at: t.clock.now().toISOString() });
    expect(pledge.source).toBe('粤生态职院〔2023〕18号 第五条（二）');
    expect(pledge.text).toContain('对材料的真实性负责');
    // the province reads it too, and the submission event carries it
    expect((await gd.get(`/api/v1/filings/${id}`)).json<FilingDetailDto>().pledge).toEqual(pledge);
    const event = (await gd.get(`/api/v1/filings/${id}`)).json<FilingDetailDto>().timeline.find((e) => e.action === 'submit')!;
    expect(event.details).toMatchObject({ pledge });
  });

  it('another school’s pledge cites nothing of 001', async () => {
    const round = await openRound();
    const id = await completeFiling(gzcp, '广州城市职业学院', round.id, '610119', 30000);
    const res = await submit(gzcp, id);
    expect(res.statusCode, res.body).toBe(200);
    const pledge = res.json<FilingDetailDto>().pledge!;
    expect(pledge.source).toBe('');
    expect(pledge.text).not.toContain('粤生态职院');
  });
});

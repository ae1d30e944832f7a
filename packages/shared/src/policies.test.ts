import { describe, expect, it } from 'vitest';
import { NATIONAL_FEE_CAPS_FEN } from './catalog';
import { ERRORS } from './errors';
import { evaluateFilingRules, type FilingFacts } from './filings';
import {
  DEFAULT_FEE_CAP_LABEL,
  POLICY_TEXT_KEYS,
  SEED_POLICY_DOCUMENTS,
  citedDocuments,
  feeCapsFor,
  filingRulesFor,
  jurisdictionCovers,
  policyTextFor,
  type PolicySet,
  type PolicySubject,
} from './policies';

/** The demo schools (apps/server/src/db/seed/demo.ts) with their provinces. */
const DEMO: PolicySubject[] = [
  { provinceCode: '440000', schoolId: 'gdst', schoolName: '广东生态工程职业学院' },
  { provinceCode: '440000', schoolId: 'gzcp', schoolName: '广州城市职业学院' },
  { provinceCode: '440000', schoolId: 'zz', schoolName: '广州市轻工职业学校' },
  { provinceCode: '420000', schoolId: 'whvc', schoolName: '武汉职业技术学院' },
];

const foreign = (texts: readonly string[], s: PolicySubject) =>
  texts.flatMap((t) =>
    citedDocuments(t.split(DEFAULT_FEE_CAP_LABEL).join(''))
      .filter((d) => !jurisdictionCovers(d.jurisdiction, s))
      .map((d) => `${d.key}: ${t}`),
  );

const facts = (over: Partial<FilingFacts> = {}): FilingFacts => ({
  now: '2026-05-01T00:00:00.000Z',
  round: { status: 'closed', type: 'centralized', schoolSubmissionDeadline: '2026-04-01T00:00:00.000Z', admittedBatchCodes: [] },
  certificate: { name: '测试证书', status: 'withdrawn', batchCode: 'B9' },
  schoolType: 'higher',
  levels: ['intermediate'],
  plannedTrainees: 5,
  majorsWithOtherPilots: [{ majorName: '软件技术', otherPilots: 2 }],
  courseCount: 0,
  previousPassRate: 0.5,
  passRateOverridden: false,
  sectionProblems: ['x'],
  missingAttachments: ['work_plan'],
  plannedFees: [{ level: 'intermediate', feeFen: 99999, capFen: 44000 }],
  ...over,
});

describe('issue 18 #0: rules and texts apply only inside their document’s jurisdiction', () => {
  it('the seeds’ documents: 003 national, 000 广东, 002 湖北, 001 and 004 their schools only', () => {
    const j = Object.fromEntries(SEED_POLICY_DOCUMENTS.map((d) => [d.key, d.jurisdiction]));
    expect(j['003']).toEqual({ level: 'national' });
    expect(j['000']).toEqual({ level: 'province', provinceCode: '440000' });
    expect(j['002']).toEqual({ level: 'province', provinceCode: '420000' });
    expect(j['001']).toMatchObject({ level: 'school', schoolName: '广东生态工程职业学院' });
    expect(j['004']).toMatchObject({ level: 'school', schoolName: '广州城市职业学院' });
  });

  it('every rule (each one failing, so its message shows) and every text of each demo school cites only its province, itself or the nation', () => {
    for (const s of DEMO) {
      const rules = filingRulesFor(s);
      const shown = [
        ...rules.flatMap((r) => [r.source, r.description]),
        ...evaluateFilingRules(facts(), rules).map((r) => r.message),
        ...POLICY_TEXT_KEYS.map((k) => policyTextFor(k, s).zh),
        feeCapsFor(s).label,
      ];
      expect(foreign(shown, s), s.schoolName!).toEqual([]);
      for (const r of rules)
        for (const c of r.citations)
          expect(jurisdictionCovers(SEED_POLICY_DOCUMENTS.find((d) => d.key === c.doc)!.jurisdiction, s)).toBe(true);
    }
  });

  it('001’s 原则上 rules and pass rate bind 广东生态工程职业学院 only; 湖北 schools get 002’s batch rule', () => {
    const ids = (s: PolicySubject) => filingRulesFor(s).map((r) => r.id);
    expect(ids(DEMO[0]!)).toEqual(expect.arrayContaining(['one_pilot_per_major', 'min_candidates', 'pass_rate']));
    for (const s of DEMO.slice(1)) expect(ids(s)).not.toEqual(expect.arrayContaining(['min_candidates']));
    expect(ids(DEMO[1]!)).not.toContain('pass_rate');
    expect(filingRulesFor(DEMO[3]!).find((r) => r.id === 'batch_admitted')!.source).toContain('鄂教职成办函〔2021〕7号 四.4');
    expect(filingRulesFor(DEMO[1]!).find((r) => r.id === 'batch_admitted')!.source).toContain('粤教职函〔2023〕12号 一');
  });

  it('a rule of a school’s own document applies to that school only, with its parameters and citation', () => {
    const set: PolicySet = {
      documents: [
        {
          key: 'd1',
          number: '穗城职院〔2027〕3号',
          title: 't',
          issuer: 'i',
          builtIn: false,
          jurisdiction: { level: 'school', provinceCode: '440000', schoolId: 'gzcp' },
        },
      ],
      rules: [{ id: 'r1', documentId: 'd1', kind: 'min_candidates', clause: '第二条', severity: 'warn', params: { minCandidates: 20 } }],
    };
    expect(filingRulesFor(DEMO[1]!, set).find((r) => r.id === 'min_candidates')).toMatchObject({
      source: '穗城职院〔2027〕3号 第二条',
      params: { minCandidates: 20 },
    });
    expect(filingRulesFor(DEMO[2]!, set).find((r) => r.id === 'min_candidates')).toBeUndefined();
  });
});

describe('issue 18 #0 exception: the four caps of 001 第十七条 are every school’s default, replaceable by a province’s own', () => {
  it('labelled as the default everywhere; a province’s fee_caps replace them in that province only', () => {
    for (const s of DEMO) expect(feeCapsFor(s)).toEqual({ capsFen: NATIONAL_FEE_CAPS_FEN, label: DEFAULT_FEE_CAP_LABEL, doc: null });
    expect(DEFAULT_FEE_CAP_LABEL).toBe('试点期间成本上限（据 001 第十七条）');
    const caps = { paper: 1, computer: 2, practical_general: 3, practical_special: 4 };
    const set: PolicySet = {
      documents: [
        {
          key: 'p',
          number: '粤教职函〔2027〕9号',
          title: 't',
          issuer: 'i',
          builtIn: false,
          jurisdiction: { level: 'province', provinceCode: '440000' },
        },
      ],
      rules: [{ id: 'r', documentId: 'p', kind: 'fee_caps', clause: '二', severity: null, params: caps }],
    };
    expect(feeCapsFor(DEMO[1]!, set)).toEqual({ capsFen: caps, label: '粤教职函〔2027〕9号 二', doc: 'p' });
    expect(feeCapsFor(DEMO[3]!, set).label).toBe(DEFAULT_FEE_CAP_LABEL);
  });

  it('R3.5: the fee_cap rule blocks a planned fee above the cap with a Chinese message citing the caps', () => {
    const rule = filingRulesFor(DEMO[2]!).find((r) => r.id === 'fee_cap')!;
    const [r] = evaluateFilingRules(facts(), [rule]);
    expect(r).toMatchObject({ passed: false, severity: 'block' });
    expect(r!.message).toBe(`中级拟收取考核费用 999.99 元超过该等级上限 440.00 元（${DEFAULT_FEE_CAP_LABEL}）`);
    expect(evaluateFilingRules(facts({ plannedFees: [{ level: 'intermediate', feeFen: 44000, capFen: 44000 }] }), [rule])[0]!.passed).toBe(
      true,
    );
  });
});

describe('001 第五条（二）: the authenticity pledge in the school’s own words', () => {
  it('cites 001 at its school only', () => {
    expect(policyTextFor('authenticity_pledge', DEMO[0]!).source).toBe('粤生态职院〔2023〕18号 第五条（二）');
    for (const s of DEMO.slice(1)) expect(policyTextFor('authenticity_pledge', s).source).toBe('');
  });
});

describe('generic messages shown to every school cite no provincial or school document', () => {
  it('the error registry', () => {
    const national = { provinceCode: '000000', schoolId: null, schoolName: null };
    const msgs = Object.values(ERRORS).map((e) => e.zh);
    expect(foreign(msgs, national)).toEqual([]);
  });
});

describe('issue 17 item 7 (002 四.4 原则上不再新增前两批证书试点单位): a Hubei warning, not a block for everyone', () => {
  const early = facts({
    round: { status: 'open', type: 'rolling', schoolSubmissionDeadline: null, admittedBatchCodes: ['B3', 'B4'] },
    certificate: { name: '工业机器人应用编程', status: 'published', batchCode: 'B1' },
  });
  const outcome = (s: PolicySubject, f: FilingFacts) =>
    Object.fromEntries(
      evaluateFilingRules(f, filingRulesFor(s))
        .filter((r) => r.ruleId === 'batch_admitted' || r.ruleId === 'early_batch_new_pilot')
        .map((r) => [r.ruleId, `${r.passed ? 'pass' : 'fail'}:${r.severity}`]),
    );

  it('in 湖北 a first-batch certificate warns a school not yet piloting it (citing 002 四.4) instead of blocking it', () => {
    const whvc = DEMO[3]!;
    expect(outcome(whvc, early)).toEqual({ batch_admitted: 'pass:block', early_batch_new_pilot: 'fail:warn' });
    const warning = evaluateFilingRules(early, filingRulesFor(whvc)).find((r) => r.ruleId === 'early_batch_new_pilot')!;
    expect(warning.message).toContain('原则上不再新增前两批证书试点单位');
    expect(warning.source).toBe('鄂教职成办函〔2021〕7号 四.4（原则上不再新增前两批证书试点单位）');
  });

  it('in 湖北 a school already piloting the certificate gets no warning', () => {
    expect(outcome(DEMO[3]!, { ...early, alreadyPilotingCertificate: true })).toEqual({
      batch_admitted: 'pass:block',
      early_batch_new_pilot: 'pass:warn',
    });
  });

  it('where 002 is not in force (广东) the rule does not exist and the round’s batches decide as before', () => {
    for (const s of DEMO.slice(0, 3)) {
      expect(filingRulesFor(s).map((r) => r.id)).not.toContain('early_batch_new_pilot');
      expect(outcome(s, early)).toEqual({ batch_admitted: 'fail:block' });
    }
  });

  it('a batch the round does not take and that is not an early batch still blocks in 湖北', () => {
    const b5 = { ...early, certificate: { ...early.certificate, batchCode: 'B5' } };
    expect(outcome(DEMO[3]!, b5)).toEqual({ batch_admitted: 'fail:block', early_batch_new_pilot: 'pass:warn' });
  });
});

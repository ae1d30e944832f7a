import { describe, expect, it } from 'vitest';
import { type CapFacts, type OutcomeFacts, type RuleFacts, capLimitTenths, previewRule, proposeConversions } from './credit-bank.rules';

const IR_MID = 'co-ir-mid';
const IR_SENIOR = 'co-ir-senior';
const SENSOR = 'co-sensor';

const outcome = (id: string, creditOutcomeId: string, o: Partial<OutcomeFacts> = {}): OutcomeFacts => ({
  id,
  creditOutcomeId,
  name:
    { [IR_MID]: '工业机器人应用编程（中级）', [IR_SENIOR]: '工业机器人应用编程（高级）', [SENSOR]: '传感网应用开发（中级）' }[
      creditOutcomeId
    ] ?? id,
  obtainedOn: '2026-06-20',
  revokedOn: null,
  usedBy: null,
  ...o,
});

const course = (id: string, o: Partial<RuleFacts['courses'][number]> = {}): RuleFacts['courses'][number] => ({
  courseId: id,
  code: id.toUpperCase(),
  name: `课程${id}`,
  category: 'professional_core',
  credits: 4,
  grade: '优秀',
  exemptible: true,
  ...o,
});

const rule = (code: string, outcomes: string[], courses: RuleFacts['courses'], o: Partial<RuleFacts> = {}): RuleFacts => ({
  id: `rule-${code}`,
  code,
  name: `规则${code}`,
  validFrom: null,
  validTo: null,
  maxOutcomeAgeYears: null,
  outcomes: outcomes.map((creditOutcomeId) => ({ creditOutcomeId, name: outcome('x', creditOutcomeId).name })),
  courses,
  ...o,
});

const caps = (o: Partial<CapFacts> = {}): CapFacts => ({
  professionalCapPercent: 20,
  publicCapPercent: 20,
  excludedCategories: ['ideological', 'physical'],
  programmeCredits: { professional: 80, public: 40 },
  convertedCredits: { professional: 0, public: 0 },
  exemptCourses: new Map(),
  ...o,
});

const APPLIED = '2026-09-01';
const run = (rules: RuleFacts[], outcomes: OutcomeFacts[], c: CapFacts = caps(), appliedOn = APPLIED) =>
  proposeConversions({ rules, outcomes, caps: c, appliedOn });

describe('credit conversion rules (R7.2, R7.4)', () => {
  it('R7.2 1:1 — one certificate level converts into one course with the credits and grade of the rule', () => {
    const p = run([rule('R1', [IR_MID], [course('c1', { credits: 4, grade: '优秀' })])], [outcome('o1', IR_MID)]);
    expect(p.items).toHaveLength(1);
    expect(p.items[0]).toMatchObject({
      shape: '1:1',
      verdict: 'allowed',
      reason: null,
      credits: 4,
      grade: '优秀',
      course: { id: 'c1' },
      outcomes: [{ id: 'o1' }],
    });
    expect(p.items[0]!.explanation).toContain('依据规则 R1');
    expect(p.allowedCredits).toBe(4);
  });

  it('R7.2 n:1 — several outcomes convert into one course only together; a missing one is named', () => {
    const r = rule('R2', [IR_MID, SENSOR], [course('c2', { credits: 3, grade: '90' })]);
    const both = run([r], [outcome('o1', IR_MID), outcome('o2', SENSOR)]);
    expect(both.items[0]).toMatchObject({ shape: 'n:1', verdict: 'allowed', grade: '90' });
    expect(both.items[0]!.outcomes.map((o) => o.id).sort()).toEqual(['o1', 'o2']);

    const one = run([r], [outcome('o1', IR_MID)]);
    expect(one.items[0]).toMatchObject({ verdict: 'refused', reason: 'outcome_missing' });
    expect(one.items[0]!.explanation).toContain('尚缺 “传感网应用开发（中级）”');
    expect(one.allowedCredits).toBe(0);
  });

  it('R7.2 1:n — one outcome converts into several courses, and counts as used once', () => {
    const r = rule('R3', [IR_SENIOR], [course('c3', { credits: 3 }), course('c4', { credits: 2, grade: '良好' })]);
    const p = run([r, rule('R4', [IR_SENIOR], [course('c5')])], [outcome('o3', IR_SENIOR)]);
    expect(p.items.filter((i) => i.verdict === 'allowed').map((i) => [i.shape, i.course.id, i.credits])).toEqual([
      ['1:n', 'c3', 3],
      ['1:n', 'c4', 2],
    ]);
    // R4 wants the same outcome: already used by R3 in this application.
    const r4 = p.items.find((i) => i.ruleCode === 'R4')!;
    expect(r4).toMatchObject({ verdict: 'refused', reason: 'outcome_used' });
    expect(r4.explanation).toContain('本次申请的规则 R3');
    expect(p.allowedCredits).toBe(5);
  });

  it('R7.2 single use — an outcome used by an earlier approved conversion is refused with where it was used', () => {
    const p = run([rule('R1', [IR_MID], [course('c1')])], [outcome('o1', IR_MID, { usedBy: '2026-03-01 批准的学分转换申请' })]);
    expect(p.items[0]).toMatchObject({ verdict: 'refused', reason: 'outcome_used' });
    expect(p.items[0]!.explanation).toBe(
      '学习成果“工业机器人应用编程（中级）”已用于2026-03-01 批准的学分转换申请，每项学习成果只能转换一次',
    );
  });

  it('R7.2 revoked certificate — kept in the account, refused for conversion with its revocation date', () => {
    const p = run([rule('R1', [IR_MID], [course('c1')])], [outcome('o1', IR_MID, { revokedOn: '2026-07-01' })]);
    expect(p.items[0]).toMatchObject({ verdict: 'refused', reason: 'certificate_revoked' });
    expect(p.items[0]!.explanation).toContain('已于 2026-07-01 撤销');
    // A valid certificate of the same level is used instead of the revoked one.
    const two = run(
      [rule('R1', [IR_MID], [course('c1')])],
      [outcome('o1', IR_MID, { revokedOn: '2026-07-01', obtainedOn: '2025-06-01' }), outcome('o2', IR_MID)],
    );
    expect(two.items[0]).toMatchObject({ verdict: 'allowed', outcomes: [{ id: 'o2' }] });
  });

  it('R7.2 exclusion — a course of an excluded category (思想政治理论, 体育) or marked not exemptible is refused', () => {
    const p = run(
      [
        rule(
          'R5',
          [IR_MID],
          [
            course('pe', { name: '体育', category: 'physical', credits: 2 }),
            course('pol', { name: '思想道德与法治', category: 'ideological', credits: 3 }),
            course('lab', { name: '毕业设计', exemptible: false }),
            course('ok', { credits: 2 }),
          ],
        ),
      ],
      [outcome('o1', IR_MID)],
    );
    const by = Object.fromEntries(p.items.map((i) => [i.course.id, i]));
    expect(by.pe).toMatchObject({ verdict: 'refused', reason: 'course_excluded' });
    expect(by.pe!.explanation).toContain('属于“体育”');
    expect(by.pol!.explanation).toContain('属于“思想政治理论课”');
    expect(by.lab).toMatchObject({ reason: 'course_excluded' });
    expect(by.lab!.explanation).toContain('不可免修');
    expect(by.ok).toMatchObject({ verdict: 'allowed' });
  });

  it('R7.2 professional cap — converted credits ≤ 20 % of the programme’s professional-course credits, counting earlier conversions', () => {
    // 20 % of 40 = 8 credits; 5 already converted; a 4-credit course would make 9.
    const c = caps({ programmeCredits: { professional: 40, public: 40 }, convertedCredits: { professional: 5, public: 0 } });
    const p = run(
      [rule('R1', [IR_MID], [course('c1', { credits: 4 })]), rule('R6', [SENSOR], [course('c6', { credits: 3 })])],
      [outcome('o1', IR_MID), outcome('o2', SENSOR)],
      c,
    );
    expect(p.items[0]).toMatchObject({ verdict: 'refused', reason: 'cap_professional' });
    expect(p.items[0]!.explanation).toBe(
      '本校规定转换学分不超过本专业专业课程总学分（40 学分）的 20%，即 8 学分；已转换 5 学分，本项 4 学分将超出上限',
    );
    // The outcome refused by the cap stays unused; 3 credits still fit (5 + 3 = 8).
    expect(p.items[1]).toMatchObject({ verdict: 'allowed', course: { id: 'c6' } });
    expect(p.caps.professional).toEqual({ percent: 20, programmeCredits: 40, limit: 8, converted: 5 });
  });

  it('R7.2 public cap — public courses count against their own 20 % cap', () => {
    const c = caps({ programmeCredits: { professional: 80, public: 12 } }); // 2.4 credits
    const p = run(
      [
        rule(
          'R7',
          [IR_MID],
          [
            course('en', { name: '大学英语', category: 'public_basic', credits: 2 }),
            course('math', { name: '高等数学', category: 'public_basic', credits: 1 }),
          ],
        ),
      ],
      [outcome('o1', IR_MID)],
      c,
    );
    expect(p.items.map((i) => [i.course.id, i.verdict, i.reason])).toEqual([
      ['en', 'allowed', null],
      ['math', 'refused', 'cap_public'],
    ]);
    expect(p.items[1]!.explanation).toContain('公共课程总学分（12 学分）的 20%，即 2.4 学分；已转换 2 学分，本项 1 学分将超出上限');
  });

  it('R7.2 a course already exempted is not converted twice', () => {
    const c = caps({ exemptCourses: new Map([['c1', '2026-03-01 批准的学分转换申请']]) });
    const p = run([rule('R1', [IR_MID], [course('c1')])], [outcome('o1', IR_MID)], c);
    expect(p.items[0]).toMatchObject({ verdict: 'refused', reason: 'course_already_exempt' });
    expect(p.items[0]!.explanation).toContain('已经免修（2026-03-01 批准的学分转换申请）');
  });

  it('R7.2 validity — the rule’s period and the outcome’s age are checked on the date of application', () => {
    const r = rule('R8', [IR_MID], [course('c1')], { validFrom: '2027-01-01', validTo: '2027-12-31' });
    const p = run([r], [outcome('o1', IR_MID)]);
    expect(p.items[0]).toMatchObject({ verdict: 'refused', reason: 'rule_not_effective' });
    expect(p.items[0]!.explanation).toContain('申请日期 2026-09-01 不在有效期内');

    const aged = rule('R9', [IR_MID], [course('c1')], { maxOutcomeAgeYears: 3 });
    expect(run([aged], [outcome('o1', IR_MID, { obtainedOn: '2023-09-01' })]).items[0]!.verdict).toBe('allowed');
    const old = run([aged], [outcome('o1', IR_MID, { obtainedOn: '2023-08-31' })]).items[0]!;
    expect(old).toMatchObject({ verdict: 'refused', reason: 'outcome_too_old' });
    expect(old.explanation).toContain('前 3 年内取得');
  });

  it('R7.2 rules about outcomes the learner does not hold are not listed', () => {
    expect(run([rule('R1', [IR_SENIOR], [course('c1')])], [outcome('o1', IR_MID)]).items).toEqual([]);
  });

  it('R7.2 preview of one rule is the same evaluation with that rule alone', () => {
    const items = previewRule(rule('R1', [IR_MID], [course('c1')]), [outcome('o1', IR_MID)], caps(), APPLIED);
    expect(items.map((i) => i.verdict)).toEqual(['allowed']);
  });

  it('caps never round up and work in tenths of a credit', () => {
    expect(capLimitTenths(20, 12)).toBe(24);
    expect(capLimitTenths(20, 12.3)).toBe(24); // 2.46 → 2.4
    expect(capLimitTenths(33.33, 10)).toBe(33);
    expect(capLimitTenths(0, 100)).toBe(0);
  });
});

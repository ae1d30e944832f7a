import { feeCapFen } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { agreementAllowsExams, agreementFeeProblems, agreementTransition, filingIsApproved } from './agreements.rules';

// 工业机器人应用编程: 机考 40 % + 特殊要求实操 60 % → 0.4 × 300 + 0.6 × 700 = 540 元 (R1.2)
const caps = {
  intermediate: feeCapFen([
    { form: 'computer', share: 0.4 },
    { form: 'practical_special', share: 0.6 },
  ]),
};

describe('agreement fees (R4.2)', () => {
  it('accepts a fee at or below the cap', () => {
    expect(caps.intermediate).toBe(54000);
    expect(agreementFeeProblems(['intermediate'], [{ level: 'intermediate', feeFen: 54000 }], caps)).toEqual([]);
    expect(agreementFeeProblems(['intermediate'], [{ level: 'intermediate', feeFen: 48000 }], caps)).toEqual([]);
  });

  it('refuses a fee above the cap, naming the cap in yuan', () => {
    const [p] = agreementFeeProblems(['intermediate'], [{ level: 'intermediate', feeFen: 56000 }], caps);
    expect(p).toMatchObject({ code: 'FEE_ABOVE_CAP', capFen: 54000, feeFen: 56000 });
    expect(p!.message).toContain('考核费用 560.00 元超过该等级上限 540.00 元');
  });

  it('needs one fee per level of the filing, no others', () => {
    expect(agreementFeeProblems(['intermediate'], [{ level: 'junior', feeFen: 100 }], caps).map((p) => p.code)).toEqual([
      'FEE_LEVEL_INVALID',
      'FEE_LEVEL_INVALID',
    ]);
  });

  it('issue 17 item 6: nor above the school fee of the organization’s 收费公告 in force (the lower of cap and notice binds)', () => {
    const notices = { intermediate: { feeFen: 45000, effectiveOn: '2026-09-01' } };
    const [p] = agreementFeeProblems(['intermediate'], [{ level: 'intermediate', feeFen: 46000 }], caps, undefined, notices);
    expect(p).toMatchObject({ code: 'FEE_ABOVE_NOTICE', noticeFen: 45000, feeFen: 46000 });
    expect(p!.message).toBe('中级考核费用 460.00 元超过培训评价组织收费公告公布的院校试点收费 450.00 元（自 2026-09-01 起执行）');
    expect(agreementFeeProblems(['intermediate'], [{ level: 'intermediate', feeFen: 45000 }], caps, undefined, notices)).toEqual([]);
    // above both: the cap is named (one problem, not two)
    const both = agreementFeeProblems(['intermediate'], [{ level: 'intermediate', feeFen: 56000 }], caps, undefined, notices);
    expect(both.map((x) => x.code)).toEqual(['FEE_ABOVE_CAP']);
    // a lower provincial cap binds below the notice, cited as given
    const [low] = agreementFeeProblems(
      ['intermediate'],
      [{ level: 'intermediate', feeFen: 45000 }],
      { intermediate: 38000 },
      '某省文件 三',
      notices,
    );
    expect(low!.message).toBe('中级考核费用 450.00 元超过该等级上限 380.00 元（某省文件 三）');
  });

  it('only approved pilots', () => {
    expect(filingIsApproved({ status: 'approved', decision: 'approved' })).toBe(true);
    expect(filingIsApproved({ status: 'published', decision: 'approved' })).toBe(true);
    expect(filingIsApproved({ status: 'published', decision: 'rejected' })).toBe(false);
    expect(filingIsApproved({ status: 'provincial_review', decision: null })).toBe(false);
  });
});

describe('the life of an agreement (issue 17 item 5, 鄂教职成办函〔2021〕7号 三.6)', () => {
  it('draft → in force → suspended ⇄ in force; any but terminated → terminated; suspension and termination need a reason', () => {
    expect(agreementTransition('draft', 'activate', 'school_admin', null)).toEqual({ to: 'in_force' });
    expect(agreementTransition('draft', 'activate', 'province_admin', null)).toEqual({ error: 'FORBIDDEN' });
    expect(agreementTransition('in_force', 'suspend', 'org_admin', '')).toEqual({ error: 'AGREEMENT_REASON_REQUIRED' });
    expect(agreementTransition('in_force', 'suspend', 'org_admin', '高收费')).toEqual({ to: 'suspended' });
    expect(agreementTransition('suspended', 'resume', 'school_admin', null)).toEqual({ to: 'in_force' });
    expect(agreementTransition('suspended', 'terminate', 'province_admin', '情况恶劣')).toEqual({ to: 'terminated' });
    expect(agreementTransition('terminated', 'resume', 'province_admin', null)).toEqual({ error: 'AGREEMENT_TRANSITION_INVALID' });
    expect(agreementTransition('in_force', 'activate', 'org_admin', null)).toEqual({ error: 'AGREEMENT_TRANSITION_INVALID' });
  });
  it('only an agreement in force allows registrations and sessions', () => {
    expect(agreementAllowsExams('in_force')).toBe(true);
    for (const s of ['draft', 'suspended', 'terminated'] as const) expect(agreementAllowsExams(s)).toBe(false);
  });
});

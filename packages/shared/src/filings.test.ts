import { describe, expect, it } from 'vitest';
import { filingRulesFor } from './policies';
import {
  FILING_ACTIONS,
  FILING_STATUSES,
  type FilingAction,
  type FilingFacts,
  type FilingStatus,
  blockingFailures,
  effectiveRules,
  evaluateFilingRules,
  filingTransition,
  reviewCriteriaSchema,
  ruleOverridesSchema,
  visibleStatus,
  warningFailures,
  warningsWithoutReason,
  weightedTotal,
} from './filings';

/** Expected `to` for every status × action on the 中职 (secondary) and the other path; absent = refused (409). */
const SECONDARY: Partial<Record<FilingStatus, Partial<Record<FilingAction, FilingStatus>>>> = {
  draft: { submit: 'submitted' },
  returned: { submit: 'submitted' },
  submitted: { accept_for_review: 'municipal_review', municipal_return: 'returned' },
  municipal_review: { municipal_approve: 'provincial_review', municipal_return: 'returned' },
  provincial_review: {
    assign_experts: 'provincial_review',
    expert_score: 'provincial_review',
    approve: 'approved',
    reject: 'rejected',
    return: 'returned',
  },
  approved: { publish: 'published' },
  rejected: { publish: 'published' },
};
const OTHER: typeof SECONDARY = {
  ...SECONDARY,
  submitted: { accept_for_review: 'provincial_review', return: 'returned' },
  municipal_review: {},
};

describe('R3.6 filing workflow table', () => {
  for (const [path, expected, secondary] of [
    ['中职', SECONDARY, true],
    ['高职', OTHER, false],
  ] as const) {
    it(`every status × action on the ${path} path`, () => {
      for (const s of FILING_STATUSES)
        for (const a of FILING_ACTIONS) expect(filingTransition(a, s, secondary)?.to, `${s} × ${a}`).toBe(expected[s]?.[a]);
    });
  }

  it('the 中职 path goes through municipal review; the 高职 path does not', () => {
    expect(filingTransition('accept_for_review', 'submitted', true)?.roles).toEqual(['municipal_admin']);
    expect(filingTransition('accept_for_review', 'submitted', false)?.roles).toEqual(['province_admin']);
    expect(filingTransition('municipal_approve', 'municipal_review', false)).toBeUndefined();
  });

  it('reject, return and returns by the city need a comment; submit is the school administrator’s', () => {
    expect(filingTransition('reject', 'provincial_review', false)?.commentRequired).toBe(true);
    expect(filingTransition('return', 'provincial_review', false)?.commentRequired).toBe(true);
    expect(filingTransition('municipal_return', 'municipal_review', true)?.commentRequired).toBe(true);
    expect(filingTransition('approve', 'provincial_review', false)?.commentRequired).toBe(false);
    expect(filingTransition('submit', 'draft', false)?.roles).toEqual(['school_admin']);
  });

  it('the school sees approved / rejected only after publication', () => {
    expect(visibleStatus('approved', false)).toBe('provincial_review');
    expect(visibleStatus('rejected', false)).toBe('provincial_review');
    expect(visibleStatus('approved', true)).toBe('approved');
    expect(visibleStatus('published', false)).toBe('published');
  });
});

const FACTS: FilingFacts = {
  now: '2026-04-01T00:00:00.000Z',
  round: { status: 'open', type: 'centralized', schoolSubmissionDeadline: '2026-04-25T16:00:00.000Z', admittedBatchCodes: ['B1', 'B2'] },
  certificate: { name: '工业机器人应用编程', status: 'published', batchCode: 'B2' },
  schoolType: 'higher',
  levels: ['intermediate'],
  plannedTrainees: 100,
  majorsWithOtherPilots: [{ majorName: '机电一体化技术', otherPilots: 0 }],
  courseCount: 2,
  previousPassRate: null,
  passRateOverridden: false,
  sectionProblems: [],
  missingAttachments: [],
};

const failed = (facts: Partial<FilingFacts>, rules = effectiveRules()) =>
  evaluateFilingRules({ ...FACTS, ...facts }, rules)
    .filter((r) => !r.passed)
    .map((r) => `${r.ruleId}:${r.severity}`);

describe('R3.5 filing rules (data with sources)', () => {
  it('a complete filing passes every rule', () => expect(failed({})).toEqual([]));

  it('blocks: certificate not published, batch not admitted, round closed or past its deadline, no course support', () => {
    expect(failed({ certificate: { ...FACTS.certificate, status: 'withdrawn' } })).toEqual(['certificate_published:block']);
    expect(failed({ round: { ...FACTS.round, admittedBatchCodes: ['B3'] } })).toEqual(['batch_admitted:block']);
    expect(failed({ round: { ...FACTS.round, status: 'closed' } })).toEqual(['round_open:block']);
    expect(failed({ now: '2026-04-26T00:00:00.000Z' })).toEqual(['round_open:block']);
    expect(failed({ now: '2026-04-26T00:00:00.000Z', round: { ...FACTS.round, type: 'rolling' } })).toEqual([]);
    expect(failed({ courseCount: 0 })).toEqual(['course_support:block']);
    expect(failed({ sectionProblems: ['x'] })).toEqual(['sections_complete:block']);
    expect(failed({ missingAttachments: ['work_plan'] })).toEqual(['attachments_present:block']);
  });

  it('warns (原则上): fewer than 30 candidates, a second pilot of the same major in the year', () => {
    expect(failed({ plannedTrainees: 29 })).toEqual(['min_candidates:warn']);
    expect(failed({ plannedTrainees: 30 })).toEqual([]);
    expect(failed({ majorsWithOtherPilots: [{ majorName: '机电一体化技术', otherPilots: 1 }] })).toEqual(['one_pilot_per_major:warn']);
  });

  it('a failure message cites its clause (the rules of 广东生态工程职业学院, where 001 第八条 applies)', () => {
    const rules = filingRulesFor({ provinceCode: '440000', schoolId: null, schoolName: '广东生态工程职业学院' });
    const r = evaluateFilingRules({ ...FACTS, plannedTrainees: 12 }, rules).find((x) => x.ruleId === 'min_candidates')!;
    expect(r.message).toContain('12 人');
    expect(r.message).toContain('粤生态职院〔2023〕18号 第八条（三）');
  });

  it('R3.9 pass rate below 90% blocks unless the province overrides it', () => {
    expect(failed({ previousPassRate: 0.85 })).toEqual(['pass_rate:block']);
    expect(failed({ previousPassRate: 0.85, passRateOverridden: true })).toEqual([]);
    expect(failed({ previousPassRate: 0.95 })).toEqual([]);
  });

  it('a province overrides parameters and severity per round; unknown rule ids are refused', () => {
    const rules = effectiveRules({
      min_candidates: { params: { minCandidates: 50 } },
      level_for_school_type: { params: { allowedLevels: { secondary: ['junior', 'intermediate'] } } },
      one_pilot_per_major: { severity: 'block' },
    });
    expect(failed({ plannedTrainees: 40 }, rules)).toEqual(['min_candidates:warn']);
    expect(failed({ schoolType: 'secondary', levels: ['senior'] }, rules)).toEqual(['level_for_school_type:block']);
    expect(failed({ schoolType: 'secondary', levels: ['intermediate'] }, rules)).toEqual([]);
    expect(failed({ majorsWithOtherPilots: [{ majorName: 'm', otherPilots: 1 }] }, rules)).toEqual(['one_pilot_per_major:block']);
    expect(ruleOverridesSchema.safeParse({ no_such_rule: { severity: 'warn' } }).success).toBe(false);
  });

  it('warnings need a reason each; blocks and warnings are told apart', () => {
    const results = evaluateFilingRules({ ...FACTS, plannedTrainees: 10, courseCount: 0 });
    expect(blockingFailures(results).map((r) => r.ruleId)).toEqual(['course_support']);
    expect(warningFailures(results).map((r) => r.ruleId)).toEqual(['min_candidates']);
    expect(warningsWithoutReason(results, {})).toEqual(['min_candidates']);
    expect(warningsWithoutReason(results, { min_candidates: '  ' })).toEqual(['min_candidates']);
    expect(warningsWithoutReason(results, { min_candidates: '首届试点，逐年扩大' })).toEqual([]);
  });
});

describe('R3.6 review criteria', () => {
  it('weights sum to 100 and the weighted total is computed', () => {
    const criteria = [
      { key: 'a', name: 'A', weight: 60 },
      { key: 'b', name: 'B', weight: 40 },
    ];
    expect(reviewCriteriaSchema.safeParse(criteria).success).toBe(true);
    expect(reviewCriteriaSchema.safeParse([{ key: 'a', name: 'A', weight: 90 }]).success).toBe(false);
    expect(weightedTotal(criteria, { a: 90, b: 80 })).toBe(86);
  });
});

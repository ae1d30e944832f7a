import { FILING_RULES } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { changedParams, paramsFormValue } from './rule-params';

const rule = (id: string) => FILING_RULES.find((r) => r.id === id)!;

describe('round editor parameters (issue 21 #8, R3.1)', () => {
  it('fills the form with the defaults and the round’s overrides', () => {
    expect(paramsFormValue(rule('min_candidates'), undefined)).toEqual({ minCandidates: 30 });
    expect(paramsFormValue(rule('min_candidates'), { minCandidates: 20 })).toEqual({ minCandidates: 20 });
  });

  it('stores only what differs from the defaults', () => {
    const r = rule('level_for_school_type');
    const value = paramsFormValue(r, undefined);
    expect(changedParams(r, value)).toBeUndefined();
    const narrowed = { allowedLevels: { ...(value.allowedLevels as object), secondary: ['junior', 'intermediate'] } };
    expect(changedParams(r, narrowed)).toEqual(narrowed);
    expect(changedParams(rule('pass_rate'), { minPassRate: 0.85 })).toEqual({ minPassRate: 0.85 });
    expect(changedParams(rule('pass_rate'), { minPassRate: null })).toBeUndefined();
  });
});

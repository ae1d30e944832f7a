import { describe, expect, it } from 'vitest';
import { applicationActions, applicationDepositKey } from './outcome-applications.rules';

describe("learners' own outcomes (issue 18 item 6)", () => {
  it('issue 18 #6: the school deposits or refuses, the learner withdraws, only while submitted', () => {
    expect(applicationActions('submitted', 'school')).toEqual(['deposit', 'refuse']);
    expect(applicationActions('submitted', 'learner')).toEqual(['withdraw']);
    expect(applicationActions('submitted', null)).toEqual([]);
    for (const s of ['deposited', 'refused', 'withdrawn'] as const) {
      expect(applicationActions(s, 'school')).toEqual([]);
      expect(applicationActions(s, 'learner')).toEqual([]);
    }
  });
  it('issue 18 #6: one deposit key per application', () => {
    expect(applicationDepositKey('a')).toBe('learner-application:a');
    expect(applicationDepositKey('a')).not.toBe(applicationDepositKey('b'));
  });
});

import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  RULE_ACTIONS,
  RULE_STATUSES,
  RULE_TRANSITIONS,
  applicationTransition,
  contractOutcomeType,
  recognitionRuleInputSchema,
  ruleShape,
  ruleTransition,
} from './credit-bank';

describe('credit-bank workflows are tables (R7.2, R7.4)', () => {
  it('R7.4 applications: every status × action', () => {
    const table = Object.fromEntries(
      APPLICATION_STATUSES.map((s) => [
        s,
        Object.fromEntries(APPLICATION_ACTIONS.map((a) => [a, applicationTransition(a, s)?.to ?? null])),
      ]),
    );
    expect(table).toEqual({
      submitted: { approve: 'approved', refuse: 'refused', withdraw: 'withdrawn' },
      approved: { approve: null, refuse: null, withdraw: null },
      refused: { approve: null, refuse: null, withdraw: null },
      withdrawn: { approve: null, refuse: null, withdraw: null },
    });
    expect(APPLICATION_TRANSITIONS.find((t) => t.action === 'refuse')).toMatchObject({ commentRequired: true, roles: ['school_admin'] });
    expect(APPLICATION_TRANSITIONS.find((t) => t.action === 'approve')!.roles).toEqual(['school_admin']);
    expect(APPLICATION_TRANSITIONS.find((t) => t.action === 'withdraw')!.roles).toEqual(['learner', 'school_admin']);
  });

  it('R7.2 rules: every status × action; withdrawing needs a reason', () => {
    const table = Object.fromEntries(RULE_STATUSES.map((s) => [s, RULE_ACTIONS.map((a) => ruleTransition(a, s)?.to ?? null)]));
    expect(table).toEqual({ draft: ['published', null], published: [null, 'withdrawn'], withdrawn: [null, null] });
    expect(RULE_TRANSITIONS.find((t) => t.action === 'withdraw')!.commentRequired).toBe(true);
  });

  it('R7.2 mapping shapes and rule input checks', () => {
    expect([ruleShape(1, 1), ruleShape(2, 1), ruleShape(1, 3), ruleShape(2, 2)]).toEqual(['1:1', 'n:1', '1:n', 'n:m']);
    const id = '00000000-0000-4000-8000-000000000001';
    const base = {
      schoolMajorId: id,
      code: 'R-1',
      name: '规则',
      outcomeIds: [id],
      courses: [{ courseId: id, credits: 2.5, grade: '优秀' }],
    };
    expect(recognitionRuleInputSchema.safeParse(base).success).toBe(true);
    expect(recognitionRuleInputSchema.safeParse({ ...base, outcomeIds: [id, id] }).success).toBe(false);
    expect(recognitionRuleInputSchema.safeParse({ ...base, courses: [{ courseId: id, credits: 2.55, grade: '优秀' }] }).success).toBe(
      false,
    );
    expect(recognitionRuleInputSchema.safeParse({ ...base, validFrom: '2026-09-01', validTo: '2026-01-01' }).success).toBe(false);
  });

  it('api-v1 reports a competition as "other"', () => {
    expect(contractOutcomeType('competition')).toBe('other');
    expect(contractOutcomeType('certificate')).toBe('certificate');
  });
});

import { EXAM_SESSION_ACTIONS, EXAM_SESSION_STATUSES, ROLES, examSessionTransition } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { checkManualStep, manualSessionActions, registrationWindowOpen } from './exam-sessions.rules';

/** R5.2: the exam-session workflow table, over every status × action × role. */
describe('exam session transitions (R5.2)', () => {
  const EXPECTED: Record<string, Record<string, string | undefined>> = {
    planned: { open_registration: 'registration_open' },
    registration_open: { close_registration: 'registration_closed' },
    registration_closed: { mark_examined: 'examined' },
    examined: { enter_scores: 'scores_entered' },
    scores_entered: { enter_scores: 'scores_entered', publish_scores: 'scores_published' },
    scores_published: { close: 'closed' },
    closed: {},
  };

  it('the table: planned → registration_open → registration_closed → examined → scores_entered → scores_published → closed', () => {
    for (const status of EXAM_SESSION_STATUSES)
      for (const action of EXAM_SESSION_ACTIONS)
        expect(examSessionTransition(action, status)?.to, `${status} × ${action}`).toBe(EXPECTED[status]![action]);
  });

  it('manual steps: only the organization, only the table, never scores (import and publication take those)', () => {
    for (const role of ROLES)
      for (const status of EXAM_SESSION_STATUSES)
        for (const action of EXAM_SESSION_ACTIONS) {
          const r = checkManualStep(role, action, status);
          const to = EXPECTED[status]![action];
          if (action === 'enter_scores' || action === 'publish_scores') expect(r).toEqual({ ok: false, reason: 'not_manual' });
          else if (!to) expect(r).toEqual({ ok: false, reason: 'status' });
          else if (role !== 'org_admin') expect(r).toEqual({ ok: false, reason: 'role' });
          else expect(r).toEqual({ ok: true, to });
        }
  });

  it('an exam is marked examined on or after its date (China time)', () => {
    expect(checkManualStep('org_admin', 'mark_examined', 'registration_closed', '2026-06-20', '2026-06-19')).toEqual({
      ok: false,
      reason: 'before_exam_date',
    });
    expect(checkManualStep('org_admin', 'mark_examined', 'registration_closed', '2026-06-20', '2026-06-20').ok).toBe(true);
  });

  it('the buttons of the organization per status', () => {
    expect(manualSessionActions('org_admin', 'planned')).toEqual(['open_registration']);
    expect(manualSessionActions('org_admin', 'scores_entered')).toEqual([]);
    expect(manualSessionActions('org_admin', 'scores_published')).toEqual(['close']);
    expect(manualSessionActions('school_admin', 'planned')).toEqual([]);
  });
});

describe('registration window (R5.2, R5.3)', () => {
  const opens = new Date('2026-05-01T00:00:00Z');
  const closes = new Date('2026-05-20T00:00:00Z');
  it('open only while registration_open and within [opens, closes)', () => {
    const s = { status: 'registration_open' as const, registration_opens_at: opens, registration_closes_at: closes };
    expect(registrationWindowOpen(s, new Date('2026-04-30T23:59:59Z'))).toBe(false);
    expect(registrationWindowOpen(s, opens)).toBe(true);
    expect(registrationWindowOpen(s, new Date('2026-05-19T23:59:59Z'))).toBe(true);
    expect(registrationWindowOpen(s, closes)).toBe(false);
    for (const status of EXAM_SESSION_STATUSES.filter((x) => x !== 'registration_open'))
      expect(registrationWindowOpen({ ...s, status }, new Date('2026-05-10T00:00:00Z'))).toBe(false);
  });
});

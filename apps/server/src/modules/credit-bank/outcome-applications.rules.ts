import { OUTCOME_APPLICATION_TRANSITIONS, type OutcomeApplicationAction, type OutcomeApplicationStatusCode } from '@onex/shared';

/**
 * Learners' own outcomes (issue 18 item 6), pure: which actions a party may take on an application, and the
 * idempotency key of its deposit (one ledger entry per application, whoever or however often it is confirmed).
 */
export function applicationActions(status: OutcomeApplicationStatusCode, party: 'school' | 'learner' | null): OutcomeApplicationAction[] {
  if (status !== 'submitted' || !party) return [];
  return (Object.keys(OUTCOME_APPLICATION_TRANSITIONS) as OutcomeApplicationAction[]).filter(
    (a) => OUTCOME_APPLICATION_TRANSITIONS[a].by === party,
  );
}

export const applicationDepositKey = (applicationId: string) => `learner-application:${applicationId}`;

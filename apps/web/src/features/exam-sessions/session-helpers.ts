import type { ExamSessionAction, RegistrationStatus } from '@onex/shared';

/** The steps an organization takes by hand; entering scores is the results import, publishing has its own button. */
export const MANUAL_ACTIONS: readonly ExamSessionAction[] = ['open_registration', 'close_registration', 'mark_examined', 'close'];

export function manualActions(allowed: readonly ExamSessionAction[]): ExamSessionAction[] {
  return allowed.filter((a) => MANUAL_ACTIONS.includes(a));
}

/** Colour of a registration's status tag. */
export function registrationColor(s: RegistrationStatus): string {
  switch (s) {
    case 'proposed':
      return 'gold';
    case 'consented':
      return 'blue';
    case 'registered':
      return 'green';
    case 'refused':
      return 'red';
    default:
      return 'default';
  }
}

/** Seats left: capacity less the seats taken (never below 0). */
export function seatsLeft(capacity: number, taken: number): number {
  return Math.max(0, capacity - taken);
}

/**
 * 成绩公示 may go ahead (issue 21 item 2): nobody is missing a score, or the number typed in equals the number of
 * candidates without one (the server checks the same).
 */
export function publicationConfirmed(missing: number, typed: number | null | undefined): boolean {
  return missing === 0 || typed === missing;
}

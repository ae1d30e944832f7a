import {
  type ExamSessionAction,
  type ExamSessionStatus,
  MANUAL_EXAM_SESSION_ACTIONS,
  type Role,
  examSessionTransition,
} from '@onex/shared';

/** Pure rules of exam sessions (R5.2) and of their registration window (R5.3). */

export interface WindowFacts {
  status: ExamSessionStatus;
  registration_opens_at: Date;
  registration_closes_at: Date;
}

/** Registration (propose, consent, withdraw) happens only while the session is open and within its dates. */
export function registrationWindowOpen(s: WindowFacts, now: Date): boolean {
  return s.status === 'registration_open' && s.registration_opens_at <= now && now < s.registration_closes_at;
}

export type SessionStepCheck =
  { ok: true; to: ExamSessionStatus } | { ok: false; reason: 'role' | 'status' | 'not_manual' | 'before_exam_date' };

/**
 * Whether `role` may take `action` from `status` through the manual transitions endpoint: the table decides
 * (packages/shared/src/exams.ts); enter_scores and publish_scores are taken by the results import and the score
 * publication instead; an exam is marked examined on or after its date.
 */
export function checkManualStep(
  role: Role,
  action: ExamSessionAction,
  status: ExamSessionStatus,
  examDate?: string,
  today?: string,
): SessionStepCheck {
  const any = examSessionTransition(action, status);
  if (!MANUAL_EXAM_SESSION_ACTIONS.includes(action)) return { ok: false, reason: 'not_manual' };
  if (!any) return { ok: false, reason: 'status' };
  if (!any.roles.includes(role)) return { ok: false, reason: 'role' };
  if (action === 'mark_examined' && examDate && today && today < examDate) return { ok: false, reason: 'before_exam_date' };
  return { ok: true, to: any.to };
}

/** The manual actions an owner of the session may take now (the buttons the UI shows). */
export function manualSessionActions(role: Role, status: ExamSessionStatus, examDate?: string, today?: string): ExamSessionAction[] {
  return MANUAL_EXAM_SESSION_ACTIONS.filter((a) => checkManualStep(role, a, status, examDate, today).ok);
}

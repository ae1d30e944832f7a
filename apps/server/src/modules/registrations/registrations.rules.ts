import { type RegistrationEndpointAction, type RegistrationStatus, type Role, registrationTransition } from '@onex/shared';

/**
 * Pure rules of voluntary registration (R5.3; 粤生态职院〔2023〕18号 第十九条（三）: 强制或变相强制学生参加培训或考核
 * 的取消试点). A school only proposes; a registration becomes `registered` only through the candidate's own consent
 * (in the learner's account, or a signed paper consent the school uploads): consent → consented → confirm →
 * registered, both steps of REGISTRATION_TRANSITIONS, applied together when the window is open and a seat is free.
 */

export type Viewer = 'learner' | 'school' | 'other';

/** The steps from `from` to registered by consent, or null when the table allows none (e.g. already refused). */
export function consentSteps(
  from: RegistrationStatus,
  via: 'learner' | 'paper',
): { consentTo: RegistrationStatus; to: RegistrationStatus } | null {
  const consent = registrationTransition(via === 'learner' ? 'consent' : 'paper_consent', from);
  if (!consent) return null;
  const confirm = registrationTransition('confirm', consent.to);
  if (!confirm) return null;
  return { consentTo: consent.to, to: confirm.to };
}

/** The roles of the table that may take a step, mapped to who asks. */
export function roleMayTake(role: Role, action: 'consent' | 'refuse' | 'paper_consent' | 'withdraw', from: RegistrationStatus): boolean {
  const t = registrationTransition(action, from);
  return t !== undefined && t.roles.includes(role);
}

/** The buttons each party sees on a registration. */
export function registrationActions(
  viewer: Viewer,
  role: Role,
  status: RegistrationStatus,
  windowOpen: boolean,
): RegistrationEndpointAction[] {
  const out: RegistrationEndpointAction[] = [];
  if (viewer === 'learner') {
    if (windowOpen && consentSteps(status, 'learner') && roleMayTake(role, 'consent', status)) out.push('consent');
    if (roleMayTake(role, 'refuse', status)) out.push('decline');
  }
  if (viewer === 'school' && windowOpen && consentSteps(status, 'paper') && roleMayTake(role, 'paper_consent', status))
    out.push('paper_consent');
  if ((viewer === 'learner' || viewer === 'school') && windowOpen && roleMayTake(role, 'withdraw', status)) out.push('withdraw');
  return out;
}

export interface CandidateFacts {
  id: string;
  kind: 'pilot_student' | 'social';
  school_id: string | null;
  department_id: string | null;
  school_major_id: string | null;
}

/**
 * Why a learner cannot be proposed by this school for this pilot, or null: a pilot student of the school (of the
 * department, for a department administrator) whose major, when recorded, is one of the pilot's majors.
 */
export function ineligibility(
  l: CandidateFacts,
  by: { schoolId: string; departmentId: string | null },
  pilotMajorIds: readonly string[],
): string | null {
  if (l.kind !== 'pilot_student' || l.school_id !== by.schoolId) return '不是本校试点学生';
  if (by.departmentId && l.department_id !== by.departmentId) return '不是本二级学院的学生';
  if (l.school_major_id && pilotMajorIds.length && !pilotMajorIds.includes(l.school_major_id))
    return '所在专业不在该证书试点项目的备案专业内';
  return null;
}

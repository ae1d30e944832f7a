import {
  EDITABLE_FILING_STATUSES,
  FILING_TRANSITIONS,
  type FilingStatus,
  type FilingUiAction,
  type Role,
  visibleStatus,
} from '@onex/shared';

/** Roles on the school's side: they prepare filings, and see a decision only once the province publishes it. */
export const SCHOOL_SIDE_ROLES: readonly Role[] = ['school_admin', 'department_admin', 'project_leader'];
/** Who may open a draft: the school's 教务 office, a department for its own majors, a project leader for its project. */
export const FILING_CREATOR_ROLES = SCHOOL_SIDE_ROLES;

export const isSchoolSide = (role: Role) => SCHOOL_SIDE_ROLES.includes(role);

/** Reviewers and the national level see approved/rejected before publication; the school does not (000 §二, 002 §四.2). */
export const seesUnpublishedDecision = (role: Role) => !isSchoolSide(role);

export interface FilingPolicyFacts {
  status: FilingStatus;
  needsMunicipalReview: boolean;
  /** The actor is an expert assigned to this filing. */
  assignedToActor: boolean;
}

/**
 * The buttons for an actor on a filing it can see (visibility is checked before): the workflow table's actions for
 * its role from this status on this filing's path, expert scoring only for an assigned expert, and editing for the
 * school side while the filing is a draft or returned. `publish` is per round, never per filing.
 */
export function filingAllowedActions(role: Role, f: FilingPolicyFacts): FilingUiAction[] {
  const status = visibleStatus(f.status, seesUnpublishedDecision(role));
  const actions = new Set<FilingUiAction>();
  for (const t of FILING_TRANSITIONS) {
    if (t.action === 'publish' || !t.roles.includes(role) || !t.from.includes(status)) continue;
    if (t.path !== 'any' && (t.path === 'secondary') !== f.needsMunicipalReview) continue;
    if (t.action === 'return' && status === 'submitted' && f.needsMunicipalReview) continue;
    if (t.action === 'expert_score' && !f.assignedToActor) continue;
    actions.add(t.action);
  }
  if (isSchoolSide(role) && EDITABLE_FILING_STATUSES.includes(f.status)) {
    actions.add('edit');
    actions.add('uploadAttachment');
  }
  return [...actions];
}

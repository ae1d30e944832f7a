import { ROLE_SCOPE_FIELDS, type Role, canCreateRole } from '@onex/shared';
import type { Actor } from '../../auth/actor';
import { type ScopedRecord, inScope, scopeOf } from '../../auth/scope';

/** The scope facts of an account, resolved from the records it is bound to. */
export interface AccountScope extends ScopedRecord {
  provinceCode: string | null;
  cityCode: string | null;
  schoolId: string | null;
  departmentId: string | null;
  orgId: string | null;
}

export type Decision = 'allow' | 'forbidden' | 'not_found';

/**
 * May `actor` create (or manage) an account of `role` bound to `target`?
 * Outside the actor's scope the target does not exist for it (404); inside, a role it may not create is 403.
 */
export function decideAccountManagement(actor: Actor, role: Role, target: AccountScope): Decision {
  if (!canCreateRole(actor.role, role)) return 'forbidden';
  return inScope(scopeOf(actor), target) ? 'allow' : 'not_found';
}

/** The scope facts an account of `role` must carry (e.g. a school admin needs its school). */
export function missingScopeFacts(role: Role, target: AccountScope): string[] {
  return ROLE_SCOPE_FIELDS[role].filter((f) => !target[f]);
}

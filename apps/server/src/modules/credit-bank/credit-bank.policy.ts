import type { Role } from '@onex/shared';
import type { Actor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';

/**
 * Who may do what in the credit bank (R7). Reads follow the one scope function: the national administrator sees
 * everything, a province its schools' accounts, rules and conversions (read-only), a school its learners'; a learner
 * sees only its own account (through /me). Writes are the school administrator's, inside its own school, except the
 * outcome catalog (national administrator) and a learner's own application.
 */

/** Reads accounts, rules, courses and applications of other people (a learner reads through /me). */
export const CREDIT_BANK_READ_ROLES: readonly Role[] = ['national_admin', 'province_admin', 'school_admin'];
/** Maintains the outcome catalog (credits and hours of each certificate type × level). */
export const OUTCOME_CATALOG_ROLES: readonly Role[] = ['national_admin'];

export interface SchoolFacts {
  schoolId: string | null;
  provinceCode: string | null;
}

/** Reads a record of a school (account, rule, course, application): inside the actor's scope. */
export function mayRead(actor: Actor, f: SchoolFacts): boolean {
  return CREDIT_BANK_READ_ROLES.includes(actor.role) && inScope(scopeOf(actor), f);
}

/** Writes for a school: deposits (R7.1), courses, settings and rules (R7.2), decisions (R7.4) — its own administrator only. */
export function mayManageSchool(actor: Actor, schoolId: string | null): boolean {
  return actor.role === 'school_admin' && !!schoolId && actor.schoolId === schoolId;
}

/** Reverses a ledger entry (R7.1 correction): the school that deposited it, while it is neither reversed nor used by a conversion (R7.4). */
export function mayReverse(
  actor: Actor,
  e: { entryKind: string; sourceKind: string; schoolId: string | null; reversed: boolean; used: boolean; fromConversion: boolean },
): boolean {
  return (
    mayManageSchool(actor, e.schoolId) &&
    e.entryKind === 'deposit' &&
    (e.sourceKind === 'school' || e.sourceKind === 'import') &&
    !e.reversed &&
    !e.used &&
    !e.fromConversion
  );
}

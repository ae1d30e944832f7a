import type { Role } from '@onex/shared';
import type { Actor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';

/** The scope facts of a learner, and whether the actor's organization examines it (a consented/registered place). */
export interface LearnerFacts {
  schoolId: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  departmentId: string | null;
  userId: string | null;
  examinedByActorOrg: boolean;
}

/** Who enrols pilot students, imports them and hands out activation codes: the school's administrator. */
export const LEARNER_WRITE_ROLES: readonly Role[] = ['school_admin'];
export const LEARNER_READ_ROLES: readonly Role[] = [
  'national_admin',
  'province_admin',
  'municipal_admin',
  'school_admin',
  'department_admin',
  'org_admin',
  'learner',
];

/** Reads a learner: its scope (region, school, department, itself), or an organization that examines it. */
export function mayReadLearner(actor: Actor, f: LearnerFacts): boolean {
  if (!LEARNER_READ_ROLES.includes(actor.role)) return false;
  if (actor.role === 'org_admin') return f.examinedByActorOrg;
  return inScope(scopeOf(actor), f);
}

/**
 * Sees the full ID number: the learner itself, the administrator of its school, and an organization
 * administrator whose organization examines the learner. Everyone else sees it masked.
 */
export function idNumberVisibleTo(actor: Actor, f: LearnerFacts): boolean {
  if (actor.role === 'learner') return f.userId === actor.userId;
  if (actor.role === 'school_admin') return !!f.schoolId && f.schoolId === actor.schoolId;
  if (actor.role === 'org_admin') return f.examinedByActorOrg;
  return false;
}

/** Enrols into, and manages the activation codes of, a school. */
export function mayManageSchoolLearners(actor: Actor, schoolId: string): boolean {
  return actor.role === 'school_admin' && actor.schoolId === schoolId;
}

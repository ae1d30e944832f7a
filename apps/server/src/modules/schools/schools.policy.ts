import {
  SCHOOL_CONTACT_FIELDS,
  SCHOOL_IDENTITY_FIELDS,
  type Role,
  type SchoolAction,
  type SchoolField,
  type SchoolStatus,
} from '@onex/shared';
import type { Actor } from '../../auth/actor';
import { type Scope, type ScopedRecord, inScope, scopeOf } from '../../auth/scope';

/** Who reads school records at all (others get 403); scope narrows what they see. */
export const SCHOOL_READ_ROLES: readonly Role[] = [
  'national_admin',
  'province_admin',
  'municipal_admin',
  'expert',
  'school_admin',
  'department_admin',
  'project_leader',
];
/** Who registers schools: the provincial administrator for its province (and the national administrator). */
export const SCHOOL_REGISTER_ROLES: readonly Role[] = ['national_admin', 'province_admin'];

export type Decision = 'allow' | 'forbidden' | 'not_found';

export interface SchoolFacts {
  id: string;
  provinceCode: string;
  cityCode: string;
  status: SchoolStatus;
  /** Registered by the school itself (002 四.3): the province may return it with a reason. */
  selfRegistered?: boolean;
}
export interface DepartmentFacts {
  id: string;
  schoolId: string;
  provinceCode: string;
  cityCode: string;
}

const isAdminAbove = (role: Role) => role === 'national_admin' || role === 'province_admin';

/** Scope for the school record itself: the staff of a department see their own school's basic data. */
export function schoolReadScope(actor: Actor): Scope {
  const s = scopeOf(actor);
  return s.kind === 'department' ? { kind: 'school', schoolId: s.schoolId } : s;
}

const schoolRecord = (s: SchoolFacts): ScopedRecord => ({ provinceCode: s.provinceCode, cityCode: s.cityCode, schoolId: s.id });

export function canSeeSchool(actor: Actor, s: SchoolFacts): boolean {
  return SCHOOL_READ_ROLES.includes(actor.role) && inScope(schoolReadScope(actor), schoolRecord(s));
}

/**
 * Which school fields the actor may change: provincial (and national) administrators maintain the identity
 * (name, credit code, type, city, flags — the honours the province certifies); the school's own administrator
 * maintains its contact data.
 */
export function editableSchoolFields(actor: Actor, s: SchoolFacts): SchoolField[] {
  if (!canSeeSchool(actor, s)) return [];
  if (isAdminAbove(actor.role)) return [...SCHOOL_IDENTITY_FIELDS, ...SCHOOL_CONTACT_FIELDS];
  if (actor.role === 'school_admin') return [...SCHOOL_CONTACT_FIELDS];
  return [];
}

export function schoolActions(actor: Actor, s: SchoolFacts): SchoolAction[] {
  if (!canSeeSchool(actor, s)) return [];
  const out: SchoolAction[] = [];
  if (editableSchoolFields(actor, s).length) out.push('update');
  if (isAdminAbove(actor.role) && s.status === 'pending') out.push('approve');
  if (isAdminAbove(actor.role) && s.status === 'pending' && s.selfRegistered) out.push('return');
  if (actor.role === 'school_admin') out.push('manageDepartments', 'manageMajors');
  if (actor.role === 'department_admin') out.push('manageMajors');
  return out;
}

/** 404 outside the actor's view, 403 inside it when `allowed` is false. */
export function decide(visible: boolean, allowed: boolean): Decision {
  if (!visible) return 'not_found';
  return allowed ? 'allow' : 'forbidden';
}

const deptRecord = (d: DepartmentFacts): ScopedRecord => ({
  provinceCode: d.provinceCode,
  cityCode: d.cityCode,
  schoolId: d.schoolId,
  departmentId: d.id,
});

export function canSeeDepartment(actor: Actor, d: DepartmentFacts): boolean {
  return SCHOOL_READ_ROLES.includes(actor.role) && inScope(scopeOf(actor), deptRecord(d));
}

/** The school administrator manages its departments; a department administrator adds majors to its own. */
export function departmentActions(actor: Actor, d: DepartmentFacts): ('update' | 'delete' | 'addMajor')[] {
  if (!canSeeDepartment(actor, d)) return [];
  if (actor.role === 'school_admin') return ['update', 'delete', 'addMajor'];
  if (actor.role === 'department_admin') return ['addMajor'];
  return [];
}

/** A major lives in a department: the same facts decide. School admins delete; department admins edit their own. */
export function majorActions(actor: Actor, d: DepartmentFacts): ('update' | 'delete' | 'editFigures')[] {
  if (!canSeeDepartment(actor, d)) return [];
  if (actor.role === 'school_admin') return ['update', 'delete', 'editFigures'];
  if (actor.role === 'department_admin') return ['update', 'editFigures'];
  return [];
}

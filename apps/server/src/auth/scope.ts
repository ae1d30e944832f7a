import type { Actor } from './actor';

/**
 * What an actor may see, derived from its role and account (architecture: "Scope is one function").
 * Record checks (`inScope`) and list filters (`db/scope-filter.ts`) both derive from it.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'province'; provinceCode: string }
  | { kind: 'city'; provinceCode: string; cityCode: string }
  | { kind: 'school'; schoolId: string }
  | { kind: 'department'; schoolId: string; departmentId: string }
  | { kind: 'org'; orgId: string }
  | { kind: 'self'; userId: string }
  | { kind: 'none' };

export function scopeOf(actor: Actor): Scope {
  const { provinceCode, cityCode, schoolId, departmentId, orgId } = actor;
  switch (actor.role) {
    case 'national_admin':
      return { kind: 'all' };
    case 'province_admin':
    case 'expert': // experts are narrowed further to the filings assigned to them
      return provinceCode ? { kind: 'province', provinceCode } : { kind: 'none' };
    case 'municipal_admin':
      return provinceCode && cityCode ? { kind: 'city', provinceCode, cityCode } : { kind: 'none' };
    case 'school_admin':
      return schoolId ? { kind: 'school', schoolId } : { kind: 'none' };
    case 'department_admin':
      return schoolId && departmentId ? { kind: 'department', schoolId, departmentId } : { kind: 'none' };
    case 'project_leader': // narrowed further to the projects it leads
      if (schoolId && departmentId) return { kind: 'department', schoolId, departmentId };
      return schoolId ? { kind: 'school', schoolId } : { kind: 'none' };
    case 'org_admin':
      return orgId ? { kind: 'org', orgId } : { kind: 'none' };
    case 'learner':
      return { kind: 'self', userId: actor.userId };
  }
}

/** The scope-relevant facts of a record; absent facts never match. */
export interface ScopedRecord {
  provinceCode?: string | null;
  cityCode?: string | null;
  schoolId?: string | null;
  departmentId?: string | null;
  orgId?: string | null;
  userId?: string | null;
}

export function inScope(scope: Scope, record: ScopedRecord): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'province':
      return record.provinceCode === scope.provinceCode;
    case 'city':
      return record.cityCode === scope.cityCode;
    case 'school':
      return record.schoolId === scope.schoolId;
    case 'department':
      return record.departmentId === scope.departmentId;
    case 'org':
      return record.orgId === scope.orgId;
    case 'self':
      return record.userId === scope.userId;
    case 'none':
      return false;
  }
}

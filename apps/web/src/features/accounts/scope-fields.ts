import type { CreateUserRequest, Role } from '@onex/shared';
import type { ScopeOptions } from '../../lib/scope-options';

export type ScopeField = 'provinceCode' | 'cityCode' | 'schoolId' | 'departmentId' | 'orgId';

export interface ScopeFieldSpec {
  field: ScopeField;
  required: boolean;
  /** Only narrows the choices of the next field (e.g. province → city); not sent to the server. */
  filterOnly?: boolean;
  /** i18n key (under `accounts.`) of a hint shown under the field. */
  hint?: 'defaultsToOwnProvince' | 'defaultsToOwnSchool' | 'optionalDepartment';
}

/**
 * The scope fields the "new account" form asks for, per role of the new account
 * (what `POST /users` needs: province admin → province; municipal admin → city; expert → province, defaulting to the
 * creator's; school admin → school; department admin → department; project leader → school (default own) and an
 * optional department; organization admin → organization).
 */
export function scopeFieldsFor(role: Role | undefined): ScopeFieldSpec[] {
  switch (role) {
    case 'province_admin':
      return [{ field: 'provinceCode', required: true }];
    case 'municipal_admin':
      return [
        { field: 'provinceCode', required: false, filterOnly: true },
        { field: 'cityCode', required: true },
      ];
    case 'expert':
      return [{ field: 'provinceCode', required: false, hint: 'defaultsToOwnProvince' }];
    case 'school_admin':
      return [{ field: 'schoolId', required: true }];
    case 'department_admin':
      return [
        { field: 'schoolId', required: false, filterOnly: true },
        { field: 'departmentId', required: true },
      ];
    case 'project_leader':
      return [
        { field: 'schoolId', required: false, hint: 'defaultsToOwnSchool' },
        { field: 'departmentId', required: false, hint: 'optionalDepartment' },
      ];
    case 'org_admin':
      return [{ field: 'orgId', required: true }];
    default:
      return [];
  }
}

export interface ScopeChoice {
  value: string;
  label: string;
}

/** What GET /users/scope-options answers (lib/scope-options). */
export type ScopeOptionLists = ScopeOptions;

/** The choices of one scope select, narrowed by what is already chosen (cities by province, departments by school). */
export function scopeChoices(
  field: ScopeField,
  options: ScopeOptionLists | undefined,
  chosen: Partial<Record<ScopeField, string | undefined>>,
): ScopeChoice[] {
  if (!options) return [];
  switch (field) {
    case 'provinceCode':
      return options.provinces.map((p) => ({ value: p.code, label: p.name }));
    case 'cityCode':
      return options.cities
        .filter((c) => !chosen.provinceCode || c.parentCode === chosen.provinceCode)
        .map((c) => ({ value: c.code, label: c.name }));
    case 'schoolId':
      return options.schools
        .filter(
          (s) => (!chosen.provinceCode || s.provinceCode === chosen.provinceCode) && (!chosen.cityCode || s.cityCode === chosen.cityCode),
        )
        .map((s) => ({ value: s.id, label: s.name }));
    case 'departmentId': {
      const schoolName = new Map(options.schools.map((s) => [s.id, s.name]));
      const several = new Set(options.departments.map((d) => d.schoolId)).size > 1;
      return options.departments
        .filter((d) => !chosen.schoolId || d.schoolId === chosen.schoolId)
        .map((d) => ({ value: d.id, label: several && !chosen.schoolId ? `${schoolName.get(d.schoolId) ?? ''} / ${d.name}` : d.name }));
    }
    case 'orgId':
      return options.orgs.map((o) => ({ value: o.id, label: o.name }));
  }
}

/** The fields to show: a narrowing-only field is pointless with one choice or fewer. */
export function visibleScopeFields(role: Role | undefined, options: ScopeOptionLists | undefined): ScopeFieldSpec[] {
  return scopeFieldsFor(role).filter((s) => !s.filterOnly || scopeChoices(s.field, options, {}).length > 1);
}

export interface CreateAccountFormValues {
  role: Role;
  username: string;
  displayName: string;
  password: string;
  provinceCode?: string;
  cityCode?: string;
  schoolId?: string;
  departmentId?: string;
  orgId?: string;
}

/** The `POST /users` body: trimmed texts, and only the scope fields the role takes (narrowing-only ones left out). */
export function buildCreateRequest(v: CreateAccountFormValues): CreateUserRequest {
  const body: CreateUserRequest = { role: v.role, username: v.username.trim(), displayName: v.displayName.trim(), password: v.password };
  for (const spec of scopeFieldsFor(v.role)) {
    const value = v[spec.field];
    if (!spec.filterOnly && value) body[spec.field] = value;
  }
  return body;
}

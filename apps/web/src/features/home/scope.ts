import type { ScopeDto } from '@onex/shared';

export type ScopePart = 'province' | 'city' | 'school' | 'department' | 'org';

export interface ScopeLine {
  part: ScopePart;
  /** The name when known, else the code or id. */
  value: string;
  code: string;
}

export interface ScopeNames {
  regions?: ReadonlyMap<string, string>;
  schools?: ReadonlyMap<string, string>;
  departments?: ReadonlyMap<string, string>;
  orgs?: ReadonlyMap<string, string>;
}

/** The lines describing where an account's powers apply, from the broadest to the narrowest. Empty means nationwide / unscoped. */
export function describeScope(scope: ScopeDto, names: ScopeNames = {}): ScopeLine[] {
  const lines: ScopeLine[] = [];
  const add = (part: ScopePart, code: string | undefined, map: ReadonlyMap<string, string> | undefined) => {
    if (code) lines.push({ part, code, value: map?.get(code) ?? code });
  };
  add('province', scope.provinceCode, names.regions);
  add('city', scope.cityCode, names.regions);
  add('school', scope.schoolId, names.schools);
  add('department', scope.departmentId, names.departments);
  add('org', scope.orgId, names.orgs);
  return lines;
}

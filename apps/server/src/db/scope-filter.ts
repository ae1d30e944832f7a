import { type Expression, type SqlBool, sql } from 'kysely';
import type { Scope } from '../auth/scope';

/** The columns of a table (or join) that carry each scope fact; a missing column means the fact never matches. */
export interface ScopeColumns {
  provinceCode?: string;
  cityCode?: string;
  schoolId?: string;
  departmentId?: string;
  orgId?: string;
  userId?: string;
}

const NEVER = sql<SqlBool>`false`;

/** The list-filter twin of `inScope`: the same decision, as a WHERE expression. */
export function scopeWhere(scope: Scope, cols: ScopeColumns): Expression<SqlBool> {
  const eq = (col: string | undefined, value: string) => (col ? sql<SqlBool>`${sql.ref(col)} = ${value}` : NEVER);
  switch (scope.kind) {
    case 'all':
      return sql<SqlBool>`true`;
    case 'province':
      return eq(cols.provinceCode, scope.provinceCode);
    case 'city':
      return eq(cols.cityCode, scope.cityCode);
    case 'school':
      return eq(cols.schoolId, scope.schoolId);
    case 'department':
      return eq(cols.departmentId, scope.departmentId);
    case 'org':
      return eq(cols.orgId, scope.orgId);
    case 'self':
      return eq(cols.userId, scope.userId);
    case 'none':
      return NEVER;
  }
}

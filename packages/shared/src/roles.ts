/** Roles of the public contract (api-v1 "Conventions"). */
export const ROLES = [
  'national_admin',
  'province_admin',
  'municipal_admin',
  'expert',
  'school_admin',
  'department_admin',
  'project_leader',
  'org_admin',
  'learner',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  national_admin: { zh: '国家管理员', en: 'National administrator' },
  province_admin: { zh: '省级管理员', en: 'Provincial administrator' },
  municipal_admin: { zh: '地市管理员', en: 'Municipal administrator' },
  expert: { zh: '评审专家', en: 'Expert' },
  school_admin: { zh: '院校管理员', en: 'School administrator' },
  department_admin: { zh: '二级学院管理员', en: 'Department administrator' },
  project_leader: { zh: '试点负责人', en: 'Project leader' },
  org_admin: { zh: '培训评价组织管理员', en: 'Evaluation organization administrator' },
  learner: { zh: '学习者', en: 'Learner' },
};

/**
 * Which roles an administrator may create, and where the new account's scope must lie
 * (issue 2 §4): national → provincial and organization admins; provincial → municipal
 * admins, experts and school admins of its province; school admin → department admins
 * and project leaders of its school.
 */
export const CREATABLE_ROLES: Record<Role, readonly Role[]> = {
  national_admin: ['province_admin', 'org_admin'],
  province_admin: ['municipal_admin', 'expert', 'school_admin'],
  municipal_admin: [],
  expert: [],
  school_admin: ['department_admin', 'project_leader'],
  department_admin: [],
  project_leader: [],
  org_admin: [],
  learner: [],
};

export function canCreateRole(actorRole: Role, targetRole: Role): boolean {
  return CREATABLE_ROLES[actorRole].includes(targetRole);
}

/** What scope fields an account of each role carries. */
export const ROLE_SCOPE_FIELDS: Record<Role, readonly ('provinceCode' | 'cityCode' | 'schoolId' | 'departmentId' | 'orgId')[]> = {
  national_admin: [],
  province_admin: ['provinceCode'],
  municipal_admin: ['provinceCode', 'cityCode'],
  expert: ['provinceCode'],
  school_admin: ['schoolId'],
  department_admin: ['schoolId', 'departmentId'],
  project_leader: ['schoolId'],
  org_admin: ['orgId'],
  learner: [],
};

export const ADMIN_ROLES: readonly Role[] = ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'org_admin'];

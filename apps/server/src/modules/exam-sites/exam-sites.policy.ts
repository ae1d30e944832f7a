import type { ExamSiteAction, ExamSiteStatus } from '@onex/shared';
import type { Actor } from '../../auth/actor';

/** Who may do what with an exam site (R5.1): pure. */

export interface SiteFacts {
  orgId: string;
  schoolId: string | null;
  provinceCode: string;
  cityCode: string;
  status: ExamSiteStatus;
  openShared: boolean;
  /** Issue 17 item 8: a school's application, or the organization's own site. */
  registeredBy: 'school' | 'organization';
}

const SCHOOL_ROLES = ['school_admin', 'department_admin', 'project_leader'] as const;
const isSchoolRole = (a: Actor) => (SCHOOL_ROLES as readonly string[]).includes(a.role);

/** Reading one site: its organization, its host school, the province / city / nation over it, or any school of the province once it is shared. */
export function mayReadSite(a: Actor, s: SiteFacts): boolean {
  switch (a.role) {
    case 'national_admin':
      return true;
    case 'province_admin':
      return a.provinceCode === s.provinceCode;
    case 'municipal_admin':
      return a.cityCode === s.cityCode;
    case 'org_admin':
      return a.orgId === s.orgId;
    case 'school_admin':
    case 'department_admin':
    case 'project_leader':
      return (
        (s.schoolId !== null && a.schoolId === s.schoolId) || (s.status === 'approved' && s.openShared && a.provinceCode === s.provinceCode)
      );
    default:
      return false;
  }
}

/** Only a school applies for a site it will host (R5.1, 003 §二(五): 考核站点一般应设在符合条件的试点院校). */
export function mayApplyForSite(a: Actor): boolean {
  return a.role === 'school_admin' && a.schoolId !== null;
}

/** The organization that owns the certificate decides; the host school or the organization marks an approved site shared. */
export function siteActions(a: Actor, s: SiteFacts): ExamSiteAction[] {
  const out: ExamSiteAction[] = [];
  const ownsOrg = a.role === 'org_admin' && a.orgId === s.orgId;
  if (ownsOrg && s.status === 'applied') out.push('approve', 'refuse');
  const host = a.role === 'school_admin' && s.schoolId !== null && a.schoolId === s.schoolId;
  if ((ownsOrg || host) && s.status === 'approved') out.push(s.openShared ? 'unshare' : 'share');
  if (ownsOrg && s.registeredBy === 'organization' && s.status === 'approved') out.push('edit');
  // 撤销: the organization withdraws an approved site it answers for, whoever registered it.
  if (ownsOrg && s.status === 'approved') out.push('close');
  return out;
}

/** Issue 17 item 8 (R5.1 "an organization or school applies"): an organization registers sites of its own directly. */
export function mayRegisterOwnSite(a: Actor): boolean {
  return a.role === 'org_admin' && a.orgId !== null;
}

/**
 * Editing a site (issue 17 item 8): only the organization that registered it. Another organization's site, or a site
 * the actor cannot read, is 404 (checked before); a school's application of its own organization is the school's: 403.
 */
export function mayEditSite(a: Actor, s: SiteFacts): boolean {
  return a.role === 'org_admin' && a.orgId === s.orgId && s.registeredBy === 'organization';
}

/** Reading the province's register of shared sites (000 §三(四)): its schools and the province (national: any). */
export function registerProvinceOf(a: Actor, requested?: string): string | 'all' | null {
  if (a.role === 'national_admin') return requested ?? 'all';
  if (a.role === 'province_admin' || a.role === 'municipal_admin' || isSchoolRole(a)) return a.provinceCode;
  return null;
}

import type { Role } from '@onex/shared';
import type { Actor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';

export const AGREEMENT_READ_ROLES: readonly Role[] = ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'org_admin'];

export interface AgreementFacts {
  provinceCode: string;
  cityCode: string;
  schoolId: string;
  orgId: string;
}

/** Reads an agreement: the school, its organization, and the region's administrators. */
export function mayReadAgreement(actor: Actor, f: AgreementFacts): boolean {
  return AGREEMENT_READ_ROLES.includes(actor.role) && inScope(scopeOf(actor), f);
}

/** Records an agreement: the administrator of the pilot's school (R4.1). */
export function mayRecordAgreement(actor: Actor, schoolId: string): boolean {
  return actor.role === 'school_admin' && actor.schoolId === schoolId;
}

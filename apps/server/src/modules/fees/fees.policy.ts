import type { Role } from '@onex/shared';
import type { Actor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';

export const SETTLEMENT_READ_ROLES: readonly Role[] = ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'org_admin'];

export interface SettlementFacts {
  provinceCode: string;
  cityCode: string;
  schoolId: string;
  orgId: string;
}

/** School and organization see theirs; regional administrators see their region's. */
export function mayReadSettlement(actor: Actor, f: SettlementFacts): boolean {
  return SETTLEMENT_READ_ROLES.includes(actor.role) && inScope(scopeOf(actor), f);
}

/** The paying school marks a settlement settled (R4.4). */
export function maySettle(actor: Actor, f: SettlementFacts): boolean {
  return actor.role === 'school_admin' && actor.schoolId === f.schoolId;
}

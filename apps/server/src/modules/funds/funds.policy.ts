import type { BudgetAction, BudgetStatus, Role } from '@onex/shared';
import { budgetTransition } from '@onex/shared';
import type { Actor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';

/** Who sees funds: the school (and a department its own pilots), regional administrators their region, national all. */
export const FUND_READ_ROLES: readonly Role[] = ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'department_admin'];
export const ALLOCATION_ROLES: readonly Role[] = ['national_admin', 'province_admin'];

export interface BudgetFacts {
  provinceCode: string;
  cityCode: string;
  schoolId: string;
  departmentId: string;
}

export function mayReadBudget(actor: Actor, f: BudgetFacts): boolean {
  return FUND_READ_ROLES.includes(actor.role) && inScope(scopeOf(actor), f);
}

/** The school (or the pilot's department) drafts the budget and keeps the ledger; regional roles only read (R4.5). */
export function mayWriteBudget(actor: Actor, f: BudgetFacts): boolean {
  return (actor.role === 'school_admin' || actor.role === 'department_admin') && inScope(scopeOf(actor), f);
}

/** An approval step of 001 第十三条: the table names the roles; the actor must also hold the budget in scope. */
export function mayAct(actor: Actor, f: BudgetFacts, action: BudgetAction, status: BudgetStatus): boolean {
  const t = budgetTransition(action, status);
  return !!t && t.roles.includes(actor.role) && inScope(scopeOf(actor), f);
}

/** The province allocates among its own schools; the national administrator may act for any province. */
export function mayAllocate(actor: Actor, provinceCode: string): boolean {
  return ALLOCATION_ROLES.includes(actor.role) && inScope(scopeOf(actor), { provinceCode });
}

import { ORG_EDITABLE_BY_ORG_ADMIN, type EvaluationOrgDto } from '@onex/shared';
import type { Actor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';

/**
 * Writes to an organization's records (its profile, contacts, certificate types) are scoped by organization:
 * the national administrator holds every organization, an organization administrator its own; for anyone else
 * the record is outside its scope (404), even where it may read it.
 */
export function holdsOrg(actor: Actor, orgId: string): boolean {
  return inScope(scopeOf(actor), { orgId });
}

/** Which profile fields of an organization the actor may change (national: all; the organization itself: its profile). */
export function editableOrgFields(actor: Actor, orgId: string): readonly string[] | 'all' {
  if (!holdsOrg(actor, orgId)) return [];
  return actor.role === 'national_admin' ? 'all' : ORG_EDITABLE_BY_ORG_ADMIN;
}

export function orgAllowedActions(actor: Actor | null, orgId: string): EvaluationOrgDto['allowedActions'] {
  if (!actor || !holdsOrg(actor, orgId)) return [];
  return actor.role === 'national_admin' ? ['edit', 'editProfile', 'manageContacts'] : ['editProfile', 'manageContacts'];
}

/** Fields of a request the actor may not change. */
export function lockedFields(requested: readonly string[], editable: readonly string[] | 'all'): string[] {
  return editable === 'all' ? [] : requested.filter((f) => !editable.includes(f));
}

/** The keys of a PATCH body that carry a value. */
export function requestedFields(body: Record<string, unknown>): string[] {
  return Object.keys(body).filter((k) => body[k] !== undefined);
}

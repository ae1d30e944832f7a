import { describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/actor';
import { editableOrgFields, holdsOrg, lockedFields, orgAllowedActions, requestedFields } from './catalog.policy';

const actor = (role: Actor['role'], orgId: string | null = null): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  role,
  provinceCode: role === 'province_admin' ? '440000' : null,
  cityCode: null,
  schoolId: null,
  departmentId: null,
  orgId,
  via: 'session',
});

describe('organization scope for catalog writes (R1.3)', () => {
  it('national holds every organization; an organization only itself; others none', () => {
    expect(holdsOrg(actor('national_admin'), 'a')).toBe(true);
    expect(holdsOrg(actor('org_admin', 'a'), 'a')).toBe(true);
    expect(holdsOrg(actor('org_admin', 'a'), 'b')).toBe(false);
    expect(holdsOrg(actor('province_admin'), 'a')).toBe(false);
  });
  it('an organization edits its profile, not its code, name or confirmation flag', () => {
    const editable = editableOrgFields(actor('org_admin', 'a'), 'a');
    expect(lockedFields(['address', 'name', 'toBeConfirmed'], editable)).toEqual(['name', 'toBeConfirmed']);
    expect(lockedFields(['name'], editableOrgFields(actor('national_admin'), 'a'))).toEqual([]);
    expect(orgAllowedActions(actor('org_admin', 'a'), 'b')).toEqual([]);
    expect(orgAllowedActions(null, 'a')).toEqual([]);
  });
  it('requested fields are the keys with values', () => {
    expect(requestedFields({ a: 1, b: undefined, c: null })).toEqual(['a', 'c']);
  });
});

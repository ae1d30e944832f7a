import { ROLES } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { canUse, menuFor, selectedNavKey } from './navigation';

const keys = (role: Parameters<typeof menuFor>[0]) => menuFor(role).map((i) => i.key);

describe('menuFor', () => {
  it('gives every role the home page first', () => {
    for (const role of ROLES) expect(keys(role)[0]).toBe('home');
  });

  it('shows account management to national, provincial and school administrators only', () => {
    const withAccounts = ROLES.filter((r) => keys(r).includes('accounts'));
    expect(withAccounts).toEqual(['national_admin', 'province_admin', 'school_admin']);
  });

  it('shows the audit log to the five administrator roles', () => {
    const withAudit = ROLES.filter((r) => keys(r).includes('audit'));
    expect(withAudit).toEqual(['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'org_admin']);
  });

  it('shows API tokens to organization administrators only', () => {
    expect(keys('org_admin')).toEqual(['home', 'audit', 'apiTokens']);
    expect(ROLES.filter((r) => keys(r).includes('apiTokens'))).toEqual(['org_admin']);
  });

  it('gives the other roles the home page alone', () => {
    for (const role of ['expert', 'department_admin', 'project_leader', 'learner'] as const) expect(keys(role)).toEqual(['home']);
  });

  it('agrees with canUse', () => {
    for (const role of ROLES) for (const item of menuFor(role)) expect(canUse(role, item.key)).toBe(true);
    expect(canUse('learner', 'audit')).toBe(false);
    expect(canUse('municipal_admin', 'accounts')).toBe(false);
  });
});

describe('selectedNavKey', () => {
  it('matches the longest path', () => {
    expect(selectedNavKey('/')).toBe('home');
    expect(selectedNavKey('/accounts')).toBe('accounts');
    expect(selectedNavKey('/api-tokens')).toBe('apiTokens');
    expect(selectedNavKey('/audit/x')).toBe('audit');
    expect(selectedNavKey('/nowhere')).toBeUndefined();
  });
});

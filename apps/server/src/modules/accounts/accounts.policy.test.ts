import { describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/actor';
import { decideAccountManagement, missingScopeFacts } from './accounts.policy';

const gd: Actor = {
  userId: 'u',
  username: 'gd',
  displayName: 'gd',
  role: 'province_admin',
  provinceCode: '440000',
  cityCode: null,
  schoolId: null,
  departmentId: null,
  orgId: null,
  via: 'session',
};
const blank = { provinceCode: null, cityCode: null, schoolId: null, departmentId: null, orgId: null };

describe('decideAccountManagement', () => {
  it('a role the actor may not create is forbidden wherever it lies', () => {
    expect(decideAccountManagement(gd, 'province_admin', { ...blank, provinceCode: '440000' })).toBe('forbidden');
  });
  it('a creatable role outside the scope is not found; inside it is allowed', () => {
    expect(decideAccountManagement(gd, 'school_admin', { ...blank, provinceCode: '420000', schoolId: 's' })).toBe('not_found');
    expect(decideAccountManagement(gd, 'school_admin', { ...blank, provinceCode: '440000', schoolId: 's' })).toBe('allow');
  });
});

describe('missingScopeFacts', () => {
  it('names what a role needs', () => {
    expect(missingScopeFacts('department_admin', { ...blank, schoolId: 's' })).toEqual(['departmentId']);
    expect(missingScopeFacts('national_admin', blank)).toEqual([]);
  });
});

import { ROLES, type Role } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor';
import { type ScopedRecord, inScope, scopeOf } from './scope';

function actor(role: Role, extra: Partial<Actor> = {}): Actor {
  return {
    userId: 'u1',
    username: 'x',
    displayName: 'x',
    role,
    provinceCode: '440000',
    cityCode: '440100',
    schoolId: 's1',
    departmentId: 'd1',
    orgId: 'o1',
    via: 'session',
    ...extra,
  };
}

const home: ScopedRecord = { provinceCode: '440000', cityCode: '440100', schoolId: 's1', departmentId: 'd1', orgId: 'o1', userId: 'u1' };
const away: ScopedRecord = { provinceCode: '420000', cityCode: '420100', schoolId: 's2', departmentId: 'd2', orgId: 'o2', userId: 'u2' };

describe('scopeOf / inScope', () => {
  it('every role sees its home record and, except the national administrator, nothing away', () => {
    for (const role of ROLES) {
      const s = scopeOf(actor(role));
      expect(inScope(s, home), role).toBe(true);
      expect(inScope(s, away), role).toBe(role === 'national_admin');
    }
  });

  it('a province administrator sees every city and school of its province', () => {
    const s = scopeOf(actor('province_admin'));
    expect(inScope(s, { provinceCode: '440000', cityCode: '440300', schoolId: 'other' })).toBe(true);
  });

  it('a municipal administrator sees only its city', () => {
    const s = scopeOf(actor('municipal_admin'));
    expect(inScope(s, { provinceCode: '440000', cityCode: '440300' })).toBe(false);
  });

  it('a record without the fact the scope needs is out of scope', () => {
    expect(inScope(scopeOf(actor('org_admin')), { provinceCode: '440000' })).toBe(false);
    expect(inScope(scopeOf(actor('school_admin')), { orgId: 'o1' })).toBe(false);
  });

  it('an account missing its scope facts sees nothing', () => {
    expect(scopeOf(actor('school_admin', { schoolId: null }))).toEqual({ kind: 'none' });
    expect(inScope({ kind: 'none' }, home)).toBe(false);
  });

  it('a learner sees only itself', () => {
    expect(scopeOf(actor('learner'))).toEqual({ kind: 'self', userId: 'u1' });
  });
});

import { describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/actor';
import { decide, departmentActions, editableSchoolFields, majorActions, schoolActions } from './schools.policy';

const actor = (o: Partial<Actor>): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  role: 'national_admin',
  provinceCode: null,
  cityCode: null,
  schoolId: null,
  departmentId: null,
  orgId: null,
  via: 'session',
  ...o,
});
const school = { id: 's1', provinceCode: '440000', cityCode: '440100', status: 'pending' as const };
const dept = { id: 'd1', schoolId: 's1', provinceCode: '440000', cityCode: '440100' };

describe('R2.1 school policy', () => {
  it('R2.1 a provincial administrator updates and approves a pending school of its province only', () => {
    expect(schoolActions(actor({ role: 'province_admin', provinceCode: '440000' }), school)).toEqual(['update', 'approve']);
    expect(schoolActions(actor({ role: 'province_admin', provinceCode: '420000' }), school)).toEqual([]);
    expect(schoolActions(actor({ role: 'province_admin', provinceCode: '440000' }), { ...school, status: 'approved' })).toEqual(['update']);
  });
  it('R2.1 the school administrator edits only contact fields of its own school; the municipal administrator only reads', () => {
    const own = actor({ role: 'school_admin', schoolId: 's1' });
    expect(editableSchoolFields(own, school)).toEqual(['address', 'contactName', 'contactPhone']);
    expect(schoolActions(own, school)).toEqual(['update', 'manageDepartments', 'manageMajors']);
    expect(schoolActions(actor({ role: 'school_admin', schoolId: 's2' }), school)).toEqual([]);
    expect(schoolActions(actor({ role: 'municipal_admin', provinceCode: '440000', cityCode: '440100' }), school)).toEqual([]);
  });
  it('R2.2 department administrators act on their own department only', () => {
    const da = actor({ role: 'department_admin', schoolId: 's1', departmentId: 'd1' });
    expect(majorActions(da, dept)).toEqual(['update', 'editFigures']);
    expect(majorActions(da, { ...dept, id: 'd2' })).toEqual([]);
    expect(departmentActions(actor({ role: 'school_admin', schoolId: 's1' }), dept)).toEqual(['update', 'delete', 'addMajor']);
  });
  it('outside the view is 404, inside but not allowed is 403', () => {
    expect(decide(false, true)).toBe('not_found');
    expect(decide(true, false)).toBe('forbidden');
    expect(decide(true, true)).toBe('allow');
  });
});

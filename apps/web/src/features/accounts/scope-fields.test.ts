import { CREATABLE_ROLES, ROLE_SCOPE_FIELDS, ROLES } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { buildCreateRequest, scopeChoices, scopeFieldsFor, visibleScopeFields, type ScopeOptionLists } from './scope-fields';

const options: ScopeOptionLists = {
  provinces: [
    { code: '440000', name: '广东省' },
    { code: '420000', name: '湖北省' },
  ],
  cities: [
    { code: '440100', name: '广州市', parentCode: '440000' },
    { code: '420100', name: '武汉市', parentCode: '420000' },
  ],
  schools: [
    { id: 's1', name: '广东生态工程职业学院', provinceCode: '440000', cityCode: '440100' },
    { id: 's2', name: '武汉职业技术学院', provinceCode: '420000', cityCode: '420100' },
  ],
  departments: [
    { id: 'd1', name: '信息工程学院', schoolId: 's1' },
    { id: 'd2', name: '计算机技术与软件工程学院', schoolId: 's2' },
  ],
  orgs: [{ id: 'o1', name: '工业和信息化部教育与考试中心' }],
};

describe('scopeFieldsFor', () => {
  it('asks, for every creatable role, for the scope field that role must carry (or lets it default)', () => {
    const creatable = new Set(Object.values(CREATABLE_ROLES).flat());
    for (const role of ROLES) {
      if (!creatable.has(role)) continue;
      const asked = scopeFieldsFor(role).map((s) => s.field);
      const required = ROLE_SCOPE_FIELDS[role];
      // The narrowest fact each role carries is asked for.
      expect(asked).toContain(required[required.length - 1]);
    }
  });

  it('requires the province of a provincial admin and the city of a municipal admin', () => {
    expect(scopeFieldsFor('province_admin')).toEqual([{ field: 'provinceCode', required: true }]);
    expect(scopeFieldsFor('municipal_admin').find((s) => s.field === 'cityCode')?.required).toBe(true);
    expect(scopeFieldsFor('org_admin')).toEqual([{ field: 'orgId', required: true }]);
  });

  it('lets a project leader default to the own school with an optional department', () => {
    expect(scopeFieldsFor('project_leader').every((s) => !s.required)).toBe(true);
  });

  it('asks nothing for roles that cannot be created or before a role is chosen', () => {
    expect(scopeFieldsFor(undefined)).toEqual([]);
    expect(scopeFieldsFor('learner')).toEqual([]);
  });
});

describe('scopeChoices', () => {
  it('narrows cities by province and departments by school', () => {
    expect(scopeChoices('cityCode', options, { provinceCode: '440000' })).toEqual([{ value: '440100', label: '广州市' }]);
    expect(scopeChoices('departmentId', options, { schoolId: 's2' })).toEqual([{ value: 'd2', label: '计算机技术与软件工程学院' }]);
    expect(scopeChoices('departmentId', options, {}).map((c) => c.label)).toContain('广东生态工程职业学院 / 信息工程学院');
    expect(scopeChoices('orgId', undefined, {})).toEqual([]);
  });
});

describe('visibleScopeFields', () => {
  it('hides a narrowing-only select with a single choice', () => {
    const one = { ...options, provinces: [options.provinces[0]!] };
    expect(visibleScopeFields('municipal_admin', one).map((s) => s.field)).toEqual(['cityCode']);
    expect(visibleScopeFields('municipal_admin', options).map((s) => s.field)).toEqual(['provinceCode', 'cityCode']);
  });
});

describe('buildCreateRequest', () => {
  it('sends only the fields of the role, trimmed, without narrowing-only ones', () => {
    expect(
      buildCreateRequest({
        role: 'municipal_admin',
        username: ' gz2 ',
        displayName: ' 广州 ',
        password: 'Abcd1234',
        provinceCode: '440000',
        cityCode: '440100',
        orgId: 'x',
      }),
    ).toEqual({ role: 'municipal_admin', username: 'gz2', displayName: '广州', password: 'Abcd1234', cityCode: '440100' });
    expect(buildCreateRequest({ role: 'project_leader', username: 'pl', displayName: 'P', password: 'Abcd1234', schoolId: 's1' })).toEqual({
      role: 'project_leader',
      username: 'pl',
      displayName: 'P',
      password: 'Abcd1234',
      schoolId: 's1',
    });
  });
});

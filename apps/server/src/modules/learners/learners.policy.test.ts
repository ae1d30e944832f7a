import { describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/actor';
import { type LearnerFacts, idNumberVisibleTo, mayReadLearner } from './learners.policy';

const actor = (a: Partial<Actor>): Actor => ({
  userId: 'u',
  username: 'x',
  displayName: 'x',
  role: 'learner',
  provinceCode: null,
  cityCode: null,
  schoolId: null,
  departmentId: null,
  orgId: null,
  via: 'session',
  ...a,
});
const learner: LearnerFacts = {
  schoolId: 's1',
  provinceCode: '440000',
  cityCode: '440100',
  departmentId: 'd1',
  userId: 'u-learner',
  examinedByActorOrg: false,
};

describe('ID number visibility by viewer', () => {
  it('the learner itself, its school administrator and an examining organization see it in full', () => {
    expect(idNumberVisibleTo(actor({ role: 'learner', userId: 'u-learner' }), learner)).toBe(true);
    expect(idNumberVisibleTo(actor({ role: 'school_admin', schoolId: 's1' }), learner)).toBe(true);
    expect(idNumberVisibleTo(actor({ role: 'org_admin', orgId: 'o1' }), { ...learner, examinedByActorOrg: true })).toBe(true);
  });

  it('everyone else sees it masked', () => {
    expect(idNumberVisibleTo(actor({ role: 'learner', userId: 'other' }), learner)).toBe(false);
    expect(idNumberVisibleTo(actor({ role: 'school_admin', schoolId: 's2' }), learner)).toBe(false);
    expect(idNumberVisibleTo(actor({ role: 'org_admin', orgId: 'o1' }), learner)).toBe(false);
    expect(idNumberVisibleTo(actor({ role: 'province_admin', provinceCode: '440000' }), learner)).toBe(false);
    expect(idNumberVisibleTo(actor({ role: 'department_admin', schoolId: 's1', departmentId: 'd1' }), learner)).toBe(false);
    expect(idNumberVisibleTo(actor({ role: 'national_admin' }), learner)).toBe(false);
  });

  it('reading: scope, or an examining organization', () => {
    expect(mayReadLearner(actor({ role: 'province_admin', provinceCode: '440000' }), learner)).toBe(true);
    expect(mayReadLearner(actor({ role: 'school_admin', schoolId: 's2' }), learner)).toBe(false);
    expect(mayReadLearner(actor({ role: 'org_admin', orgId: 'o1' }), learner)).toBe(false);
    expect(mayReadLearner(actor({ role: 'expert', provinceCode: '440000' }), learner)).toBe(false);
  });
});

import { REGISTRATION_STATUSES } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { consentSteps, ineligibility, registrationActions } from './registrations.rules';

/** R5.3 (粤生态职院〔2023〕18号 第十九条（三）): registration is voluntary. */
describe('voluntary registration rules (R5.3)', () => {
  it('only consent registers: from proposed, by the learner or a signed paper consent; nothing else reaches registered', () => {
    expect(consentSteps('proposed', 'learner')).toEqual({ consentTo: 'consented', to: 'registered' });
    expect(consentSteps('proposed', 'paper')).toEqual({ consentTo: 'consented', to: 'registered' });
    for (const s of REGISTRATION_STATUSES.filter((x) => x !== 'proposed')) {
      expect(consentSteps(s, 'learner')).toBeNull();
      expect(consentSteps(s, 'paper')).toBeNull();
    }
  });

  it('the school may not consent for a learner; the learner may not upload a paper consent', () => {
    expect(registrationActions('school', 'school_admin', 'proposed', true)).toEqual(['paper_consent', 'withdraw']);
    expect(registrationActions('learner', 'learner', 'proposed', true)).toEqual(['consent', 'decline', 'withdraw']);
    expect(registrationActions('other', 'org_admin', 'proposed', true)).toEqual([]);
  });

  it('outside the window: no consent, no withdrawal; declining stays possible', () => {
    expect(registrationActions('learner', 'learner', 'proposed', false)).toEqual(['decline']);
    expect(registrationActions('school', 'school_admin', 'registered', false)).toEqual([]);
    expect(registrationActions('learner', 'learner', 'registered', true)).toEqual(['withdraw']);
  });

  it('candidates: the school’s own pilot students, in the pilot’s majors', () => {
    const l = { id: 'l', kind: 'pilot_student' as const, school_id: 's1', department_id: 'd1', school_major_id: 'm1' };
    expect(ineligibility(l, { schoolId: 's1', departmentId: null }, ['m1', 'm2'])).toBeNull();
    expect(ineligibility(l, { schoolId: 's2', departmentId: null }, ['m1'])).toBe('不是本校试点学生');
    expect(ineligibility({ ...l, kind: 'social', school_id: null }, { schoolId: 's1', departmentId: null }, [])).toBe('不是本校试点学生');
    expect(ineligibility(l, { schoolId: 's1', departmentId: 'd2' }, ['m1'])).toBe('不是本二级学院的学生');
    expect(ineligibility(l, { schoolId: 's1', departmentId: null }, ['m3'])).toContain('备案专业');
    expect(ineligibility({ ...l, school_major_id: null }, { schoolId: 's1', departmentId: null }, ['m3'])).toBeNull();
  });
});

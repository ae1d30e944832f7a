import { describe, expect, it } from 'vitest';
import {
  missingDocuments,
  mayUseSocialChannel,
  sessionConfirmable,
  socialApplicationActions,
  socialFeeProblem,
} from './social-learners.rules';

describe('social learners channel rules (issue 17 item 1)', () => {
  it('003 6号 二(四) / R4.3: only social learners use the channel; pilot students are proposed by their school and never pay', () => {
    expect(mayUseSocialChannel('social')).toBe(true);
    expect(mayUseSocialChannel('pilot_student')).toBe(false);
  });

  it('R1.2 (鄂教职成办函〔2021〕7号 三.5): a social fee is at most the level cap', () => {
    expect(socialFeeProblem('intermediate', 50000, 50000)).toBeNull();
    expect(socialFeeProblem('intermediate', 0, 50000)).toBeNull();
    expect(socialFeeProblem('intermediate', 50001, 50000)).toContain('超过该等级上限');
    expect(socialFeeProblem('junior', 100, undefined)).toContain('尚未公布考核方式');
    expect(socialFeeProblem('junior', -1, 100)).not.toBeNull();
  });

  it('the organization asks for a photo and an ID scan', () => {
    expect(missingDocuments([])).toEqual(['photo', 'id_scan']);
    expect(missingDocuments(['id_scan'])).toEqual(['photo']);
    expect(missingDocuments(['photo', 'id_scan'])).toEqual([]);
  });

  it('the learner pays only with every document and an open window; the organization decides submitted ones', () => {
    expect(socialApplicationActions('learner', 'draft', false, true)).toEqual(['upload', 'withdraw']);
    expect(socialApplicationActions('learner', 'draft', true, true)).toEqual(['upload', 'pay', 'withdraw']);
    expect(socialApplicationActions('learner', 'draft', true, false)).toEqual(['withdraw']);
    expect(socialApplicationActions('learner', 'submitted', true, true)).toEqual([]);
    expect(socialApplicationActions('org', 'submitted', true, false)).toEqual(['confirm', 'reject']);
    expect(socialApplicationActions('org', 'draft', true, true)).toEqual([]);
    expect(socialApplicationActions('other', 'submitted', true, true)).toEqual([]);
  });

  it('candidates are confirmed before the exam is held', () => {
    expect(sessionConfirmable('registration_open')).toBe(true);
    expect(sessionConfirmable('registration_closed')).toBe(true);
    expect(sessionConfirmable('examined')).toBe(false);
  });
});

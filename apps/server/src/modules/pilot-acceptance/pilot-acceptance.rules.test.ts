import { describe, expect, it } from 'vitest';
import { acceptanceTransition, decisionNeedsComment, shortfallsOf, taskBookEditable } from './pilot-acceptance.rules';

const facts = {
  targets: { trainedTeachers: 10, examined: 60, courses: 4 },
  actual: { trainedTeachers: 10, examined: 60, courses: 4 },
  milestones: [{ title: '考证培训实验室验收', dueOn: '2026-06-30', doneOn: '2026-06-20' }],
};

describe('pilot milestones and final acceptance (issue 18 item 5)', () => {
  it('004 六 / 001 第二十条: a pilot that met every target has no shortfall', () => {
    expect(shortfallsOf(facts)).toEqual([]);
  });
  it('001 第二十条: fewer candidates examined than planned is a shortfall citing the clause; so are teachers, courses and open milestones', () => {
    const s = shortfallsOf({
      ...facts,
      actual: { trainedTeachers: 8, examined: 41, courses: 3 },
      milestones: [...facts.milestones, { title: '学分银行研究', dueOn: '2026-12-31', doneOn: null }],
    });
    expect(s.map((x) => x.code)).toEqual(['trained_teachers', 'candidates_examined', 'courses_mapped', 'milestone']);
    expect(s[1]).toMatchObject({ target: 60, actual: 41, basis: '任务书（考核任务）' });
    expect(s[3]!.label).toContain('学分银行研究');
  });
  it('workflow: apply from in progress or after a refusal; the province decides only an application', () => {
    expect(acceptanceTransition('apply', 'in_progress')).toBe('applied');
    expect(acceptanceTransition('apply', 'not_accepted')).toBe('applied');
    expect(acceptanceTransition('apply', 'applied')).toBeUndefined();
    expect(acceptanceTransition('apply', 'accepted')).toBeUndefined();
    expect(acceptanceTransition('accept', 'applied')).toBe('accepted');
    expect(acceptanceTransition('reject', 'applied')).toBe('not_accepted');
    expect(acceptanceTransition('accept', 'in_progress')).toBeUndefined();
    expect(taskBookEditable('applied')).toBe(false);
    expect(taskBookEditable('accepted')).toBe(false);
    expect(taskBookEditable('not_accepted')).toBe(true);
  });
  it('a refusal, or acceptance despite shortfalls, needs a comment', () => {
    expect(decisionNeedsComment('reject', [])).toBe(true);
    expect(decisionNeedsComment('accept', [])).toBe(false);
    expect(decisionNeedsComment('accept', shortfallsOf({ ...facts, actual: { ...facts.actual, examined: 1 } }))).toBe(true);
  });
});

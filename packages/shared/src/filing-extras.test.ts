import { describe, expect, it } from 'vitest';
import { changeKindsOf, parseChangeSections, putAnnualPlanSchema } from './filing-extras';

describe('R3.7 change request sections (pure)', () => {
  it('maps sections to the kinds of 第七条: content, schedule, leader', () => {
    expect(changeKindsOf(['leader'])).toEqual(['leader']);
    expect(changeKindsOf(['plan', 'team', 'overview'])).toEqual(['content', 'schedule']);
  });

  it('checks each section with its complete schema, with paths under body.sections', () => {
    const ok = parseChangeSections({
      leader: { name: ' 林晓燕 ', title: '副教授', post: '副院长', yearsOfWork: 15, achievements: '成果' },
    });
    expect(ok.issues).toEqual([]);
    expect((ok.values.leader as { name: string }).name).toBe('林晓燕');
    const bad = parseChangeSections({ leader: { name: '林晓燕' } });
    expect(bad.issues.map((i) => i.path)).toContain('body.sections.leader.title');
  });
});

describe('R3.8 annual plan request', () => {
  it('a new plan needs rows; a major and level appear once', () => {
    expect(putAnnualPlanSchema.safeParse({ mode: 'new' }).success).toBe(false);
    expect(putAnnualPlanSchema.safeParse({ mode: 'carry_forward' }).success).toBe(true);
    const id = '00000000-0000-4000-8000-000000000000';
    expect(
      putAnnualPlanSchema.safeParse({
        mode: 'new',
        rows: [
          { schoolMajorId: id, plannedCandidates: 1 },
          { schoolMajorId: id, plannedCandidates: 2 },
        ],
      }).success,
    ).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { carriedRows, mayFileYear } from './annual-plans.rules';

const filing = {
  year: 2026,
  levels: ['intermediate' as const],
  majors: [{ schoolMajorId: 'm1', majorName: '软件技术', plannedTrainees: 40 }],
};

describe('R3.8 annual plans (pure)', () => {
  it('only a published approval of an earlier year files a plan', () => {
    expect(mayFileYear({ status: 'published', decision: 'approved', year: 2026 }, 2027)).toBe(true);
    expect(mayFileYear({ status: 'published', decision: 'approved', year: 2026 }, 2026)).toBe(false);
    expect(mayFileYear({ status: 'approved', decision: 'approved', year: 2025 }, 2027)).toBe(false);
    expect(mayFileYear({ status: 'published', decision: 'rejected', year: 2025 }, 2027)).toBe(false);
  });

  it('沿用 copies the previous year’s plan, or the filing’s own plan the year after approval', () => {
    expect(carriedRows(2027, filing, undefined)).toEqual([
      { schoolMajorId: 'm1', majorName: '软件技术', level: 'intermediate', plannedCandidates: 40 },
    ]);
    const prev = { mode: 'new', rows: [{ schoolMajorId: 'm1', majorName: '软件技术', level: null, plannedCandidates: 55 }] };
    expect(carriedRows(2028, filing, prev)).toEqual(prev.rows);
    expect(carriedRows(2028, filing, undefined)).toBeNull();
    expect(carriedRows(2028, filing, { mode: 'discontinue', rows: [] })).toBeNull();
  });
});

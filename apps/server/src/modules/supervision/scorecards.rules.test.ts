import { describe, expect, it } from 'vitest';
import { scorecard } from './scorecards.rules';

describe('R8.7 scorecard from known facts', () => {
  it('weights pass rate, reports on time, findings and complaints', () => {
    const r = scorecard({ examined: 100, passed: 80, reportsDue: 40, reportsOnTime: 30, findings: 1, complaints: 2 });
    expect(r.parts).toEqual({ passRate: 32, reportsOnTime: 22.5, findings: 10, complaints: 5 });
    expect(r.score).toBe(69.5);
  });

  it('leaves out parts without facts and scales the rest; penalties stop at 0', () => {
    const org = scorecard({ examined: 10, passed: 10, reportsDue: 0, reportsOnTime: 0, findings: null, complaints: 9 });
    expect(org.parts).toEqual({ passRate: 40, reportsOnTime: null, findings: null, complaints: 0 });
    expect(org.score).toBe(72.7); // 40 of 55
    expect(scorecard({ examined: 0, passed: 0, reportsDue: 0, reportsOnTime: 0, findings: null, complaints: 0 }).score).toBe(100);
  });
});

import { describe, expect, it } from 'vitest';
import { passRateFlag, passRateThreshold } from './pass-rates.rules';

const flag = (rows: { year: number; candidates: number; passed: number }[], override = false, threshold = 0.9) =>
  passRateFlag({
    year: 2026,
    threshold,
    rows,
    override: override ? { reason: '特批', at: new Date('2026-03-01T00:00:00Z'), by: '省厅' } : null,
    mayOverride: true,
  });

describe('R3.9 pass-rate flag (pure)', () => {
  it('the threshold is the pass_rate rule parameter, 90 % by default', () => {
    expect(passRateThreshold({})).toBe(0.9);
    expect(passRateThreshold({ pass_rate: { params: { minPassRate: 0.85 } } })).toBe(0.85);
  });

  it('restricts below the threshold the year before, not at it; an override lifts it', () => {
    expect(flag([{ year: 2025, candidates: 100, passed: 89 }])).toMatchObject({ restricted: true, canOverride: true });
    expect(flag([{ year: 2025, candidates: 100, passed: 90 }])).toMatchObject({ restricted: false, canOverride: false });
    expect(flag([{ year: 2025, candidates: 100, passed: 50 }], true)).toMatchObject({
      restricted: false,
      overridden: true,
      canOverride: false,
    });
    expect(flag([{ year: 2025, candidates: 0, passed: 0 }])).toMatchObject({ restricted: false, previousYear: { rate: null } });
    expect(flag([])).toMatchObject({ restricted: false, previousYear: null, pilot: null });
  });

  it('flags the pilot by its own year', () => {
    expect(flag([{ year: 2026, candidates: 10, passed: 8 }]).pilot).toEqual({
      year: 2026,
      candidates: 10,
      passed: 8,
      rate: 0.8,
      belowThreshold: true,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { registrationFee, settlementDue } from './fees.rules';

describe('exam fees (R4.3)', () => {
  it('a registration costs the agreement fee of its level, paid by the school; the learner pays 0', () => {
    expect(registrationFee({ intermediate: 48000 }, 'intermediate', false)).toEqual({
      feeFen: 48000,
      feeExempt: false,
      payer: 'school',
      learnerChargeFen: 0,
    });
    expect(() => registrationFee({ intermediate: 48000 }, 'senior', false)).toThrow();
  });

  it('建档立卡 is exempt (covered): the learner pays nothing, the school still pays the organization', () => {
    const f = registrationFee({ junior: 20000 }, 'junior', true);
    expect(f).toMatchObject({ feeExempt: true, payer: 'school', learnerChargeFen: 0, feeFen: 20000 });
  });
});

describe('settlement arithmetic (R4.4)', () => {
  it('due = Σ fees of registered candidates, exempt ones included and counted', () => {
    const lines = [
      { feeFen: 48000, feeExempt: false },
      { feeFen: 48000, feeExempt: true },
      { feeFen: 48000, feeExempt: false },
      { feeFen: 30050, feeExempt: false },
    ];
    expect(settlementDue(lines)).toEqual({ dueFen: 174050, registeredCount: 4, exemptCount: 1, coveredFen: 48000 });
    expect(settlementDue([])).toEqual({ dueFen: 0, registeredCount: 0, exemptCount: 0, coveredFen: 0 });
  });

  it('refuses fractional or negative fen', () => {
    expect(() => settlementDue([{ feeFen: 1.5, feeExempt: false }])).toThrow();
    expect(() => settlementDue([{ feeFen: -1, feeExempt: false }])).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { formatFen } from '../../lib/money';
import { ApiError } from '../../lib/api';
import { agreementErrorText, feesToSend, isOverCap, settlementTotals, yuanToFen } from './fee-helpers';

describe('fees and caps', () => {
  it('turns yuan into fen', () => {
    expect(yuanToFen(560.5)).toBe(56050);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen(-1)).toBeNull();
    expect(yuanToFen(undefined)).toBeNull();
  });
  it('checks a fee against the cap', () => {
    expect(isOverCap(54001, 54000)).toBe(true);
    expect(isOverCap(54000, 54000)).toBe(false);
    expect(isOverCap(null, 54000)).toBe(false);
    expect(isOverCap(1, undefined)).toBe(false);
    expect(formatFen(54000)).toBe('¥540.00');
  });
  it('sends only filled levels', () => {
    expect(feesToSend([{ level: 'junior', yuan: 300 }, { level: 'intermediate', yuan: null }, undefined])).toEqual([
      { level: 'junior', feeFen: 30000 },
    ]);
  });
  it('sums due and settled', () => {
    expect(
      settlementTotals([
        { dueFen: 100, status: 'due', exemptCount: 2 },
        { dueFen: 50, status: 'settled', exemptCount: 1 },
      ]),
    ).toEqual({ dueFen: 100, settledFen: 50, exempt: 3 });
  });
});

describe('agreementErrorText', () => {
  it('shows the cap named by the server', () => {
    const err = new ApiError({ code: 'FEE_ABOVE_CAP', message: '初级：考核费用 560.00 元超过该等级上限 540.00 元', status: 422 });
    expect(agreementErrorText(err, 'zh-CN')).toContain('上限 540.00 元');
    expect(agreementErrorText(err, 'en-US')).toMatch(/cap/);
    expect(agreementErrorText(new ApiError({ code: 'AGREEMENT_EXISTS', message: 'x', status: 409 }), 'zh-CN')).toMatch(/已登记/);
  });
});

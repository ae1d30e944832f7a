import { EXAM_FORM_LABELS, feeCapFen, validateExamForms } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { formatFen, formatShare, percentToShare, pickLabel, rowsToShares, shareToPercent } from './money';

describe('formatFen', () => {
  it('formats fen as yuan with two decimals', () => {
    expect(formatFen(54000)).toBe('¥540.00');
    expect(formatFen(30000)).toBe('¥300.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(123456789)).toBe('¥1,234,567.89');
    expect(formatFen(-150)).toBe('-¥1.50');
  });
  it('is empty for a missing value', () => {
    expect(formatFen(null)).toBe('');
    expect(formatFen(undefined)).toBe('');
    expect(formatFen(Number.NaN)).toBe('');
  });
});

describe('shares and percentages', () => {
  it('converts both ways without float noise', () => {
    expect(shareToPercent(0.4)).toBe(40);
    expect(shareToPercent(0.7)).toBe(70);
    expect(shareToPercent(0.333)).toBe(33.3);
    expect(percentToShare(40)).toBe(0.4);
    expect(percentToShare(33.3)).toBe(0.333);
    expect(percentToShare(70)).toBe(0.7);
    expect(formatShare(0.3)).toBe('30%');
  });

  it('turns editor rows into shares the shared rules accept', () => {
    const shares = rowsToShares([
      { form: 'computer', percent: 40 },
      { form: 'practical_special', percent: 60 },
      { form: undefined, percent: 10 },
      { form: 'paper', percent: null },
    ]);
    expect(shares).toEqual([
      { form: 'computer', share: 0.4 },
      { form: 'practical_special', share: 0.6 },
    ]);
    expect(validateExamForms(shares)).toEqual([]);
    expect(formatFen(feeCapFen(shares))).toBe('¥540.00');
  });

  it('keeps thirds valid when they add up', () => {
    const shares = rowsToShares([
      { form: 'paper', percent: 33.3 },
      { form: 'computer', percent: 33.3 },
      { form: 'practical_general', percent: 33.4 },
    ]);
    expect(validateExamForms(shares)).toEqual([]);
  });
});

describe('pickLabel', () => {
  it('picks the language and falls back to the key', () => {
    expect(pickLabel(EXAM_FORM_LABELS, 'computer', 'zh-CN')).toBe('机考');
    expect(pickLabel(EXAM_FORM_LABELS, 'computer', 'en-US')).toBe('Computer-based');
    expect(pickLabel(EXAM_FORM_LABELS, 'unknown', 'zh-CN')).toBe('unknown');
    expect(pickLabel(EXAM_FORM_LABELS, undefined, 'zh-CN')).toBe('');
  });
});

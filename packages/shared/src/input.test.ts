import { describe, expect, it } from 'vitest';
import { calendarDate, findBadText, hasOneDecimal, rawText, text, toStorable } from './input';

describe('issue 20 item 5: the one input schema for text, dates and numbers', () => {
  it('text refuses NUL and lone surrogates in Chinese, trims, and caps the length', () => {
    expect(text().safeParse('a\u0000b').error?.issues[0]?.message).toMatch(/空字符/);
    expect(text().safeParse('a\ud800b').error?.issues[0]?.message).toMatch(/代理项/);
    expect(text().safeParse('a\udc00').success).toBe(false);
    expect(text().parse('  学校 😀 ')).toBe('学校 😀');
    expect(text(5).safeParse('123456').error?.issues[0]?.message).toBe('不能超过 5 个字符');
    expect(text().safeParse('x'.repeat(100_000)).success).toBe(false);
    expect(rawText().parse(' pass ')).toBe(' pass ');
  });

  it('dates are real calendar dates', () => {
    expect(calendarDate.parse('2024-02-29')).toBe('2024-02-29');
    expect(calendarDate.safeParse('2026-02-30').error?.issues[0]?.message).toMatch(/日期不存在/);
    expect(calendarDate.safeParse('2026-13-01').success).toBe(false);
    expect(calendarDate.safeParse('0000-01-01').success).toBe(false);
  });

  it('credits have at most one decimal place: 1e-300 is not 0.0', () => {
    expect([0, 0.5, 1.1, 2.3, 29.9].every(hasOneDecimal)).toBe(true);
    expect([1e-300, 0.05, 1e308 * 10, Number.NaN].some(hasOneDecimal)).toBe(false);
  });

  it('findBadText names the first bad string anywhere, keys included; toStorable repairs what the server writes', () => {
    expect(findBadText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toEqual({ path: ['a', 1, 'c'], message: expect.stringMatching(/空字符/) });
    expect(findBadText({ ['k\ud800']: 1 })?.path).toEqual(['k\ud800']);
    expect(findBadText({ a: 'fine', n: 1, d: null })).toBeNull();
    expect(toStorable({ s: 'a\u0000b\ud800', at: new Date(0) })).toEqual({ s: 'ab\ufffd', at: new Date(0) });
  });
});

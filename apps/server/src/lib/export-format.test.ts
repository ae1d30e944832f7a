import { describe, expect, it } from 'vitest';
import { exportHeader, exportStyle, exportValue } from './export-format';

describe('export cells (R10.2)', () => {
  it('R10.2 a value that looks like a formula stays a plain string (written as text, never a formula)', () => {
    for (const v of ['=1+1', '+1', '-1+2', '@SUM(A1)', '=HYPERLINK("http://x","y")']) {
      expect(exportValue('name', v)).toBe(v);
      expect(typeof exportValue('name', v)).toBe('string');
    }
    expect(exportValue('tags', ['=1', '@x'])).toBe('=1、@x');
    expect(exportValue('meta', { formula: '=1+1' })).toBe('{"formula":"=1+1"}');
  });

  it('R10.2 Chinese headers, money in yuan', () => {
    expect(exportHeader('schoolName')).toBe('学校');
    expect(exportHeader('amountFen')).toBe('amount（元）');
    expect(exportValue('amountFen', 12345)).toBe(123.45);
  });

  it('R10.2 times read as in China, dates and money formatted, one shared style per kind', () => {
    const at = exportValue('createdAt', '2026-12-05T17:30:00.000Z');
    expect(at).toBeInstanceOf(Date);
    expect((at as Date).toISOString()).toBe('2026-12-06T01:30:00.000Z'); // 01:30 on 6 December in Beijing
    expect(exportStyle('createdAt', at)).toEqual({ numFmt: 'yyyy-mm-dd hh:mm:ss' });
    expect(exportStyle('createdAt', at)).toBe(exportStyle('updatedAt', new Date()));
    expect(exportStyle('amountFen', 123.45)).toEqual({ numFmt: '#,##0.00' });
    expect(exportStyle('name', 'x')).toEqual({});
  });
});

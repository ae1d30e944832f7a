import { describe, expect, it } from 'vitest';
import { dispositionFileName } from './content-disposition';

describe('download file names (R10.2 exports)', () => {
  it('R10.2 takes the UTF-8 name first, then the plain one, else the fallback', () => {
    expect(dispositionFileName(`attachment; filename="_.xlsx"; filename*=UTF-8''${encodeURIComponent('学校.xlsx')}`, 'x.xlsx')).toBe(
      '学校.xlsx',
    );
    expect(dispositionFileName('attachment; filename="statistics.xlsx"', 'summary.xlsx')).toBe('statistics.xlsx');
    expect(dispositionFileName('attachment; filename=schools.xlsx', 'x.xlsx')).toBe('schools.xlsx');
    expect(dispositionFileName(null, 'x.xlsx')).toBe('x.xlsx');
    expect(dispositionFileName("attachment; filename*=UTF-8''%E0%A4%A", 'x.xlsx')).toBe('x.xlsx');
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { assertWithinScale, scaleChangeProblem } from './pilot-scale.rules';

describe('approved scale (issue 17 item 2, 鄂教职成办函〔2021〕7号 四.2 审核确定试点院校、证书及规模)', () => {
  it('refuses registrations past the approved scale, naming the scale, the count and the clause', () => {
    expect(() => assertWithinScale(10, 8, 2, 2026)).not.toThrow();
    expect(() => assertWithinScale(null, 1000, 5, 2026)).not.toThrow();
    expect(() => assertWithinScale(10, 10, 0, 2026)).not.toThrow();
    const e = (() => {
      try {
        assertWithinScale(10, 9, 2, 2026);
      } catch (x) {
        return x;
      }
    })() as AppError;
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('SCALE_EXCEEDED');
    expect(e.details).toMatchObject({ scale: 10, current: 9, adding: 2 });
    expect(e.message).toContain('核定考核规模为 10 人');
    expect(e.message).toContain('省级教育行政部门审核确定');
  });
  it('fixing a scale needs no reason; changing a fixed one does', () => {
    expect(scaleChangeProblem(null, 30, null)).toBeNull();
    expect(scaleChangeProblem(30, 40, ' ')).toBe('SCALE_REASON_REQUIRED');
    expect(scaleChangeProblem(30, 40, '新增两个班')).toBeNull();
    expect(scaleChangeProblem(30, 30, null)).toBeNull();
  });
});

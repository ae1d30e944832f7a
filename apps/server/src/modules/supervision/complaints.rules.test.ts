import { describe, expect, it } from 'vitest';
import { addWorkingDays, escalationOf, isOverdue, maskName, maskPhone, newTrackingCode, routeComplaint } from './complaints.rules';

describe('R8.5 complaint rules', () => {
  it('routes a 中职 to its city, another school to its province, an organization or a certificate to the national level', () => {
    const gd = { provinceCode: '440000', cityCode: '440100' };
    expect(routeComplaint({ subjectType: 'school', schoolType: 'secondary', ...gd })).toEqual({ level: 'city', ...gd });
    expect(routeComplaint({ subjectType: 'school', schoolType: 'higher', ...gd })).toEqual({
      level: 'province',
      provinceCode: '440000',
      cityCode: null,
    });
    for (const subjectType of ['organization', 'certificateType'] as const)
      expect(routeComplaint({ subjectType })).toEqual({ level: 'national', provinceCode: null, cityCode: null });
  });

  it('escalates city → province → national, and no further', () => {
    const city = { level: 'city', provinceCode: '440000', cityCode: '440100' } as const;
    const province = escalationOf(city)!;
    expect(province).toEqual({ level: 'province', provinceCode: '440000', cityCode: null });
    expect(escalationOf(province)).toEqual({ level: 'national', provinceCode: null, cityCode: null });
    expect(escalationOf({ level: 'national', provinceCode: null, cityCode: null })).toBeNull();
  });

  it('counts 15 working days skipping Saturdays and Sundays', () => {
    // Friday 2026-09-04 + 15 working days = Friday 2026-09-25; Saturday start counts from Monday.
    expect(addWorkingDays('2026-09-04', 15)).toBe('2026-09-25');
    expect(addWorkingDays('2026-09-05', 1)).toBe('2026-09-07');
    expect(addWorkingDays('2026-09-07', 5)).toBe('2026-09-14');
  });

  it('is overdue only while open and after the deadline day', () => {
    expect(isOverdue({ status: 'received', deadline: '2026-09-25' }, '2026-09-25')).toBe(false);
    expect(isOverdue({ status: 'in_progress', deadline: '2026-09-25' }, '2026-09-26')).toBe(true);
    expect(isOverdue({ status: 'replied', deadline: '2026-09-25' }, '2026-10-26')).toBe(false);
  });

  it('tracking codes are 16 random characters; contacts are masked', () => {
    const codes = new Set(Array.from({ length: 200 }, newTrackingCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJ-NP-Z]{16}$/);
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('欧阳明')).toBe('欧**');
    expect(maskName('张')).toBe('张*');
  });
});

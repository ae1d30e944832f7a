import { describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/actor';
import { mayDecideRegistration, newRegistrationCode, registrationNotices } from './school-registrations.rules';

const actor = (o: Partial<Actor>): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  role: 'province_admin',
  provinceCode: '440000',
  cityCode: null,
  schoolId: null,
  departmentId: null,
  orgId: null,
  via: 'session',
  ...o,
});

describe('R2.1 self-registration rules (002 四.3)', () => {
  it('R2.1 only the province of the school (or the nation) decides a pending registration', () => {
    const pending = { provinceCode: '440000', status: 'pending' as const };
    expect(mayDecideRegistration(actor({}), pending)).toBe(true);
    expect(mayDecideRegistration(actor({ provinceCode: '420000' }), pending)).toBe(false);
    expect(mayDecideRegistration(actor({ role: 'municipal_admin', cityCode: '440100' }), pending)).toBe(false);
    expect(mayDecideRegistration(actor({ role: 'national_admin', provinceCode: null }), pending)).toBe(true);
    expect(mayDecideRegistration(actor({}), { ...pending, status: 'returned' })).toBe(false);
    expect(mayDecideRegistration(actor({}), { ...pending, status: 'approved' })).toBe(false);
  });
  it('R2.1 tracking codes are 16 unambiguous characters and differ', () => {
    const a = newRegistrationCode();
    expect(a).toMatch(/^[2-9A-HJKMNP-Z]{16}$/);
    expect(newRegistrationCode()).not.toBe(a);
  });
  it('R2.1 the returned notice carries the reason', () => {
    expect(registrationNotices.returned('某学院', '证明材料不清晰').body).toContain('证明材料不清晰');
  });
});

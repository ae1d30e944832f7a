import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../lib/clock';
import { isLockedOut, isSessionExpired, sessionExpiry } from './auth.rules';

describe('auth rules', () => {
  it('locks after the fifth failure, not before', () => {
    expect(isLockedOut(4)).toBe(false);
    expect(isLockedOut(5)).toBe(true);
  });

  it('expires an idle session and one past its absolute lifetime', () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    const s = { lastSeenAt: t0, expiresAt: sessionExpiry(t0, 12) };
    expect(isSessionExpired(s, new Date(t0.getTime() + 119 * MINUTE), 120)).toBe(false);
    expect(isSessionExpired(s, new Date(t0.getTime() + 120 * MINUTE), 120)).toBe(true);
    const active = { lastSeenAt: new Date(t0.getTime() + 12 * HOUR - MINUTE), expiresAt: s.expiresAt };
    expect(isSessionExpired(active, new Date(t0.getTime() + 12 * HOUR), 120)).toBe(true);
  });
});

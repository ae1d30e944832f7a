import { HOUR, MINUTE } from '../../lib/clock';

/** Lockout: 5 failed logins for one username within 15 minutes lock it (api-v1: 429 AUTH_LOCKED). */
export const LOCKOUT = { maxFailures: 5, windowMs: 15 * MINUTE } as const;

export function isLockedOut(recentFailures: number): boolean {
  return recentFailures >= LOCKOUT.maxFailures;
}

/** Password spraying: failed logins from one client address across usernames, within the lockout window. */
export function isAddressLimited(recentFailures: number, maxPerAddress: number): boolean {
  return recentFailures >= maxPerAddress;
}

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
}

/** A session ends when idle too long or past its absolute lifetime, whichever comes first. */
export function isSessionExpired(s: SessionTimes, now: Date, idleMinutes: number): boolean {
  return now >= s.expiresAt || now.getTime() - s.lastSeenAt.getTime() >= idleMinutes * MINUTE;
}

export function sessionExpiry(createdAt: Date, maxHours: number): Date {
  return new Date(createdAt.getTime() + maxHours * HOUR);
}

/** last_seen_at is written at most once a minute, not on every request. */
export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= MINUTE;
}

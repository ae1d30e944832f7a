import { randomBytes } from 'node:crypto';
import type { ComplaintLevel, ComplaintSubjectType, SchoolType } from '@onex/shared';

/** Who handles a complaint: a level and the region codes of that administrator's scope. */
export interface ComplaintRoute {
  level: ComplaintLevel;
  provinceCode: string | null;
  cityCode: string | null;
}

export interface SubjectFacts {
  subjectType: ComplaintSubjectType;
  schoolType?: SchoolType | null;
  provinceCode?: string | null;
  cityCode?: string | null;
}

/**
 * R8.5 routing: the administrator whose scope holds the subject — the city for a 中职 school (the city already
 * reviews 中职 filings), the province for any other school, the national administrator for an evaluation
 * organization or a certificate type (both are national catalog records).
 */
export function routeComplaint(s: SubjectFacts): ComplaintRoute {
  if (s.subjectType !== 'school' || !s.provinceCode) return { level: 'national', provinceCode: null, cityCode: null };
  if (s.schoolType === 'secondary' && s.cityCode) return { level: 'city', provinceCode: s.provinceCode, cityCode: s.cityCode };
  return { level: 'province', provinceCode: s.provinceCode, cityCode: null };
}

/** The next level up when a complaint is overdue: city → its province → national; national has none. */
export function escalationOf(r: ComplaintRoute): ComplaintRoute | null {
  if (r.level === 'city') return { level: 'province', provinceCode: r.provinceCode, cityCode: null };
  if (r.level === 'province') return { level: 'national', provinceCode: null, cityCode: null };
  return null;
}

/** 办理时限: 15 working days. */
export const COMPLAINT_WORKING_DAYS = 15;

/**
 * The date `n` working days after `day` (YYYY-MM-DD), skipping Saturdays and Sundays. Public holidays and their
 * make-up working days (调休) are not modelled: the deadline can fall on a holiday, never earlier than the rule.
 */
export function addWorkingDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

const OPEN = ['received', 'in_progress'] as const;
/** Overdue: still open (not replied or closed) after its deadline day has passed (China dates). */
export function isOverdue(c: { status: string; deadline: string }, today: string): boolean {
  return (OPEN as readonly string[]).includes(c.status) && c.deadline < today;
}

/** 16 characters of an alphabet without 0/O, 1/I: 80 bits from node:crypto, so codes cannot be guessed. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function newTrackingCode(): string {
  const bytes = randomBytes(16);
  let s = '';
  for (const b of bytes) s += ALPHABET[b & 31];
  return s;
}

/** 138****5678: the first three and last four digits stay. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 张*, 欧阳** : the first character stays. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

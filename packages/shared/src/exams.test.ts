import { describe, expect, it } from 'vitest';
import {
  EXAM_SESSION_STATUSES,
  EXAM_SESSION_TRANSITIONS,
  REGISTRATION_TRANSITIONS,
  examSessionTransition,
  idCardCheckChar,
  idCardProblem,
  idNumberProblem,
  idTypeFromLabel,
  isValidIdCard,
  maskIdNumber,
  normalizeIdNumber,
} from './exams';

// GB 11643-1999 example number: 11010519491231002X
const VALID = '11010519491231002X';

describe('居民身份证 checksum (GB 11643-1999)', () => {
  it('accepts a valid number, lower-case x and blanks normalized', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdCard(VALID)).toBe(true);
    expect(isValidIdCard(' 11010519491231002x ')).toBe(true);
    expect(normalizeIdNumber(' 1101 0519491231002x')).toBe(VALID);
  });

  it('refuses a typo (one digit changed or two swapped) by the check character', () => {
    expect(idCardProblem('11010519491231003X')).toMatch(/校验码/);
    expect(idCardProblem('11010591491231002X')).not.toBeNull();
  });

  it('refuses a bad birth date and a date in the future', () => {
    const bad = '1101051949023100'; // 1949-02-31
    const n = bad + '1';
    const fixed = n.slice(0, 17) + idCardCheckChar(n.slice(0, 17));
    expect(idCardProblem(fixed)).toMatch(/出生日期/);
    const future = '110105209901010011'.slice(0, 17);
    expect(idCardProblem(future + idCardCheckChar(future), '2026-01-01')).toMatch(/出生日期/);
  });

  it('refuses wrong length and characters', () => {
    expect(idCardProblem('1101051949123100')).toMatch(/18 位/);
    expect(idCardProblem('11010519491231002Y')).toMatch(/18 位/);
  });

  it('checks by ID type; passports by format only', () => {
    expect(idNumberProblem('id_card', VALID)).toBeNull();
    expect(idNumberProblem('passport', 'E12345678')).toBeNull();
    expect(idNumberProblem('passport', 'E1-2')).not.toBeNull();
    expect(idTypeFromLabel('港澳台居民居住证')).toBe('hmt_residence_permit');
    expect(idTypeFromLabel('驾驶证')).toBeUndefined();
  });
});

describe('masking', () => {
  it('keeps the first 4 and last 4 of an 18-character number', () => {
    expect(maskIdNumber('440106200503151234')).toBe('4401**********1234');
  });
  it('keeps the first 1 and last 2 of a short number', () => {
    expect(maskIdNumber('E1234567')).toBe('E*****67');
  });
});

describe('exam session workflow table (R5.2)', () => {
  it('walks planned → … → closed, one action per step, organizations only', () => {
    const path = ['open_registration', 'close_registration', 'mark_examined', 'enter_scores', 'publish_scores', 'close'] as const;
    let s: (typeof EXAM_SESSION_STATUSES)[number] = 'planned';
    for (const a of path) s = examSessionTransition(a, s)!.to;
    expect(s).toBe('closed');
    for (const t of EXAM_SESSION_TRANSITIONS) expect(t.roles).toEqual(['org_admin']);
    for (const status of EXAM_SESSION_STATUSES)
      for (const t of EXAM_SESSION_TRANSITIONS) expect(!!examSessionTransition(t.action, status)).toBe(t.from.includes(status));
  });

  it('registration: only the learner consents in its account; paper consent by the school (R5.3)', () => {
    expect(REGISTRATION_TRANSITIONS.find((t) => t.action === 'consent')!.roles).toEqual(['learner']);
    expect(REGISTRATION_TRANSITIONS.find((t) => t.action === 'confirm')!.from).toEqual(['consented']);
  });
});

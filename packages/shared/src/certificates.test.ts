import { describe, expect, it } from 'vitest';
import {
  certificateNumber,
  certificateNumberProblem,
  certificateNumberSuggestion,
  mod3736CheckChar,
  shareLinkActive,
  verifyQuerySchema,
} from './certificates';

describe('certificate numbers (R6.1)', () => {
  it('R6.1 a number is 16 characters with an ISO 7064 MOD 37,36 check character that verifies', () => {
    const n = certificateNumber(2026, 'intermediate', 123);
    expect(n).toMatch(/^202620000000123[0-9A-Z]$/);
    expect(certificateNumberProblem(n)).toBeNull();
  });

  it('R6.1 every single wrong character and every swap of two adjacent characters is caught before any lookup', () => {
    const n = certificateNumber(2026, 'junior', 9_876_543_210);
    const digits = '0123456789';
    for (let i = 0; i < 15; i++) {
      for (const d of digits) {
        if (d === n[i]) continue;
        expect(certificateNumberProblem(n.slice(0, i) + d + n.slice(i + 1)), `position ${i} → ${d}`).not.toBeNull();
      }
      if (n[i] !== n[i + 1]) {
        const swapped = n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2);
        expect(certificateNumberProblem(swapped), `swap at ${i}`).not.toBeNull();
      }
    }
  });

  it('the check character matches the ISO 7064 worked example (MOD 37,36 of "A12425GABC1234002" is "M")', () => {
    expect(mod3736CheckChar('A12425GABC1234002')).toBe('M');
  });

  it('numbers are read case- and space-insensitively, and malformed ones get a Chinese reason', () => {
    const n = certificateNumber(2026, 'senior', 42);
    expect(certificateNumberProblem(` ${n.slice(0, 8)} ${n.slice(8).toLowerCase()} `)).toBeNull();
    expect(certificateNumberProblem('12345')).toMatch(/16 位/);
  });

  it('R6.2 the verify query names the number’s actual problem: its length, or its check character', () => {
    const message = (number: string) => verifyQuerySchema.safeParse({ number, name: '李明' }).error?.issues[0]?.message;
    expect(message('12345')).toMatch(/16 位/);
    const n = certificateNumber(2026, 'senior', 42);
    expect(message(n.slice(0, 15) + (n[15] === '0' ? '1' : '0'))).toMatch(/校验码不符/);
    expect(verifyQuerySchema.parse({ number: n.toLowerCase(), name: ' 李明 ' })).toEqual({ number: n, name: '李明' });
  });
});

describe('share links', () => {
  it('a link is active until it expires or is revoked', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    expect(shareLinkActive({ expiresAt: new Date('2026-12-22T00:00:00Z'), revokedAt: null }, now)).toBe(true);
    expect(shareLinkActive({ expiresAt: now, revokedAt: null }, now)).toBe(false);
    expect(shareLinkActive({ expiresAt: new Date('2026-12-22T00:00:00Z'), revokedAt: now }, now)).toBe(false);
  });
});

describe('certificateNumberSuggestion (issue 21: 您是否要查询 …)', () => {
  it('R6.2 a 0 typed as O (or 1 as I) in the digits is read back to the valid number', () => {
    for (const serial of [1, 100, 10_203, 1_000_000_001]) {
      const n = certificateNumber(2026, 'intermediate', serial);
      const typed = n.slice(0, 15).replace(/0/g, 'O').replace(/1/g, 'I') + n[15];
      if (typed === n) continue;
      expect(certificateNumberSuggestion(typed)).toBe(n);
      expect(certificateNumberSuggestion(typed.toLowerCase())).toBe(n);
    }
  });
  it('R6.2 an O/0 or I/1 confusion in the check character is suggested too; a valid or hopeless number gets none', () => {
    let found = 0;
    for (let serial = 1; serial < 2000 && found < 3; serial++) {
      const n = certificateNumber(2026, 'junior', serial);
      const swap = { O: '0', '0': 'O', I: '1', '1': 'I' }[n[15]!];
      if (!swap) continue;
      found++;
      expect(certificateNumberSuggestion(n.slice(0, 15) + swap)).toBe(n);
    }
    expect(found).toBeGreaterThan(0);
    const n = certificateNumber(2026, 'senior', 42);
    expect(certificateNumberSuggestion(n)).toBeNull();
    expect(certificateNumberSuggestion('2026399999999999')).toBeNull();
    expect(certificateNumberSuggestion('abc')).toBeNull();
  });
});

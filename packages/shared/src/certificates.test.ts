import { describe, expect, it } from 'vitest';
import { certificateNumber, certificateNumberProblem, mod3736CheckChar, shareLinkActive, verifyQuerySchema } from './certificates';

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

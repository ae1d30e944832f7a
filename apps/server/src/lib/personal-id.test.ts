import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptIdNumber, encryptIdNumber, idNumberHash, presentIdNumber, protectIdNumber } from './personal-id';

const key = randomBytes(32);
const N = '440106200503151234';

describe('ID numbers at rest', () => {
  it('round-trips through AES-256-GCM, with a fresh IV each time', () => {
    const a = encryptIdNumber(key, N);
    const b = encryptIdNumber(key, N);
    expect(a).not.toBe(b);
    expect(a).not.toContain(N);
    expect(decryptIdNumber(key, a)).toBe(N);
  });

  it('refuses a tampered ciphertext and a wrong key', () => {
    const c = Buffer.from(encryptIdNumber(key, N), 'base64');
    c.writeUInt8(c.readUInt8(c.length - 1) ^ 1, c.length - 1);
    expect(() => decryptIdNumber(key, c.toString('base64'))).toThrow();
    expect(() => decryptIdNumber(randomBytes(32), encryptIdNumber(key, N))).toThrow();
  });

  it('blind index: the same normalized number gives the same hash; another key or number does not', () => {
    expect(idNumberHash(key, ' 11010519491231002x')).toBe(idNumberHash(key, '11010519491231002X'));
    expect(idNumberHash(key, N)).not.toBe(idNumberHash(key, '11010519491231002X'));
    expect(idNumberHash(randomBytes(32), N)).not.toBe(idNumberHash(key, N));
    expect(idNumberHash(key, N)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores ciphertext, hash and last four; presents full or masked', () => {
    const p = protectIdNumber(key, N);
    expect(p.id_number_last4).toBe('1234');
    expect(presentIdNumber(key, p.id_number_enc, true)).toEqual({ idNumber: N, idNumberMasked: '4401**********1234' });
    expect(presentIdNumber(key, p.id_number_enc, false).idNumber).toBe('4401**********1234');
  });
});

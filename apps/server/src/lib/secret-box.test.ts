import { describe, expect, it } from 'vitest';
import { open, seal } from './secret-box';

describe('secret box (issuer private keys at rest, R6.1)', () => {
  const secret = Buffer.alloc(32, 3);
  const plaintext = Buffer.from('an Ed25519 seed of 32 bytes.....');

  it('opens what it sealed, also under an equal secret key held in another buffer', () => {
    const sealed = seal(secret, 'issuer-key', plaintext);
    expect(sealed).not.toContain(plaintext.toString('base64'));
    expect(open(secret, 'issuer-key', sealed)).toEqual(plaintext);
    expect(open(Buffer.from(secret), 'issuer-key', sealed)).toEqual(plaintext);
  });

  it('refuses another purpose, another secret key and a changed ciphertext', () => {
    const sealed = seal(secret, 'issuer-key', plaintext);
    expect(() => open(secret, 'other', sealed)).toThrow();
    expect(() => open(Buffer.alloc(32, 4), 'issuer-key', sealed)).toThrow();
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => open(secret, 'issuer-key', bytes.toString('base64'))).toThrow();
  });
});

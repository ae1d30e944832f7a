import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets at rest other than ID numbers (e.g. issuers' private signing keys): AES-256-GCM under a key derived from
 * SECRET_KEY by HKDF-SHA256 with a purpose label, so that each purpose has its own key. Stored as base64 of
 * iv ‖ tag ‖ ciphertext; the purpose is also the AAD, so a ciphertext cannot be moved to another purpose.
 */

/** Derived keys per secret key (held by reference, never copied into a string) and purpose. */
const keys = new WeakMap<Buffer, Map<string, Buffer>>();

/** The 32-byte key of one purpose, derived from SECRET_KEY (also used for MACs, e.g. audit checkpoints). */
export function keyFor(secretKey: Buffer, purpose: string): Buffer {
  let byPurpose = keys.get(secretKey);
  if (!byPurpose) keys.set(secretKey, (byPurpose = new Map()));
  let k = byPurpose.get(purpose);
  if (!k) {
    k = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), `onex:${purpose}`, 32));
    byPurpose.set(purpose, k);
  }
  return k;
}

export function seal(secretKey: Buffer, purpose: string, plaintext: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secretKey, purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
}

export function open(secretKey: Buffer, purpose: string, sealed: string): Buffer {
  const buf = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(secretKey, purpose), buf.subarray(0, 12));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]);
}

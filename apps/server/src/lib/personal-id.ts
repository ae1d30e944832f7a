import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { type IdType, maskIdNumber, normalizeIdNumber } from '@onex/shared';

/**
 * Personal ID numbers at rest (architecture "Personal data"): AES-256-GCM with a key derived from the
 * configured secret key by HKDF-SHA256 ('onex:id-number:enc'), and a blind index — HMAC-SHA256 of the
 * normalized number under a second derived key ('onex:id-number:index') — to find a learner by number
 * without decrypting. The checksum rules (GB 11643) live in packages/shared so that the web validates too.
 * ID numbers are never logged and never written to audit summaries.
 */

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from('onex:id-number:v1');

interface Keys {
  enc: Buffer;
  index: Buffer;
}
const cache = new WeakMap<Buffer, Keys>();

function keysOf(secretKey: Buffer): Keys {
  let k = cache.get(secretKey);
  if (!k) {
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), info, 32));
    k = { enc: derive('onex:id-number:enc'), index: derive('onex:id-number:index') };
    cache.set(secretKey, k);
  }
  return k;
}

/** base64 of version ‖ iv ‖ tag ‖ ciphertext of the normalized number. */
export function encryptIdNumber(secretKey: Buffer, idNumber: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keysOf(secretKey).enc, iv);
  cipher.setAAD(AAD);
  const ct = Buffer.concat([cipher.update(normalizeIdNumber(idNumber), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ct]).toString('base64');
}

export function decryptIdNumber(secretKey: Buffer, stored: string): string {
  const buf = Buffer.from(stored, 'base64');
  if (buf[0] !== VERSION || buf.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('unknown ID number ciphertext');
  const iv = buf.subarray(1, 1 + IV_BYTES);
  const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keysOf(secretKey).enc, iv);
  decipher.setAAD(AAD);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** The blind index (hex) of a number: equal numbers (after normalization) give equal hashes; unique with the ID type. */
export function idNumberHash(secretKey: Buffer, idNumber: string): string {
  return createHmac('sha256', keysOf(secretKey).index).update(normalizeIdNumber(idNumber), 'utf8').digest('hex');
}

/** The columns stored for a number: ciphertext, blind index and the last four characters (for masking). */
export function protectIdNumber(
  secretKey: Buffer,
  idNumber: string,
): { id_number_enc: string; id_number_hash: string; id_number_last4: string } {
  const n = normalizeIdNumber(idNumber);
  return { id_number_enc: encryptIdNumber(secretKey, n), id_number_hash: idNumberHash(secretKey, n), id_number_last4: n.slice(-4) };
}

/** The number as a viewer sees it: in full when `visible`, else masked (`4401**********1234`). */
export function presentIdNumber(secretKey: Buffer, stored: string, visible: boolean): { idNumber: string; idNumberMasked: string } {
  const n = decryptIdNumber(secretKey, stored);
  const masked = maskIdNumber(n);
  return { idNumber: visible ? n : masked, idNumberMasked: masked };
}

export type { IdType };

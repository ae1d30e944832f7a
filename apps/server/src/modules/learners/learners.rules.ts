import { randomInt } from 'node:crypto';
import { LEARNER_ACTIVATION_DAYS } from '@onex/shared';
import { sha256Hex } from '../../lib/tokens';

/** Letters and digits a person cannot confuse when reading a code aloud (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A 12-character activation code in three groups (`ABCD-EFGH-JKMN`), ≈ 59 bits; only its hash is stored. */
export function newActivationCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

export function normalizeActivationCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export function activationCodeHash(code: string): string {
  return sha256Hex(`onex:activation:${normalizeActivationCode(code)}`);
}

export function activationExpiry(now: Date): Date {
  return new Date(now.getTime() + LEARNER_ACTIVATION_DAYS * 24 * 3600 * 1000);
}

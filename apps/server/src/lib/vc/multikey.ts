import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { base58, base64urlnopad } from '@scure/base';

/**
 * Ed25519 keys as Multikey (W3C Controlled Identifiers: `publicKeyMultibase` = 'z' + base58btc(0xed 0x01 ‖ key)).
 * KeyObjects are cached: importing a key costs more than a signature.
 */

const ED25519_PUB_PREFIX = Uint8Array.of(0xed, 0x01);

export interface RawKeyPair {
  /** 32-byte Ed25519 public key. */
  publicKey: Buffer;
  /** 32-byte Ed25519 seed (private key). */
  privateKey: Buffer;
}

export function generateEd25519(): RawKeyPair {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { publicKey: Buffer.from(jwk.x!, 'base64url'), privateKey: Buffer.from(jwk.d!, 'base64url') };
}

export function publicKeyMultibase(publicKey: Uint8Array): string {
  const bytes = new Uint8Array(ED25519_PUB_PREFIX.length + publicKey.length);
  bytes.set(ED25519_PUB_PREFIX);
  bytes.set(publicKey, ED25519_PUB_PREFIX.length);
  return 'z' + base58.encode(bytes);
}

/** The raw 32-byte key of a multibase Ed25519 public key; throws when it is not one. */
export function decodePublicKeyMultibase(multibase: string): Uint8Array {
  if (!multibase.startsWith('z')) throw new Error('not base58btc multibase');
  const bytes = base58.decode(multibase.slice(1));
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) throw new Error('not an Ed25519 multikey');
  return bytes.slice(2);
}

const publicCache = new Map<string, KeyObject>();
const privateCache = new Map<string, KeyObject>();

export function publicKeyObject(raw: Uint8Array): KeyObject {
  const x = base64urlnopad.encode(raw);
  let k = publicCache.get(x);
  if (!k) {
    k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (publicCache.size > 10_000) publicCache.clear();
    publicCache.set(x, k);
  }
  return k;
}

export function privateKeyObject(pair: RawKeyPair): KeyObject {
  const d = pair.privateKey.toString('base64url');
  let k = privateCache.get(d);
  if (!k) {
    k = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d, x: pair.publicKey.toString('base64url') }, format: 'jwk' });
    if (privateCache.size > 1_000) privateCache.clear();
    privateCache.set(d, k);
  }
  return k;
}

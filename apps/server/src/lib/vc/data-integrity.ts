import { createHash, sign, verify } from 'node:crypto';
import { base58 } from '@scure/base';
import canonicalize from 'canonicalize';
import { privateKeyObject, publicKeyObject, type RawKeyPair } from './multikey';

/**
 * Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite, exactly as the W3C Recommendation "Data Integrity
 * EdDSA Cryptosuites v1.0" §3.3 says:
 * - Create (§3.3.1): the proof is the proof options plus, when the document has one, the document's `@context`
 *   (step 2), so the published proof carries `@context`; proof configuration = that proof without `proofValue`.
 * - hashData (§3.3.4) = SHA-256(JCS(proofConfig)) ‖ SHA-256(JCS(document without proof)); proofValue = 'z' +
 *   base58btc(Ed25519 signature of hashData).
 * - Verify (§3.3.2): the configuration is rebuilt from the proof as published; its `@context` must be a prefix of the
 *   document's.
 * Credentials carry `proof` as an array (VC 2.0 allows a set; the Open Badges 3.0 schema requires an array).
 *
 * Before issue 12 the platform hashed the document's `@context` into the configuration without publishing it in the
 * proof; `verifyProof` still recognises such a proof and reports it as `legacy` (旧格式), never as valid-by-standard.
 */

export interface DataIntegrityProof {
  '@context'?: unknown;
  type: 'DataIntegrityProof';
  cryptosuite: string;
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

type Doc = Record<string, unknown>;

/** JCS (RFC 8785) text of a JSON value. */
export function jcs(value: unknown): string {
  const s = canonicalize(value);
  if (s === undefined) throw new Error('cannot canonicalize');
  return s;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** The `proof` of a secured document as a list (an object or an array of them). */
export function proofsOf(secured: Doc): Partial<DataIntegrityProof>[] {
  const p = secured.proof;
  if (Array.isArray(p)) return p.filter((x): x is Partial<DataIntegrityProof> => typeof x === 'object' && x !== null && !Array.isArray(x));
  return typeof p === 'object' && p !== null ? [p as Partial<DataIntegrityProof>] : [];
}

/** The first `eddsa-jcs-2022` proof of a document, if any. */
export function jcsProofOf(secured: Doc): Partial<DataIntegrityProof> | undefined {
  return proofsOf(secured).find((p) => p.type === 'DataIntegrityProof' && p.cryptosuite === 'eddsa-jcs-2022');
}

/**
 * A signer for many documents with the same proof options (a batch of credentials): the proof configuration's hash
 * is computed once per `@context`. `signer(doc)` returns the secured document (proof as an array of one);
 * `signer.proof(context)` is the published proof without `proofValue`; `signer.proofValue(context, jcsText)` signs a
 * document given as its JCS text already (the batch writer of credentials builds that text directly).
 */
export function proofSigner(key: RawKeyPair, verificationMethod: string, created: string) {
  const options = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-jcs-2022',
    created,
    verificationMethod,
    proofPurpose: 'assertionMethod',
  } as const;
  const privateKey = privateKeyObject(key);
  const configHashes = new Map<string, Buffer>();
  const proof = (context: unknown): Doc => (context === undefined ? { ...options } : { '@context': context, ...options });
  const configHash = (context: unknown): Buffer => {
    const id = jcs(context ?? null);
    let h = configHashes.get(id);
    if (!h) {
      h = sha256(jcs(proof(context)));
      configHashes.set(id, h);
    }
    return h;
  };
  const proofValue = (context: unknown, jcsText: string): string =>
    'z' + base58.encode(sign(null, Buffer.concat([configHash(context), sha256(jcsText)]), privateKey));
  const signer = (unsecured: Doc): Doc => ({
    ...unsecured,
    proof: [{ ...proof(unsecured['@context']), proofValue: proofValue(unsecured['@context'], jcs(unsecured)) }],
  });
  return Object.assign(signer, { proof, proofValue });
}

/** The document with an `eddsa-jcs-2022` proof (an array of one) added. */
export function addProof(unsecured: Doc, key: RawKeyPair, verificationMethod: string, created: string): Doc {
  return proofSigner(key, verificationMethod, created)(unsecured);
}

export type ProofCheck =
  { verified: true; verificationMethod: string; created: string | undefined; legacy: boolean } | { verified: false; reason: string };

const startsWith = (whole: unknown, prefix: unknown[]) => Array.isArray(whole) && prefix.every((v, i) => jcs(v) === jcs(whole[i] ?? null));

/**
 * Verifies a secured document's `eddsa-jcs-2022` proof (§3.3.2) with the public key that `resolveKey` returns for the
 * proof's verificationMethod (null when unknown). Only the signature is checked here; status is the caller's business.
 * A proof without `@context` over a document with one is tried the pre-issue-12 way and, if it matches, reported as
 * `legacy: true`.
 */
export function verifyProof(secured: Doc, resolveKey: (verificationMethod: string) => Uint8Array | null): ProofCheck {
  if (proofsOf(secured).length === 0) return { verified: false, reason: 'no proof' };
  const proof = jcsProofOf(secured);
  if (!proof) return { verified: false, reason: 'unsupported proof' };
  if (typeof proof.proofValue !== 'string' || !proof.proofValue.startsWith('z')) return { verified: false, reason: 'bad proofValue' };
  if (typeof proof.verificationMethod !== 'string') return { verified: false, reason: 'no verificationMethod' };
  const publicKey = resolveKey(proof.verificationMethod);
  if (!publicKey) return { verified: false, reason: 'unknown key' };
  const { proofValue, ...proofOptions } = proof;
  const { proof: _omit, ...unsecured } = secured;
  void _omit;
  let signature: Uint8Array;
  try {
    signature = base58.decode(proofValue.slice(1));
  } catch {
    return { verified: false, reason: 'bad proofValue' };
  }
  if (signature.length !== 64) return { verified: false, reason: 'bad signature length' };
  const check = (config: Doc, document: Doc) => {
    try {
      return verify(null, Buffer.concat([sha256(jcs(config)), sha256(jcs(document))]), publicKeyObject(publicKey), signature);
    } catch {
      return false;
    }
  };
  const ok = { verified: true, verificationMethod: proof.verificationMethod, created: proof.created } as const;
  if (proofOptions['@context'] !== undefined) {
    // §3.3.2 step 4: the proof's context must start the document's; the document is verified under the proof's.
    const ctx = Array.isArray(proofOptions['@context']) ? proofOptions['@context'] : [proofOptions['@context']];
    if (!startsWith(unsecured['@context'], ctx)) return { verified: false, reason: 'context mismatch' };
    return check(proofOptions, { ...unsecured, '@context': proofOptions['@context'] })
      ? { ...ok, legacy: false }
      : { verified: false, reason: 'signature mismatch' };
  }
  if (check(proofOptions, unsecured)) return { ...ok, legacy: false };
  if (unsecured['@context'] !== undefined && check({ ...proofOptions, '@context': unsecured['@context'] }, unsecured)) {
    return { ...ok, legacy: true };
  }
  return { verified: false, reason: 'signature mismatch' };
}

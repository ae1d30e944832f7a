import { createHash, sign, verify } from 'node:crypto';
import { base58 } from '@scure/base';
import canonicalize from 'canonicalize';
import { privateKeyObject, publicKeyObject, type RawKeyPair } from './multikey';

/**
 * Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C Data Integrity EdDSA Cryptosuites v1.0, §3.3):
 * transformation = JCS (RFC 8785) of the document without `proof`; proof configuration = the proof options without
 * `proofValue`, with the document's `@context`; hashData = SHA-256(JCS(proofConfig)) ‖ SHA-256(JCS(document));
 * proofValue = 'z' + base58btc(Ed25519 signature of hashData).
 */

export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-jcs-2022';
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

/** Proof configurations repeat (one per issuer key and batch): their hashes are remembered, keyed by their JSON. */
const configHashCache = new Map<string, Buffer>();

function hashData(unsecured: Doc, proofOptions: Omit<DataIntegrityProof, 'proofValue'>): Buffer {
  const proofConfig: Doc = { ...proofOptions };
  if (unsecured['@context'] !== undefined) proofConfig['@context'] = unsecured['@context'];
  const id = JSON.stringify(proofConfig);
  let configHash = configHashCache.get(id);
  if (!configHash) {
    configHash = sha256(jcs(proofConfig));
    if (configHashCache.size >= 1000) configHashCache.clear();
    configHashCache.set(id, configHash);
  }
  return Buffer.concat([configHash, sha256(jcs(unsecured))]);
}

/**
 * A signer for many documents with the same proof options (a batch of credentials): the proof configuration's hash
 * is computed once per `@context`. `signer(doc)` returns the secured document; `signer.proofValue(context, jcsText)`
 * signs a document given as its JCS text already (the batch writer of credentials builds that text directly).
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
  const configHash = (context: unknown): Buffer => {
    const id = jcs(context ?? null);
    let h = configHashes.get(id);
    if (!h) {
      const proofConfig: Doc = { ...options };
      if (context !== undefined) proofConfig['@context'] = context;
      h = sha256(jcs(proofConfig));
      configHashes.set(id, h);
    }
    return h;
  };
  const proofValue = (context: unknown, jcsText: string): string =>
    'z' + base58.encode(sign(null, Buffer.concat([configHash(context), sha256(jcsText)]), privateKey));
  const signer = (unsecured: Doc): Doc & { proof: DataIntegrityProof } => ({
    ...unsecured,
    proof: { ...options, proofValue: proofValue(unsecured['@context'], jcs(unsecured)) },
  });
  return Object.assign(signer, { options, proofValue });
}

/** The document with an `eddsa-jcs-2022` proof added. */
export function addProof<T extends Doc>(
  unsecured: T,
  key: RawKeyPair,
  verificationMethod: string,
  created: string,
): T & { proof: DataIntegrityProof } {
  return proofSigner(key, verificationMethod, created)(unsecured) as T & { proof: DataIntegrityProof };
}

export type ProofCheck = { verified: true; verificationMethod: string } | { verified: false; reason: string };

/**
 * Verifies a secured document's `eddsa-jcs-2022` proof with the public key that `resolveKey` returns for the proof's
 * verificationMethod (null when unknown). Only the signature is checked here; status is the caller's business.
 */
export function verifyProof(secured: Doc, resolveKey: (verificationMethod: string) => Uint8Array | null): ProofCheck {
  const proof = secured.proof as Partial<DataIntegrityProof> | undefined;
  if (!proof || typeof proof !== 'object' || Array.isArray(proof)) return { verified: false, reason: 'no proof' };
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-jcs-2022')
    return { verified: false, reason: 'unsupported proof' };
  if (typeof proof.proofValue !== 'string' || !proof.proofValue.startsWith('z')) return { verified: false, reason: 'bad proofValue' };
  if (typeof proof.verificationMethod !== 'string') return { verified: false, reason: 'no verificationMethod' };
  const publicKey = resolveKey(proof.verificationMethod);
  if (!publicKey) return { verified: false, reason: 'unknown key' };
  const { proofValue, ...options } = proof;
  const { proof: _omit, ...unsecured } = secured;
  void _omit;
  let signature: Uint8Array;
  try {
    signature = base58.decode(proofValue.slice(1));
  } catch {
    return { verified: false, reason: 'bad proofValue' };
  }
  if (signature.length !== 64) return { verified: false, reason: 'bad signature length' };
  let ok: boolean;
  try {
    ok = verify(null, hashData(unsecured, options as Omit<DataIntegrityProof, 'proofValue'>), publicKeyObject(publicKey), signature);
  } catch {
    return { verified: false, reason: 'bad proof' };
  }
  return ok ? { verified: true, verificationMethod: proof.verificationMethod } : { verified: false, reason: 'signature mismatch' };
}

import { decodePublicKeyMultibase } from './multikey';
import { jcsProofOf, verifyProof } from './data-integrity';
import { statusBit } from './status-list';

/**
 * The national trust list (R6.6): a signed credential listing every evaluation organization with its identifiers and
 * every key it ever used, each with the period in which it signed (`validFrom` … `validUntil`, open while the key is
 * active). With it, a verifier with no network checks any credential of the platform: the proof's verification
 * method must be a listed key (by its did:web id or the URL id of a credential signed before issue 12), the proof's
 * `created` must fall within the key's period, and the signature must verify. Pure: the server builds the list from
 * its database, and the offline command (`npm run verify-credential`) reads it from a file.
 */

export interface TrustedKey {
  id: string;
  /** The URL form of this key in credentials signed before issue 12. */
  alsoKnownAs?: string[];
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
  validFrom: string;
  validUntil?: string;
}

export interface TrustedIssuer {
  id: string;
  alsoKnownAs?: string[];
  name: string;
  verificationMethod: TrustedKey[];
}

export interface TrustListSubject {
  id: string;
  type: 'OnexTrustedIssuerList';
  /** The platform's own keys, which sign this list (compare them with the ones the platform publishes). */
  platform: { id: string; verificationMethod: TrustedKey[] };
  issuers: TrustedIssuer[];
}

/** Clock skew allowed between a key's creation and a proof it made. */
const SKEW_MS = 5 * 60_000;

export interface TrustCheck {
  format: boolean;
  /** null: not checked, because an earlier step failed. */
  issuerKnown: boolean | null;
  trustList: boolean | null;
  signature: boolean | null;
  legacy: boolean;
  issuer?: TrustedIssuer;
  key?: TrustedKey;
}

/** A VC 2.0 credential with at least one proof. */
function looksLikeCredential(c: Record<string, unknown>): boolean {
  return Array.isArray(c.type) && c.type.includes('VerifiableCredential') && c.proof !== undefined && c.proof !== null;
}

/** Checks format, issuer, key validity and signature of a credential against a trust list's subject. */
export function checkAgainstTrustList(credential: Record<string, unknown>, list: TrustListSubject): TrustCheck {
  const out: TrustCheck = { format: looksLikeCredential(credential), issuerKnown: null, trustList: null, signature: null, legacy: false };
  const proof = jcsProofOf(credential);
  if (!out.format || !proof || typeof proof.verificationMethod !== 'string') return { ...out, format: false };
  const vm = proof.verificationMethod;
  for (const issuer of list.issuers) {
    const key = issuer.verificationMethod.find((k) => k.id === vm || k.alsoKnownAs?.includes(vm));
    if (key) Object.assign(out, { issuer, key });
  }
  out.issuerKnown = out.key !== undefined;
  if (!out.key) return out;
  const credIssuer = credential.issuer as { id?: unknown } | string | undefined;
  const issuerId = typeof credIssuer === 'string' ? credIssuer : credIssuer?.id;
  const created = Date.parse(String(proof.created));
  out.trustList =
    (issuerId === out.issuer!.id || out.issuer!.alsoKnownAs?.includes(String(issuerId)) === true) &&
    Number.isFinite(created) &&
    created >= Date.parse(out.key.validFrom) - SKEW_MS &&
    (out.key.validUntil === undefined || created <= Date.parse(out.key.validUntil));
  const publicKey = decodePublicKeyMultibase(out.key.publicKeyMultibase);
  const r = verifyProof(credential, () => publicKey);
  out.signature = r.verified;
  out.legacy = r.verified && r.legacy;
  return out;
}

/** The revocation bit of a credential in a (verified) status list credential; null when the entry is not in it. */
export function revokedInStatusList(credential: Record<string, unknown>, statusList: Record<string, unknown>): boolean | null {
  const entry = credential.credentialStatus as { statusListCredential?: unknown; statusListIndex?: unknown } | undefined;
  const subject = statusList.credentialSubject as { encodedList?: unknown } | undefined;
  if (!entry || entry.statusListCredential !== statusList.id || typeof subject?.encodedList !== 'string') return null;
  const index = Number(entry.statusListIndex);
  if (!Number.isInteger(index)) return null;
  try {
    return statusBit(subject.encodedList, index);
  } catch {
    return null;
  }
}

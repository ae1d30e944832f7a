import { createHash, sign } from 'node:crypto';
import { base58 } from '@scure/base';
import { offlineDocumentLoader } from './contexts';
import { privateKeyObject, type RawKeyPair } from './multikey';

/**
 * `eddsa-rdfc-2022` proofs (W3C Data Integrity EdDSA Cryptosuites v1.0 §3.2), for wallets that do not implement JCS:
 * transformation = RDF Dataset Canonicalization (RDFC-1.0, jsonld.js with `safe` mode: an undefined term is an
 * error, not a silently dropped claim); proof configuration = the proof options with the document's `@context`
 * (the published proof carries none, §3.2.1); hashData = SHA-256(canonical proof config) ‖ SHA-256(canonical document).
 * Contexts come from npm packages (`offlineDocumentLoader`), never from the network.
 */

/** jsonld (≈ 20 MB in memory) is loaded on the first credential issued or verified, not at start (lib/on-demand.ts). */
const canonize = async (doc: unknown, documentLoader: (url: string) => Promise<unknown>) =>
  (await import('jsonld')).default.canonize(doc, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true });

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** The `eddsa-rdfc-2022` proof of a document (without its `proof`, per proof sets) by `key`. */
export async function rdfcProof(
  document: Record<string, unknown>,
  key: RawKeyPair,
  verificationMethod: string,
  created: string,
  documentLoader: (url: string) => Promise<unknown> = offlineDocumentLoader(),
): Promise<Record<string, string>> {
  const { proof: _proof, ...unsecured } = document;
  void _proof;
  const options = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created,
    verificationMethod,
    proofPurpose: 'assertionMethod',
  };
  const [config, doc] = await Promise.all([
    canonize({ '@context': unsecured['@context'], ...options }, documentLoader),
    canonize(unsecured, documentLoader),
  ]);
  const signature = sign(null, Buffer.concat([sha256(config), sha256(doc)]), privateKeyObject(key));
  return { ...options, proofValue: 'z' + base58.encode(signature) };
}

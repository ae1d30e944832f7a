import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import type { FastifyInstance } from 'fastify';
import jsigs from 'jsonld-signatures';
import { CONTEXTS } from '../lib/vc/contexts';
import { didWebDocumentUrl } from '../lib/vc/did-web';

/**
 * An independent, widely used verifier stack (Digital Bazaar: @digitalbazaar/vc 7, data-integrity 2, the
 * eddsa-jcs-2022 and eddsa-rdfc-2022 cryptosuites, vc-bitstring-status-list 2), fully offline: JSON-LD contexts come
 * from their npm packages, and the platform's documents (did:web documents, status lists) from the app under test
 * through `app.inject` — the way an employer's verifier would resolve them over HTTPS.
 */

/** The VC 2.0 examples context the W3C test vectors use (its whole text: every term under one @vocab). */
export const EXAMPLES_V2 = { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } };

type Loaded = { contextUrl: null; documentUrl: string; document: unknown };

export function documentLoader(app?: FastifyInstance, publicUrl?: string) {
  const get = async (path: string) => {
    if (!app) throw new Error(`no app to load ${path}`);
    const r = await app.inject({ method: 'GET', url: path });
    if (r.statusCode !== 200) throw new Error(`GET ${path} → ${r.statusCode}`);
    return r.json() as Record<string, unknown>;
  };
  return async (url: string): Promise<Loaded> => {
    const done = (document: unknown) => ({ contextUrl: null, documentUrl: url, document });
    const context = CONTEXTS.get(url) ?? (url === 'https://www.w3.org/ns/credentials/examples/v2' ? EXAMPLES_V2 : undefined);
    if (context) return done(context);
    if (url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#') as [string, string | undefined];
      const doc = await get(new URL(didWebDocumentUrl(did, 'http')).pathname);
      if (!fragment) return done(doc);
      // A did:web resolver returns the verification method with the document's contexts (as did-io does).
      const vm = (doc.verificationMethod as { id: string }[]).find((m) => m.id === url);
      if (!vm) throw new Error(`no ${url}`);
      return done({ '@context': doc['@context'], ...vm });
    }
    if (publicUrl && url.startsWith(publicUrl)) return done(await get(url.slice(publicUrl.length)));
    throw new Error(`document not available offline: ${url}`);
  };
}

export const jcsSuite = () => new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
export const rdfcSuite = () => new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

/** Digital Bazaar's verdict on a credential: proof(s), validity period and its Bitstring status (the status list verified too). */
export async function dbVerify(
  credential: Record<string, unknown>,
  loader: (url: string) => Promise<unknown>,
  opts: { suite?: 'jcs' | 'rdfc'; now?: Date; checkStatus?: (o: Record<string, unknown>) => Promise<unknown> } = {},
): Promise<{ verified: boolean; error?: unknown; statusResult?: { verified: boolean } }> {
  const suite = opts.suite === 'rdfc' ? rdfcSuite() : jcsSuite();
  const r = (await vc.verifyCredential({
    credential,
    suite,
    documentLoader: loader,
    now: opts.now,
    checkStatus: opts.checkStatus ?? ((o: Record<string, unknown>) => checkStatus({ ...o, suite: jcsSuite() })),
  })) as { verified: boolean; error?: unknown; statusResult?: { verified: boolean } };
  return r;
}

/**
 * The proof alone, as jsonld-signatures checks it for the assertionMethod purpose (for the W3C vectors, whose `issuer`
 * is not the key's controller, so a credential-issuance check would refuse them for that reason only).
 */
export async function dbVerifyProof(document: Record<string, unknown>, loader: ReturnType<typeof documentLoader>, suite: 'jcs' | 'rdfc') {
  return (await jsigs.verify(document, {
    suite: suite === 'rdfc' ? rdfcSuite() : jcsSuite(),
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader: loader,
  })) as { verified: boolean; error?: unknown };
}

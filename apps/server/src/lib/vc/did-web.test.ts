import { describe, expect, it } from 'vitest';
import { didWeb, didWebDocumentUrl } from './did-web';

describe('did:web (R6.6)', () => {
  it('encodes the port and path segments as the did:web method says', () => {
    expect(didWeb('http://localhost:3000')).toBe('did:web:localhost%3A3000');
    expect(didWeb('https://1x.example.gov.cn', 'issuers', 'abc')).toBe('did:web:1x.example.gov.cn:issuers:abc');
    expect(didWeb('https://example.org/onex/', 'issuers', 'x')).toBe('did:web:example.org:onex:issuers:x');
  });
  it('resolves to the did.json of the path, or .well-known without one', () => {
    expect(didWebDocumentUrl('did:web:w3c-ccg.github.io')).toBe('https://w3c-ccg.github.io/.well-known/did.json');
    expect(didWebDocumentUrl('did:web:w3c-ccg.github.io:user:alice')).toBe('https://w3c-ccg.github.io/user/alice/did.json');
    expect(didWebDocumentUrl('did:web:example.com%3A3000:issuers:a', 'http')).toBe('http://example.com:3000/issuers/a/did.json');
    expect(() => didWebDocumentUrl('did:key:z6Mk')).toThrow();
  });
});

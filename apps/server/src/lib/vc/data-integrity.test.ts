import { createHash, createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { base58 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { dbVerifyProof, documentLoader } from '../../test/digital-bazaar';
import { addProof, jcs, proofSigner, verifyProof } from './data-integrity';
import { decodePublicKeyMultibase, generateEd25519, publicKeyMultibase } from './multikey';
import { rdfcProof } from './rdfc';
import { encodeStatusList, statusBit, STATUS_LIST_SIZE } from './status-list';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents are edited by path below
type Json = Record<string, any>;

/**
 * The W3C test vectors of "Data Integrity EdDSA Cryptosuites v1.0" (unchanged copies, test-vectors/), and Digital
 * Bazaar's verifier stack as the independent implementation (R6.6). Our own reading of the specification is checked
 * by nothing of our own.
 */
const VECTORS = new URL('./test-vectors/w3c-vc-di-eddsa/TestVectors/', import.meta.url);
const vector = (name: string) => readFileSync(new URL(name, VECTORS), 'utf8');
const keyPair = JSON.parse(vector('keyPair.json')) as { publicKeyMultibase: string; privateKeyMultibase: string };
/** The vectors' key: multicodec ed25519-pub (0xed01) and ed25519-priv (0x8026) + 32 bytes. */
const vectorKey = {
  publicKey: Buffer.from(decodePublicKeyMultibase(keyPair.publicKeyMultibase)),
  privateKey: Buffer.from(base58.decode(keyPair.privateKeyMultibase.slice(1)).slice(2)),
};
const withoutProof = (d: Json) => {
  const { proof: _p, ...rest } = d;
  void _p;
  return rest;
};

describe('eddsa-jcs-2022: the W3C test vectors (R6.6)', () => {
  const signed = JSON.parse(vector('eddsa-jcs-2022/signedJCS.json')) as Json;
  const config = JSON.parse(vector('eddsa-jcs-2022/proofConfigJCS.json')) as Json;

  it('R6.6 signing the vector’s document with the vector’s key gives the vector’s proof, @context included', () => {
    const signer = proofSigner(vectorKey, config.verificationMethod, config.created);
    const unsecured = withoutProof(signed);
    expect(jcs(signer.proof(unsecured['@context']))).toBe(vector('eddsa-jcs-2022/proofCanonJCS.txt').trim());
    expect(jcs(unsecured)).toBe(vector('eddsa-jcs-2022/canonDocJCS.txt').trim());
    const ours = signer(unsecured) as Json;
    expect(ours.proof).toEqual([signed.proof]);
    expect(ours.proof[0].proofValue).toBe(vector('eddsa-jcs-2022/sigBTC58JCS.txt').trim());
  });

  it('R6.6 the vector’s signed document verifies, and is not taken for the old format', () => {
    const r = verifyProof(signed, () => vectorKey.publicKey);
    expect(r).toMatchObject({ verified: true, legacy: false });
  });

  it('R6.6 a proof whose @context is not a prefix of the document’s is refused (§3.3.2 step 4)', () => {
    const t = structuredClone(signed);
    t.proof['@context'] = ['https://www.w3.org/ns/credentials/examples/v2'];
    expect(verifyProof(t, () => vectorKey.publicKey)).toMatchObject({ verified: false, reason: 'context mismatch' });
  });
});

describe('eddsa-rdfc-2022: the W3C test vectors (wallet copies)', () => {
  const signed = JSON.parse(vector('eddsa-rdfc-2022/signedDataInt.json')) as Json;

  it('R6.6 signing the vector’s document with the vector’s key gives the vector’s proof', async () => {
    const proof = await rdfcProof(signed, vectorKey, signed.proof.verificationMethod, signed.proof.created, documentLoader());
    expect(proof).toEqual(signed.proof);
  });

  it('R6.6 Digital Bazaar’s eddsa-rdfc-2022 and eddsa-jcs-2022 suites verify the vectors', async () => {
    const didKey = `did:key:${keyPair.publicKeyMultibase}`;
    const controller = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: didKey,
      verificationMethod: [
        {
          id: `${didKey}#${keyPair.publicKeyMultibase}`,
          type: 'Multikey',
          controller: didKey,
          publicKeyMultibase: keyPair.publicKeyMultibase,
        },
      ],
      assertionMethod: [`${didKey}#${keyPair.publicKeyMultibase}`],
    };
    const base = documentLoader();
    const loader = async (url: string) => {
      if (url === didKey) return { contextUrl: null, documentUrl: url, document: controller };
      if (url === controller.verificationMethod[0]!.id)
        return {
          contextUrl: null,
          documentUrl: url,
          document: { '@context': controller['@context'], ...controller.verificationMethod[0] },
        };
      return base(url);
    };
    expect((await dbVerifyProof(signed, loader, 'rdfc')).verified).toBe(true);
    const jcsSigned = JSON.parse(vector('eddsa-jcs-2022/signedJCS.json')) as Json;
    expect((await dbVerifyProof(jcsSigned, loader, 'jcs')).verified).toBe(true);
  });
});

describe('eddsa-jcs-2022 proofs of the platform (R6.1, api-v1 credential format)', () => {
  const key = generateEd25519();
  const vm = 'did:web:1x.example.cn:issuers:o1#key-1';
  const doc = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'https://1x.example.cn/api/v1/public/credentials/abc',
    type: ['VerifiableCredential'],
    issuer: 'did:web:1x.example.cn:issuers:o1',
    validFrom: '2026-11-22T00:00:00Z',
    credentialSubject: { name: '李明' },
  };
  const signed = addProof(doc, key, vm, '2026-11-22T00:00:00Z') as Json;
  const pub = () => key.publicKey;

  it('R6.6 the proof is an array of one proof with the contract fields, @context included', () => {
    expect(signed.proof).toEqual([
      {
        '@context': doc['@context'],
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-jcs-2022',
        verificationMethod: vm,
        proofPurpose: 'assertionMethod',
        created: '2026-11-22T00:00:00Z',
        proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]+$/),
      },
    ]);
    expect(verifyProof(signed, pub)).toMatchObject({ verified: true, legacy: false });
  });

  it('R6.1 any change to any field of the credential or of the proof breaks the proof', () => {
    const paths: ((c: Json) => void)[] = [
      (c) => (c.credentialSubject.name = '李朋'),
      (c) => (c.issuer = 'did:web:1x.example.cn:issuers:o2'),
      (c) => (c.validFrom = '2026-11-23T00:00:00Z'),
      (c) => (c.extra = true),
      (c) => (c.proof[0].created = '2026-11-21T00:00:00Z'),
      (c) => (c.proof[0].verificationMethod = vm.replace('key-1', 'key-2')),
      (c) => (c.proof[0]['@context'] = ['https://www.w3.org/ns/credentials/v2', 'https://example.org/x']),
    ];
    for (const change of paths) {
      const tampered = structuredClone(signed);
      change(tampered);
      expect(verifyProof(tampered, pub).verified).toBe(false);
    }
  });

  it('R6.1 another key does not verify the proof; key order and whitespace do not matter (JCS)', () => {
    const other = decodePublicKeyMultibase(publicKeyMultibase(generateEd25519().publicKey));
    expect(verifyProof(signed, () => other).verified).toBe(false);
    const reordered = JSON.parse(JSON.stringify(signed, null, 4)) as Json;
    expect(verifyProof(reordered, pub).verified).toBe(true);
  });

  it('issue 12: a proof of the format before issue 12 (no @context in the proof) is recognised as legacy only', () => {
    const { '@context': ctx, proofValue: _pv, ...options } = signed.proof[0];
    void _pv;
    const legacyConfig = { ...options, '@context': ctx };
    const h = (s: string) => createHash('sha256').update(s).digest();
    const pk = createPrivateKey({
      key: { kty: 'OKP', crv: 'Ed25519', d: key.privateKey.toString('base64url'), x: key.publicKey.toString('base64url') },
      format: 'jwk',
    });
    const proofValue = 'z' + base58.encode(sign(null, Buffer.concat([h(jcs(legacyConfig)), h(jcs(doc))]), pk));
    const legacy = { ...doc, proof: { ...options, proofValue } };
    expect(verifyProof(legacy, pub)).toMatchObject({ verified: true, legacy: true });
  });
});

describe('Bitstring Status List v1.0', () => {
  it('R6.3 set bits read back, others are clear, and the list has the minimum size of 131,072 entries', () => {
    const list = encodeStatusList([0, 7, 8, 131_071]);
    expect(list.startsWith('u')).toBe(true);
    for (const i of [0, 7, 8, 131_071]) expect(statusBit(list, i)).toBe(true);
    for (const i of [1, 6, 9, 65_536, 131_070]) expect(statusBit(list, i)).toBe(false);
    expect(STATUS_LIST_SIZE).toBe(131_072);
  });

  it('bit 0 is the most significant bit of the first byte (the specification’s order)', async () => {
    const { gunzipSync } = await import('node:zlib');
    const list = encodeStatusList([0]);
    const bytes = gunzipSync(Buffer.from(list.slice(1), 'base64url'));
    expect(bytes[0]).toBe(0x80);
    expect(bytes.length).toBe(16_384);
  });
});

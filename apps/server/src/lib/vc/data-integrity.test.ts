import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalize } from 'json-canonicalize';
import { describe, expect, it } from 'vitest';
import { addProof, verifyProof } from './data-integrity';
import { decodePublicKeyMultibase, generateEd25519, publicKeyMultibase } from './multikey';
import { encodeStatusList, statusBit, STATUS_LIST_SIZE } from './status-list';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents are edited by path below
type Json = Record<string, any>;

/**
 * A second, independent implementation of the W3C "Data Integrity EdDSA Cryptosuites v1.0" eddsa-jcs-2022 verify
 * algorithm (§3.3.2 Verify Proof, §3.3.4 Hashing, §3.3.5 Proof Configuration), written from the specification with
 * other libraries than the signing code (json-canonicalize for JCS, @noble/hashes, @noble/curves, a hand-written
 * base58btc decoder): the platform's proofs must verify here.
 */
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58btcDecode(s: string): Uint8Array {
  let n = 0n;
  for (const ch of s) {
    const v = B58.indexOf(ch);
    if (v < 0) throw new Error('bad base58');
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  for (const ch of s) {
    if (ch !== '1') break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

function specVerify(secured: Record<string, unknown>, publicKeyMultibaseValue: string): boolean {
  // Multikey: 'z' + base58btc(0xed01 ‖ 32-byte key)
  const mk = base58btcDecode(publicKeyMultibaseValue.slice(1));
  if (mk[0] !== 0xed || mk[1] !== 0x01 || mk.length !== 34) return false;
  const publicKey = mk.slice(2);
  // §3.3.2: unsecuredDocument = securedDocument without proof; proofOptions = proof without proofValue
  const { proof, ...unsecuredDocument } = secured as { proof: Record<string, unknown> };
  const { proofValue, ...proofOptions } = proof as { proofValue: string; type?: unknown; cryptosuite?: unknown };
  if (proofOptions.type !== 'DataIntegrityProof' || proofOptions.cryptosuite !== 'eddsa-jcs-2022') return false;
  // §3.3.5: proofConfig carries the document's @context
  const proofConfig = { ...proofOptions, '@context': (unsecuredDocument as Record<string, unknown>)['@context'] };
  const enc = new TextEncoder();
  const transformedDocumentHash = sha256(enc.encode(canonicalize(unsecuredDocument)));
  const proofConfigHash = sha256(enc.encode(canonicalize(proofConfig)));
  // §3.3.4: hashData = proofConfigHash ‖ transformedDocumentHash
  const hashData = new Uint8Array(64);
  hashData.set(proofConfigHash, 0);
  hashData.set(transformedDocumentHash, 32);
  if (!proofValue.startsWith('z')) return false;
  return ed25519.verify(base58btcDecode(proofValue.slice(1)), hashData, publicKey);
}

const credential = () => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'https://1x.example.cn/api/v1/public/credentials/abc',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://1x.example.cn/api/v1/public/issuers/o1', type: ['Profile'], name: '某培训评价组织' },
  validFrom: '2026-11-22T00:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    name: '李明',
    achievement: { id: 'x', type: ['Achievement'], name: '工业机器人应用编程职业技能等级证书（中级）', criteria: { narrative: '合格' } },
  },
  credentialStatus: {
    id: 'https://1x.example.cn/api/v1/public/status-lists/l1#7',
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '7',
    statusListCredential: 'https://1x.example.cn/api/v1/public/status-lists/l1',
  },
});

describe('eddsa-jcs-2022 proofs (R6.1, api-v1 credential format)', () => {
  const key = generateEd25519();
  const vm = 'https://1x.example.cn/api/v1/public/issuers/o1#key-1';
  const signed = addProof(credential(), key, vm, '2026-11-22T00:00:00Z');
  const mb = publicKeyMultibase(key.publicKey);

  it('R6.1 the proof has the contract fields and verifies with the separate implementation of the W3C algorithm', () => {
    expect(signed.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      verificationMethod: vm,
      proofPurpose: 'assertionMethod',
      created: '2026-11-22T00:00:00Z',
    });
    expect(signed.proof.proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]+$/);
    expect(specVerify(signed, mb)).toBe(true);
    expect(verifyProof(signed, () => decodePublicKeyMultibase(mb)).verified).toBe(true);
  });

  it('R6.1 any change to any field of the credential or of the proof breaks the proof', () => {
    const paths: ((c: Json) => void)[] = [
      (c) => (c.credentialSubject.name = '李朋'),
      (c) => (c.credentialSubject.achievement.name = '工业机器人应用编程职业技能等级证书（高级）'),
      (c) => (c.issuer.name = '另一机构'),
      (c) => (c.validFrom = '2026-11-23T00:00:00Z'),
      (c) => (c.credentialStatus.statusListIndex = '8'),
      (c) => (c['@context'] = ['https://www.w3.org/ns/credentials/v2']),
      (c) => (c.extra = true),
      (c) => (c.proof.created = '2026-11-21T00:00:00Z'),
      (c) => (c.proof.verificationMethod = vm.replace('key-1', 'key-2')),
    ];
    for (const change of paths) {
      const tampered = structuredClone(signed) as Json;
      change(tampered);
      expect(specVerify(tampered, mb)).toBe(false);
      expect(verifyProof(tampered, () => decodePublicKeyMultibase(mb)).verified).toBe(false);
    }
  });

  it('R6.1 another key does not verify the proof', () => {
    const other = publicKeyMultibase(generateEd25519().publicKey);
    expect(specVerify(signed, other)).toBe(false);
    expect(verifyProof(signed, () => decodePublicKeyMultibase(other)).verified).toBe(false);
  });

  it('key order and whitespace of the JSON do not matter (JCS), so a re-serialized file still verifies', () => {
    const reordered = JSON.parse(JSON.stringify(signed, Object.keys(signed).reverse(), 2)) as Record<string, unknown>;
    expect(specVerify(JSON.parse(JSON.stringify(signed, null, 4)) as Record<string, unknown>, mb)).toBe(true);
    expect(verifyProof({ ...reordered, ...signed }, () => decodePublicKeyMultibase(mb)).verified).toBe(true);
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

import { describe, expect, it } from 'vitest';
import { jcs, proofSigner, verifyProof } from '../../lib/vc/data-integrity';
import { generateEd25519 } from '../../lib/vc/multikey';
import { buildCredential, credentialBatch, fillCredential, identityHash } from './certificates.credential';

const common = {
  publicUrl: 'https://1x.example.cn',
  issuedAt: new Date('2026-11-22T03:04:05.678Z'),
  org: { id: '7f6d2c1e-0000-4000-8000-000000000001', name: '工业机器人应用编程证书培训评价组织' },
  certificateType: { id: '7f6d2c1e-0000-4000-8000-000000000002', name: '工业机器人应用编程' },
  level: 'intermediate' as const,
};

describe('credential batch writer (R6.1)', () => {
  const key = generateEd25519();
  const signer = proofSigner(key, 'did:web:1x.example.cn:issuers:o#key-1', '2026-11-22T03:04:05Z');
  const batch = credentialBatch(common, signer.proof);

  it.each([
    ['李明', 'abcDEF123'],
    ['阿卜杜拉·买买提', 'x'],
    ['O"Brien \\ 测试\n', '__onex_salt__'],
  ])('R6.1 filled text is exactly the JCS of buildCredential (holder %j)', (holderName, salt) => {
    const holder = {
      verificationCode: '5Hb7kq3XyZ9mN2pQrS4tUv',
      holderName,
      holderIdHash: identityHash('440104200503151234', salt),
      salt,
      statusListId: '7f6d2c1e-0000-4000-8000-000000000003',
      statusIndex: 4242,
    };
    const expected = buildCredential({ ...common, ...holder });
    expect(batch.unsecured(holder)).toBe(jcs(expected));

    const proofValue = signer.proofValue(batch.context, batch.unsecured(holder));
    const text = fillCredential(batch.template, { ...holder, proofValue });
    const secured = JSON.parse(text) as Record<string, unknown>;
    expect(secured).toEqual(signer(expected));
    expect(text).toBe(jcs(secured));
    expect(verifyProof(secured, () => key.publicKey)).toMatchObject({ verified: true, legacy: false });
  });

  it('R6.6 the credential names its issuer by did:web, carries the OB 3.0 credentialSchema and a proof array', () => {
    const holder = {
      verificationCode: '5Hb7kq3XyZ9mN2pQrS4tUv',
      holderName: '李明',
      holderIdHash: 'sha256$00',
      salt: 's',
      statusListId: '7f6d2c1e-0000-4000-8000-000000000003',
      statusIndex: 1,
    };
    const secured = JSON.parse(fillCredential(batch.template, { ...holder, proofValue: 'z1' })) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(secured.issuer.id).toBe(`did:web:1x.example.cn:issuers:${common.org.id}`);
    expect(secured.credentialSchema).toEqual([
      { id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: 'JsonSchema' },
    ]);
    expect(secured.proof).toHaveLength(1);
    expect(secured.proof[0]['@context']).toEqual(secured['@context']);
  });

  it('a template without placeholders (a certificate issued before batches) is returned as it is', () => {
    const stored = jcs({ a: '李明', proof: { proofValue: 'z3abc' } });
    const none = { verificationCode: null, holderName: null, holderIdHash: null, salt: null, statusListId: null, statusIndex: null };
    expect(fillCredential(stored, { ...none, proofValue: null })).toBe(stored);
  });
});

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
  const signer = proofSigner(key, 'https://1x.example.cn/api/v1/public/issuers/o#key-1', '2026-11-22T03:04:05Z');
  const batch = credentialBatch(common, signer.options);

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
    expect(verifyProof(secured, () => key.publicKey).verified).toBe(true);
  });

  it('a template without placeholders (a certificate issued before batches) is returned as it is', () => {
    const stored = jcs({ a: '李明', proof: { proofValue: 'z3abc' } });
    const none = { verificationCode: null, holderName: null, holderIdHash: null, salt: null, statusListId: null, statusIndex: null };
    expect(fillCredential(stored, { ...none, proofValue: null })).toBe(stored);
  });
});

import { describe, expect, it } from 'vitest';
import { type ChainedFields, GENESIS_HASH, type StoredRow, chainHash, verifyChain } from './audit.chain';

function rows(n: number): StoredRow[] {
  const out: StoredRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f: ChainedFields = {
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorId: null,
      actorUsername: 'national',
      actorRole: 'national_admin',
      action: 'user.create',
      targetType: 'user',
      targetId: String(i),
      summary: { b: 1, a: { z: true, y: [1, 2] } },
      requestId: `r${i}`,
      clientIp: '127.0.0.1',
      provinceCode: null,
      cityCode: null,
      schoolId: null,
      orgId: null,
    };
    const hash = chainHash(prev, f);
    out.push({ ...f, id: String(i), prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain (R8.6)', () => {
  it('verifies an untouched chain', () => {
    expect(verifyChain(rows(5))).toMatchObject({ broken: null, checked: 5 });
  });

  it('hash does not depend on key order of the summary (jsonb round trip)', () => {
    const [r] = rows(1);
    const reordered = { ...r!, summary: { a: { y: [1, 2], z: true }, b: 1 } };
    expect(chainHash(GENESIS_HASH, reordered)).toBe(r!.hash);
  });

  it('finds a changed row', () => {
    const r = rows(5);
    r[2] = { ...r[2]!, summary: { b: 2 } };
    expect(verifyChain(r).broken).toEqual({ id: '3', reason: 'hash_mismatch' });
  });

  it('finds a deleted row', () => {
    const r = rows(5);
    r.splice(1, 1);
    expect(verifyChain(r).broken).toEqual({ id: '3', reason: 'prev_hash_mismatch' });
  });
});

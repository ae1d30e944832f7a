import { describe, expect, it } from 'vitest';
import { drawIds, linkedInspectors, newSeed, unlinkedInspectors } from './draws.rules';

const ids = Array.from({ length: 30 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

describe('R8.4 双随机 draw algorithm', () => {
  it('is reproducible from the seed and independent of the input order', () => {
    const seed = newSeed();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    const a = drawIds(seed, 'targets', ids, 5);
    expect(drawIds(seed, 'targets', [...ids].reverse(), 5)).toEqual(a);
    expect(new Set(a).size).toBe(5);
    expect(drawIds(seed, 'inspectors', ids, 5)).not.toEqual(a);
    expect(drawIds(newSeed(), 'targets', ids, 5)).not.toEqual(a);
    expect(drawIds(seed, 'targets', ids.slice(0, 3), 5)).toHaveLength(3);
  });

  it('pins known draws (values computed independently with Python’s hmac module), so the documented algorithm never changes silently', () => {
    expect(drawIds('00'.repeat(32), 'targets', ['e', 'd', 'c', 'b', 'a'], 2)).toEqual(['a', 'b']);
    const digits = Array.from({ length: 10 }, (_, i) => String(i));
    expect(drawIds('0123456789abcdef'.repeat(4), 'targets', digits, 4)).toEqual(['6', '1', '5', '4']);
  });

  it('excludes inspectors who belong to a drawn school or organization', () => {
    const pool = [
      { id: 'i1', schoolId: 's1', orgId: null },
      { id: 'i2', schoolId: null, orgId: 'o1' },
      { id: 'i3', schoolId: 's2', orgId: null },
      { id: 'i4', schoolId: null, orgId: null },
    ];
    expect(unlinkedInspectors(pool, ['s1', 'o1'])).toEqual(['i3', 'i4']);
    expect(linkedInspectors(pool, ['s1', 'o1'])).toEqual([
      { id: 'i1', linkedTo: 's1' },
      { id: 'i2', linkedTo: 'o1' },
    ]);
    expect(linkedInspectors(pool, [])).toEqual([]);
  });
});

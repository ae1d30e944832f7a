import { createHmac, randomBytes } from 'node:crypto';

/** A draw's seed: 32 random bytes from node:crypto, recorded as hex. */
export const newSeed = () => randomBytes(32).toString('hex');

/**
 * DRAW_ALGORITHM (packages/shared): a partial Fisher–Yates shuffle whose random numbers come from HMAC-SHA256 keyed
 * by the seed over "<stream>:<i>", over ids sorted as text. Deterministic: the same seed, stream and ids give the
 * same draw anywhere. The 48-bit draws make the modulo bias negligible (n ≤ thousands).
 */
export function drawIds(seedHex: string, stream: string, ids: readonly string[], k: number): string[] {
  const a = [...ids].sort();
  const key = Buffer.from(seedHex, 'hex');
  const take = Math.min(k, a.length);
  for (let i = 0; i < take; i++) {
    const r = createHmac('sha256', key).update(`${stream}:${i}`).digest().readUIntBE(0, 6);
    const j = i + (r % (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, take);
}

/** An inspector is linked to the inspected parties when it belongs to one of them (its school or organization). */
export function unlinkedInspectors(
  pool: readonly { id: string; schoolId: string | null; orgId: string | null }[],
  drawn: readonly string[],
): string[] {
  const d = new Set(drawn);
  return pool.filter((p) => !(p.schoolId && d.has(p.schoolId)) && !(p.orgId && d.has(p.orgId))).map((p) => p.id);
}

/** The inspectors left out of a draw's pool, each with the drawn party it belongs to (the complement of unlinkedInspectors). */
export function linkedInspectors(
  pool: readonly { id: string; schoolId: string | null; orgId: string | null }[],
  drawn: readonly string[],
): { id: string; linkedTo: string }[] {
  const d = new Set(drawn);
  return pool.flatMap((p) => {
    const party = p.schoolId && d.has(p.schoolId) ? p.schoolId : p.orgId && d.has(p.orgId) ? p.orgId : null;
    return party ? [{ id: p.id, linkedTo: party }] : [];
  });
}

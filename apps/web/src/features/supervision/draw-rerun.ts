/**
 * The draw algorithm of 双随机一公开 (DRAW_ALGORITHM in @onex/shared) re-run in the browser with Web Crypto, so anyone
 * checks a recorded draw from its seed without trusting the server: HMAC-SHA256 keyed by the seed over
 * "<stream>:<i>", the first 6 bytes big-endian, a partial Fisher–Yates shuffle over the ids sorted as text.
 */
export async function rerunDraw(seedHex: string, stream: string, ids: readonly string[], k: number): Promise<string[]> {
  const a = [...ids].sort();
  const bytes = new Uint8Array((seedHex.match(/../g) ?? []).map((h) => parseInt(h, 16)));
  const key = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const take = Math.min(k, a.length);
  for (let i = 0; i < take; i++) {
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${stream}:${i}`)));
    let r = 0;
    for (let b = 0; b < 6; b++) r = r * 256 + mac[b]!;
    const j = i + (r % (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, take);
}

/** Web Crypto exists only in a secure context (https, or localhost). */
export const canRerun = () => typeof crypto !== 'undefined' && typeof crypto.subtle?.sign === 'function';

export const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

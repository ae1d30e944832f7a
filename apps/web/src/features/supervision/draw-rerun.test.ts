import { describe, expect, it } from 'vitest';
import { rerunDraw } from './draw-rerun';

describe('R8.4 re-running a draw from its seed in the browser', () => {
  it('gives the pinned draws of the server’s algorithm (draws.rules.test.ts, computed with Python’s hmac module)', async () => {
    expect(await rerunDraw('00'.repeat(32), 'targets', ['e', 'd', 'c', 'b', 'a'], 2)).toEqual(['a', 'b']);
    const digits = Array.from({ length: 10 }, (_, i) => String(i));
    expect(await rerunDraw('0123456789abcdef'.repeat(4), 'targets', digits, 4)).toEqual(['6', '1', '5', '4']);
    expect(await rerunDraw('0123456789abcdef'.repeat(4), 'targets', [...digits].reverse(), 4)).toEqual(['6', '1', '5', '4']);
    expect(await rerunDraw('0123456789abcdef'.repeat(4), 'inspectors', digits, 4)).not.toEqual(['6', '1', '5', '4']);
  });
});

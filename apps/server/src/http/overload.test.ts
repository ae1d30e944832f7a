import { describe, expect, it } from 'vitest';
import { InFlightLimit } from './overload';

describe('InFlightLimit (issue 20 #8): in flight ≤ max(floor, throughput × target wait)', () => {
  it('takes the floor on a quiet server, then follows the best throughput of the last minute', () => {
    let now = 0;
    const limit = new InFlightLimit(500, 4, () => now);
    expect(limit.limit()).toBe(4);
    for (let i = 0; i < 4; i++) expect(limit.tryEnter()).toBe(true);
    expect(limit.tryEnter()).toBe(false);
    // 100 answers a second for two seconds: 50 may be in flight for a 500 ms wait.
    for (let t = 0; t < 2000; t += 10) {
      now = t;
      limit.leave();
      expect(limit.tryEnter()).toBe(true);
    }
    expect(limit.limit()).toBe(50);
    now = 10_000; // a pause: the next burst is let in up to what the server has shown it carries
    expect(limit.limit()).toBe(50);
    now = 70_000; // nothing answered for over a minute: back to the floor
    expect(limit.limit()).toBe(4);
  });
});

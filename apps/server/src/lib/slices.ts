/** Rows handled between two turns of the event loop in a long loop over an uploaded file. */
export const SLICE = 1_000;

/**
 * Calls `fn` for every item, letting the event loop serve this process's other requests between slices of `SLICE`
 * items: checking a 20,000-row file in one stretch held the loop ~250 ms on a quiet machine and over a second under
 * load (`npm run bench -- mixed`: verification waited behind it).
 */
export async function eachInSlices<T>(items: readonly T[], fn: (item: T, index: number) => void): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    fn(items[i]!, i);
  }
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where a worker thread's entry is: `dist/<name>.js` beside the bundle (built by scripts/build-server.mjs); from the
 * sources (tsx in development, vitest, the benchmarks) the .ts file, loaded through tsx by ts-worker.mjs.
 */
export function workerEntry(name: string): { url: URL; entry?: string } {
  const js = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(js))) return { url: js };
  return { url: new URL('./ts-worker.mjs', import.meta.url), entry: new URL(`./${name}.ts`, import.meta.url).href };
}

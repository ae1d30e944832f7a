/**
 * npm run bench -- <name>: runs bench/<name>.ts. Each benchmark prints its figures, the baseline it is
 * compared with (measured in the same run) and a last line `RESULT name=… key=value …`.
 * PostgreSQL benchmarks use BENCH_DATABASE_URL (default: the local server).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

const names = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const name = process.argv[2];
if (!name || !names.includes(name)) {
  console.error(`用法 usage: npm run bench -- <${names.join(' | ')}>`);
  process.exit(1);
}
const mod = (await import(path.join(import.meta.dirname, `${name}.bench.ts`))) as { run(args: string[]): Promise<void> };
await mod.run(process.argv.slice(3));

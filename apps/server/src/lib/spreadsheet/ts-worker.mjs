// Runs a TypeScript worker entry from the sources (tsx in development, vitest, the benchmarks): Node 20 does not
// apply `--import tsx` given in a worker's execArgv, so the worker registers tsx itself, then loads the entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);

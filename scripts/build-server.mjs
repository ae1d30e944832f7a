// Bundles the server into apps/server/dist/main.js (plain Node at run time: no TypeScript loader, faster start), and
// the spreadsheet worker threads beside it (dist/spreadsheet.worker.js, dist/sheet-writer.worker.js; lib/spreadsheet/worker-entry.ts).
// Dependencies stay external (installed by npm); the workspace's own TypeScript (@onex/shared) is bundled in.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../apps/server/package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@onex/'));

await build({
  entryPoints: {
    main: 'apps/server/src/main.ts',
    'spreadsheet.worker': 'apps/server/src/lib/spreadsheet/spreadsheet.worker.ts',
    'sheet-writer.worker': 'apps/server/src/lib/spreadsheet/sheet-writer.worker.ts',
  },
  outdir: 'apps/server/dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

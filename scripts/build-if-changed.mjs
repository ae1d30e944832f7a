// `npm start`: builds the web app and the server only when their sources changed since the last build (a hash of
// the sources is kept beside the server bundle); `npm run build` always builds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const INPUTS = ['apps/web', 'apps/server/src', 'packages/shared', 'scripts/build-server.mjs', 'package-lock.json'];
const SKIP = new Set(['node_modules', 'dist', 'coverage']);
const STAMP = path.join(ROOT, 'apps/server/dist/.sources-hash');
const OUTPUTS = ['apps/server/dist/main.js', 'apps/web/dist/index.html', 'apps/web/dist/login.html'];

function files(rel) {
  const abs = path.join(ROOT, rel);
  if (!existsSync(abs)) return [];
  if (statSync(abs).isFile()) return [rel];
  return readdirSync(abs, { withFileTypes: true })
    .filter((e) => !SKIP.has(e.name) && !e.name.endsWith('.test.ts') && !e.name.endsWith('.test.tsx'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => files(path.join(rel, e.name)));
}

const hash = createHash('sha256');
for (const f of INPUTS.flatMap(files))
  hash
    .update(f)
    .update('\0')
    .update(readFileSync(path.join(ROOT, f)))
    .update('\0');
const sources = hash.digest('hex');

const built = OUTPUTS.every((f) => existsSync(path.join(ROOT, f))) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === sources;
if (built) {
  console.log('构建已是最新，跳过 build is up to date, skipped');
} else {
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  writeFileSync(STAMP, sources);
}

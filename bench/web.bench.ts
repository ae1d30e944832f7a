/**
 * npm run bench -- web [--runs=3]   (build first: npm run build)
 *
 * Issue 21 item 12, fast first load: the built server (demo data, fresh data folder) and headless Chromium with an
 * empty cache per load. Measured: the login page until its 登录 button is visible, and a heavy list (gd-admin's
 * 院校 list) until its first row is visible, each with the bytes transferred (CDP Network.loadingFinished
 * encodedDataLength, headers included). The login page is its own small entry (login.html, no React or antd), so
 * total_kb is that page's whole transfer. entry_kb: the SPA's entry script and the chunks it imports statically (what
 * must arrive before any SPA page renders) as transferred, measured on the list load. Baseline in the same run: the same server with
 * WEB_PRECOMPRESSED=0 (uncompressed files). Targets: entry_kb ≤ 300, login_ms ≤ 500 on loopback.
 * Figures are medians over `runs` cold loads.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/server';
import { freePort, ROOT, startServer, stop, waitForOk } from './lib';

interface Load {
  ms: number;
  totalBytes: number;
  entryBytes: number;
}
interface Figures {
  loginMs: number;
  listMs: number;
  entryKb: number;
  totalKb: number;
  listKb: number;
}

const WEB_DIST = path.join(ROOT, 'apps/web/dist');

/** The entry script and its modulepreloads, as index.html names them. */
function entryScripts(): string[] {
  const html = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
}

/** Opens `url` in `page` with an empty cache, waits for `visible`, and counts the bytes each response transferred. */
async function coldLoad(page: Page, url: string, visible: string, entry: string[]): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map<string, string>();
  const bytes = new Map<string, number>();
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, new URL(e.response.url).pathname));
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(visible).first().waitFor({ state: 'visible', timeout: 30_000 });
  const ms = performance.now() - started;
  await page.waitForLoadState('networkidle');
  let totalBytes = 0;
  let entryBytes = 0;
  for (const [id, n] of bytes) {
    totalBytes += n;
    if (entry.includes(urls.get(id) ?? '')) entryBytes += n;
  }
  await cdp.detach();
  return { ms, totalBytes, entryBytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => Math.round(n / 1024);

async function measure(browser: Browser, baseUrl: string, runs: number): Promise<Figures> {
  const entry = entryScripts();
  const login: Load[] = [];
  const list: Load[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    login.push(await coldLoad(page, `${baseUrl}/login`, 'button[type=submit]', entry));
    // Signed in through the API (the session cookie lands in this context), then the list with an empty cache.
    const res = await context.request.post(`${baseUrl}/api/v1/auth/login`, { data: { username: 'gd-admin', password: DEMO_PASSWORD } });
    if (!res.ok()) throw new Error(`login failed: ${res.status()}`);
    list.push(await coldLoad(page, `${baseUrl}/schools`, '.ant-table-row', entry));
    await context.close();
  }
  return {
    loginMs: Math.round(median(login.map((l) => l.ms))),
    listMs: Math.round(median(list.map((l) => l.ms))),
    // The SPA entry arrives with the list page (the login page no longer loads it).
    entryKb: kb(median(list.map((l) => l.entryBytes))),
    totalKb: kb(median(login.map((l) => l.totalBytes))),
    listKb: kb(median(list.map((l) => l.totalBytes))),
  };
}

async function withServer<T>(env: Record<string, string>, fn: (baseUrl: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'onex-bench-web-'));
  const port = await freePort();
  const server = startServer({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ...env });
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForOk(`${baseUrl}/api/v1/health`, 60_000, server);
    return await fn(baseUrl);
  } finally {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function show(label: string, f: Figures): void {
  console.log(
    `${label}: login ${f.loginMs} ms, list ${f.listMs} ms, entry ${f.entryKb} KB, login page ${f.totalKb} KB, list page ${f.listKb} KB`,
  );
}

export async function run(args: string[]): Promise<void> {
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 3);
  if (!existsSync(path.join(WEB_DIST, 'index.html')) || !existsSync(path.join(ROOT, 'apps/server/dist/main.js')))
    throw new Error('先构建 build first: npm run build');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const base = await withServer({ WEB_PRECOMPRESSED: '0' }, (url) => measure(browser, url, runs));
    const fast = await withServer({}, (url) => measure(browser, url, runs));
    show('baseline (uncompressed)', base);
    show('precompressed (br)', fast);
    console.log(
      `targets: entry ≤ 300 KB ${fast.entryKb <= 300 ? 'met' : 'MISSED'}, login ≤ 500 ms ${fast.loginMs <= 500 ? 'met' : 'MISSED'}`,
    );
    console.log(
      `RESULT name=web login_ms=${fast.loginMs} list_ms=${fast.listMs} entry_kb=${fast.entryKb} total_kb=${fast.totalKb} list_kb=${fast.listKb}` +
        ` baseline_login_ms=${base.loginMs} baseline_list_ms=${base.listMs} baseline_entry_kb=${base.entryKb} baseline_total_kb=${base.totalKb} baseline_list_kb=${base.listKb}`,
    );
  } finally {
    await browser.close();
  }
}

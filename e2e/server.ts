import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { ROOT, freePort, startServer, stop, waitForOk } from '../bench/lib';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Headless Chromium in a container: no sandbox, no GPU, nothing fetched in the background. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOTS = path.join(ROOT, 'test-results/e2e');

/** The real platform on the embedded default (fresh data folder, demo data) serving the built web app, and Debian Chromium. */
export async function startPlatform(
  env: Record<string, string> = {},
): Promise<{ baseUrl: string; browser: Browser; close(): Promise<void> }> {
  if (!existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) throw new Error('先构建前端 build the web app first: npm run build');
  if (!existsSync(CHROMIUM)) throw new Error(`未找到 Chromium (${CHROMIUM})：apt-get install chromium fonts-noto-cjk`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'onex-e2e-'));
  const port = await freePort();
  const server: ChildProcess = startServer({ ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForOk(`${baseUrl}/api/v1/health`, 60_000, server);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  return {
    baseUrl,
    browser,
    close: async () => {
      // A browser that does not close in 10 s (seen once in CI) must not keep the server and the run waiting.
      await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]);
      await stop(server);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

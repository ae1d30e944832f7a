import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, chromium } from 'playwright-core';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
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

type Opened = { context: BrowserContext; page: Page };
export interface Platform {
  baseUrl: string;
  browser: Browser;
  /** A new browser context in Chinese at a desktop size (unless `options` say otherwise), and its page. */
  newPage(options?: BrowserContextOptions): Promise<Opened>;
  /** Signs in on the login page (the demo password unless given) and waits for the home page. */
  login(username: string, options?: BrowserContextOptions & { password?: string }): Promise<Opened>;
  close(): Promise<void>;
}

/** The real platform on the embedded default (fresh data folder, demo data) serving the built web app, and Debian Chromium. */
export async function startPlatform(env: Record<string, string> = {}): Promise<Platform> {
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
  const newPage = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, ...options });
    return { context, page: await context.newPage() };
  };
  return {
    baseUrl,
    browser,
    newPage,
    login: async (username, { password = DEMO_PASSWORD, ...options } = {}) => {
      const opened = await newPage(options);
      const { page } = opened;
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByTestId('home-title').waitFor({ timeout: 15_000 });
      return opened;
    },
    close: async () => {
      // A browser that does not close in 10 s (seen once in CI) must not keep the server and the run waiting.
      await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]);
      await stop(server);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

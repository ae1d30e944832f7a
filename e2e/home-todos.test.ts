import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { SCREENSHOTS, startPlatform } from './server';

/**
 * Browser journey of the home page's 待办 (issue 21 #1): three roles each see their waiting work with a count and
 * follow its link to the list; the learner's bell shows the waiting consent. And the readable audit log (issue 21 #4).
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 15_000 };

async function signIn(username: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${platform.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('home-title').waitFor(WAIT);
  return { page, close: () => context.close() };
}

/** The 待办 row of a kind shows a positive count; its link opens `path`. */
async function followTodo(page: Page, kind: string, label: string, pathname: string) {
  const row = page.getByTestId(`todo-${kind}`);
  await row.waitFor(WAIT);
  const text = (await row.textContent()) ?? '';
  expect(text).toContain(label);
  expect(Number(/\d+/.exec(text)?.[0] ?? '0')).toBeGreaterThan(0);
  await page.getByTestId(`todo-link-${kind}`).click();
  await page.waitForURL((u) => u.pathname === pathname, WAIT);
}

describe('home 待办 (issue 21 #1)', () => {
  it('learner1 sees the registration waiting for its consent, the bell says so too, and the link opens its exams', async () => {
    const { page, close } = await signIn('learner1');
    try {
      await page.getByTestId('home-todos').waitFor(WAIT);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'home-todos-learner.png'), fullPage: true });
      await page.getByTestId('notification-bell').click();
      await page.getByText('请确认考核报名', { exact: false }).first().waitFor(WAIT);
      await page.keyboard.press('Escape');
      await followTodo(page, 'consents', '待本人确认的考核报名', '/my-exams');
      await page.getByTestId('pending-consents').waitFor(WAIT);
    } finally {
      await close();
    }
  });

  it('gz-admin sees the filings waiting for 初审 and opens the municipal review list', async () => {
    const { page, close } = await signIn('gz-admin');
    try {
      await followTodo(page, 'filings_municipal_review', '待初审的备案', '/municipal-review');
    } finally {
      await close();
    }
  });

  it('gd-admin sees the filings to review above the key figures and opens the review list', async () => {
    const { page, close } = await signIn('gd-admin');
    try {
      await page.getByTestId('home-todos').waitFor(WAIT);
      const todosBox = await page.getByTestId('home-todos').boundingBox();
      const figuresBox = await page.getByTestId('key-figures').boundingBox();
      expect(todosBox!.y).toBeLessThan(figuresBox!.y);
      await followTodo(page, 'filings_provincial_review', '待审核的备案', '/filing-review');
    } finally {
      await close();
    }
  });
});

describe('readable audit log (issue 21 #4)', () => {
  it('national reads actions as Chinese labels and filters by an action chosen from the list', async () => {
    const { page, close } = await signIn('national');
    try {
      await page.goto(`${platform.baseUrl}/audit`);
      await page.getByTestId('audit-action-label').first().waitFor(WAIT);
      await page.getByTestId('audit-action').click();
      await page.keyboard.type('初始化演示数据');
      await page.locator('.ant-select-item-option').filter({ hasText: '初始化演示数据' }).first().click();
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.getByTestId('audit-action-label').filter({ hasText: '初始化演示数据' }).first().waitFor(WAIT);
      const labels = await page.getByTestId('audit-action-label').allTextContents();
      expect(labels.length).toBeGreaterThan(0);
      expect(labels.every((l) => l === '初始化演示数据')).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'audit-readable.png'), fullPage: true });
    } finally {
      await close();
    }
  });
});

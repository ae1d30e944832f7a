import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, startPlatform } from './server';

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const APP_TITLE = '1+X 证书信息管理服务平台';

/** The breadcrumb trail as its texts (首页 / group / page / 详情). */
async function crumbs(page: Page) {
  const items = page.getByTestId('breadcrumbs').locator('.ant-breadcrumb-link');
  return (await items.allTextContents()).map((s) => s.trim());
}

describe('browser journeys: navigation (issue 21 item 10)', () => {
  it('a school administrator sees a grouped menu, breadcrumbs and the page in the tab title on a filing', async () => {
    const { context, page } = await platform.login('gzcp-admin', { viewport: { width: 1280, height: 900 } });
    try {
      expect(await page.title()).toBe(`首页 - ${APP_TITLE}`);
      const groups = (await page.locator('.app-sider .ant-menu-item-group-title').allTextContents()).map((s) => s.trim());
      for (const g of ['院校与专业', '试点备案', '考核', '证书', '学分银行', '监督']) expect(groups).toContain(g);
      // The home item stays on top, above every group.
      const firstItem = page.locator('.app-sider .ant-menu-root > li').first();
      expect((await firstItem.textContent())?.trim()).toBe('首页');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'navigation-menu.png') });

      await page.locator('.app-sider').getByRole('menuitem', { name: '试点备案' }).click();
      await page.waitForURL(/\/filings$/);
      await page.getByTestId('filings-table').waitFor({ timeout: 15_000 });
      // The group 试点备案 is not repeated before the page of the same name.
      expect(await crumbs(page)).toEqual(['首页', '试点备案']);
      await expect.poll(() => page.title()).toBe(`试点备案 - ${APP_TITLE}`);

      await page.getByText('工业机器人应用编程').first().click({ timeout: 15_000 });
      await page.waitForURL(/\/filings\/[0-9a-f-]{36}/);
      await page.getByTestId('filing-detail').waitFor({ timeout: 15_000 });
      expect(await crumbs(page)).toEqual(['首页', '试点备案', '详情']);
      expect(await page.title()).toBe(`试点备案 - ${APP_TITLE}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'navigation-breadcrumbs.png') });

      // The list crumb leads back to the list; the home crumb home.
      await page.getByTestId('breadcrumbs').getByRole('link', { name: '试点备案' }).click();
      await page.waitForURL(/\/filings$/);
      await page.getByTestId('breadcrumbs').getByRole('link', { name: '首页' }).click();
      await page.getByTestId('home-title').waitFor();
      expect(await page.title()).toBe(`首页 - ${APP_TITLE}`);
    } finally {
      await context.close();
    }
  });

  it('the municipal bureau must confirm 受理: cancelling keeps the filing submitted, confirming accepts it', async () => {
    const { context, page } = await platform.login('gz-admin', { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${platform.baseUrl}/municipal-review`);
      await page.getByText('广州市轻工职业学校').first().waitFor({ timeout: 15_000 });
      await page.getByText('Web 前端开发').first().click();
      await page.waitForURL(/\/filings\/[0-9a-f-]{36}/);
      await page.getByTestId('filing-detail').waitFor({ timeout: 15_000 });
      expect(await crumbs(page)).toEqual(['首页', '试点备案', '备案初审', '详情']);
      expect(await page.title()).toBe(`备案初审 - ${APP_TITLE}`);
      const status = page.getByTestId('filing-status').first();
      expect((await status.textContent())?.trim()).toBe('已提交');

      await page.getByTestId('action-accept').click();
      await page.getByText('确认受理该备案？').waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'navigation-accept-confirm.png') });
      await page.getByTestId('accept-confirm-cancel').click();
      await page.getByText('确认受理该备案？').waitFor({ state: 'hidden' });
      expect((await status.textContent())?.trim()).toBe('已提交');

      await page.getByTestId('action-accept').click();
      await page.getByTestId('accept-confirm-ok').click();
      await expect.poll(async () => (await status.textContent())?.trim(), { timeout: 15_000 }).toBe('地市初审中');
    } finally {
      await context.close();
    }
  });

  it('the province must confirm 通过 before a filing is approved', async () => {
    const { context, page } = await platform.login('gd-admin', { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${platform.baseUrl}/filing-review`);
      await page.getByText('智能财税').first().click({ timeout: 15_000 });
      await page.waitForURL(/\/filings\/[0-9a-f-]{36}/);
      await page.getByTestId('decide-card').waitFor({ timeout: 15_000 });
      expect(await crumbs(page)).toEqual(['首页', '试点备案', '备案审核', '详情']);
      // Warnings the school explained must be decided first; accept each with a reason.
      const radios = page.locator('[data-testid^="warning-decision-"]:not([data-testid^="warning-decision-reason-"])');
      for (let i = 0; i < (await radios.count()); i++) await radios.nth(i).getByText('认可', { exact: true }).click();
      const reasons = page.locator('[data-testid^="warning-decision-reason-"]');
      for (let i = 0; i < (await reasons.count()); i++) await reasons.nth(i).fill('理由充分');
      const status = page.getByTestId('filing-status').first();
      const before = (await status.textContent())?.trim();

      await page.getByTestId('action-approve').click();
      await page.getByText('确认审核通过该备案？').waitFor();
      await page.getByTestId('approve-confirm-cancel').click();
      await page.getByText('确认审核通过该备案？').waitFor({ state: 'hidden' });
      expect((await status.textContent())?.trim()).toBe(before);
      expect(await page.getByTestId('decide-card').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

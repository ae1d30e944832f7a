import type { AllocationDto, BudgetDto, FundEntryDto } from '@onex/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { startPlatform } from './server';

/**
 * Browser journeys of the special funds (issue 15) on the demo data: 广州城市职业学院 records spending against its
 * approved budget (R4.5), then 广东 computes and publishes a factor-method allocation (R4.6).
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 15_000 };

async function loginPage(username: string) {
  const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${platform.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('home-title').waitFor(WAIT);
  return { context, page };
}

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(`${platform.baseUrl}${url}`);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).click();
}

describe('special funds in the browser (issue 15)', () => {
  it('R4.5 a school records spending against its approved budget; the balance is the sum of its entries', async () => {
    const { context, page } = await loginPage('gzcp-admin');
    try {
      const budget = (await apiGet<{ items: BudgetDto[] }>(page, '/api/v1/fund-budgets')).items[0]!;
      await page.locator('.ant-menu').getByText('专项经费', { exact: true }).click();
      await page.getByTestId(`open-ledger-${budget.id}`).click(WAIT);
      await pick(page, 'spend-category', '师资培训');
      await page.getByTestId('spend-amount').fill('1234.56');
      await page.getByTestId('spend-date').click();
      await page.keyboard.type('2026-09-01');
      await page.keyboard.press('Enter');
      await page.getByTestId('spend-payee').fill('广东省职业技术教育学会');
      await page.getByTestId('spend-purpose').fill('教师参加师资培训（第二期）');
      const posted = page.waitForResponse(
        (r) => r.url().endsWith(`/fund-budgets/${budget.id}/spending`) && r.request().method() === 'POST',
        WAIT,
      );
      await page.getByTestId('spend-submit').click();
      expect((await posted).status()).toBe(201);
      await page.getByTestId('ledger').getByText('教师参加师资培训（第二期）').waitFor(WAIT);
      const after = await apiGet<BudgetDto>(page, `/api/v1/fund-budgets/${budget.id}`);
      const entries = (await apiGet<{ items: FundEntryDto[] }>(page, `/api/v1/fund-budgets/${budget.id}/entries`)).items;
      expect(after.spentFen).toBe(budget.spentFen + 123_456);
      expect(after.balanceFen).toBe(entries.reduce((s, e) => s + e.amountFen, 0));
    } finally {
      await context.close();
    }
  });

  it('R4.6 the province computes an allocation whose shares sum exactly to the total, and publishes it', async () => {
    const { context, page } = await loginPage('gd-admin');
    try {
      await page.locator('.ant-menu').getByText('经费分配', { exact: true }).click();
      await page.getByTestId('allocation-total').fill('888888.88');
      const posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/fund-allocations') && r.request().method() === 'POST', WAIT);
      await page.getByTestId('allocation-compute').click();
      const res = await posted;
      expect(res.status()).toBe(201);
      const a = (await res.json()) as AllocationDto;
      expect(a.shares.reduce((s, x) => s + x.computedFen, 0)).toBe(88_888_888);
      await page.getByTestId('allocation-final-total').getByText('¥888,888.88').waitFor(WAIT);
      const published = page.waitForResponse((r) => r.url().endsWith(`/fund-allocations/${a.id}/publish`), WAIT);
      await page.getByTestId('allocation-publish').click();
      expect((await published).status()).toBe(200);
      expect((await apiGet<AllocationDto>(page, `/api/v1/fund-allocations/${a.id}`)).status).toBe('published');
    } finally {
      await context.close();
    }
  });
});

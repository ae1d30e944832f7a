import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { SCREENSHOTS, startPlatform } from './server';

/** Browser journey of 统计分析 (issue 16, R10.1): gd-admin drills from the province to a school and exports the table. */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 15_000 };

describe('statistics (R10.1)', () => {
  it('R10.1 gd-admin sees key figures at home, drills 广东省 → 广州市 → a school, and exports the table as .xlsx', async () => {
    const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    try {
      await page.goto(`${platform.baseUrl}/login`);
      await page.getByLabel('用户名').fill('gd-admin');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByTestId('home-title').waitFor(WAIT);
      await page.getByTestId('key-figures').waitFor(WAIT);
      expect(await page.getByTestId('key-figures').textContent()).toContain('试点项目');

      await page.locator('.ant-menu').getByText('统计分析', { exact: true }).click();
      await page.getByTestId('drill-440000').click();
      await page.getByTestId('drill-440100').click();
      const table = page.getByTestId('statistics-table');
      await table.getByText('广州城市职业学院').waitFor(WAIT);
      expect(await page.getByTestId('statistics-path').textContent()).toContain('广州市');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'statistics-schools.png'), fullPage: true });

      const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByTestId('export-xlsx').click()]);
      expect(download.suggestedFilename()).toBe('statistics.xlsx');
    } finally {
      await context.close();
    }
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { startPlatform } from './server';

/**
 * Browser journey of 导出 (issue 16 item 4, R10.2): with a small EXPORT_JOB_THRESHOLD a list export becomes a job —
 * the button shows its progress, polls it and downloads the file, which has every row of the list; a short list is
 * downloaded at once.
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform({ EXPORT_JOB_THRESHOLD: '3' });
});
afterAll(() => platform?.close());

const WAIT = { timeout: 20_000 };

describe('exports (R10.2)', () => {
  it('R10.2 national exports the schools (a job: 202, progress, download) and the accounts, each with every row', async () => {
    const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    try {
      await page.goto(`${platform.baseUrl}/login`);
      await page.getByLabel('用户名').fill('national');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByTestId('home-title').waitFor(WAIT);

      for (const [menu, list, file] of [
        ['院校管理', '/api/v1/schools', 'schools.xlsx'],
        ['账号管理', '/api/v1/users', 'users.xlsx'],
      ] as const) {
        await page.locator('.ant-menu').getByText(menu, { exact: true }).click();
        await page.locator('.ant-table-row').first().waitFor(WAIT);
        const total = await page.evaluate(
          async (url) => ((await (await fetch(`${url}?pageSize=1`)).json()) as { total: number }).total,
          list,
        );
        // The previous export's notification may still be open: this export must add one of its own.
        const done = page.getByText('导出文件已生成，开始下载');
        const before = await done.count();
        const [answer, download] = await Promise.all([
          page.waitForResponse((r) => r.url().includes(`${list}?`) && r.url().includes('format=xlsx'), WAIT),
          page.waitForEvent('download', WAIT),
          page.getByTestId('export-xlsx').first().click(),
        ]);
        expect(answer.status()).toBe(total > 3 ? 202 : 200);
        expect(download.suggestedFilename()).toBe(file);
        if (total > 3) await expect.poll(() => done.count(), WAIT).toBeGreaterThan(before);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(await download.path());
        expect(wb.worksheets[0]!.actualRowCount - 1).toBe(total);
      }
    } finally {
      await context.close();
    }
  });
});

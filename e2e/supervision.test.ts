import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, startPlatform } from './server';

/** Browser journey of 投诉举报 (issue 13, R8.5): the public files a complaint without an account and follows it. */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 15_000 };

describe('complaints (R8.5)', () => {
  it('R8.5 someone without an account files a complaint against a school from the verify page and follows it by tracking code', async () => {
    const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${platform.baseUrl}/verify`);
      await page.getByTestId('verify-complaints-link').click();
      await page.waitForURL(/\/complaints$/);
      await page.getByTestId('complaint-category').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '强制报考' }).click();
      await page.getByTestId('complaint-subject').click();
      await page.keyboard.type('广州城市');
      await page.locator('.ant-select-item-option').filter({ hasText: '广州城市职业学院' }).click();
      await page.getByTestId('complaint-content').fill('学校要求全班学生必须报名参加证书考核，不报名不能毕业。<script>alert(1)</script>');
      const filed = page.waitForResponse((r) => r.url().endsWith('/api/v1/public/complaints') && r.request().method() === 'POST', WAIT);
      await page.getByTestId('complaint-submit').click();
      expect((await filed).status()).toBe(201);
      const code = (await page.getByTestId('tracking-code').textContent())!.trim();
      expect(code).toMatch(/^[0-9A-Z]{12,}$/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'complaint-filed.png'), fullPage: true });

      await page.getByRole('tab', { name: '查询办理进度' }).click();
      await page.getByTestId('track-code').fill(code.toLowerCase());
      await page.getByTestId('track-submit').click();
      await page.getByTestId('track-result').waitFor(WAIT);
      expect(await page.getByTestId('track-status').textContent()).toBe('已受理登记');
      expect(await page.getByTestId('track-result').textContent()).toContain('强制报考');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'complaint-tracked.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});

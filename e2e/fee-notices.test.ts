import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, startPlatform } from './server';

/**
 * 收费公告 in the browser (issue 17 item 6): the organization (org-robot) publishes a fee notice for 工业机器人应用编程
 * 中级 on its 收费公告 page; anyone sees it, without an account, on the certificate's public detail; 湖北's
 * administrator sees its own caps beside the national ones on 政策文件与规则.
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 15_000 };

describe('fee notices (收费公告, issue 17 item 6)', () => {
  it('the organization publishes a notice; the public certificate detail shows it; 湖北 sees its lower caps', async () => {
    const org = await platform.login('org-robot');
    try {
      await org.page.locator('.app-sider').getByRole('menuitem', { name: '收费公告' }).click();
      await org.page.getByTestId('fee-notices-table').waitFor(WAIT);
      // the demo's notice is there
      await org.page.getByTestId('fee-notices-table').getByText('工业机器人应用编程 · 中级').first().waitFor(WAIT);
      await org.page.getByTestId('fee-notice-publish').click();
      await org.page.getByTestId('fee-notice-level').click();
      await org.page.getByText('工业机器人应用编程 · 中级（国家收费上限 ¥540.00）').click();
      await org.page.getByTestId('fee-notice-school').fill('460');
      await org.page.getByTestId('fee-notice-social').fill('470');
      const published = org.page.waitForResponse((r) => r.url().endsWith('/api/v1/fee-notices') && r.request().method() === 'POST');
      await org.page.getByTestId('fee-notice-ok').click();
      expect((await published).status()).toBe(201);
      await org.page.getByTestId('fee-notices-table').getByText('¥470.00').waitFor(WAIT);
      await org.page.screenshot({ path: path.join(SCREENSHOTS, 'fee-notices-org.png'), fullPage: true });
    } finally {
      await org.context.close();
    }

    // Anyone, without an account: the certificate's public detail lists the notice in force.
    const visitor = await platform.browser.newContext({ locale: 'zh-CN' });
    try {
      const page = await visitor.newPage();
      const list = await page.request.get(`${platform.baseUrl}/api/v1/public/certificate-types?pageSize=200`);
      const ir = ((await list.json()) as { items: { id: string; code: string }[] }).items.find((c) => c.code === 'IR-PROG')!;
      await page.goto(`${platform.baseUrl}/catalog/${ir.id}`);
      const notices = page.getByTestId('public-fee-notices');
      await notices.getByText('¥470.00').waitFor(WAIT);
      await notices.getByText('执行中').first().waitFor(WAIT);
      await notices.screenshot({ path: path.join(SCREENSHOTS, 'fee-notices-public.png') });
    } finally {
      await visitor.close();
    }

    // 湖北's administrator: its own caps (the demo's, 90 %) beside the national ones.
    const hb = await platform.login('hb-admin');
    try {
      await hb.page.goto(`${platform.baseUrl}/policy-rules`);
      const caps = hb.page.getByTestId('province-fee-caps');
      await caps.getByText('¥270.00').waitFor(WAIT);
      await caps.getByText('¥300.00').waitFor(WAIT);
    } finally {
      await hb.context.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { startPlatform } from './server';

/**
 * Browser journeys of notices (issue 14 #1): the public and a learner read the national policy notice (R9.1); a school
 * opens 广东's notice forwarded to it by 广州, and 广东 sees the school's read receipt (000 三(二)).
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 15_000 };
const POLICY = '关于在院校实施“学历证书+若干职业技能等级证书”制度试点方案';
const GD_NOTICE = '关于做好本年度 1+X 证书制度试点工作的通知';

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

describe('notices (R9.1, 000 三(二))', () => {
  it('R9.1 someone without an account reads the national policy notice on the public page', async () => {
    const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${platform.baseUrl}/catalog`);
      await page.getByTestId('public-policies').click();
      await page.waitForURL(/\/policies$/);
      await page.getByTestId('public-notices').getByText(POLICY).click();
      await page.getByTestId('notice-body').waitFor(WAIT);
      expect(await page.getByTestId('notice-title').textContent()).toBe(POLICY);
      expect(await page.getByTestId('notice-body').textContent()).toContain('培育培训评价组织');
    } finally {
      await context.close();
    }
  });

  it('R9.1 a learner reads the public notice from its notices page', async () => {
    const { context, page } = await loginPage('learner1');
    try {
      await page.goto(`${platform.baseUrl}/notices`);
      await page.getByTestId('notices').getByText(POLICY).click();
      await page.getByTestId('notice-body').waitFor(WAIT);
      expect(await page.getByTestId('notice-title').textContent()).toBe(POLICY);
    } finally {
      await context.close();
    }
  });

  it('000 三(二) a school opens the notice forwarded to it; the province sees its read receipt', async () => {
    const school = await loginPage('gzcp-admin');
    try {
      await school.page.goto(`${platform.baseUrl}/notices`);
      const row = school.page.getByTestId('notices').locator('tr').filter({ hasText: GD_NOTICE });
      await row.getByText('未读').waitFor(WAIT);
      await row.getByText(GD_NOTICE).click();
      await school.page.getByTestId('notice-body').waitFor(WAIT);
    } finally {
      await school.context.close();
    }
    const gd = await loginPage('gd-admin');
    try {
      await gd.page.goto(`${platform.baseUrl}/notices`);
      await gd.page.getByTestId('notices').getByText(GD_NOTICE).click();
      const receipt = gd.page.getByTestId('notice-receipts').locator('tr').filter({ hasText: '广州城市职业学院' });
      await receipt.getByText('已读').waitFor(WAIT);
      expect(await receipt.textContent()).toContain('广州城市职业学院教务处');
      // Another school of 广州 has not read it yet.
      await gd.page
        .getByTestId('notice-receipts')
        .locator('tr')
        .filter({ hasText: '广东生态工程职业学院' })
        .getByText('未读')
        .waitFor(WAIT);
    } finally {
      await gd.context.close();
    }
  });
});

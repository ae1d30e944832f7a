import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { SCREENSHOTS, startPlatform } from './server';

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 15_000 };
const SCHOOL = '深圳湾智能制造职业技术学院';
// 12440300455899990 + its GB 32100-2015 check character, computed the way the form and the server do.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCode(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + CHARSET.indexOf(c) * WEIGHTS[i]!, 0);
  const check = 31 - (sum % 31);
  return first17 + CHARSET[check === 31 ? 0 : check];
}
const PASSWORD = 'Shenzhen#2026ok';

describe('browser journeys: a school registers itself and its province approves (R2.1, 002 四.3)', () => {
  it('R2.1 a new school registers without an account, gd-admin approves it, then its administrator signs in', async () => {
    const anon = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await anon.newPage();
    let trackingCode = '';
    try {
      await page.goto(`${platform.baseUrl}/login`);
      await page.getByTestId('login-school-registration-link').click();
      await page.waitForURL(/\/school-registration/);
      await page.getByTestId('reg-name').fill(SCHOOL);
      // A mistyped check character is caught in the form already.
      const code = creditCode('12440300455899990');
      const wrong = code.slice(0, 17) + (code[17] === '1' ? '2' : '1');
      await page.getByTestId('reg-credit-code').fill(wrong);
      await page.getByTestId('reg-name').click();
      await page.getByText('校验位不正确', { exact: false }).first().waitFor(WAIT);
      await page.getByTestId('reg-credit-code').fill(code);
      await page.getByTestId('reg-type').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '高职' }).first().click();
      await page.getByTestId('reg-province').click();
      await page.keyboard.type('广东');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '广东省' }).first().click();
      await page.getByTestId('reg-city').click();
      await page.keyboard.type('深圳');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '深圳市' }).first().click();
      await page.getByTestId('reg-leading-body').fill('1+X 证书制度试点工作领导小组');
      await page.getByTestId('reg-leading-head').fill('林校长');
      await page.getByTestId('reg-department').fill('教务处');
      await page.getByTestId('reg-department-head').fill('黄处长');
      await page.getByTestId('reg-contact-name').fill('陈老师');
      await page.getByTestId('reg-contact-phone').fill('0755-26000000');
      await page.getByTestId('reg-admin-username').fill('szw-admin');
      await page.getByTestId('reg-admin-name').fill('深圳湾教务处');
      await page.getByTestId('reg-admin-password').fill(PASSWORD);
      await page.getByTestId('reg-admin-password2').fill(PASSWORD);
      await page
        .getByTestId('reg-proof')
        .locator('input[type=file]')
        .setInputFiles({
          name: '事业单位法人证书.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1'),
        });
      const sent = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/public/school-registrations') && r.request().method() === 'POST',
        WAIT,
      );
      await page.getByTestId('reg-submit').click();
      expect((await sent).status()).toBe(201);
      trackingCode = ((await page.getByTestId('reg-code').textContent(WAIT)) ?? '').trim();
      expect(trackingCode).toMatch(/^[0-9A-Z]{16}$/);
      await page.getByTestId('reg-status').getByText('待审核').waitFor(WAIT);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'school-registration.png'), fullPage: true });

      // Not yet approved: the administrator account cannot sign in.
      const early = await page.request.post(`${platform.baseUrl}/api/v1/auth/login`, {
        data: { username: 'szw-admin', password: PASSWORD },
      });
      expect((await early.json()).error.code).toBe('ACCOUNT_DISABLED');
    } finally {
      await anon.close();
    }

    // The province: told, reviews the registration with its proof, approves it.
    const gdCtx = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const gd = await gdCtx.newPage();
    try {
      await gd.goto(`${platform.baseUrl}/login`);
      await gd.getByLabel('用户名').fill('gd-admin');
      await gd.getByLabel('密码').fill(DEMO_PASSWORD);
      await gd.getByRole('button', { name: /登\s*录/ }).click();
      await gd.getByTestId('home-title').waitFor(WAIT);
      const list = (await (
        await gd.request.get(`${platform.baseUrl}/api/v1/schools?status=pending&q=${encodeURIComponent(SCHOOL)}`)
      ).json()) as {
        items: { id: string }[];
      };
      expect(list.items).toHaveLength(1);
      await gd.goto(`${platform.baseUrl}/schools/${list.items[0]!.id}`);
      const info = gd.getByTestId('school-registration-info');
      await info.waitFor(WAIT);
      expect(await info.textContent()).toContain('1+X 证书制度试点工作领导小组');
      expect(await info.textContent()).toContain('szw-admin');
      expect(await gd.getByTestId('school-proof').getAttribute('href')).toMatch(/^\/api\/v1\/files\//);
      await gd.getByTestId('school-approve').click();
      await gd
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /审核通过|通\s*过/ })
        .click();
      await gd.getByTestId('school-status').filter({ hasText: '已通过' }).first().waitFor(WAIT);
      await gd.screenshot({ path: path.join(SCREENSHOTS, 'school-registration-approved.png'), fullPage: true });
    } finally {
      await gdCtx.close();
    }

    // The school's administrator now signs in and sees its approval notice.
    const schoolCtx = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const school = await schoolCtx.newPage();
    try {
      await school.goto(`${platform.baseUrl}/school-registration?code=${trackingCode}`);
      await school.getByTestId('reg-status').getByText('已通过').waitFor(WAIT);
      await school.goto(`${platform.baseUrl}/login`);
      await school.getByLabel('用户名').fill('szw-admin');
      await school.getByLabel('密码').fill(PASSWORD);
      await school.getByRole('button', { name: /登\s*录/ }).click();
      await school.getByTestId('home-title').waitFor(WAIT);
      const notes = (await (await school.request.get(`${platform.baseUrl}/api/v1/notifications`)).json()) as { items: { title: string }[] };
      expect(notes.items.map((n) => n.title)).toContain('院校注册已审核通过');
    } finally {
      await schoolCtx.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from './server';

/**
 * Browser journeys of notices (issue 14 #1): the public and a learner read the national policy notice (R9.1); a school
 * opens 广东's notice forwarded to it by 广州, and 广东 sees the school's read receipt (000 三(二)); 广东 types a notice in
 * the rich-text editor (heading, bold, list, link) and the public reads it formatted; 广东 picks its selected typical
 * case from the 公示 page's list (no id typed) and puts it on display (issue 14 item 3).
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 15_000 };
const POLICY = '关于在院校实施“学历证书+若干职业技能等级证书”制度试点方案';
const GD_NOTICE = '关于做好本年度 1+X 证书制度试点工作的通知';

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
    const { context, page } = await platform.login('learner1');
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
    const school = await platform.login('gzcp-admin');
    try {
      await school.page.goto(`${platform.baseUrl}/notices`);
      const row = school.page.getByTestId('notices').locator('tr').filter({ hasText: GD_NOTICE });
      await row.getByText('未读').waitFor(WAIT);
      await row.getByText(GD_NOTICE).click();
      await school.page.getByTestId('notice-body').waitFor(WAIT);
    } finally {
      await school.context.close();
    }
    const gd = await platform.login('gd-admin');
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

  it('R9.1, issue 14 item 1: 广东 types a public notice in the rich-text editor; the public reads it with its formatting', async () => {
    const TITLE = '关于报送 1+X 典型案例的补充通知';
    const gd = await platform.login('gd-admin');
    try {
      const { page } = gd;
      await page.goto(`${platform.baseUrl}/notices`);
      await page.getByTestId('notice-publish').click();
      await page.getByLabel('标题').fill(TITLE);
      const editor = page.getByTestId('notice-editor-content');
      await editor.click(WAIT);
      // 标题 → 一级标题, then a paragraph with a bold part, a bullet list, and a link made from the link box.
      await page.getByTestId('notice-editor-heading').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="一级标题"]').click();
      // The editor takes the focus back after the menu closes: keys typed before would be lost on a busy machine.
      await page.waitForFunction(`document.activeElement?.closest('[data-testid="notice-editor-content"]') != null`, undefined, WAIT);
      await page.keyboard.type('一、报送要求');
      await page.keyboard.press('Enter');
      await page.keyboard.type('请于 6 月 30 日前');
      await page.getByRole('button', { name: '加粗', exact: true }).click();
      await page.keyboard.type('盖章报送');
      await page.getByRole('button', { name: '加粗', exact: true }).click();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: '无序列表', exact: true }).click();
      await page.keyboard.type('PDF 扫描件');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Word 电子版');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.keyboard.type('详见');
      await page.getByRole('button', { name: '链接', exact: true }).click();
      await page.getByLabel('链接地址').fill('javascript:alert(1)');
      await page.getByLabel('链接地址').press('Enter');
      await page.getByText('只能链接 http、https 网址或电子邮箱').waitFor(WAIT);
      await page.getByLabel('链接地址').fill('gdjyt.gd.gov.cn');
      await page.getByLabel('链接地址').press('Enter');
      await editor.locator('a[href="https://gdjyt.gd.gov.cn"]').waitFor(WAIT);
      const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/notices') && r.request().method() === 'POST');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      const response = await sent;
      expect(response.status()).toBe(201);
      // What the editor produced is what the server stored (its sanitizer keeps the editor's output as is).
      const typed = JSON.parse(response.request().postData()!).bodyHtml as string;
      expect(((await response.json()) as { bodyHtml: string }).bodyHtml).toBe(typed);
      expect(typed).toContain('<h2>一、报送要求</h2>');
      expect(typed).toContain('<strong>盖章报送</strong>');
      expect(typed).toContain('<ul><li><p>PDF 扫描件</p></li><li><p>Word 电子版</p></li></ul>');
      expect(typed).toContain('href="https://gdjyt.gd.gov.cn"');
    } finally {
      await gd.context.close();
    }
    const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${platform.baseUrl}/policies`);
      await page.getByTestId('public-notices').getByText(TITLE).click();
      const body = page.getByTestId('notice-body');
      await body.waitFor(WAIT);
      expect(await body.locator('h2').textContent()).toBe('一、报送要求');
      expect(await body.locator('strong').textContent()).toBe('盖章报送');
      expect(await body.locator('li').allTextContents()).toEqual(['PDF 扫描件', 'Word 电子版']);
      expect(await body.locator('a').getAttribute('href')).toBe('https://gdjyt.gd.gov.cn');
      expect(await body.locator('a').getAttribute('rel')).toBe('noopener noreferrer');
    } finally {
      await context.close();
    }
  });

  it('R9.4, issue 14 item 3: 广东 picks its selected typical case from the list and puts it on display; the public sees it', async () => {
    const CASE = '考核站点开放共享：区域 1+X 公共实训基地建设';
    const gd = await platform.login('gd-admin');
    try {
      const { page } = gd;
      await page.goto(`${platform.baseUrl}/publicity`);
      await page.getByTestId('publicity-subject-type').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="典型案例"]').click();
      // The picker lists the province's selected cases; searching narrows them on the server.
      await page.getByTestId('publicity-subject').click();
      await page.keyboard.type('公共实训');
      const picker = page.locator('.publicity-subject-popup');
      const option = picker.locator(`.ant-select-item-option[title="广州城市职业学院《${CASE}》"]`);
      await option.waitFor(WAIT);
      await expect.poll(() => picker.locator('.ant-select-item-option').count(), WAIT).toBe(1);
      await option.click();
      await page.getByTestId('publicity-open').click();
      const row = page.getByTestId('publicity-items').locator('tr').filter({ hasText: CASE });
      await row.getByText('公示中').waitFor(WAIT);
      // Once on display it is still listed, marked, and cannot be picked again.
      await page.getByTestId('publicity-subject-type').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="典型案例"]').click();
      await page.getByTestId('publicity-subject').click();
      await page.keyboard.type('公共实训');
      await picker.locator('.ant-select-item-option-disabled').filter({ hasText: CASE }).getByText('已公示').waitFor(WAIT);
    } finally {
      await gd.context.close();
    }
    const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${platform.baseUrl}/public-display`);
      await page.getByText(CASE, { exact: false }).first().waitFor(WAIT);
    } finally {
      await context.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from './server';

/**
 * Browser journey of a learner's own outcome (issue 18 item 6): learner1 applies to deposit a course taken at another
 * school with a PDF of evidence; 广州城市职业学院 deposits it; learner1 sees the application deposited and the outcome in
 * the learning account.
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 15_000 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe('browser journey: a learner brings an own outcome (issue 18 item 6)', () => {
  it('issue 18 #6: learner1 applies with evidence → the school deposits it → learner1 sees it deposited in the account', async () => {
    const name = `外校课程：电工电子技术 ${Date.now() % 100000}`;
    // 1. The learner applies.
    const learner = await platform.login('learner1');
    try {
      const page = learner.page;
      await page.locator('.ant-menu').getByText('自有成果申请', { exact: true }).click();
      await page.waitForURL(/\/my-outcome-applications$/);
      await page.getByRole('button', { name: '申请存入' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('成果名称').fill(name);
      await dialog.getByLabel('成果来源').fill('广东生态工程职业学院');
      await dialog.getByLabel('申请学分').fill('2');
      await dialog.getByLabel('取得日期').click();
      await dialog.getByLabel('取得日期').fill('2026-05-20');
      await dialog.getByLabel('取得日期').press('Enter');
      await dialog.locator('input[type=file]').setInputFiles({ name: '成绩证明.pdf', mimeType: 'application/pdf', buffer: PDF });
      await dialog.getByRole('button', { name: /提交申请/ }).click();
      const row = page.locator('tr', { hasText: name });
      await row.waitFor(WAIT);
      await row.getByText('待学校审核').waitFor(WAIT);
    } finally {
      await learner.context.close();
    }

    // 2. The school deposits it.
    const school = await platform.login('gzcp-admin');
    try {
      const page = school.page;
      await page.locator('.ant-menu').getByText('成果存入申请', { exact: true }).click();
      await page.waitForURL(/\/outcome-applications$/);
      const row = page.locator('tr', { hasText: name });
      await row.waitFor(WAIT);
      await row.getByRole('button', { name: /^存\s*入$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('存入学分').waitFor(WAIT);
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await row.waitFor({ state: 'detached', timeout: 15_000 });
    } finally {
      await school.context.close();
    }

    // 3. The learner sees it deposited, and the outcome in the learning account.
    const again = await platform.login('learner1');
    try {
      const page = again.page;
      await page.goto(`${platform.baseUrl}/my-outcome-applications`);
      const row = page.locator('tr', { hasText: name });
      await row.getByText('已存入').waitFor(WAIT);
      await page.goto(`${platform.baseUrl}/my-learning-account`);
      await page.getByText(name).first().waitFor(WAIT);
      expect(await page.getByText(name).count()).toBeGreaterThan(0);
    } finally {
      await again.context.close();
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CaseCollectionDto, TypicalCaseDetailDto } from '@onex/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../apps/server/src/db/seed/demo-filings';
import { demoDiagramPng, demoDocx } from '../apps/server/src/db/seed/demo-typical-cases';
import { startPlatform } from './server';

/**
 * Browser journey of typical cases (R9.2; 粤教职函〔2023〕12号 三（三）、附件3) on the demo data: 广州城市职业学院 writes a
 * case in 广东's open collection, sees what is still missing, uploads two pictures, the stamped PDF and the Word file,
 * and submits it; 广东 scores it against the collection's criteria and selects it.
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 15_000 };

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(`${platform.baseUrl}${url}`);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

async function upload(page: Page, accept: string, file: string, kind: string) {
  const done = page.waitForResponse((r) => r.url().endsWith(`/${kind}`) && r.request().method() === 'POST', WAIT);
  await page.locator(`input[type=file][accept="${accept}"]`).setInputFiles(file);
  expect((await done).status()).toBe(200);
}

describe('typical cases in the browser (R9.2)', () => {
  it('R9.2 a school submits a case (附件3: three sections, 2-4 pictures, 三（三）: PDF and Word) and the province selects it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'onex-cases-'));
    const files = {
      a: path.join(dir, '机制图.png'),
      b: path.join(dir, '逻辑图.png'),
      pdf: path.join(dir, '盖章扫描件.pdf'),
      word: path.join(dir, '案例.docx'),
    };
    writeFileSync(files.a, demoDiagramPng(0));
    writeFileSync(files.b, demoDiagramPng(1));
    writeFileSync(files.pdf, tinyPdf('典型案例'));
    writeFileSync(files.word, demoDocx('典型案例'));

    const school = await platform.login('gzcp-admin');
    let caseId = '';
    try {
      const { page } = school;
      const cols = await apiGet<{ items: CaseCollectionDto[] }>(page, '/api/v1/typical-case-collections');
      const open = cols.items.find((c) => c.open)!;
      await page.goto(`${platform.baseUrl}/typical-cases`);
      await page.getByTestId(`write-case-${open.id}`).click(WAIT);
      await page.getByTestId('new-case-title').fill('书证融通背景下的智能制造专业群建设');
      await page.getByTestId('new-case-category').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="书证融通（岗课赛证融通）"]').click();
      await page.getByTestId('create-case-ok').click();
      await page.waitForURL(/\/typical-cases\/cases\//, WAIT);
      caseId = page.url().split('/').pop()!;

      // What 附件3 and 三（三） still need, each with its clause.
      const problems = page.getByTestId('case-problems');
      await problems.getByText(/附件3 四/).waitFor(WAIT);
      await problems
        .getByText(/三（三）/)
        .first()
        .waitFor(WAIT);

      await page.getByTestId('case-background').fill('学校承担工业机器人应用编程证书试点，证书标准与课程脱节。');
      await page.getByTestId('case-measures').fill('（一）重构课程体系；（二）共建考核站点；（三）以赛促学。');
      await page.getByTestId('case-outcomes').fill('420 名学生参加考核，中级通过率 86%。');
      expect(await page.getByTestId('case-count').textContent()).toMatch(/\d+ \/ 3000/);
      const saved = page.waitForResponse((r) => r.url().endsWith(`/typical-cases/${caseId}`) && r.request().method() === 'PUT', WAIT);
      await page.getByTestId('case-save').click();
      expect((await saved).status()).toBe(200);

      await upload(page, 'image/png,image/jpeg', files.a, 'images');
      await upload(page, 'image/png,image/jpeg', files.b, 'images');
      await upload(page, 'application/pdf', files.pdf, 'pdf');
      await upload(page, '.doc,.docx', files.word, 'word');
      await page.getByText(/已满足报送要求/).waitFor(WAIT);

      await page.getByTestId('case-submit').click();
      await page.getByTestId('case-status').getByText('已报送').waitFor(WAIT);
    } finally {
      await school.context.close();
    }

    const province = await platform.login('gd-admin');
    try {
      const { page } = province;
      await page.goto(`${platform.baseUrl}/typical-cases`);
      await page.getByRole('link', { name: '书证融通背景下的智能制造专业群建设' }).click(WAIT);
      await page.waitForURL(new RegExp(caseId), WAIT);
      for (const [key, score] of [
        ['typicality', '26'],
        ['measures', '25'],
        ['outcomes', '21'],
        ['presentation', '13'],
      ] as const)
        await page.getByTestId(`score-${key}`).fill(score);
      const scored = page.waitForResponse((r) => r.url().endsWith(`/${caseId}/review`), WAIT);
      await page.getByTestId('save-score').click();
      expect((await scored).status()).toBe(200);
      await page.getByTestId('case-select').click(WAIT);
      await page.getByTestId('case-status').getByText('入选').waitFor(WAIT);
      const c = await apiGet<TypicalCaseDetailDto>(page, `/api/v1/typical-cases/${caseId}`);
      expect(c.status).toBe('selected');
      expect(c.totalScore).toBe(85);
      expect(c.images).toHaveLength(2);
    } finally {
      await province.context.close();
    }
  });
});

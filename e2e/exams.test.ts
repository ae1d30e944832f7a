import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ID_TYPE_LABELS, type IdType } from '@onex/shared';
import ExcelJS from 'exceljs';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEARNER1_ID_NUMBER } from '../apps/server/src/db/seed/demo-exams';
import { tinyPdf } from '../apps/server/src/db/seed/demo-filings';
import { SCREENSHOTS, startPlatform } from './server';

/**
 * Browser journeys of the exams feature (issue 5) on the demo data: results import and 成绩公示 (R5.5), a learner's
 * voluntary consent (R5.3), a school's learners and fees (R4.1, R4.4), an exam site application and its approval (R5.1).
 * The journeys run in order: the refused import comes before the valid one on the same session.
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PASS_MARK = 60; // the seed catalog's pass mark of every level
const WAIT = { timeout: 15_000 };

/** GET through the page's own session (cookie), to find ids and to check what was (not) written. */
async function apiGet<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(`${platform.baseUrl}${url}`);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

/** Navigates inside the single-page app by its menu, as a person would. */
async function openMenu(page: Page, label: string) {
  await page.locator('.ant-menu').getByText(label, { exact: true }).click();
}

/**
 * Opens a Popconfirm with `opener`, confirms it (确定) and waits for the request it sends. A page that re-renders just
 * then (a finished job reloading the session) can close the popover: it is opened again, up to three times.
 */
async function confirmPopover(page: Page, opener: Locator, request: RegExp) {
  const ok = page.locator('.ant-popconfirm:visible .ant-popconfirm-buttons .ant-btn-primary');
  for (let attempt = 1; ; attempt++) {
    await opener.click(WAIT);
    try {
      await ok.waitFor({ timeout: 3_000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
  const sent = page.waitForResponse((r) => r.request().method() === 'POST' && request.test(r.url()), WAIT);
  await ok.click(WAIT);
  const res = await sent;
  expect(res.status(), res.url()).toBeLessThan(300);
}

/** Picks an option of an antd Select by its visible text. */
async function pick(page: Page, select: Locator, option: string | RegExp) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

interface Candidate {
  candidateId: string;
  name: string;
  idType: IdType;
  idNumber: string;
  hasResult: boolean;
}
interface SessionSummary {
  id: string;
  status: string;
  certificateTypeName: string;
}

/** The demo session examined a few days ago, with 30 consented candidates and no results (owned by org-robot). */
async function examinedSessionWithoutResults(page: Page): Promise<SessionSummary> {
  const list = await apiGet<{ items: SessionSummary[] }>(page, '/api/v1/exam-sessions?page=1&pageSize=50&status=examined');
  expect(list.items).toHaveLength(1);
  return list.items[0]!;
}

async function resultsFile(candidates: Candidate[], badRow?: { index: number; score: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩');
  ws.addRow(['证件类型', '证件号码', '姓名', '总成绩', '考核结果']);
  candidates.forEach((c, i) => {
    const score = 50 + ((i * 7) % 50) + (i % 2 ? 0.5 : 0);
    const cell = badRow?.index === i ? badRow.score : score;
    ws.addRow([ID_TYPE_LABELS[c.idType].zh, c.idNumber, c.name, cell, score >= PASS_MARK ? '合格' : '不合格']);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The <input> of an antd InputNumber by its test id (antd puts the id on the input or on its wrapper). */
function numberInput(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

async function downloaded(download: Download): Promise<Buffer> {
  const file = await download.path();
  return readFileSync(file);
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

async function openSession(page: Page, session: SessionSummary) {
  await openMenu(page, '考核场次');
  await page.getByTestId(`session-${session.id}`).click(WAIT);
  await page.waitForURL(new RegExp(`/exam-sessions/${session.id}$`));
  await page.getByTestId('results-import').waitFor(WAIT);
}

describe('browser journeys: exams (issue 5)', () => {
  it('R5.5 a results file with one bad row shows the errors by 行/列/说明 in Chinese and writes nothing', async () => {
    const { context, page } = await platform.login('org-robot');
    try {
      const session = await examinedSessionWithoutResults(page);
      const candidates = (await apiGet<{ items: Candidate[] }>(page, `/api/v1/exam-sessions/${session.id}/candidates?page=1&pageSize=200`))
        .items;
      expect(candidates).toHaveLength(30);
      await openSession(page, session);

      // The third candidate's score is out of range: data row 3 is row 4 of the sheet (row 1 is the header).
      const bytes = await resultsFile(candidates, { index: 2, score: '105' });
      await page
        .getByTestId('results-import')
        .locator('input[type=file]')
        .setInputFiles({ name: '成绩（有错误）.xlsx', mimeType: XLSX, buffer: bytes });

      const errors = page.getByTestId('result-errors');
      await errors.waitFor(WAIT);
      const headers = (await errors.locator('thead th').allInnerTexts()).map((h) => h.trim());
      expect(headers).toEqual(['行', '列', '说明']);
      const rows = errors.locator('tbody tr');
      expect(await rows.count()).toBe(1);
      const cells = (await rows.first().locator('td').allInnerTexts()).map((c) => c.trim());
      expect(cells[0]).toBe('4');
      expect(cells[1]).toBe('总成绩');
      expect(cells[2]).toMatch(/[\u4e00-\u9fa5]/);
      await page
        .getByText(/1 处错误/)
        .first()
        .waitFor(WAIT);
      expect(await page.getByTestId('result-commit').count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'results-import-errors.png'), fullPage: true });

      // The whole error list downloads as .xlsx (issue 21 item 3): 行, 列, 说明.
      const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByTestId('result-errors-download').click()]);
      expect(download.suggestedFilename()).toBe('成绩（有错误）-错误清单.xlsx');
      const list = (await readWorkbook(await downloaded(download))).worksheets[0]!;
      expect(list.getRow(1).values).toEqual([undefined, '行', '列', '说明']);
      expect(list.getRow(2).getCell(1).value).toBe(4);
      expect(list.getRow(2).getCell(2).value).toBe('总成绩');

      // Nothing was written: no import, no result, the session still 已考核.
      const imports = await apiGet<{ items: unknown[] }>(page, `/api/v1/exam-sessions/${session.id}/result-imports`);
      expect(imports.items).toHaveLength(0);
      const after = await apiGet<{ items: Candidate[] }>(page, `/api/v1/exam-sessions/${session.id}/candidates?page=1&pageSize=200`);
      expect(after.items.some((c) => c.hasResult)).toBe(false);
      expect((await apiGet<{ status: string }>(page, `/api/v1/exam-sessions/${session.id}`)).status).toBe('examined');
    } finally {
      await context.close();
    }
  });

  it('R5.5 the organization downloads the pre-filled template, fills it and imports it; 成绩公示 asks to confirm the candidates without a score; 证书发放 shows the 公示期', async () => {
    const { context, page } = await platform.login('org-robot');
    try {
      const session = await examinedSessionWithoutResults(page);
      await openSession(page, session);
      await page.locator('.ant-tag', { hasText: '已考核' }).first().waitFor(WAIT);

      // The template lists the 30 candidates (issue 21 item 3): nobody types an ID number.
      const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByTestId('result-template').click()]);
      expect(download.suggestedFilename()).toMatch(/^考核成绩模板-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const wb = await readWorkbook(await downloaded(download));
      const sheet = wb.worksheets[0]!;
      expect(sheet.getRow(1).values).toEqual([undefined, '证件类型', '证件号码', '姓名', '总成绩', '考核结果']);
      expect(sheet.actualRowCount).toBe(31);
      // Scores for 29 of them; the last candidate's row is left out (absent from the exam, say).
      for (let r = 2; r <= 30; r++) {
        const score = 50 + ((r * 7) % 50);
        sheet.getRow(r).getCell(4).value = score;
        sheet.getRow(r).getCell(5).value = score >= PASS_MARK ? '合格' : '不合格';
      }
      sheet.spliceRows(31, 1);
      const bytes = Buffer.from(await wb.xlsx.writeBuffer());
      await page
        .getByTestId('results-import')
        .locator('input[type=file]')
        .setInputFiles({ name: '工业机器人应用编程中级成绩.xlsx', mimeType: XLSX, buffer: bytes });

      const preview = page.getByTestId('result-preview');
      await preview.getByText('预览通过，可以导入').waitFor(WAIT);
      expect(await preview.innerText()).toContain('共 29 行');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'results-import-preview.png'), fullPage: true });

      await page.getByTestId('result-commit').click();
      const job = page.getByTestId('result-job');
      await job.getByText('已完成').waitFor(WAIT);
      expect(await job.innerText()).toContain('共 29 行');
      await page.locator('.ant-tag', { hasText: '成绩登记' }).first().waitFor(WAIT);

      // 成绩公示 warns with the number without a score and waits for it to be typed in (issue 21 item 2).
      await page.getByTestId('publish-scores').click();
      const modal = page.getByTestId('publish-modal');
      await modal.waitFor(WAIT);
      expect((await page.getByTestId('publish-missing').innerText()).trim()).toBe('1');
      expect(await page.getByTestId('publish-warning').innerText()).toContain('有 1 名考生尚无成绩');
      const ok = page.getByTestId('publish-confirm');
      expect(await ok.isDisabled()).toBe(true);
      await numberInput(page, 'publish-confirm-missing').fill('2');
      expect(await ok.isDisabled()).toBe(true);
      await numberInput(page, 'publish-confirm-missing').fill('1');
      await numberInput(page, 'publish-days').fill('0');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'results-publish-confirm.png'), fullPage: true });
      const sent = page.waitForResponse((r) => r.request().method() === 'POST' && /\/score-publication$/.test(r.url()), WAIT);
      await ok.click();
      expect((await sent).status()).toBe(200);
      await page.getByText('成绩已公示').first().waitFor(WAIT);
      await page.locator('.ant-tag', { hasText: '成绩公示' }).first().waitFor(WAIT);
      expect(await page.getByTestId('publish-scores').count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'results-published.png'), fullPage: true });

      expect((await apiGet<{ status: string; publicityDays: number }>(page, `/api/v1/exam-sessions/${session.id}`)).status).toBe(
        'scores_published',
      );
      const after = await apiGet<{ items: Candidate[] }>(page, `/api/v1/exam-sessions/${session.id}/candidates?page=1&pageSize=200`);
      expect(after.items.filter((c) => c.hasResult)).toHaveLength(29);

      // 证书发放 names the session's 公示期 and when issuance opens.
      await page.goto(`${platform.baseUrl}/certificate-issuance?session=${session.id}`);
      const note = page.getByTestId('issuance-publicity');
      await note.waitFor(WAIT);
      expect(await note.innerText()).toMatch(/成绩公示期 \d+ 天/);
    } finally {
      await context.close();
    }
  });

  it('R5.3 learner1 sees the session open to them, consents (同意报名) in their own account and then finds it among their registrations', async () => {
    const { context, page } = await platform.login('learner1');
    try {
      await openMenu(page, '我的考核');
      await page.waitForURL(/\/my-exams$/);
      const open = page.getByTestId('my-sessions');
      await open.locator('tr', { hasText: '报名中' }).first().waitFor(WAIT);
      expect(await open.innerText()).toContain('工业机器人应用编程');

      // The school proposed learner1 for the open session: it awaits learner1's own consent.
      const mine = page.getByTestId('my-registrations');
      const proposed = mine.locator('tbody tr', { hasText: '待本人确认' });
      await proposed.first().waitFor(WAIT);
      expect(await proposed.count()).toBe(1);
      const examDate = (await proposed.locator('td').nth(1).innerText()).trim();
      expect(examDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      const pending = page.getByTestId('pending-consents');
      const consent = pending.locator('[data-testid^="consent-"]');
      await consent.first().waitFor(WAIT);
      expect(await consent.count()).toBe(1);
      const registrationId = (await consent.first().getAttribute('data-testid'))!.slice('consent-'.length);
      await confirmPopover(page, consent.first(), new RegExp(`/me/registrations/${registrationId}/consent$`));
      await page.getByText('已同意报名').first().waitFor(WAIT);
      await pending.getByText('没有待确认的考核报名').waitFor(WAIT);

      // The same session is now among learner1's registrations as 已报名 (the score shows after 成绩公示); nothing awaits consent.
      await proposed.first().waitFor({ state: 'detached', ...WAIT });
      const registered = mine.locator('tbody tr', { hasText: examDate });
      await registered.getByText('已报名').waitFor(WAIT);
      expect(await registered.innerText()).toContain('成绩公示后显示');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'my-exams-consented.png'), fullPage: true });

      const regs = await apiGet<{ items: { id: string; status: string; consentVia: string | null }[] }>(page, '/api/v1/me/registrations');
      expect(regs.items.find((r) => r.id === registrationId)).toMatchObject({ status: 'registered', consentVia: 'learner' });
    } finally {
      await context.close();
    }
  });

  it('R4.1/R4.4 the school sees its pilot students (ID numbers as its role may see them) and its exam fees to settle', async () => {
    const { context, page } = await platform.login('gzcp-admin');
    try {
      await openMenu(page, '学生管理');
      await page.waitForURL(/\/learners$/);
      const table = page.getByTestId('learners-table');
      await table.locator('tr', { hasText: '李明' }).first().waitFor(WAIT);
      // ADR 0002: the school's own administrator sees its students' full numbers; nobody else outside the examining organization.
      expect(await table.locator('tr', { hasText: '李明' }).first().innerText()).toContain(LEARNER1_ID_NUMBER);
      expect(await page.locator('.ant-pagination').first().innerText()).toMatch(/共\s*41\s*条/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'school-learners.png'), fullPage: true });

      await openMenu(page, '考核费用');
      await page.waitForURL(/\/fee-settlements$/);
      const fees = page.getByTestId('fees-table');
      await fees.locator('tbody tr', { hasText: '工业机器人应用编程' }).first().waitFor(WAIT);
      expect(await fees.innerText()).toMatch(/¥\s?[\d,]+\.\d{2}/);
      await page.getByText('待结算合计（本页）').waitFor(WAIT);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'school-fees.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('R5.1 a school applies for an exam site with its PDF and the levels it examines; the certificate’s organization approves it, then closes it with a reason', async () => {
    const siteName = '广州城市职业学院工业机器人第二考核站点';
    {
      const { context, page } = await platform.login('gzcp-admin');
      try {
        await openMenu(page, '考核站点');
        await page.waitForURL(/\/exam-sites$/);
        await page.getByTestId('site-apply').click(WAIT);
        const drawer = page.locator('.ant-drawer:visible');
        await pick(page, drawer.locator('.ant-select').first(), '工业机器人应用编程');
        await drawer.getByLabel('站点名称').fill(siteName);
        await drawer.getByLabel('站点地址').fill('广州市白云区广从八路 1 号 实训楼 C301');
        await drawer.getByLabel('容量').fill('40');
        // Every level of the certificate comes ticked; this school cannot examine 高级.
        await drawer.getByRole('checkbox', { name: '高级' }).uncheck();
        await drawer
          .locator('input[type=file]')
          .setInputFiles({ name: '考核站点申请表.pdf', mimeType: 'application/pdf', buffer: tinyPdf('exam site application (e2e)') });
        await drawer.getByText('考核站点申请表.pdf').waitFor(WAIT);
        await page.getByTestId('site-submit').click();
        await page.getByText('考核站点申请已提交').first().waitFor(WAIT);
        const row = page.getByTestId('sites-school').locator('tr', { hasText: siteName });
        await row.getByText('已申请').waitFor(WAIT);
        await row.getByText('初级、中级').waitFor(WAIT);
        await page.screenshot({ path: path.join(SCREENSHOTS, 'exam-site-applied.png'), fullPage: true });
      } finally {
        await context.close();
      }
    }
    {
      const { context, page } = await platform.login('org-robot');
      try {
        await openMenu(page, '考核站点审批');
        await page.waitForURL(/\/exam-site-review$/);
        const row = page.getByTestId('sites-org').locator('tr', { hasText: siteName });
        await row.getByText('已申请').waitFor(WAIT);
        await confirmPopover(page, row.locator('[data-testid^="approve-"]'), /\/exam-sites\/[0-9a-f-]{36}\/decision$/);
        await page.getByText('已批准').first().waitFor(WAIT);
        await row.locator('.ant-tag', { hasText: '已批准' }).waitFor(WAIT);
        await page.screenshot({ path: path.join(SCREENSHOTS, 'exam-site-approved.png'), fullPage: true });
        // 撤销: the organization closes the site (no session there yet) with a reason the school will read.
        await row.locator('[data-testid^="close-site-"]').click();
        const dialog = page.locator('.ant-modal:visible');
        await dialog.getByText('撤销后该站点不再出现在考核站点名录').waitFor(WAIT);
        await dialog.locator('textarea').fill('实训楼改造，暂停承担考核');
        const closed = page.waitForResponse((r) => /\/exam-sites\/[0-9a-f-]{36}\/closure$/.test(r.url()));
        await dialog.getByRole('button', { name: '撤销站点' }).click();
        expect((await closed).status()).toBe(200);
        await row.locator('.ant-tag', { hasText: '已撤销' }).waitFor(WAIT);
        await row.getByText('实训楼改造，暂停承担考核').waitFor(WAIT);
      } finally {
        await context.close();
      }
    }
  });
});

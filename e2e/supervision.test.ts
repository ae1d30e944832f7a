import path from 'node:path';
import type { ComplaintDto, Page as PageOf, ReportDutyDto } from '@onex/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { tinyPdf } from '../apps/server/src/db/seed/demo-filings';
import { SCREENSHOTS, startPlatform } from './server';

/**
 * Browser journeys of supervision (issue 13): the public files a complaint without an account and follows it (R8.5);
 * a department administrator files its weekly report and the province accepts it (R8.1); the handler closes a
 * complaint with a verdict that the complainant then reads by tracking code (R8.5).
 */

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
      // R8.5 an attachment (a PDF, checked by content on the server) goes with the complaint.
      await page
        .getByTestId('complaint-attachments')
        .locator('input[type=file]')
        .setInputFiles({
          name: '收费通知.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1'),
        });
      const filed = page.waitForResponse((r) => r.url().endsWith('/api/v1/public/complaints') && r.request().method() === 'POST', WAIT);
      const attached = page.waitForResponse((r) => r.url().endsWith('/attachments') && r.request().method() === 'POST', WAIT);
      await page.getByTestId('complaint-submit').click();
      expect((await filed).status()).toBe(201);
      expect((await attached).status()).toBe(201);
      await page.getByText('已上传 1 个附件').waitFor(WAIT);
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

/** A JSON call from the signed-in page (with its session and CSRF token): test setup and read-backs only. */
function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken?: string };
      const r = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken ?? '' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: r.status, json: (await r.json()) as T };
    },
    { method, url, body },
  );
}

describe('reporting (R8.1)', () => {
  it('R8.1 a department administrator files its weekly report from the data-driven form and the province accepts it', async () => {
    // Setup: 广州城市职业学院 gives the department of its approved pilot an administrator account.
    const school = await platform.login('gzcp-admin');
    const duties = await call<PageOf<ReportDutyDto>>(school.page, 'GET', '/api/v1/report-duties?status=pending&pageSize=100');
    const duty = duties.json.items.find((d) => d.reportTypeName.includes('周报'))!;
    expect(duty).toBeTruthy();
    const filing = await call<{ departmentId: string }>(school.page, 'GET', `/api/v1/filings/${duty.filingId}`);
    const made = await call(school.page, 'POST', '/api/v1/users', {
      username: 'gzcp-weekly',
      displayName: '二级学院周报员',
      role: 'department_admin',
      password: 'Weekly@2026x',
      departmentId: filing.json.departmentId,
    });
    expect(made.status).toBe(201);
    await school.context.close();

    const dept = await platform.login('gzcp-weekly', { password: 'Weekly@2026x' });
    try {
      await dept.page.getByRole('menuitem', { name: /报送$/ }).click();
      await dept.page.waitForURL(/\/supervision\/reports$/);
      await dept.page.getByTestId(`duty-open-${duty.id}`).click();
      await dept.page.waitForURL(new RegExp(`/supervision/reports/${duty.id}$`));
      // The form is the report type's field list: 本周工作进展 (required), 本周培训人次 (a number), 存在问题.
      await dept.page.getByTestId('duty-submit').click();
      await dept.page.getByText('请填写“本周工作进展”').waitFor(WAIT);
      await dept.page.getByTestId('field-progress').fill('完成工业机器人应用编程师资培训，实训室设备调试完毕。');
      await dept.page.getByTestId('field-trained').fill('42');
      const filed = dept.page.waitForResponse((r) => r.url().endsWith(`/report-duties/${duty.id}/submission`), WAIT);
      await dept.page.getByTestId('duty-submit').click();
      expect((await filed).status()).toBe(200);
      await dept.page.getByTestId('duty-status').filter({ hasText: '已报送' }).waitFor(WAIT);
      await dept.page.screenshot({ path: path.join(SCREENSHOTS, 'report-filed.png'), fullPage: true });
    } finally {
      await dept.context.close();
    }

    const gd = await platform.login('gd-admin');
    try {
      await gd.page.getByRole('menuitem', { name: '报送审核' }).click();
      await gd.page.waitForURL(/\/supervision\/review$/);
      await gd.page.getByTestId('pilot-flags').getByText('连续').first().waitFor(WAIT); // the demo's missed weeks flag the pilot
      await gd.page.getByTestId(`duty-open-${duty.id}`).click();
      await gd.page.getByTestId('duty-answers').getByText('42').waitFor(WAIT);
      const reviewed = gd.page.waitForResponse((r) => r.url().endsWith(`/report-duties/${duty.id}/review`), WAIT);
      await gd.page.getByTestId('review-accept').click();
      expect((await reviewed).status()).toBe(200);
      await gd.page.getByTestId('duty-status').filter({ hasText: '已通过' }).waitFor(WAIT);
      const after = await call<ReportDutyDto>(gd.page, 'GET', `/api/v1/report-duties/${duty.id}`);
      expect(after.json).toMatchObject({ status: 'accepted', answers: { progress: expect.stringContaining('师资培训'), trained: 42 } });
      await gd.page.screenshot({ path: path.join(SCREENSHOTS, 'report-accepted.png'), fullPage: true });
    } finally {
      await gd.context.close();
    }
  });
});

describe('complaint handling (R8.5)', () => {
  it('R8.5 the province closes a complaint with a verdict; the complainant reads the verdict by tracking code', async () => {
    const gd = await platform.login('gd-admin');
    try {
      const open = await call<PageOf<ComplaintDto>>(gd.page, 'GET', '/api/v1/complaints?status=in_progress&pageSize=100');
      const c = open.json.items.find((i) => i.subjectName === '广州城市职业学院')!;
      expect(c).toBeTruthy();
      await gd.page.getByRole('menuitem', { name: '投诉处理' }).click();
      await gd.page.waitForURL(/\/supervision\/complaints$/);
      await gd.page.getByTestId(`complaint-open-${c.id}`).click();
      await gd.page.waitForURL(new RegExp(`/complaints/${c.id}$`));
      // The handler sees the complainant's contact in full.
      expect(await gd.page.getByTestId('complaint-contact').textContent()).toContain('13800138000');
      await gd.page.getByTestId('complaint-action').getByText('办结').click();
      await gd.page.getByTestId('complaint-comment').fill('经核查，试点专业确有向学生收取培训费的情况，已责令全额退还。');
      await gd.page.getByTestId('complaint-act').click();
      await gd.page.getByText('请选择核查结论').waitFor(WAIT);
      await gd.page.getByTestId('complaint-verdict-choice').getByText('成立', { exact: true }).click();
      const closed = gd.page.waitForResponse((r) => r.url().endsWith(`/complaints/${c.id}/transitions`), WAIT);
      await gd.page.getByTestId('complaint-act').click();
      expect((await closed).status()).toBe(200);
      await gd.page.getByTestId('complaint-status').filter({ hasText: '已办结' }).waitFor(WAIT);
      expect(await gd.page.getByTestId('complaint-verdict').textContent()).toBe('成立');
      await gd.page.screenshot({ path: path.join(SCREENSHOTS, 'complaint-closed.png'), fullPage: true });

      const pub = await gd.page.request.get(`${platform.baseUrl}/api/v1/public/complaints/${c.trackingCode}`);
      expect(await pub.json()).toMatchObject({ status: 'closed', verdict: 'upheld' });
    } finally {
      await gd.context.close();
    }
  });
});

async function signIn(username: string) {
  const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${platform.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('home-title').waitFor(WAIT);
  return { context, page };
}

/** Submits with the button and waits for the POST ending in `suffix` to answer `status`. */
async function submit(page: Page, testId: string, suffix: RegExp, status = 200) {
  const answered = page.waitForResponse((r) => suffix.test(new URL(r.url()).pathname) && r.request().method() === 'POST', WAIT);
  await page.getByTestId(testId).click();
  const r = await answered;
  expect(r.status(), await r.text()).toBe(status);
}

/** Types a date into a date picker and leaves it (Enter would also submit the form). */
async function typeDate(page: Page, testId: string, date: string, leaveTo: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(date);
  await page.getByTestId(leaveTo).click();
  expect(await page.getByTestId(testId).inputValue()).toBe(date);
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

describe('inspections and rectification (R8.2)', () => {
  it('R8.2 广东 plans an inspection, records a finding with evidence and orders rectification; the school reports; the province accepts, closes and publishes', async () => {
    const title = '2026 年秋季试点专项检查';
    const gd = await signIn('gd-admin');
    const school = await signIn('gzcp-admin');
    try {
      // The province plans the inspection of 广州城市职业学院's pilot.
      await gd.page.locator('.ant-menu').getByText('检查与整改', { exact: true }).click();
      await gd.page.getByTestId('inspection-plan').click();
      await gd.page.getByTestId('plan-pilot').click();
      await gd.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '广州城市职业学院' }).first().click();
      await gd.page.getByTestId('plan-title').fill(title);
      await gd.page.getByTestId('plan-extra').fill('考核站点');
      await submit(gd.page, 'plan-submit', /\/api\/v1\/inspections$/, 201);
      await gd.page.getByTestId('inspection-detail').waitFor(WAIT);
      const url = gd.page.url();
      expect(url).toMatch(/\/supervision\/inspections\/[0-9a-f-]{36}$/);
      expect(await gd.page.getByTestId('inspection-detail').textContent()).toContain('考核站点');

      // A finding on 经费 with a PDF as evidence, then a rectification order with a deadline.
      await gd.page.getByTestId('finding-item').click();
      await gd.page.locator('.ant-select-dropdown:visible').getByText('经费落实、资金使用', { exact: true }).click();
      await gd.page.getByTestId('finding-issue').click();
      await gd.page.getByTestId('finding-text').fill('培训经费未单独列支，部分支出凭证不全。');
      const uploaded = gd.page.waitForResponse((r) => r.url().endsWith('/evidence') && r.request().method() === 'POST', WAIT);
      await gd.page
        .getByTestId('finding-form')
        .locator('input[type=file]')
        .setInputFiles({ name: '检查记录.pdf', mimeType: 'application/pdf', buffer: tinyPdf('检查记录') });
      expect((await uploaded).status()).toBe(201);
      await submit(gd.page, 'finding-submit', /\/findings$/);
      await gd.page.getByText('培训经费未单独列支，部分支出凭证不全。').waitFor(WAIT);
      await gd.page.getByTestId('order-requirement').fill('30 日内单独列支培训经费并补齐支出凭证。');
      await typeDate(gd.page, 'order-deadline', inDays(30), 'order-requirement');
      await submit(gd.page, 'order-submit', /\/rectifications$/);
      await gd.page.getByTestId('rectification-1').waitFor(WAIT);
      expect(await gd.page.getByTestId('inspection-status').textContent()).toBe('整改中');
      await gd.page.screenshot({ path: path.join(SCREENSHOTS, 'inspection-ordered.png'), fullPage: true });

      // The school sees its inspection and submits its rectification report.
      await school.page.locator('.ant-menu').getByText('检查与整改', { exact: true }).click();
      await school.page.getByRole('link', { name: title }).click();
      await school.page.getByTestId('report-form').waitFor(WAIT);
      expect(await school.page.getByTestId('finding-form').count()).toBe(0);
      await school.page.getByTestId('report-text').fill('已设立专项经费科目，补齐全部支出凭证。');
      await submit(school.page, 'report-submit', /\/report$/);
      await school.page.getByText('已提交整改报告').waitFor(WAIT);

      // The province accepts, closes with the result and publishes it.
      await gd.page.reload();
      await gd.page.getByTestId('decision-comment').fill('整改到位。');
      await submit(gd.page, 'decision-submit', /\/decision$/);
      await gd.page.getByText('验收通过').first().waitFor(WAIT);
      await gd.page.getByTestId('close-result').fill('经检查，试点建设总体规范，经费问题已整改到位。');
      await gd.page.getByTestId('close-publish').click();
      await submit(gd.page, 'close-submit', /\/close$/);
      await gd.page.getByTestId('inspection-result').waitFor(WAIT);
      expect(await gd.page.getByTestId('inspection-status').textContent()).toBe('已办结');
      expect(await gd.page.getByTestId('inspection-result').textContent()).toContain('已公开');
      await gd.page.screenshot({ path: path.join(SCREENSHOTS, 'inspection-closed.png'), fullPage: true });

      // Anyone reads the published result without an account.
      const pub = await platform.browser.newContext({ locale: 'zh-CN' });
      try {
        const page = await pub.newPage();
        await page.goto(`${platform.baseUrl}/random-inspections`);
        await page.getByRole('tab', { name: '检查结果' }).click();
        await page.getByTestId('public-inspection-results').getByText('经费问题已整改到位', { exact: false }).waitFor(WAIT);
      } finally {
        await pub.close();
      }
    } finally {
      await gd.context.close();
      await school.context.close();
    }
  });
});

describe('双随机一公开 (R8.4)', () => {
  it('R8.4 the public page lists the published draw without signing in, and its re-run from the seed gives the recorded result', async () => {
    const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${platform.baseUrl}/catalog`);
      await page.getByTestId('public-random-inspections').click();
      await page.waitForURL(/\/random-inspections$/);
      const row = page.getByTestId('public-draws').locator('tr', { hasText: '2026 年广东省 1+X 证书试点“双随机”抽查（第一批）' });
      await row.waitFor(WAIT);
      await row.locator('.ant-table-row-expand-icon').click();
      expect(await page.getByTestId('draw-seed').textContent()).toMatch(/^[0-9a-f]{64}/);
      await page.getByTestId('draw-rerun').click();
      await page.getByTestId('draw-rerun-result').waitFor(WAIT);
      expect(await page.getByTestId('draw-rerun-result').textContent()).toContain('复算结果与记录一致');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'random-inspections-public.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('R8.4 广东 draws a school and inspectors, sees who was excluded and why, and re-runs the draw from its seed; R8.7 reads the scorecards', async () => {
    const { context, page } = await signIn('gd-admin');
    try {
      await page.locator('.ant-menu').getByText('随机抽查', { exact: true }).click();
      await page.getByTestId('draw-run').click();
      await page.getByTestId('draw-title').fill('2026 年广东省 1+X 证书试点“双随机”抽查（第二批）');
      await submit(page, 'draw-run-ok', /\/api\/v1\/inspection-draws$/, 201);
      await page.getByTestId('draw-detail').waitFor(WAIT);
      expect(await page.getByTestId('draw-selected').textContent()).toContain('广州城市职业学院');
      // The demo pool's inspector of 广州城市职业学院 is left out, with the reason.
      expect(await page.getByTestId('draw-excluded').textContent()).toContain(
        '陈老师（广州城市职业学院）所在单位“广州城市职业学院”被抽中，依规回避',
      );
      expect(await page.getByTestId('draw-inspectors').textContent()).not.toContain('陈老师');
      await page.getByTestId('draw-rerun').click();
      expect(await page.getByTestId('draw-rerun-result').textContent()).toContain('复算结果与记录一致');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'inspection-draw.png'), fullPage: true });
      await page.keyboard.press('Escape');

      await page.locator('.ant-menu').getByText('监督评价', { exact: true }).click();
      await page.getByTestId('scorecards').locator('tr', { hasText: '广州城市职业学院' }).waitFor(WAIT);
      expect(await page.getByText('得分 = 各部分得分之和 ÷ 计入部分的权重之和 × 100').count()).toBe(1);
      // The score explained: the counted parts over their weights.
      expect(await page.getByTestId('scorecard-sum').first().textContent()).toMatch(/^\(.+\) ÷ \d+ × 100 = [\d.]+$/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'scorecards.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});

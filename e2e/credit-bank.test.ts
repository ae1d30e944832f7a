import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page as ApiPage, ConversionApplicationDto, LearningAccountDetailDto, RecognitionRuleDto, SchoolDto } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SCHOOLS } from '../apps/server/src/db/seed/demo';
import { SCREENSHOTS, startPlatform } from './server';

/**
 * Browser journeys of the credit bank (issue 7) on the demo data: learner1's learning account with certificates (one
 * revoked), courses, total credits and the approved 免修 conversion (R7.1, R7.3), the school's published recognition
 * rules (R7.2) and the province's read-only view of them, its conversion applications queue (R7.4), and the transcript
 * PDF (R7.5). Expected figures come from the API, never hard-coded.
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 15_000 };

/** Credits as the pages show them (one decimal at most), as `formatCredits` of the web app. */
function credits(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** Logs in through the API (no browser) and GETs with that session: how the tests know what the pages should show. */
async function apiAs(username: string) {
  const res = await fetch(`${platform.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return {
    get: async <T>(url: string): Promise<T> => {
      const r = await fetch(`${platform.baseUrl}/api/v1${url}`, { headers: { cookie } });
      expect(r.status, url).toBe(200);
      return (await r.json()) as T;
    },
  };
}

describe('browser journeys: credit bank (R7)', () => {
  it('R7.1/R7.3 learner1 sees their learning account: certificates (one 已撤销), courses, total credits that add up, and the approved 免修 conversion', async () => {
    const account = await (await apiAs('learner1')).get<LearningAccountDetailDto>('/me/learning-account/details');
    const live = account.entries.filter((e) => e.entryKind === 'deposit' && e.state !== 'reversed');
    const certificates = live.filter((e) => e.type === 'certificate');
    expect(certificates.filter((e) => e.state === 'revoked')).toHaveLength(1);
    expect(certificates.filter((e) => e.state === 'valid').length).toBeGreaterThan(0);
    const courses = live.filter((e) => e.type === 'course' && !e.fromConversion);
    expect(courses.length).toBeGreaterThan(0);
    const exemption = account.exemptions.find((x) => x.course.name === '工业机器人现场编程')!;
    expect(exemption).toBeTruthy();

    const { context, page } = await platform.login('learner1', { acceptDownloads: true });
    try {
      await page.locator('.ant-menu').getByText('我的学习账户', { exact: true }).click();
      await page.waitForURL(/\/my-learning-account$/);
      const holder = page.getByTestId('account-holder');
      await holder.waitFor(WAIT);
      expect(await holder.textContent()).toContain('李明');
      expect(await holder.textContent()).toContain(account.holderIdMasked);

      // R7.3: the total, as the server sums it.
      const total = page.getByTestId('stat-total');
      expect(await total.locator('.ant-statistic-title').textContent()).toBe('累计学分');
      expect(await total.locator('.ant-statistic-content-value').textContent()).toBe(credits(account.summary.totalCredits));
      expect(await total.textContent()).toContain(`学分 · ${account.summary.outcomeCount} 项`);
      expect(account.summary.convertedCredits).toBeGreaterThan(0);
      // Issue 21 #11: the total adds up — the outcomes in force only: the revoked certificate and the one converted
      // into the 免修 are listed below but not counted again.
      const inForce = live.filter((e) => e.state === 'valid' && !e.usedInApplicationId);
      const tenths = (xs: { credits: number }[]) => xs.reduce((sum, e) => sum + Math.round(e.credits * 10), 0) / 10;
      expect(account.summary.totalCredits).toBe(tenths(inForce));
      expect(account.summary.totalCredits).toBeLessThan(tenths(live));
      expect(account.summary.outcomeCount).toBe(inForce.length);

      // R7.1: every outcome in force, the certificates with their state, the revoked one kept and shown.
      const table = page.getByTestId('entries-table');
      await table.locator('.ant-table-row').first().waitFor(WAIT);
      expect(await table.locator('.ant-table-row').count()).toBe(live.length);
      const certificateRows = table.locator('.ant-table-row', { hasText: '职业技能等级证书' });
      expect(await certificateRows.count()).toBe(certificates.length);
      const revoked = table.getByTestId('entry-tag-revoked');
      expect(await revoked.count()).toBe(1);
      expect(await revoked.textContent()).toBe('已撤销');
      const revokedRow = table.locator('.ant-table-row', { has: page.getByTestId('entry-tag-revoked') });
      const revokedEntry = certificates.find((e) => e.state === 'revoked')!;
      expect(await revokedRow.textContent()).toContain(revokedEntry.certificate!.number);
      expect(await revokedRow.textContent()).toContain(`撤销于 ${revokedEntry.certificate!.revokedOn}`);
      for (const c of courses) {
        expect(await table.locator('.ant-table-row', { hasText: c.name }).first().textContent()).toContain('学历课程');
      }
      // The certificate used by the conversion, and the course it granted.
      expect(await table.getByTestId('entry-tag-used').count()).toBeGreaterThan(0);
      const granted = table.locator('.ant-table-row', { has: page.getByTestId('entry-tag-fromConversion') });
      expect(await granted.count()).toBeGreaterThan(0);
      expect(await granted.first().textContent()).toContain('工业机器人现场编程');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'learning-account.png'), fullPage: true });

      // 免修课程: the course exempted by the approved conversion, with its rule.
      await page.getByRole('tab', { name: '免修课程' }).click();
      const exemptions = page.getByTestId('exemptions-table');
      const row = exemptions.locator('.ant-table-row', { hasText: '工业机器人现场编程' });
      await row.waitFor(WAIT);
      const text = await row.textContent();
      expect(text).toContain(`工业机器人现场编程（${exemption.course.code}）`);
      expect(text).toContain(exemption.rule.code);
      expect(text).toContain(exemption.grade);
      expect(text).toContain(exemption.grantedOn);

      // 学分转换: learner1's own application, approved.
      await page.getByRole('tab', { name: '学分转换' }).click();
      const applications = page.getByTestId('applications-table');
      const approved = applications.locator('.ant-table-row', { hasText: '已批准' });
      await approved.first().waitFor(WAIT);
      expect(await approved.first().textContent()).toContain('本人申请');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'learning-account-conversion.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('R7.2 the school sees its published recognition rules', async () => {
    const rules = await (await apiAs('gzcp-admin')).get<ApiPage<RecognitionRuleDto>>('/recognition-rules?pageSize=100');
    const robot = rules.items.filter((r) => r.status === 'published' && r.outcomes.some((o) => o.name.includes('工业机器人应用编程')));
    expect(robot.length).toBeGreaterThan(0);

    const { context, page } = await platform.login('gzcp-admin', { acceptDownloads: true });
    try {
      await page.locator('.ant-menu').getByText('认定规则', { exact: true }).click();
      await page.waitForURL(/\/recognition-rules$/);
      const table = page.getByTestId('rules-table');
      await table.locator('.ant-table-row').first().waitFor(WAIT);
      expect(await table.locator('.ant-table-row').count()).toBe(Math.min(rules.total, 20));
      for (const rule of robot) {
        const row = table.locator('.ant-table-row', { hasText: rule.code });
        await row.waitFor(WAIT);
        const text = (await row.textContent())!;
        expect(text).toContain(rule.name);
        expect(text).toContain(rule.major.name);
        expect(text).toContain('工业机器人应用编程');
        for (const c of rule.courses) expect(text).toContain(`${c.name}（${credits(c.credits)} 学分 · ${c.grade}）`);
        expect(await row.locator('.ant-tag').textContent()).toBe('已发布');
      }
      // The rule behind learner1's 免修.
      const irp01 = table.locator('.ant-table-row', { hasText: 'GZCP-IRP-01' });
      expect(await irp01.textContent()).toContain('工业机器人现场编程（4 学分 · 优秀）');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'recognition-rules.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('R7.2 the province reads the recognition rules of its schools: 广州城市职业学院’s published rules and one rule’s details, with nothing to create, publish or withdraw', async () => {
    const province = DEMO_ACCOUNTS.find((a) => a.role === 'province_admin' && a.province === '440000')!;
    const schoolName = DEMO_SCHOOLS.find((s) => s.key === 'gzcp')!.name;
    const api = await apiAs(province.username);
    const schools = await api.get<ApiPage<SchoolDto>>(`/schools?q=${encodeURIComponent(schoolName)}&pageSize=10`);
    const school = schools.items.find((s) => s.name === schoolName)!;
    expect(school).toBeTruthy();
    const all = await api.get<ApiPage<RecognitionRuleDto>>('/recognition-rules?pageSize=100');
    const published = await api.get<ApiPage<RecognitionRuleDto>>(`/recognition-rules?schoolId=${school.id}&status=published&pageSize=100`);
    expect(published.total).toBeGreaterThan(0);
    expect(published.items.every((r) => r.school.id === school.id && r.status === 'published')).toBe(true);
    // Read-only for the province: the server offers it no action on any rule.
    expect(all.items.every((r) => r.allowedActions.length === 0 && !r.mayEdit)).toBe(true);
    // The rule to open: one granting several courses when there is one.
    const opened = [...published.items].sort((a, b) => b.courses.length - a.courses.length)[0]!;
    const detail = await api.get<RecognitionRuleDto>(`/recognition-rules/${opened.id}`);

    const { context, page } = await platform.login(province.username, { acceptDownloads: true });
    try {
      await page.locator('.ant-menu').getByText('认定规则', { exact: true }).click();
      await page.waitForURL(/\/recognition-rules$/);
      await page.getByText('只读', { exact: true }).waitFor(WAIT);
      const table = page.getByTestId('province-rules-table');
      await table.locator('.ant-table-row').first().waitFor(WAIT);
      expect(await table.locator('.ant-table-row').count()).toBe(Math.min(all.total, 20));

      // Nothing of the school's: no new rule, no publish / withdraw / preview, no caps and settings.
      expect(await page.getByTestId('rule-new').count()).toBe(0);
      expect(await page.getByTestId('settings-card').count()).toBe(0);
      for (const name of [/新建规则/, /^发\s*布$/, /^停\s*用$/, /^预\s*览$/, /^修\s*改/, /^保\s*存$/])
        expect(await page.getByRole('button', { name }).count()).toBe(0);

      // Filter: the school (searched by name), then 已发布.
      const bySchool = page.waitForResponse(
        (r) => r.url().includes('/api/v1/recognition-rules?') && r.url().includes(`schoolId=${school.id}`),
        WAIT,
      );
      await page.getByTestId('rules-school').click();
      await page.keyboard.type(schoolName.slice(0, 4));
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: schoolName }).click();
      expect((await bySchool).status()).toBe(200);
      const byStatus = page.waitForResponse(
        (r) =>
          r.url().includes('/api/v1/recognition-rules?') &&
          r.url().includes(`schoolId=${school.id}`) &&
          r.url().includes('status=published'),
        WAIT,
      );
      await page.getByTestId('rules-status').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已发布' }).click();
      expect((await byStatus).status()).toBe(200);
      await table.locator('.ant-table-row').first().waitFor(WAIT);
      await expect.poll(() => table.locator('.ant-table-row').count(), WAIT).toBe(Math.min(published.total, 20));
      expect(await page.getByTestId('rules-school').textContent()).toContain(schoolName);
      await page.keyboard.press('Escape');

      for (const rule of published.items.slice(0, 20)) {
        const row = table.locator(`.ant-table-row[data-row-key="${rule.id}"]`);
        await row.waitFor(WAIT);
        const text = (await row.textContent())!;
        expect(text).toContain(schoolName);
        expect(text).toContain(rule.code);
        expect(text).toContain(rule.name);
        expect(text).toContain(rule.major.name);
        for (const o of rule.outcomes) expect(text).toContain(o.name);
        for (const c of rule.courses) expect(text).toContain(`${c.name}（${credits(c.credits)} 学分 · ${c.grade}）`);
        const total = rule.courses.reduce((s, c) => s + c.credits, 0);
        expect(await row.locator('td').nth(5).textContent()).toBe(credits(total));
        expect(await row.locator('.ant-tag').textContent()).toBe('已发布');
      }
      await page.screenshot({ path: path.join(SCREENSHOTS, 'province-recognition-rules.png'), fullPage: true });

      // One rule's details, read from the server, with nothing to act on.
      const read = page.waitForResponse((r) => r.url().endsWith(`/api/v1/recognition-rules/${opened.id}`), WAIT);
      await page.getByTestId(`rule-view-${opened.code}`).click();
      expect((await read).status()).toBe(200);
      const drawer = page.locator('.ant-drawer:visible');
      const details = drawer.getByTestId('rule-details');
      await details.waitFor(WAIT);
      expect(await drawer.locator('.ant-drawer-title').textContent()).toBe(`认定规则详情：${detail.code}`);
      const field = async (label: string) =>
        (await details
          .locator('tr', { has: page.locator('th', { hasText: label }) })
          .locator('td')
          .textContent())!;
      expect(await field('规则编号')).toBe(detail.code);
      expect(await field('规则名称')).toBe(detail.name);
      expect(await field('院校')).toBe(schoolName);
      expect(await field('适用专业')).toBe(detail.major.name);
      expect(await field('状态')).toBe('已发布');
      for (const o of detail.outcomes) expect(await field('学习成果')).toContain(o.name);
      expect(await field('认定学分')).toBe(`${credits(detail.courses.reduce((s, c) => s + c.credits, 0))} 学分`);
      expect(await field('成果取得年限')).toBe(detail.maxOutcomeAgeYears === null ? '不限' : String(detail.maxOutcomeAgeYears));
      if (detail.basis) expect(await field('依据')).toBe(detail.basis);
      const courses = drawer.getByTestId('rule-details-courses');
      expect(await courses.locator('.ant-table-row').count()).toBe(detail.courses.length);
      for (const c of detail.courses) {
        const text = (await courses.locator('.ant-table-row', { hasText: c.code }).textContent())!;
        expect(text).toContain(c.name);
        expect(text).toContain(c.grade);
        expect(text).toContain(credits(c.credits));
        expect(text).toContain(credits(c.courseCredits));
      }
      expect(await drawer.getByRole('button').count()).toBe(1); // the drawer's close button, nothing else
      // The drawer has slid in before the picture.
      await drawer.evaluate((el: { getAnimations(o: { subtree: boolean }): { finished: Promise<unknown> }[] }) =>
        Promise.all(el.getAnimations({ subtree: true }).map((x) => x.finished)),
      );
      await page.screenshot({ path: path.join(SCREENSHOTS, 'province-recognition-rule.png') });
    } finally {
      await context.close();
    }
  });

  it('R7.4 the school sees the conversion applications queue with learner1’s approved application', async () => {
    const approved = await (
      await apiAs('gzcp-admin')
    ).get<ApiPage<ConversionApplicationDto>>('/conversion-applications?status=approved&pageSize=100');
    const app = approved.items.find((a) => a.learner.name === '李明')!;
    expect(app).toBeTruthy();

    const { context, page } = await platform.login('gzcp-admin', { acceptDownloads: true });
    try {
      await page.locator('.ant-menu').getByText('转换申请', { exact: true }).click();
      await page.waitForURL(/\/conversion-applications$/);
      await page.getByText('学分转换申请', { exact: true }).waitFor(WAIT);
      // The queue opens on 待审核; the decided application is one filter away.
      const status = page.getByTestId('applications-status');
      await status.waitFor(WAIT);
      expect(await status.textContent()).toContain('待审核');
      const listed = page.waitForResponse(
        (r) => r.url().includes('/api/v1/conversion-applications') && r.url().includes('status=approved'),
        WAIT,
      );
      await status.click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已批准' }).click();
      expect((await listed).status()).toBe(200);

      const row = page.locator(`[data-testid="applications-table"] .ant-table-row[data-row-key="${app.id}"]`);
      await row.waitFor(WAIT);
      const text = (await row.textContent())!;
      expect(text).toContain('李明');
      expect(text).toContain(app.learner.idNumberMasked);
      expect(text).toContain('广州城市职业学院');
      expect(text).toContain(app.major.name);
      expect(text).toContain('本人申请');
      expect(text).toContain(app.appliedOn);
      expect(text).toContain(credits(app.approvedCredits));
      expect(await page.getByTestId(`application-status-${app.id}`).textContent()).toBe('已批准');
      // Decided: no actions left.
      expect(await page.getByTestId(`approve-${app.id}`).count()).toBe(0);
      expect(await page.getByTestId(`refuse-${app.id}`).count()).toBe(0);

      // Its items: 工业机器人现场编程 approved; the platform's reasons for what could not be converted.
      await row.locator('.ant-table-row-expand-icon').click();
      const items = page.getByTestId(`items-${app.id}`);
      await items.waitFor(WAIT);
      const exempted = items.locator('.ant-table-row', { hasText: '工业机器人现场编程' });
      expect(await exempted.textContent()).toContain('已批准');
      for (const i of app.items.filter((x) => x.verdict === 'refused')) {
        expect(await items.getByTestId(`refusal-${i.reason}`).count()).toBeGreaterThan(0);
      }
      if (app.decisionReason) expect(await page.getByText(`审核意见：${app.decisionReason}`).count()).toBe(1);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'conversion-applications.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('R7.5 learner1 downloads the transcript PDF', async () => {
    const { context, page } = await platform.login('learner1', { acceptDownloads: true });
    try {
      await page.locator('.ant-menu').getByText('我的学习账户', { exact: true }).click();
      const button = page.getByTestId('transcript-download');
      await button.waitFor(WAIT);
      expect(await button.textContent()).toContain('下载成绩单（PDF）');
      const [download] = await Promise.all([page.waitForEvent('download', WAIT), button.click()]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/i);
      const file = await download.path();
      const bytes = await readFile(file);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(1000);
    } finally {
      await context.close();
    }
  });
});

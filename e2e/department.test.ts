import path from 'node:path';
import type { AgreementDto } from '@onex/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { SCREENSHOTS, startPlatform } from './server';

/**
 * Browser journeys of issue 17's remaining pieces on the demo data:
 * - item 3 (粤生态职院〔2023〕18号 第十二条, 第十五条; R5.3, R5.4): the department administrator of 广州城市职业学院's
 *   机电工程学院 (created by the school) selects one of its students for the open 工业机器人应用编程 session from its own
 *   menu (考生遴选) — the student then awaits their own consent — and arranges an invigilator (监考安排);
 * - item 8: the public 考核站点名录 without an account;
 * - item 5: the organization suspends the pilot's agreement with a reason and resumes it, and the history shows both.
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

/** The school creates the account of its 机电工程学院 (the department of its 工业机器人应用编程 pilot) through the accounts API. */
async function departmentAccount(): Promise<{ username: string; password: string }> {
  const username = `gzcp-mech-${Date.now().toString(36)}`;
  const password = 'Dept-Select#2027xy';
  const context = await platform.browser.newContext();
  try {
    const login = await context.request.post(`${platform.baseUrl}/api/v1/auth/login`, {
      data: { username: 'gzcp-admin', password: DEMO_PASSWORD },
    });
    const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { scope: { schoolId: string } } };
    const departments = (await (
      await context.request.get(`${platform.baseUrl}/api/v1/schools/${user.scope.schoolId}/departments`)
    ).json()) as { items: { id: string; name: string }[] };
    const departmentId = departments.items.find((d) => d.name === '机电工程学院')!.id;
    const res = await context.request.post(`${platform.baseUrl}/api/v1/users`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { username, displayName: '机电工程学院（二级学院）', role: 'department_admin', password, departmentId },
    });
    expect(res.status(), await res.text()).toBe(201);
  } finally {
    await context.close();
  }
  return { username, password };
}

describe('browser journeys: departments do their part (issue 17 item 3, R5.3, R5.4)', () => {
  it('the department selects its student for a session (who then must consent) and arranges an invigilator from its own menu', async () => {
    const account = await departmentAccount();
    const { context, page } = await platform.login(account.username, { password: account.password });
    try {
      // Its own menu: 考生遴选 and 监考安排 under 考核.
      const sider = page.locator('.app-sider');
      await sider.getByRole('menuitem', { name: '考生遴选' }).click();
      await page.waitForURL(/\/candidate-selection$/);

      const open = await apiGet<{ items: { id: string; certificateTypeName: string }[] }>(
        page,
        '/api/v1/exam-sessions?status=registration_open',
      );
      const session = open.items.find((s) => s.certificateTypeName === '工业机器人应用编程')!;
      expect(session).toBeTruthy();
      await page.getByTestId('selection-session').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '工业机器人应用编程' }).first().click();
      await page.getByTestId('selection-registrations').waitFor(WAIT);
      await page.getByTestId('selection-open').click(WAIT);

      // A student of the department not yet on the list.
      const rows = page.locator('[data-testid="selection-students"] tbody tr.ant-table-row');
      await rows.first().waitFor(WAIT);
      const free = rows.filter({ has: page.locator('input[type="checkbox"]:not([disabled])') }).first();
      const name = ((await free.locator('td').nth(1).textContent()) ?? '').trim();
      expect(name).not.toBe('');
      await free.locator('input[type="checkbox"]').check();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'department-selection.png') });
      const proposed = page.waitForResponse(
        (r) => r.url().endsWith(`/exam-sessions/${session.id}/registrations`) && r.request().method() === 'POST',
        WAIT,
      );
      await page.getByTestId('selection-submit').click();
      expect((await proposed).status()).toBe(201);

      // Selected, not registered: the student's own consent is awaited (R5.3).
      const row = page.locator('[data-testid="selection-registrations"] tbody tr').filter({ hasText: name });
      await row.getByText('待本人确认').waitFor(WAIT);
      const regs = await apiGet<{ items: { learner: { name: string }; status: string }[] }>(
        page,
        `/api/v1/exam-sessions/${session.id}/registrations`,
      );
      expect(regs.items.find((r) => r.learner.name === name)?.status).toBe('proposed');

      // 监考安排 (第十五条): the session at the school's site, an invigilator with a fee, recorded under the department.
      await sider.getByRole('menuitem', { name: '监考安排' }).click();
      await page.waitForURL(/\/invigilation$/);
      await page.getByTestId(`arrange-${session.id}`).click(WAIT);
      await page.getByTestId('invigilator-name').fill('周晓明');
      await page.getByTestId('invigilator-fee').fill('200');
      const assigned = page.waitForResponse(
        (r) => r.url().endsWith(`/exam-sessions/${session.id}/invigilations`) && r.request().method() === 'POST',
        WAIT,
      );
      await page.getByTestId('invigilator-add').click();
      expect((await assigned).status()).toBe(201);
      const invigilator = page.locator('[data-testid="invigilators"] tbody tr').filter({ hasText: '周晓明' });
      await invigilator.getByText('机电工程学院').waitFor(WAIT);
      expect(await invigilator.textContent()).toContain('200.00');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'department-invigilation.png') });
    } finally {
      await context.close();
    }
  });
});

describe('browser journeys: the public register of exam sites (issue 17 item 8)', () => {
  it('anyone opens 考核站点名录 from the public header and filters it by province', async () => {
    const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${platform.baseUrl}/catalog`);
      await page.getByTestId('public-exam-sites').click(WAIT);
      await page.waitForURL(/\/public\/exam-sites$/);
      const table = page.getByTestId('site-register-table');
      await table.getByText('广州城市职业学院工业机器人应用编程考核站点').waitFor(WAIT);
      await page.getByTestId('site-register-province').click();
      await page.keyboard.type('湖北');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '湖北省' }).first().click();
      await table.getByText('广州城市职业学院工业机器人应用编程考核站点').waitFor({ state: 'detached', ...WAIT });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'public-exam-sites.png') });
    } finally {
      await context.close();
    }
  });
});

describe('browser journeys: agreements have a life (issue 17 item 5)', () => {
  it('the organization suspends the agreement with a reason, resumes it, and reads both in its history', async () => {
    const { context, page } = await platform.login('org-robot');
    try {
      await page.goto(`${platform.baseUrl}/agreements`);
      const agreements = await apiGet<{ items: AgreementDto[] }>(page, '/api/v1/pilot-agreements');
      const a = agreements.items.find((x) => x.status === 'in_force' && x.school.name === '广州城市职业学院')!;
      expect(a.allowedActions).toEqual(expect.arrayContaining(['suspend', 'terminate']));

      // 暂停 needs a reason: the dialog refuses an empty one.
      await page.getByTestId(`agreement-suspend-${a.id}`).click(WAIT);
      await page.getByTestId('agreement-reason').waitFor(WAIT); // the dialog is open before its button is pressed
      await page.getByTestId('agreement-reason-ok').click();
      await page.getByText('请填写原因').waitFor(WAIT);
      await page.getByTestId('agreement-reason').fill('考核站点设备整改期间暂停合作');
      const suspended = page.waitForResponse((r) => r.url().endsWith(`/pilot-agreements/${a.id}/transitions`), WAIT);
      await page.getByTestId('agreement-reason-ok').click();
      expect((await suspended).status()).toBe(200);
      await page.getByTestId(`agreement-status-${a.id}`).getByText('暂停').waitFor(WAIT);

      // 恢复 asks to confirm.
      await page.getByTestId(`agreement-resume-${a.id}`).click(WAIT);
      const resumed = page.waitForResponse((r) => r.url().endsWith(`/pilot-agreements/${a.id}/transitions`), WAIT);
      await page
        .locator('.ant-popover:visible')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      expect((await resumed).status()).toBe(200);
      await page.getByTestId(`agreement-status-${a.id}`).getByText('生效').waitFor(WAIT);

      await page.getByTestId(`agreement-history-${a.id}`).click();
      const history = page.getByTestId('agreement-history');
      await history.getByText('考核站点设备整改期间暂停合作').waitFor(WAIT);
      await history.getByText(/恢复合作/).waitFor(WAIT);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'agreement-history.png') });
    } finally {
      await context.close();
    }
  });
});

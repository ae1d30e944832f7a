import type { AllocationDto, BudgetDto, FundEntryDto } from '@onex/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { type Platform, startPlatform } from './server';

/**
 * Browser journeys of the special funds (issue 15) on the demo data: 广州城市职业学院 drafts, edits and submits a budget
 * that its department, 教务部 and the school leader approve in the UI, then adjusts it through the same chain; a
 * prohibited use is refused with its clause; spending is recorded against the approved budget (R4.5); then 广东
 * computes and publishes a factor-method allocation (R4.6).
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

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).click();
}

/** A department administrator (二级学院) of the pilot's department, created by the school through the accounts API. */
async function departmentAccount(departmentId: string): Promise<{ username: string; password: string }> {
  const username = `gzcp-dept-${Date.now().toString(36)}`;
  const password = 'Funds-Dept#2027xy';
  const context = await platform.browser.newContext();
  try {
    const login = await context.request.post(`${platform.baseUrl}/api/v1/auth/login`, {
      data: { username: 'gzcp-admin', password: DEMO_PASSWORD },
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
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

/** Clicks a button and waits for the request it sends; returns the response. */
async function clickFor(page: Page, testId: string, path: string, method: string) {
  const res = page.waitForResponse((r) => r.url().endsWith(path) && r.request().method() === method, WAIT);
  await page.getByTestId(testId).click(WAIT);
  return res;
}

async function setLine(page: Page, category: string, yuan: string) {
  const input = page.getByTestId(`budget-line-${category}`);
  await input.fill('');
  await input.fill(yuan);
}

describe('special funds in the browser (issue 15)', () => {
  it('R4.5 budget editor: a school drafts lines by category with their clause, edits, submits; each approver acts in the UI; then adjusts', async () => {
    const school = await platform.login('gzcp-admin');
    const { page } = school;
    let dept: Awaited<ReturnType<Platform['login']>> | null = null;
    try {
      const demo = (await apiGet<{ items: BudgetDto[] }>(page, '/api/v1/fund-budgets')).items[0]!;
      await page.locator('.ant-menu').getByText('专项经费', { exact: true }).click();
      await page.getByTestId('new-budget').click(WAIT);
      await page.getByTestId('budget-pilot').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: demo.filing.certificateTypeName })
        .first()
        .click();
      await page.getByTestId('budget-year').fill('2027');
      // Categories are data, each shown with the clause that names it.
      expect(await page.getByTestId('budget-clause-teacher_training').textContent()).toContain('粤生态职院〔2023〕18号 第十一条');
      await setLine(page, 'teacher_training', '10000');
      await setLine(page, 'equipment', '50000');
      await page.getByTestId('budget-lines-total').getByText('¥60,000.00').waitFor(WAIT);
      const created = await clickFor(page, 'budget-lines-save', '/api/v1/fund-budgets', 'POST');
      expect(created.status()).toBe(201);
      const id = ((await created.json()) as BudgetDto).id;

      // Before submission (the department's review) the draft's lines can still be edited.
      await page.getByTestId(`budget-edit-${id}`).click(WAIT);
      await setLine(page, 'equipment', '45000');
      await setLine(page, 'certification', '5000');
      expect((await clickFor(page, 'budget-lines-save', `/fund-budgets/${id}/lines`, 'PUT')).status()).toBe(200);
      const edited = await apiGet<BudgetDto>(page, `/api/v1/fund-budgets/${id}`);
      expect(edited.lines.map((l) => [l.category, l.budgetFen])).toEqual([
        ['teacher_training', 1_000_000],
        ['equipment', 4_500_000],
        ['certification', 500_000],
      ]);
      expect(edited.status).toBe('draft');
      // The school cannot take the department's step; it submits (报), after which the lines are frozen.
      expect(await page.getByTestId(`budget-department_approve-${id}`).count()).toBe(0);
      expect((await clickFor(page, `budget-submit-${id}`, `/fund-budgets/${id}/submit`, 'POST')).status()).toBe(200);
      await page.getByTestId(`budget-edit-${id}`).waitFor({ state: 'detached', ...WAIT });

      // 二级学院 → 教务部 → 校领导, each in the UI.
      const account = await departmentAccount(demo.departmentId);
      dept = await platform.login(account.username, { password: account.password });
      await dept.page.locator('.ant-menu').getByText('专项经费', { exact: true }).click();
      expect(
        (await clickFor(dept.page, `budget-department_approve-${id}`, `/fund-budgets/${id}/department_approve`, 'POST')).status(),
      ).toBe(200);
      await page.reload();
      await page.getByTestId(`budget-academic_approve-${id}`).waitFor(WAIT);
      expect((await clickFor(page, `budget-academic_approve-${id}`, `/fund-budgets/${id}/academic_approve`, 'POST')).status()).toBe(200);
      expect((await clickFor(page, `budget-leader_approve-${id}`, `/fund-budgets/${id}/leader_approve`, 'POST')).status()).toBe(200);
      const approved = await apiGet<BudgetDto>(page, `/api/v1/fund-budgets/${id}`);
      expect(approved.status).toBe('approved');
      expect(approved.events.map((e) => e.action)).toEqual(['submit', 'department_approve', 'academic_approve', 'leader_approve']);

      // A budget adjustment (001 第十三条) through the same chain raises a line.
      await page.getByTestId(`budget-adjust-${id}`).click(WAIT);
      await setLine(page, 'teacher_training', '12000');
      await page.getByTestId('adjustment-reason').fill('增加一期师资培训');
      const proposed = await clickFor(page, 'budget-lines-save', `/fund-budgets/${id}/adjustments`, 'POST');
      expect(proposed.status()).toBe(201);
      const adj = ((await proposed.json()) as BudgetDto).adjustments[0]!;
      await page.locator(`tr[data-row-key="${id}"] .ant-table-row-expand-icon`).click(WAIT);
      expect((await clickFor(page, `adjustment-submit-${adj.id}`, `/fund-budget-adjustments/${adj.id}/submit`, 'POST')).status()).toBe(200);
      await dept.page.reload();
      await dept.page.locator(`tr[data-row-key="${id}"] .ant-table-row-expand-icon`).click(WAIT);
      expect(
        (
          await clickFor(
            dept.page,
            `adjustment-department_approve-${adj.id}`,
            `/fund-budget-adjustments/${adj.id}/department_approve`,
            'POST',
          )
        ).status(),
      ).toBe(200);
      await page.reload();
      await page.locator(`tr[data-row-key="${id}"] .ant-table-row-expand-icon`).click(WAIT);
      expect(
        (
          await clickFor(page, `adjustment-academic_approve-${adj.id}`, `/fund-budget-adjustments/${adj.id}/academic_approve`, 'POST')
        ).status(),
      ).toBe(200);
      expect(
        (await clickFor(page, `adjustment-leader_approve-${adj.id}`, `/fund-budget-adjustments/${adj.id}/leader_approve`, 'POST')).status(),
      ).toBe(200);
      await page.getByTestId(`adjustment-status-${adj.id}`).getByText('已审批').waitFor(WAIT);
      const adjusted = await apiGet<BudgetDto>(page, `/api/v1/fund-budgets/${id}`);
      expect(adjusted.lines.find((l) => l.category === 'teacher_training')!.budgetFen).toBe(1_200_000);
      expect(adjusted.totalBudgetFen).toBe(6_200_000);
    } finally {
      await dept?.context.close();
      await school.context.close();
    }
  });

  it('R4.5 a prohibited use is refused and the school is shown the clause; nothing is written to the ledger', async () => {
    const { context, page } = await platform.login('gzcp-admin');
    try {
      const budget = (await apiGet<{ items: BudgetDto[] }>(page, '/api/v1/fund-budgets?year=2026')).items[0]!;
      const before = (await apiGet<{ items: FundEntryDto[] }>(page, `/api/v1/fund-budgets/${budget.id}/entries`)).items.length;
      await page.locator('.ant-menu').getByText('专项经费', { exact: true }).click();
      await page.getByTestId(`open-ledger-${budget.id}`).click(WAIT);
      await pick(page, 'spend-category', '其他');
      await page.getByTestId('spend-amount').fill('3200');
      await page.getByTestId('spend-date').click();
      await page.keyboard.type('2026-09-02');
      await page.keyboard.press('Enter');
      await page.getByTestId('spend-payee').fill('某商业银行广州分行');
      await page.getByTestId('spend-purpose').fill('支付实训楼建设贷款利息');
      const posted = page.waitForResponse(
        (r) => r.url().endsWith(`/fund-budgets/${budget.id}/spending`) && r.request().method() === 'POST',
        WAIT,
      );
      await page.getByTestId('spend-submit').click();
      expect((await posted).status()).toBe(422);
      const clause = page.getByTestId('fund-refusal-clause');
      await clause.waitFor(WAIT);
      expect(await clause.textContent()).toContain('粤生态职院〔2023〕18号 第十一条');
      expect(await page.getByTestId('fund-refusal').textContent()).toContain('专项资金不得用于该用途');
      expect((await apiGet<{ items: FundEntryDto[] }>(page, `/api/v1/fund-budgets/${budget.id}/entries`)).items).toHaveLength(before);
    } finally {
      await context.close();
    }
  });

  it('R4.5 a school records spending against its approved budget; the balance is the sum of its entries', async () => {
    const { context, page } = await platform.login('gzcp-admin');
    try {
      const budget = (await apiGet<{ items: BudgetDto[] }>(page, '/api/v1/fund-budgets?year=2026')).items[0]!;
      await page.locator('.ant-menu').getByText('专项经费', { exact: true }).click();
      await page.getByTestId(`open-ledger-${budget.id}`).click(WAIT);
      await pick(page, 'spend-category', '师资培训');
      await page.getByTestId('spend-amount').fill('1234.56');
      await page.getByTestId('spend-date').click();
      await page.keyboard.type('2026-09-01');
      await page.keyboard.press('Enter');
      await page.getByTestId('spend-payee').fill('广东省职业技术教育学会');
      await page.getByTestId('spend-purpose').fill('教师参加师资培训（第二期）');
      const posted = page.waitForResponse(
        (r) => r.url().endsWith(`/fund-budgets/${budget.id}/spending`) && r.request().method() === 'POST',
        WAIT,
      );
      await page.getByTestId('spend-submit').click();
      expect((await posted).status()).toBe(201);
      await page.getByTestId('ledger').getByText('教师参加师资培训（第二期）').waitFor(WAIT);
      const after = await apiGet<BudgetDto>(page, `/api/v1/fund-budgets/${budget.id}`);
      const entries = (await apiGet<{ items: FundEntryDto[] }>(page, `/api/v1/fund-budgets/${budget.id}/entries`)).items;
      expect(after.spentFen).toBe(budget.spentFen + 123_456);
      expect(after.balanceFen).toBe(entries.reduce((s, e) => s + e.amountFen, 0));
    } finally {
      await context.close();
    }
  });

  it('R4.6 the province computes an allocation whose shares sum exactly to the total, and publishes it', async () => {
    const { context, page } = await platform.login('gd-admin');
    try {
      await page.locator('.ant-menu').getByText('经费分配', { exact: true }).click();
      await page.getByTestId('allocation-total').fill('888888.88');
      const posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/fund-allocations') && r.request().method() === 'POST', WAIT);
      await page.getByTestId('allocation-compute').click();
      const res = await posted;
      expect(res.status()).toBe(201);
      const a = (await res.json()) as AllocationDto;
      expect(a.shares.reduce((s, x) => s + x.computedFen, 0)).toBe(88_888_888);
      await page.getByTestId('allocation-final-total').getByText('¥888,888.88').waitFor(WAIT);
      const published = page.waitForResponse((r) => r.url().endsWith(`/fund-allocations/${a.id}/publish`), WAIT);
      await page.getByTestId('allocation-publish').click();
      expect((await published).status()).toBe(200);
      expect((await apiGet<AllocationDto>(page, `/api/v1/fund-allocations/${a.id}`)).status).toBe('published');
    } finally {
      await context.close();
    }
  });
});

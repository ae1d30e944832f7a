import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { startPlatform } from './server';

/**
 * 成绩复核 in the browser (issue 17 item 4): learner1 asks for a review of its published score during 成绩公示, the
 * organization (org-robot) corrects the score on its 成绩复核 page, and learner1's certificate follows (revoked, since
 * the corrected score is below the pass mark). The demo published its scores with a 公示期 of 0 days; the organization
 * first sets 30 days, which reopens the period of that session (its period follows the organization's setting).
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

describe('score review (成绩复核, issue 17 item 4)', () => {
  it('the candidate asks, the organization corrects, the certificate follows', async () => {
    // The organization's 公示期: 30 days.
    const setup = await platform.browser.newContext();
    const login = await setup.request.post(`${platform.baseUrl}/api/v1/auth/login`, {
      data: { username: 'org-robot', password: DEMO_PASSWORD },
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const set = await setup.request.put(`${platform.baseUrl}/api/v1/certificate-settings`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { publicityDays: 30 },
    });
    expect(set.status(), await set.text()).toBe(200);
    await setup.close();

    // learner1 asks on 我的考核.
    const learner = await platform.login('learner1');
    await learner.page.goto(`${platform.baseUrl}/my-exams`);
    const regs = learner.page.getByTestId('my-registrations');
    await regs.getByRole('button', { name: '申请复核' }).first().click(WAIT);
    await learner.page.getByLabel('申请理由').fill('实操题第 2 题评分与评分标准不符，申请复核');
    const asked = learner.page.waitForResponse((r) => r.url().endsWith('/api/v1/me/score-reviews') && r.request().method() === 'POST');
    await learner.page.locator('.ant-modal-footer .ant-btn-primary').click();
    expect((await asked).status()).toBe(201);
    await regs.getByText('复核中').waitFor(WAIT);

    // org-robot corrects it on 成绩复核.
    const org = await platform.login('org-robot');
    await org.page.locator('.ant-menu').getByText('成绩复核', { exact: true }).click();
    const table = org.page.getByTestId('score-reviews');
    await table.getByText('实操题第 2 题评分与评分标准不符，申请复核').waitFor(WAIT);
    await table.getByRole('button', { name: '答复' }).first().click();
    await org.page.locator('.ant-modal').getByText('更正成绩', { exact: true }).click();
    await org.page.getByLabel('更正后总成绩').fill('55');
    await org.page.getByLabel('答复', { exact: true }).fill('复核发现第 2 题重复计分，更正为 55 分');
    const decided = org.page.waitForResponse((r) => /\/api\/v1\/score-reviews\/[^/]+\/decision$/.test(r.url()));
    await org.page.locator('.ant-modal-footer .ant-btn-primary').click();
    const res = await decided;
    expect(res.status(), await res.text()).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'corrected', newScore: 55, newPassed: false, certificateEffect: 'revoked' });

    // learner1 sees the corrected score; its certificate of that session is revoked with the reason.
    await learner.page.reload();
    await learner.page.getByTestId('my-registrations').getByText('已更正为 55').waitFor(WAIT);
    const certs = await apiGet<{ items: { status: string; revocationReason?: string | null }[] }>(
      learner.page,
      '/api/v1/certificates?pageSize=50',
    );
    expect(certs.items.some((c) => c.status === 'revoked' && (c.revocationReason ?? '').includes('成绩复核更正'))).toBe(true);
    await learner.context.close();
    await org.context.close();
  });
});

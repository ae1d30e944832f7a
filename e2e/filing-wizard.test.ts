import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { SCREENSHOTS, startPlatform } from './server';

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

describe('browser journeys: the filing wizard (R3.4, R3.5)', () => {
  it('R3.5 gdst-admin sees what is missing in its BIM draft, follows a link to the step, and no incomplete step shows ✓', async () => {
    const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${platform.baseUrl}/login`);
      await page.getByLabel('用户名').fill('gdst-admin');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByTestId('home-title').waitFor();
      await page.goto(`${platform.baseUrl}/filings`);
      await page.getByText('建筑信息模型（BIM）').first().click({ timeout: 15_000 });
      await page.waitForURL(/\/filings\/[0-9a-f-]{36}/);

      // The summary: "尚未填写完整（N 处）" with N > 0, each missing field a link.
      const summary = page.getByTestId('missing-summary');
      await summary.waitFor({ timeout: 15_000 });
      const n = Number(/尚未填写完整（(\d+) 处）/.exec((await summary.textContent()) ?? '')?.[1]);
      expect(n).toBeGreaterThan(0);
      expect(await page.getByTestId('missing-link').count()).toBe(n);
      // The same rule as the server's 'sections_complete' (plus the missing required attachments).
      const id = /\/filings\/([0-9a-f-]{36})/.exec(page.url())![1];
      const report = (await (await page.request.get(`${platform.baseUrl}/api/v1/filings/${id}/rule-report`)).json()) as {
        results: { ruleId: string; details?: { problems?: string[]; missing?: string[] } }[];
      };
      const rule = (rid: string) => report.results.find((r) => r.ruleId === rid)?.details ?? {};
      expect(n).toBe((rule('sections_complete').problems ?? []).length + (rule('attachments_present').missing ?? []).length);

      // The step list is vertical, in a left column, and the page fits 1440 px.
      const steps = page.getByTestId('filing-steps');
      expect(await steps.getAttribute('class')).toMatch(/vertical/);
      const stepsBox = (await steps.boundingBox())!;
      const formBox = (await page.getByTestId('filing-form').boundingBox())!;
      expect(stepsBox.x + stepsBox.width).toBeLessThanOrEqual(formBox.x);
      expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(1440);

      // Every step with missing fields shows their number and no ✓; the missing counts add up to N.
      const items = await steps.locator(':scope > *').evaluateAll((els) =>
        els.map((el) => ({
          missing: Number(el.querySelector('[data-testid="step-missing-count"]')?.textContent ?? 0),
          check: !!el.querySelector('.anticon-check'),
          finish: /-finish\b/.test(el.className),
        })),
      );
      expect(items).toHaveLength(9);
      const incomplete = items.filter((i) => i.missing > 0);
      expect(incomplete.length).toBeGreaterThan(0);
      for (const i of incomplete) expect(i).toMatchObject({ check: false, finish: false });
      expect(items.reduce((s, i) => s + i.missing, 0)).toBe(n);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'filing-wizard.png'), fullPage: true });

      // A missing field's link opens its step (numbered as in the list) and focuses the field.
      const link = page.locator('[data-testid="missing-link"][data-field="opinions.declaringUnit.text"]');
      expect(await link.count()).toBe(1);
      const step = Number(await link.getAttribute('data-step'));
      expect(step).toBeGreaterThan(0);
      await link.click();
      await page
        .getByTestId('step-title')
        .filter({ hasText: new RegExp(`^${step + 1}\\. `) })
        .waitFor({ timeout: 15_000 });
      expect(
        await page
          .getByTestId('missing-group')
          .filter({ hasText: new RegExp(`^${step + 1}\\. `) })
          .count(),
      ).toBe(1);
      expect(await steps.locator(':scope > *').nth(step).getAttribute('class')).toMatch(/-process\b/);
      await page.waitForFunction("document.activeElement?.id === 'opinions_declaringUnit_text'", undefined, { timeout: 10_000 });

      // An attachment's link opens the attachments step.
      await page.locator('[data-testid="missing-link"][data-field=""]').first().click();
      await page
        .getByTestId('step-title')
        .filter({ hasText: /^8\. 附件材料/ })
        .waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'filing-wizard-attachments.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});

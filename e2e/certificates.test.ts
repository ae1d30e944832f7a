import path from 'node:path';
import type { CertificateDto, Page as ApiPage } from '@onex/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { SCREENSHOTS, startPlatform } from './server';

/**
 * Browser journeys of certificates (issue 6) on the demo data: public verification by number + name (R6.2), the
 * learner's 我的证书 with a revoked certificate and a share link opened by someone else (R6.2), and revocation by the
 * organization shown at once by the public page (R6.3). Demo numbers come from the API, never hard-coded.
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 15_000 };

/** Logs in through the API (no browser) and GETs with that session: how the tests find demo certificates. */
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

/** 证书查询 without an account: fills number and name and waits for the answer. */
async function verifyOnPublicPage(page: Page, number: string, name: string) {
  await page.goto(`${platform.baseUrl}/verify`);
  await page.getByTestId('verify-number').fill(number);
  await page.getByTestId('verify-name').fill(name);
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/public/certificates/verify'), WAIT);
  await page.getByTestId('verify-submit').click();
  return answered;
}

describe('browser journeys: certificates (R6)', () => {
  it('R6.2 anyone verifies a demo certificate by number + name: 有效 with a masked ID; a wrong name is not found', async () => {
    const learner = await apiAs('learner1');
    const mine = await learner.get<ApiPage<CertificateDto>>('/certificates');
    const valid = mine.items.find((c) => c.status === 'valid')!;
    expect(valid).toBeTruthy();

    const { context, page } = await platform.newPage();
    try {
      // The public header links to 证书查询.
      await page.goto(`${platform.baseUrl}/catalog`);
      await page.getByTestId('public-verify').click();
      await page.waitForURL(/\/verify$/);

      expect((await verifyOnPublicPage(page, valid.number, valid.holderName)).status()).toBe(200);
      const result = page.getByTestId('verify-result');
      await result.waitFor(WAIT);
      expect(await result.getAttribute('data-result')).toBe('valid');
      expect(await page.getByTestId('verify-verdict').textContent()).toBe('证书有效');
      expect(await result.getByTestId('status-valid').textContent()).toBe('有效');
      const masked = await page.getByTestId('verify-id-masked').textContent();
      expect(masked).toBe(valid.holderIdMasked);
      expect(masked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      expect(await page.getByTestId('verify-holder').textContent()).toBe(valid.holderName);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'verify-valid.png'), fullPage: true });

      // A wrong name: the same answer as an unknown number.
      expect((await verifyOnPublicPage(page, valid.number, `${valid.holderName}某`)).status()).toBe(404);
      await page.getByTestId('verify-not-found').waitFor(WAIT);
      expect(await page.getByTestId('verify-not-found').textContent()).toContain('未查询到该证书：请核对证书编号和持证人姓名');
      expect(await page.getByTestId('verify-result').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('R6.2 the login page links to 证书查询; a number typed with O for 0 gets 您是否要查询; a bad QR code says 二维码无效或已失效', async () => {
    const mine = await (await apiAs('learner1')).get<ApiPage<CertificateDto>>('/certificates');
    const valid = mine.items.find((c) => c.status === 'valid' && /0/.test(c.number.slice(0, 15)))!;
    const { context, page } = await platform.newPage();
    try {
      await page.goto(`${platform.baseUrl}/login`);
      await page.getByTestId('login-verify-link').click();
      await page.waitForURL(/\/verify$/);
      expect(await page.getByTestId('verify-catalog-link').getAttribute('href')).toBe('/catalog');
      await page.getByTestId('verify-number').fill(valid.number.slice(0, 15).replace(/0/g, 'O') + valid.number[15]);
      const suggestion = page.getByTestId('verify-suggestion');
      await suggestion.waitFor(WAIT);
      expect(await suggestion.textContent()).toContain(`您是否要查询${valid.number}`);
      await suggestion.getByRole('button').click();
      expect(await page.getByTestId('verify-number').inputValue()).toBe(valid.number);
      await page.goto(`${platform.baseUrl}/verify/c/${'1'.repeat(22)}`);
      await page.getByTestId('verify-not-found').waitFor(WAIT);
      expect(await page.getByTestId('verify-not-found').textContent()).toContain('二维码无效或已失效');
    } finally {
      await context.close();
    }
  });

  it('R6.6 the public checks a credential file step by step: all five pass; a tampered copy fails at 签名 and revocation is not checked', async () => {
    const mine = await (await apiAs('learner1')).get<ApiPage<CertificateDto>>('/certificates');
    const valid = mine.items.find((c) => c.status === 'valid')!;
    const res = await fetch(`${platform.baseUrl}/api/v1/public/credentials/${valid.verificationCode}`);
    const credential = ((await res.json()) as { credential: Record<string, unknown> }).credential;
    const { context, page } = await platform.newPage();
    try {
      await page.goto(`${platform.baseUrl}/verify`);
      await page.getByRole('tab', { name: '校验电子证书文件' }).click();
      const checkFile = async (doc: Record<string, unknown>) => {
        await page.getByTestId('credential-text').fill(JSON.stringify(doc));
        const answered = page.waitForResponse((r) => r.url().includes('/public/credential-checks'), WAIT);
        await page.getByTestId('credential-check').click();
        expect((await answered).status()).toBe(200);
        await page.getByTestId('credential-outcome').waitFor(WAIT);
      };
      await checkFile(credential);
      for (const step of ['format', 'signature', 'issuerKnown', 'trustList', 'notRevoked']) {
        expect(await page.getByTestId(`check-${step}`).getAttribute('data-ok')).toBe('true');
      }
      expect(await page.getByTestId('credential-outcome').textContent()).toContain('信任列表');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'credential-check-valid.png'), fullPage: true });

      await checkFile({ ...credential, validFrom: '2020-01-01T00:00:00Z' });
      await page.getByTestId('check-signature').and(page.locator('[data-ok="false"]')).waitFor(WAIT);
      expect(await page.getByTestId('check-notRevoked').getAttribute('data-ok')).toBe('null');
      expect(await page.getByTestId('check-notRevoked').textContent()).toContain('未检查');
      expect(await page.getByTestId('credential-outcome').textContent()).toContain('签名校验失败');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'credential-check-tampered.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('R6.2 learner1 sees a revoked certificate in 我的证书, creates a share link, and someone else opens it', async () => {
    const mine = await (await apiAs('learner1')).get<ApiPage<CertificateDto>>('/certificates');
    const { context, page } = await platform.login('learner1');
    let shareUrl = '';
    let shared: CertificateDto | undefined;
    try {
      await page.locator('.ant-menu').getByText('我的证书', { exact: true }).click();
      await page.getByTestId('my-certificates').waitFor(WAIT);
      const revoked = page.locator('[data-status="revoked"]');
      expect(await revoked.count()).toBe(mine.items.filter((c) => c.status === 'revoked').length);
      expect(await revoked.count()).toBeGreaterThan(0);
      expect(await revoked.first().getByTestId('status-revoked').textContent()).toBe('已撤销');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'my-certificates.png'), fullPage: true });

      shared = mine.items.find((c) => c.status === 'valid')!;
      await page.getByTestId(`share-${shared.number}`).click();
      const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/share-links'), WAIT);
      await page.getByTestId('share-create').click();
      expect((await created).status()).toBe(201);
      const link = page.getByTestId('share-link-url').first();
      await link.waitFor(WAIT);
      shareUrl = (await link.getAttribute('href'))!;
      expect(shareUrl).toMatch(/\/verify\/s\/[1-9A-HJ-NP-Za-km-z]{16,}$/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'share-links.png') });
    } finally {
      await context.close();
    }

    // A fresh browser without any session opens the link (on this server: the link names PUBLIC_URL).
    const other = await platform.newPage();
    try {
      await other.page.goto(`${platform.baseUrl}${new URL(shareUrl).pathname}`);
      const result = other.page.getByTestId('verify-result');
      await result.waitFor(WAIT);
      expect(await other.page.getByTestId('verify-number-value').textContent()).toBe(shared!.number);
      expect(await other.page.getByTestId('verify-holder').textContent()).toBe(shared!.holderName);
      expect(await result.getAttribute('data-result')).toBe('valid');
      expect(await other.page.getByTestId('verify-id-masked').textContent()).toMatch(/\*{10}/);
      await other.page.screenshot({ path: path.join(SCREENSHOTS, 'share-link-opened.png'), fullPage: true });
    } finally {
      await other.context.close();
    }
  });

  it('R6.3 org-robot revokes a certificate with a reason; the public page then shows 已撤销 with the reason', async () => {
    const org = await apiAs('org-robot');
    const valid = await org.get<ApiPage<CertificateDto>>('/certificates?status=valid&pageSize=200');
    const target = valid.items.find((c) => c.holderName !== '李明')!;
    expect(target).toBeTruthy();
    const reason = '证书信息核查有误，予以撤销（浏览器测试）';

    const { context, page } = await platform.login('org-robot');
    try {
      await page.locator('.ant-menu').getByText('证书发放', { exact: true }).click();
      await page.getByTestId('issuance-session').waitFor(WAIT);
      await page.goto(`${platform.baseUrl}/certificate-issuance?session=${target.sessionId}`);
      await page.getByTestId('certificate-search').locator('input').fill(target.number);
      await page.getByTestId('certificate-search').locator('input').press('Enter');
      const revokeButton = page.getByTestId(`revoke-${target.number}`);
      await revokeButton.waitFor(WAIT);
      await revokeButton.click();
      await page.getByTestId('revoke-reason').fill(reason);
      const revoked = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/revocation'), WAIT);
      await page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-dangerous').click();
      expect((await revoked).status()).toBe(200);
      await page.locator('[data-testid="session-certificates"] [data-testid="status-revoked"]').first().waitFor(WAIT);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'certificate-revoked-org.png'), fullPage: true });
    } finally {
      await context.close();
    }

    const other = await platform.newPage();
    try {
      expect((await verifyOnPublicPage(other.page, target.number, target.holderName)).status()).toBe(200);
      const result = other.page.getByTestId('verify-result');
      await result.waitFor(WAIT);
      expect(await result.getAttribute('data-result')).toBe('revoked');
      expect(await other.page.getByTestId('verify-verdict').textContent()).toBe('证书已撤销');
      expect(await result.getByTestId('status-revoked').textContent()).toBe('已撤销');
      expect(await other.page.getByTestId('verify-revocation-reason').textContent()).toBe(reason);
      // The QR code's page says the same.
      await other.page.goto(`${platform.baseUrl}/verify/c/${target.verificationCode}`);
      await other.page.getByTestId('verify-result').waitFor(WAIT);
      expect(await other.page.getByTestId('verify-result').getAttribute('data-result')).toBe('revoked');
      await other.page.screenshot({ path: path.join(SCREENSHOTS, 'verify-revoked.png'), fullPage: true });
    } finally {
      await other.context.close();
    }
  });

  it('R6.1 while the 公示期 has not passed, 发放证书 is refused with the Chinese reason and nothing is issued', async () => {
    const org = await apiAs('org-robot');
    const before = await org.get<ApiPage<CertificateDto>>('/certificates?pageSize=1');

    const { context, page } = await platform.login('org-robot');
    const setDays = async (days: number) => {
      await page.locator('.ant-menu').getByText('签名密钥', { exact: true }).click();
      const input = page.getByTestId('publicity-days');
      await input.waitFor(WAIT);
      await input.fill(String(days));
      const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/certificate-settings'), WAIT);
      await page.getByRole('button', { name: /保\s*存/ }).click();
      expect((await saved).ok()).toBe(true);
    };
    try {
      // The demo organization publishes for 0 days and the demo scores were published 18 days ago: 30 days puts the
      // session back inside its 公示期.
      await setDays(30);
      await page.locator('.ant-menu').getByText('证书发放', { exact: true }).click();
      await page.getByTestId('issue-certificates').waitFor(WAIT);
      await page.getByTestId('issue-certificates').click();
      const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/certificates'), WAIT);
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      expect((await refused).status()).toBe(409);
      const error = page.getByTestId('issue-error');
      await error.waitFor(WAIT);
      expect(await error.textContent()).toContain('该场次成绩尚未公示或公示期未满，暂不能发证');
      expect(await error.textContent()).toMatch(/公示期满，可于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 起发证/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'certificate-issue-not-ready.png'), fullPage: true });
      await setDays(0);
    } finally {
      await context.close();
    }
    expect((await org.get<ApiPage<CertificateDto>>('/certificates?pageSize=1')).total).toBe(before.total);
  });
});

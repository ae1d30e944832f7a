import path from 'node:path';
import { type CertificateDto, type Page as ApiPage, type SocialApplicationDto, type SocialOfferDto, idCardCheckChar } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo';
import { SCREENSHOTS, startPlatform } from './server';

/**
 * Browser journey of the social learners' channel (issue 17 item 1; 003 6号 二(四) 社会成员自主选择证书类别、等级): a
 * person without a school registers on the public page (ID number with its check digit, phone, consent), applies for
 * the demo's 社会考生专场 (exam today, registration open), uploads a photo and an ID scan, pays; org-robot confirms in
 * its page; the exam is held and results are imported through the API; the certificate shows in 我的证书.
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const WAIT = { timeout: 20_000 };

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR', 'latin1'),
  Buffer.alloc(17, 1),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('IEND', 'latin1'),
  Buffer.alloc(4),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** A logged-in API client (cookie + CSRF header), for the organization's steps that have their own tests. */
async function apiAs(username: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${platform.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async <T>(method: string, url: string, body?: unknown | FormData): Promise<T> => {
    const form = body instanceof FormData;
    const r = await fetch(`${platform.baseUrl}/api/v1${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body && !form ? { 'content-type': 'application/json' } : {}) },
      body: form ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    expect(r.status, `${method} ${url}: ${r.status}`).toBeLessThan(300);
    return (await r.json()) as T;
  };
  return { get: <T>(url: string) => call<T>('GET', url), post: <T>(url: string, body?: unknown) => call<T>('POST', url, body ?? {}), call };
}

describe('browser journey: a social learner from registration to certificate (issue 17 item 1)', () => {
  it('registers (ID check digit, phone, consent) → applies → uploads → pays → org confirms → results → certificate visible', async () => {
    const first17 = '44010619950505123';
    const idNumber = first17 + idCardCheckChar(first17);
    const wrongDigit = first17 + (idCardCheckChar(first17) === '0' ? '1' : '0');
    const username = 'e2e-social';
    const password = 'Social2026x';
    const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    try {
      // 1. Public registration.
      await page.goto(`${platform.baseUrl}/register`);
      await page.getByTestId('pub-name').fill('陈自考');
      await page.getByTestId('pub-id-number').fill(wrongDigit);
      await page.getByTestId('pub-phone').fill('13712345678');
      await page.getByTestId('pub-username').fill(username);
      await page.getByTestId('pub-password').fill(password);
      await page.getByTestId('pub-password2').fill(password);
      await page.getByTestId('pub-submit').click();
      // The wrong check digit and the missing consent are refused on the page.
      await page.getByText('请阅读并同意个人信息处理说明').waitFor(WAIT);
      expect(await page.locator('.ant-form-item-explain-error').count()).toBeGreaterThanOrEqual(2);
      await page.getByTestId('pub-id-number').fill(idNumber);
      await page.getByTestId('pub-consent').click();
      await page.getByTestId('pub-submit').click();
      await page.getByTestId('pub-go-login').waitFor(WAIT);

      // 2. Sign in, choose the 社会考生专场 (exam today) and apply.
      await page.goto(`${platform.baseUrl}/login`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByTestId('home-title').waitFor(WAIT);
      const offers = (await (
        await fetch(`${platform.baseUrl}/api/v1/public/social-exam-offers?pageSize=200`)
      ).json()) as ApiPage<SocialOfferDto>;
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const offer = offers.items.find((o) => o.examDate === today)!;
      expect(offer).toBeTruthy();
      expect(offer.feeFen).toBeLessThanOrEqual(offer.capFen);
      await page.goto(`${platform.baseUrl}/social-exams`);
      await page.getByTestId(`social-apply-${offer.sessionId}`).click();
      await page.getByTestId('social-upload-photo').waitFor(WAIT);

      // 3. Photo and ID scan, then the payment.
      const mine = page.getByTestId('social-mine');
      await mine.locator('input[type=file]').nth(0).setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: PNG });
      await page.getByTestId('social-doc-photo').waitFor(WAIT);
      await mine.locator('input[type=file]').nth(1).setInputFiles({ name: '身份证.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByTestId('social-doc-id_scan').waitFor(WAIT);
      await page.getByTestId('social-pay').click();
      await page.getByTestId('social-pay-ref').fill('WX2026E2E0001');
      await page.getByTestId('social-pay-ok').click();
      await mine.getByText('已缴费，待组织确认').waitFor(WAIT);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'social-learner-paid.png'), fullPage: true });

      // 4. org-robot confirms in its page (documents listed, only to it).
      const orgContext = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
      const orgPage = await orgContext.newPage();
      await orgPage.goto(`${platform.baseUrl}/login`);
      await orgPage.getByLabel('用户名').fill('org-robot');
      await orgPage.getByLabel('密码').fill(DEMO_PASSWORD);
      await orgPage.getByRole('button', { name: /登\s*录/ }).click();
      await orgPage.getByTestId('home-title').waitFor(WAIT);
      const learnerApi = await apiAs(username, password);
      const app = (await learnerApi.get<{ items: SocialApplicationDto[] }>('/me/social-applications')).items[0]!;
      await orgPage.goto(`${platform.baseUrl}/social-applications`);
      await orgPage.getByTestId(`org-doc-photo-${app.id}`).waitFor(WAIT);
      await orgPage.getByTestId(`org-confirm-${app.id}`).click();
      await orgPage.getByTestId('org-confirm-ok').click();
      await orgPage.getByText('已确认报名').first().waitFor(WAIT);
      await orgPage.screenshot({ path: path.join(SCREENSHOTS, 'social-applications-org.png'), fullPage: true });
      await orgContext.close();

      // 5. The exam is held, results imported and published, certificates issued (their own tests cover the pages).
      const org = await apiAs('org-robot');
      const sid = offer.sessionId;
      await org.post(`/exam-sessions/${sid}/transitions`, { action: 'close_registration' });
      await org.post(`/exam-sessions/${sid}/transitions`, { action: 'mark_examined' });
      const csv = `证件类型,证件号码,姓名,总成绩,考核结果\n居民身份证,${idNumber},陈自考,88,合格\n`;
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'results.csv');
      await org.call('POST', `/exam-sessions/${sid}/results`, form);
      await org.post(`/exam-sessions/${sid}/score-publication`);
      const issued = await org.post<{ issued: number }>(`/exam-sessions/${sid}/certificates`);
      expect(issued.issued).toBeGreaterThanOrEqual(1);

      // 6. The certificate is in 我的证书.
      const certs = await learnerApi.get<ApiPage<CertificateDto>>('/certificates');
      expect(certs.items).toHaveLength(1);
      await page.goto(`${platform.baseUrl}/my-certificates`);
      await page.getByTestId(`certificate-${certs.items[0]!.number}`).waitFor(WAIT);
      expect(await page.getByTestId('my-certificates').textContent()).toContain('工业机器人应用编程');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'social-learner-certificate.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});

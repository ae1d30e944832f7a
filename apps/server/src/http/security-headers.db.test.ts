import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../test/test-app';

let t: TestApp;
beforeAll(async () => {
  const webDist = mkdtempSync(path.join(tmpdir(), 'web-'));
  writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><script type="module" src="/assets/index.js"></script>');
  t = await createTestApp({ webDist });
});
afterAll(() => t.close());

const csp = (h: Record<string, unknown>) => String(h['content-security-policy']);

describe('security headers (issue 20 #9)', () => {
  it('the web app gets a same-origin Content-Security-Policy with frame-ancestors none', async () => {
    for (const url of ['/', '/schools/list']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const policy = csp(res.headers);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self' 'unsafe-inline'");
      expect(policy).toContain("img-src 'self' data:");
      expect(policy).not.toMatch(/https?:|upgrade-insecure-requests|unsafe-eval/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
    }
  });

  it('the API answers carry the policy too; downloads keep their own sandbox policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(csp(res.headers)).toContain("frame-ancestors 'none'");
  });

  it('the Swagger UI at /api/docs still loads: its page and scripts are same-origin', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    for (const src of scripts) {
      expect(src).not.toMatch(/^https?:/);
      const js = await t.app.inject({ method: 'GET', url: src });
      expect(js.statusCode, src).toBe(200);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(200);
  });
});

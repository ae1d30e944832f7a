import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressFile } from '../../../web/build/precompress';
import { createTestApp, type TestApp } from '../test/test-app';

/** A built web app in miniature: index.html and one hashed bundle, precompressed as the Vite plugin does. */
function fakeWebDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'onex-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html><script src="/assets/index-abc.js"></script>${' '.repeat(2000)}`);
  writeFileSync(path.join(dir, 'assets/index-abc.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
  precompressFile(path.join(dir, 'index.html'));
  precompressFile(path.join(dir, 'assets/index-abc.js'));
  return dir;
}

describe('issue 21 item 12: the web app is served precompressed and cached', () => {
  let webDist: string;
  let on: TestApp;
  let off: TestApp;
  beforeAll(async () => {
    webDist = fakeWebDist();
    on = await createTestApp({ webDist });
    off = await createTestApp({ webDist, webPrecompressed: false });
  });
  afterAll(async () => {
    await on?.close();
    await off?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('sends the brotli copy of a hashed bundle to a browser that accepts it, cached for a year', async () => {
    const res = await on.app.inject({ url: '/assets/index-abc.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.length).toBeLessThan(1000);
  });

  it('falls back to gzip, and to the plain file for a client that accepts neither', async () => {
    const gz = await on.app.inject({ url: '/assets/index-abc.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await on.app.inject({ url: '/assets/index-abc.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('console.log');
  });

  it('client-side routes get index.html, never cached, compressed too', async () => {
    const res = await on.app.inject({ url: '/exam-sessions', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it('WEB_PRECOMPRESSED=0 serves the uncompressed files (the benchmark baseline)', async () => {
    const res = await off.app.inject({ url: '/assets/index-abc.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toContain('console.log');
  });
});

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
  writeFileSync(path.join(dir, 'login.html'), `<!doctype html><script src="/assets/login-def.js"></script>${' '.repeat(2000)}`);
  precompressFile(path.join(dir, 'index.html'));
  precompressFile(path.join(dir, 'login.html'));
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

  it('issue 21 item 12: GET /login answers the light login page (login.html, not the SPA), never cached, brotli', async () => {
    const res = await on.app.inject({ url: '/login', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-encoding']).toBe('br');
    const plain = await off.app.inject({ url: '/login' });
    expect(plain.body).toContain('/assets/login-def.js');
    expect(plain.body).not.toContain('/assets/index-abc.js');
    // The same as index.html gets, compressed the same way.
    const spa = await on.app.inject({ url: '/exam-sessions', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(spa.headers['content-encoding']).toBe('br');
    expect(spa.headers['cache-control']).toBe(res.headers['cache-control']);
  });

  it('issue 21 item 12: /login?next=//evil.example is the same static page, never a redirect (the page checks next with safeNext)', async () => {
    const res = await off.app.inject({ url: '/login?next=%2F%2Fevil.example&notice=expired' });
    expect(res.statusCode).toBe(200);
    expect(res.headers.location).toBeUndefined();
    expect(res.body).toContain('/assets/login-def.js');
    expect(res.body).not.toContain('evil.example');
  });

  it('WEB_PRECOMPRESSED=0 serves the uncompressed files (the benchmark baseline)', async () => {
    const res = await off.app.inject({ url: '/assets/index-abc.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toContain('console.log');
  });
});

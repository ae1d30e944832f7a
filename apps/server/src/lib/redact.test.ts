import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { httpLoggerOptions, redact, redactUrl } from './redact';

describe('redact', () => {
  it('removes passwords, tokens and ID numbers at any depth', () => {
    const out = redact({
      username: 'a',
      password: 'p',
      nested: { newPassword: 'q', apiToken: 't', idNumber: '440101199001011234', list: [{ secretKey: 's' }] },
    });
    expect(JSON.stringify(out)).not.toMatch(/"p"|"q"|"t"|440101199001011234|"s"/);
    expect(out).toMatchObject({ username: 'a' });
  });
});

describe('canonicalJson', () => {
  it('sorts keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });
});

describe('redactUrl', () => {
  it('keeps ID numbers, tokens and names in query strings out of the request log', () => {
    expect(redactUrl('/api/v1/learning-accounts?idNumber=440104200503151234&page=1')).toBe(
      '/api/v1/learning-accounts?idNumber=[已隐去]&page=1',
    );
    expect(redactUrl('/api/v1/public/certificates/verify?number=202620000000019G&name=%E6%9D%8E%E6%98%8E')).toBe(
      '/api/v1/public/certificates/verify?number=202620000000019G&name=[已隐去]',
    );
    expect(redactUrl('/api/v1/learners?id%5Fnumber=1&q=x')).toBe('/api/v1/learners?id%5Fnumber=[已隐去]&q=x');
    expect(redactUrl('/api/v1/health')).toBe('/api/v1/health');
  });

  it('the HTTP request log carries no ID number or name from the query string', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const app = Fastify({ logger: { ...httpLoggerOptions('info'), stream } });
    app.get('/x', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/x?idNumber=440104200503151234&name=%E6%9D%8E%E6%98%8E&page=2' });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/x?idNumber=[已隐去]&name=[已隐去]&page=2');
    expect(log).not.toContain('440104200503151234');
    expect(log).not.toContain('%E6%9D%8E');
  });
});

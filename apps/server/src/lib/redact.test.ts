import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { redact } from './redact';

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

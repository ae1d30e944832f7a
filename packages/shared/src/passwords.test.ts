import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, passwordProblem } from './passwords';

const real = { demo: false };

describe('password policy (issue 20 #9)', () => {
  it('refuses passwords shorter than 8 characters', () => {
    expect(passwordProblem('Ab1!xyz', real)).toBe('too_short');
    expect(passwordProblem('', real)).toBe('too_short');
  });

  it('refuses the most common passwords, whatever their case', () => {
    for (const p of ['123456', 'password', 'qwerty', '12345678', 'Aa123456', 'P@ssw0rd', 'Password1', 'ADMIN@123', 'Qwerty123'])
      expect(passwordProblem(p, real), p).toBe(p.length < 8 ? 'too_short' : 'common');
  });

  it('needs at least 3 of the 4 character classes', () => {
    expect(passwordProblem('abcdefgh12', real)).toBe('classes');
    expect(passwordProblem('ABCDEFGH!!', real)).toBe('classes');
    expect(passwordProblem('Abcdefgh12', real)).toBeNull();
    expect(passwordProblem('abcdefg1!x', real)).toBeNull();
    expect(passwordProblem('学习平台abc12X', real)).toBeNull();
  });

  it('refuses the demo password outside the demo only', () => {
    expect(passwordProblem(DEMO_PASSWORD, real)).toBe('demo');
    expect(passwordProblem(DEMO_PASSWORD, { demo: true })).toBeNull();
  });
});

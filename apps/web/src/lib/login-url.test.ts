import { describe, expect, it } from 'vitest';
import { loginHref, safeNext, toLoginNotice } from './login-url';

describe('issue 21 item 12: the light login page goes back to `next` on this site only (no open redirect)', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeNext('/schools')).toBe('/schools');
    expect(safeNext('/filings/3f1c?tab=review#scores')).toBe('/filings/3f1c?tab=review#scores');
    expect(safeNext('/a/../exam-sessions')).toBe('/exam-sessions');
  });

  it.each([
    ['//evil.example', 'protocol-relative'],
    ['//evil.example/schools', 'protocol-relative with a path'],
    ['/\\evil.example', 'a backslash the browser reads as a slash'],
    ['\\\\evil.example', 'two backslashes'],
    ['/\t/evil.example', 'a tab the URL parser drops'],
    ['/\n/evil.example', 'a newline the URL parser drops'],
    [' //evil.example', 'leading white space'],
    ['https://evil.example/', 'an absolute address'],
    ['http:evil.example', 'a scheme without slashes'],
    ['javascript:alert(1)', 'another scheme'],
    ['evil.example', 'a relative path without a leading slash'],
    ['', 'empty'],
  ])('refuses %j (%s): home page instead', (next) => {
    expect(safeNext(next)).toBe('/');
  });

  it('refuses a missing value and the login page itself (no loop)', () => {
    expect(safeNext(null)).toBe('/');
    expect(safeNext(undefined)).toBe('/');
    expect(safeNext('/login?next=/schools')).toBe('/');
    expect(safeNext('/login.html')).toBe('/');
  });

  it('a percent-encoded // stays a path on this site', () => {
    expect(safeNext('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });
});

describe('issue 21 item 12: the SPA sends people to /login?next=…&notice=…', () => {
  it('builds the address, leaving out the home page and unsafe targets', () => {
    expect(loginHref()).toBe('/login');
    expect(loginHref({ next: '/' })).toBe('/login');
    expect(loginHref({ next: '/schools?page=2' })).toBe('/login?next=%2Fschools%3Fpage%3D2');
    expect(loginHref({ next: '/schools', notice: 'expired' })).toBe('/login?next=%2Fschools&notice=expired');
    expect(loginHref({ notice: 'loggedOut' })).toBe('/login?notice=loggedOut');
    expect(loginHref({ next: '//evil.example' })).toBe('/login');
  });

  it('reads only the notices it knows', () => {
    expect(toLoginNotice('expired')).toBe('expired');
    expect(toLoginNotice('required')).toBe('required');
    expect(toLoginNotice('loggedOut')).toBe('loggedOut');
    expect(toLoginNotice('<script>')).toBeNull();
    expect(toLoginNotice(null)).toBeNull();
  });
});

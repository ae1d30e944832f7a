import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import {
  SHARE_DAY_CHOICES,
  certificateTitle,
  issuableFromOf,
  parseCredentialText,
  pathOf,
  shareLinkState,
  issuableAt,
} from './certificate-helpers';

describe('certificate helpers (R6)', () => {
  it('names the certificate with its level as printed', () => {
    expect(certificateTitle('工业机器人应用编程', 'intermediate', 'zh-CN')).toBe('工业机器人应用编程职业技能等级证书（中级）');
    expect(certificateTitle('Web 前端开发', 'senior', 'en-US')).toBe('Web 前端开发 vocational skill level certificate (Senior)');
  });

  it('reads a pasted credential: one JSON object, with or without a BOM', () => {
    expect(parseCredentialText('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseCredentialText('{not json')).toEqual({ ok: false, reason: 'json' });
    expect(parseCredentialText('[1,2]')).toEqual({ ok: false, reason: 'object' });
    expect(parseCredentialText('null')).toEqual({ ok: false, reason: 'object' });
    expect(parseCredentialText('\uFEFF{"type":["VerifiableCredential"]}')).toEqual({
      ok: true,
      credential: { type: ['VerifiableCredential'] },
    });
  });

  it('tells active, expired and revoked share links apart', () => {
    expect(shareLinkState({ active: true, revokedAt: null })).toBe('active');
    expect(shareLinkState({ active: false, revokedAt: null })).toBe('expired');
    expect(shareLinkState({ active: false, revokedAt: '2026-01-01T00:00:00Z' })).toBe('revoked');
  });

  it('offers share-link validity within 30–180 days', () => {
    expect(SHARE_DAY_CHOICES).toEqual([30, 90, 180]);
  });

  it('keeps the path of a platform URL', () => {
    expect(pathOf('http://localhost:3000/verify/s/abc?x=1')).toBe('/verify/s/abc?x=1');
    expect(pathOf('/verify/c/x')).toBe('/verify/c/x');
  });

  it('R6.1 reads when issuance opens from a SESSION_NOT_READY refusal, and nothing from other errors', () => {
    const at = '2026-12-01T02:00:00.000Z';
    const notReady = (details: Record<string, unknown>) => new ApiError({ code: 'SESSION_NOT_READY', message: 'x', status: 409, details });
    expect(issuableFromOf(notReady({ issuableFrom: at, publicityDays: 5 }))).toBe(at);
    expect(issuableFromOf(notReady({ issuableFrom: null }))).toBeNull();
    expect(issuableFromOf(new ApiError({ code: 'NOT_FOUND', message: 'x', status: 404, details: { issuableFrom: at } }))).toBeNull();
    expect(issuableFromOf(new Error('network'))).toBeNull();
  });
});

describe('issue 21 item 2: 公示期 on 证书发放', () => {
  it('R6.1 certificates may be issued 公示期 days after 成绩公示; not before publication', () => {
    expect(issuableAt('2026-06-01T02:00:00.000Z', 5)).toBe('2026-06-06T02:00:00.000Z');
    expect(issuableAt('2026-06-01T02:00:00.000Z', 0)).toBe('2026-06-01T02:00:00.000Z');
    expect(issuableAt(null, 5)).toBeNull();
  });
});

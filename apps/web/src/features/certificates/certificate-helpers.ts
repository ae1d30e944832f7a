import { CERTIFICATE_LEVEL_LABELS, type CertificateLevel, SHARE_LINK_DAYS, type ShareLinkDto } from '@onex/shared';
import { ApiError } from '../../lib/api';

/** Pure helpers of the certificate pages (R6). */

/** `工业机器人应用编程职业技能等级证书（中级）` — the certificate's name as printed (English: `… certificate (Intermediate)`). */
export function certificateTitle(typeName: string, level: CertificateLevel, lang: 'zh-CN' | 'en-US'): string {
  const l = CERTIFICATE_LEVEL_LABELS[level];
  return lang === 'en-US' ? `${typeName} vocational skill level certificate (${l.en})` : `${typeName}职业技能等级证书（${l.zh}）`;
}

export type ParsedCredential = { ok: true; credential: Record<string, unknown> } | { ok: false; reason: 'empty' | 'json' | 'object' };

/** A pasted or uploaded credential file: JSON text of one object (a verifiable credential), or why it is not. */
export function parseCredentialText(text: string): ParsedCredential {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return { ok: false, reason: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { ok: false, reason: 'json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'object' };
  return { ok: true, credential: value as Record<string, unknown> };
}

export type ShareLinkState = 'active' | 'expired' | 'revoked';

/** 有效 / 已过期 / 已撤销 of a share link (the server's `active` decides; revoked wins over expired). */
export function shareLinkState(link: Pick<ShareLinkDto, 'active' | 'revokedAt'>): ShareLinkState {
  if (link.revokedAt) return 'revoked';
  return link.active ? 'active' : 'expired';
}

/** Share-link validity choices in days, within 30–180. */
export const SHARE_DAY_CHOICES: readonly number[] = [30, 90, 180].filter((d) => d >= SHARE_LINK_DAYS.min && d <= SHARE_LINK_DAYS.max);

/** The path part of a platform URL (`https://host/verify/s/x` → `/verify/s/x`), to open it in this app. */
export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return url;
  }
}

/** When a session refused with SESSION_NOT_READY can be issued (ISO time; null when scores are not published yet). */
export function issuableFromOf(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.code !== 'SESSION_NOT_READY') return null;
  const at = err.details.issuableFrom;
  return typeof at === 'string' ? at : null;
}

/** When certificates of a session may be issued: 成绩公示 plus its 公示期 (issue 21 item 2); null before publication. */
export function issuableAt(scoresPublishedAt: string | null, publicityDays: number): string | null {
  if (!scoresPublishedAt) return null;
  return new Date(new Date(scoresPublishedAt).getTime() + publicityDays * 86_400_000).toISOString();
}

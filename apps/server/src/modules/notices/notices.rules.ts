import type { NoticeCategory, NoticeLevel, PublicityStatus, Role } from '@onex/shared';
import { ORGANIZATION_NOTICE_CATEGORIES } from '@onex/shared';
import sanitizeHtml from 'sanitize-html';

/** sanitize-html closes void tags XHTML-style; only its own output matches (text and attributes are escaped). */
const VOID_BREAK = /<(br|hr) \/>/g;

/**
 * The rich text of a notice as stored and served (R9.1): an allow-list of structural tags, links to http(s)/mailto
 * only (opened in a new tab without the opener), images from http(s) only; scripts, styles, event handlers (`on…`),
 * `style`/`class` attributes, iframes, forms and `javascript:` URLs are removed, the text of scripts and styles too.
 *
 * Aligned with the web editor (issue 14 item 1, features/notices `NOTICE_EDITOR_EXTENSIONS`): everything it produces
 * — paragraphs, headings, bold/italic/underline/strike, lists (a numbered list's `start`), quotes, rules, breaks and
 * links with `target="_blank" rel="noopener noreferrer"` — is kept byte for byte, `<br>` and `<hr>` written as the
 * browser writes them (not `<br />`), so what the publisher saw in the editor is what is stored.
 */
export function sanitizeNoticeHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'strong',
      'b',
      'em',
      'i',
      'u',
      's',
      'sub',
      'sup',
      'span',
      'div',
      'blockquote',
      'pre',
      'code',
      'hr',
      'ul',
      'ol',
      'li',
      'a',
      'img',
      'table',
      'thead',
      'tbody',
      'tfoot',
      'tr',
      'th',
      'td',
      'caption',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align'],
      th: ['colspan', 'rowspan', 'align'],
      p: ['align'],
      ol: ['start'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }) },
  })
    .replace(VOID_BREAK, '<$1>')
    .trim();
}

/** Plain text of a notice body (for notifications and search), whitespace collapsed. */
export function plainTextOf(html: string, max = 120): string {
  const t = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** Who publishes at which level (R9.1): national and provincial administrators, organizations for their certificates. */
export function publisherLevel(role: Role): NoticeLevel | null {
  if (role === 'national_admin') return 'national';
  if (role === 'province_admin') return 'province';
  if (role === 'org_admin') return 'organization';
  return null;
}

/** 003 函36号 三.5: an organization publishes only 标准解读 and 收费公告, and only about a certificate of its own. */
export function organizationMayPublish(category: NoticeCategory, certificateOrgId: string | null, orgId: string): boolean {
  return ORGANIZATION_NOTICE_CATEGORIES.includes(category) && certificateOrgId === orgId;
}

/** The facts of a reader's unit: its province and city (a school's for school roles), its school and organization. */
export interface ReaderUnit {
  userId: string;
  role: Role;
  provinceCode: string | null;
  cityCode: string | null;
  schoolId: string | null;
  orgId: string | null;
}

export interface NoticeFacts {
  level: NoticeLevel;
  province_code: string | null;
  org_id: string | null;
  is_public: boolean;
  audience_roles: readonly Role[];
  audience_province_codes: readonly string[];
  created_by: string;
}

/**
 * Whether a reader may read a notice: public ones anyone; otherwise its publisher's own level (the national
 * administrator all, a province its own, an organization its own), the roles and regions it addresses, or a unit it
 * was forwarded to. The list query (notices.queries `visibleTo`) is this same rule in SQL.
 */
export function noticeVisible(r: ReaderUnit | null, n: NoticeFacts, forwardedToUnit: boolean): boolean {
  if (n.is_public) return true;
  if (!r) return false;
  if (n.created_by === r.userId || r.role === 'national_admin') return true;
  if (r.role === 'province_admin' && n.province_code !== null && n.province_code === r.provinceCode) return true;
  if (r.role === 'org_admin' && n.org_id !== null && n.org_id === r.orgId) return true;
  if (forwardedToUnit) return true;
  return addressed(r, n);
}

function addressed(r: ReaderUnit, n: NoticeFacts): boolean {
  if (!n.audience_roles.includes(r.role)) return false;
  if (n.province_code !== null && r.provinceCode !== n.province_code) return false;
  if (n.audience_province_codes.length > 0 && !(r.provinceCode !== null && n.audience_province_codes.includes(r.provinceCode)))
    return false;
  return true;
}

/**
 * 000 三(二): a provincial notice is forwarded by its province to the province's cities, then by a city (that received
 * it) to its schools. Returns what the reader may forward to, or null.
 */
export function forwardStep(
  r: ReaderUnit,
  n: Pick<NoticeFacts, 'level' | 'province_code'>,
  cityReceived: boolean,
): 'cities' | 'schools' | null {
  if (n.level !== 'province') return null;
  if (r.role === 'province_admin' && r.provinceCode === n.province_code) return 'cities';
  if (r.role === 'municipal_admin' && r.provinceCode === n.province_code && cityReceived) return 'schools';
  return null;
}

/* ───────────────────────── 公示 ───────────────────────── */

/** Adds days to a calendar date `YYYY-MM-DD` (UTC arithmetic, no time-zone drift). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last day on display of a period of `days` days starting on `startsOn` (both inclusive). */
export function publicityEndsOn(startsOn: string, days: number): string {
  return addDays(startsOn, days - 1);
}

/** A display opens on its first day and closes by itself after its last day (China calendar dates). */
export function publicityStatus(p: { startsOn: string; endsOn: string }, today: string): PublicityStatus {
  if (today < p.startsOn) return 'scheduled';
  return today <= p.endsOn ? 'open' : 'closed';
}

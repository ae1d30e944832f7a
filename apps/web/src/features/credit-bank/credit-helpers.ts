import type { ConversionItemDto, LedgerEntryDto } from '@onex/shared';

/** What the server accepts as a course code or a rule code once trimmed: letters, digits, `.`, `_` and `-`. */
export const CODE_PATTERN = /^\s*[0-9A-Za-z_.-]+\s*$/;

/** Credits as people read them: `3`, `2.5` (one decimal at most). */
export function formatCredits(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  const r = Math.round(v * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** The entries a person thinks of as "my outcomes": deposits in force (reversed ones and reversal rows are history). */
export function liveEntries(entries: readonly LedgerEntryDto[]): LedgerEntryDto[] {
  return entries.filter((e) => e.entryKind === 'deposit' && e.state !== 'reversed');
}

export type EntryTag = 'valid' | 'revoked' | 'reversed' | 'reversal' | 'used' | 'fromConversion';

/** The tags of a ledger row, most telling first. */
export function entryTags(e: LedgerEntryDto): EntryTag[] {
  if (e.entryKind === 'reversal') return ['reversal'];
  const tags: EntryTag[] = [e.state];
  if (e.usedInApplicationId) tags.push('used');
  if (e.fromConversion) tags.push('fromConversion');
  return tags;
}

/** Allowed items first (what the panel decides on), then the refusals with their reasons. */
export function sortItems(items: readonly ConversionItemDto[]): ConversionItemDto[] {
  return [...items].sort((a, b) => (a.verdict === b.verdict ? 0 : a.verdict === 'allowed' ? -1 : 1));
}

/** Sum of the credits of the allowed items, to one decimal. */
export function allowedCredits(items: readonly ConversionItemDto[]): number {
  return Math.round(items.filter((i) => i.verdict === 'allowed').reduce((s, i) => s + i.credits * 10, 0)) / 10;
}

/** `YYYY-MM-DD` of a date picker value (dayjs-like) or of an ISO string; null when empty. */
export function isoDay(v: { format(f: string): string } | string | null | undefined): string | null {
  if (!v) return null;
  return typeof v === 'string' ? v.slice(0, 10) : v.format('YYYY-MM-DD');
}

/** The credits a recognition rule grants in all (the sum over its courses), to one decimal. */
export function ruleCredits(courses: readonly { credits: number }[]): number {
  return Math.round(courses.reduce((s, c) => s + c.credits * 10, 0)) / 10;
}

/**
 * The options of a select searched on the server, with the chosen option kept first when the current search does not
 * list it (so the select keeps showing its label, not its id).
 */
export function withSelectedOption<T extends { value: string }>(options: readonly T[], selected: T | null | undefined): T[] {
  if (!selected || options.some((o) => o.value === selected.value)) return [...options];
  return [selected, ...options];
}

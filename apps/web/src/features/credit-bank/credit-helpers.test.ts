import type { ConversionItemDto, LedgerEntryDto } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import {
  CODE_PATTERN,
  allowedCredits,
  entryTags,
  formatCredits,
  isoDay,
  liveEntries,
  ruleCredits,
  sortItems,
  withSelectedOption,
} from './credit-helpers';

const entry = (o: Partial<LedgerEntryDto>): LedgerEntryDto =>
  ({ id: 'e', entryKind: 'deposit', state: 'valid', usedInApplicationId: null, fromConversion: false, credits: 2, ...o }) as LedgerEntryDto;
const item = (verdict: 'allowed' | 'refused', credits: number) => ({ verdict, credits }) as ConversionItemDto;

describe('credit-bank helpers (R7)', () => {
  it('formats credits with one decimal at most', () => {
    expect([formatCredits(3), formatCredits(2.5), formatCredits(2.25), formatCredits(null)]).toEqual(['3', '2.5', '2.3', '']);
  });
  it('R7.3 lists the outcomes in force and tags revoked, used and converted ones', () => {
    const rows = [entry({ id: 'a' }), entry({ id: 'b', state: 'reversed' }), entry({ id: 'c', entryKind: 'reversal' })];
    expect(liveEntries(rows).map((e) => e.id)).toEqual(['a']);
    expect(entryTags(entry({ state: 'revoked' }))).toEqual(['revoked']);
    expect(entryTags(entry({ usedInApplicationId: 'x' }))).toEqual(['valid', 'used']);
    expect(entryTags(entry({ fromConversion: true }))).toEqual(['valid', 'fromConversion']);
    expect(entryTags(entry({ entryKind: 'reversal' }))).toEqual(['reversal']);
  });
  it('R7.4 puts allowed conversions first and sums their credits', () => {
    const items = [item('refused', 3), item('allowed', 4), item('allowed', 2.5)];
    expect(sortItems(items).map((i) => i.verdict)).toEqual(['allowed', 'allowed', 'refused']);
    expect(allowedCredits(items)).toBe(6.5);
  });
  it('reads a date picker value or an ISO string as YYYY-MM-DD', () => {
    expect(isoDay('2026-09-01T08:00:00Z')).toBe('2026-09-01');
    expect(isoDay({ format: () => '2026-01-02' })).toBe('2026-01-02');
    expect(isoDay(null)).toBeNull();
  });
  it('R7.2 sums the credits a rule grants over its courses', () => {
    expect(ruleCredits([{ credits: 3 }, { credits: 3 }])).toBe(6);
    expect(ruleCredits([{ credits: 0.1 }, { credits: 0.2 }])).toBe(0.3);
    expect(ruleCredits([{ credits: 4 }])).toBe(4);
    expect(ruleCredits([])).toBe(0);
  });
  it('keeps the chosen option of a searched select when the search does not list it', () => {
    const a = { value: 'a', label: '广州城市职业学院' };
    const b = { value: 'b', label: '广东生态工程职业学院' };
    expect(withSelectedOption([b], a)).toEqual([a, b]);
    expect(withSelectedOption([a, b], a)).toEqual([a, b]);
    expect(withSelectedOption([b], null)).toEqual([b]);
    expect(withSelectedOption([], undefined)).toEqual([]);
  });
});

describe('CODE_PATTERN', () => {
  it('takes the codes the server takes once trimmed, and nothing else', () => {
    for (const ok of ['JD-01', 'R_2026.1', ' A01 ']) expect(CODE_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', '规则1', 'A 01', 'A/01']) expect(CODE_PATTERN.test(bad)).toBe(false);
  });
});

import { SEED_POLICY_DOCUMENTS, citedDocuments } from '@onex/shared';
import { describe, expect, it, vi } from 'vitest';

/**
 * R3.11 (review of the pages added in issues 14, 17 and 18): pages every school (or the public) sees cite no
 * provincial or school document — those are in force in one province or one school only — and no seed file number
 * (“001”, “002 三.1”), which means nothing to the people reading the page.
 */

const tables: { feature: string; zh: object }[] = [];
vi.mock('../lib/i18n', () => ({
  featureStrings: (zh: object) => {
    tables.push({ feature: Object.keys(zh).join(','), zh });
  },
}));

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

describe('R3.11 (review): the Chinese strings of pages shown to every school cite only national documents', () => {
  it('training, pilot acceptance, school registration, consultations, score reviews, learner outcomes', async () => {
    await import('../features/training/locales');
    await import('../features/pilot-acceptance/locales');
    await import('../features/school-registration/locales');
    await import('../features/consultations/locales');
    await import('../features/score-reviews/locales');
    await import('../features/learner-outcomes/locales');
    expect(tables).toHaveLength(6);
    const local = new Set(SEED_POLICY_DOCUMENTS.filter((d) => d.jurisdiction.level !== 'national').map((d) => d.key));
    const bad: string[] = [];
    for (const { feature, zh } of tables)
      for (const s of strings(zh)) {
        const foreign = citedDocuments(s).filter((d) => local.has(d.key));
        if (foreign.length || /(^|[^0-9])00[0-4]\s/.test(s)) bad.push(`${feature}: ${s}`);
      }
    expect(bad).toEqual([]);
  });
});

import { validateExamForms } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { SEED_BATCHES, SEED_MAJORS, SEED_ORGS, SEED_TYPES } from './catalog';

describe('seed catalog data (R1.4)', () => {
  it('has the six first-batch certificates of 003 and the eight of 004 附表', () => {
    expect(SEED_TYPES.filter((t) => t.batch === 'B1').map((t) => t.name)).toEqual([
      '建筑信息模型（BIM）',
      'Web 前端开发',
      '物流管理',
      '老年照护',
      '汽车运用与维修',
      '智能新能源汽车',
    ]);
    expect(SEED_TYPES.filter((t) => t.batch !== 'B1')).toHaveLength(8);
  });

  it('R1.2: every seeded level has valid exam forms; every reference resolves', () => {
    const majors = new Set(SEED_MAJORS.map((m) => m.name));
    const orgs = new Set(SEED_ORGS.map((o) => o.code));
    const batches = new Set<string>(SEED_BATCHES.map((b) => b.code));
    for (const t of SEED_TYPES) {
      expect(validateExamForms(t.examForms), t.code).toEqual([]);
      expect(orgs.has(t.org), t.code).toBe(true);
      expect(batches.has(t.batch), t.code).toBe(true);
      for (const m of t.majors) expect(majors.has(m), `${t.code} ${m}`).toBe(true);
    }
    expect(new Set(SEED_MAJORS.map((m) => m.name)).size).toBe(SEED_MAJORS.length);
  });

  it('R1.3: 附件1 contacts carry the table’s columns, with the e-mail addresses restored', () => {
    const contacts = SEED_TYPES.flatMap((t) => t.contacts ?? []);
    expect(contacts).toHaveLength(12);
    for (const c of contacts) {
      expect(c.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/i);
      expect(c.postcode).toMatch(/^\d{6}$/);
      expect(c.mobile).toMatch(/^1\d{10}$/);
    }
  });
});

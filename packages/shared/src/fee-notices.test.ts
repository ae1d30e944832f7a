import { describe, expect, it } from 'vitest';
import { NATIONAL_FEE_CAPS_FEN } from './catalog';
import { ERRORS } from './errors';
import {
  agreementFeeLimit,
  capsAboveNational,
  capsAboveNationalMessage,
  chinaDate,
  feeNoticeInputSchema,
  feeNoticeProblems,
  lowerCaps,
  noticeInForce,
  noticeState,
} from './fee-notices';
import { type PolicySet, feeCapsFor } from './policies';

const HB = { provinceCode: '420000', schoolId: 'whvc', schoolName: '武汉职业技术学院' };
const provinceSet = (caps: Record<string, number>): PolicySet => ({
  documents: [
    {
      key: 'hb',
      number: '鄂教职成〔2027〕1号',
      title: 't',
      issuer: 'i',
      builtIn: false,
      jurisdiction: { level: 'province', provinceCode: '420000' },
    },
  ],
  rules: [{ id: 'r', documentId: 'hb', kind: 'fee_caps', clause: '三', severity: null, params: caps }],
});

describe('issue 17 item 6 (R1.2, 003 6号 四（一）): a province sets caps at or below the national caps', () => {
  it('finds every form above the national cap, with a Chinese message naming it and citing no provincial or school document', () => {
    expect(capsAboveNational(NATIONAL_FEE_CAPS_FEN)).toEqual([]);
    const over = capsAboveNational({ ...NATIONAL_FEE_CAPS_FEN, paper: 20001, practical_special: 90000 });
    expect(over.map((o) => o.form)).toEqual(['paper', 'practical_special']);
    const msg = capsAboveNationalMessage(over);
    expect(msg).toBe(
      '省级收费上限只能等于或低于国家规定的收费上限：纸笔 200.01 元高于国家上限 200.00 元；特殊要求实训设备实操 900.00 元高于国家上限 700.00 元',
    );
    expect(msg).not.toMatch(/粤|鄂|00[0124]/);
    expect(ERRORS.FEE_CAP_ABOVE_NATIONAL.status).toBe(422);
  });

  it('the lower cap applies: a province’s caps lower the default, a cap stored above it never raises one', () => {
    const low = { paper: 15000, computer: 25000, practical_general: 45000, practical_special: 60000 };
    expect(feeCapsFor(HB, provinceSet(low)).capsFen).toEqual(low);
    const high = { ...low, paper: 99999 };
    expect(feeCapsFor(HB, provinceSet(high)).capsFen).toEqual({ ...low, paper: NATIONAL_FEE_CAPS_FEN.paper });
    expect(lowerCaps(NATIONAL_FEE_CAPS_FEN, high)).toEqual({ ...low, paper: 20000 });
    // another province keeps the default
    expect(feeCapsFor({ provinceCode: '440000', schoolId: null, schoolName: null }, provinceSet(low)).capsFen).toEqual(
      NATIONAL_FEE_CAPS_FEN,
    );
  });
});

describe('issue 17 item 6 (001 第十七条 收费公告): the organization’s fee notice per level', () => {
  const base = { certificateTypeId: '00000000-0000-4000-8000-000000000001', level: 'intermediate', effectiveOn: '2026-09-01' };

  it('needs a school fee or a social fee, a real effective date and whole fen', () => {
    expect(feeNoticeInputSchema.safeParse({ ...base, schoolFeeFen: 48000, socialFeeFen: null }).success).toBe(true);
    expect(feeNoticeInputSchema.safeParse({ ...base, schoolFeeFen: null, socialFeeFen: null }).success).toBe(false);
    expect(feeNoticeInputSchema.safeParse({ ...base, effectiveOn: '2026-02-30', schoolFeeFen: 1, socialFeeFen: 1 }).success).toBe(false);
    expect(feeNoticeInputSchema.safeParse({ ...base, schoolFeeFen: 1.5, socialFeeFen: 1 }).success).toBe(false);
  });

  it('R1.2: neither fee may exceed the level’s cap; a level without exam forms has no cap yet', () => {
    const v = { level: 'intermediate' as const, schoolFeeFen: 54000, socialFeeFen: 54001 };
    expect(feeNoticeProblems(v, 54000)).toEqual([
      { code: 'FEE_ABOVE_CAP', message: '中级社会考生收费 540.01 元超过该等级收费上限 540.00 元' },
    ]);
    expect(feeNoticeProblems({ ...v, socialFeeFen: null }, 54000)).toEqual([]);
    expect(feeNoticeProblems(v, undefined)[0]!.code).toBe('FEE_LEVEL_INVALID');
  });

  it('the notice in force on a date is the latest effective by then; later ones are scheduled, earlier ones superseded', () => {
    const ns = [
      { id: 'a', effectiveOn: '2026-01-01', publishedAt: '2025-12-01T00:00:00.000Z' },
      { id: 'b', effectiveOn: '2026-06-01', publishedAt: '2026-05-01T00:00:00.000Z' },
      { id: 'c', effectiveOn: '2026-06-01', publishedAt: '2026-05-02T00:00:00.000Z' },
      { id: 'd', effectiveOn: '2027-01-01', publishedAt: '2026-05-03T00:00:00.000Z' },
    ];
    expect(noticeInForce(ns, '2025-12-31')).toBeUndefined();
    expect(noticeInForce(ns, '2026-05-31')!.id).toBe('a');
    expect(noticeInForce(ns, '2026-06-01')!.id).toBe('c');
    const now = noticeInForce(ns, '2026-07-01')!.id;
    expect(ns.map((n) => noticeState(n, now, '2026-07-01'))).toEqual(['superseded', 'superseded', 'in_force', 'scheduled']);
  });

  it('an agreement’s fee is bounded by the lower of the cap and the notice’s school fee', () => {
    expect(agreementFeeLimit(54000, 48000)).toEqual({ limitFen: 48000, by: 'notice' });
    expect(agreementFeeLimit(43200, 48000)).toEqual({ limitFen: 43200, by: 'cap' });
    expect(agreementFeeLimit(54000, null)).toEqual({ limitFen: 54000, by: 'cap' });
  });

  it('the China date of an instant (UTC+8)', () => {
    expect(chinaDate(new Date('2026-05-31T16:00:00.000Z'))).toBe('2026-06-01');
    expect(chinaDate(new Date('2026-05-31T15:59:59.999Z'))).toBe('2026-05-31');
  });
});

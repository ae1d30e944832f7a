import { DEFAULT_REVIEW_CRITERIA, FILING_SECTIONS, FILING_STATUSES, missingFilingFields } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import {
  FILING_STATUS_COLORS,
  FILING_STEPS,
  STEP_SECTIONS,
  allScored,
  cleanDraft,
  formatCountdown,
  formatSize,
  liveWeightedTotal,
  missingByStep,
  numberedStep,
  sectionsOfStep,
  serverClockOffset,
  shortSha,
  stepOfSection,
  weightSum,
} from './filing-helpers';

describe('formatCountdown', () => {
  const deadline = '2026-04-25T16:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);

  it('shows days and hh:mm:ss until the deadline', () => {
    expect(formatCountdown(deadline, at('2026-04-13T12:56:55.000Z'), 'zh-CN')).toBe('12 天 03:03:05');
    expect(formatCountdown(deadline, at('2026-04-13T12:56:55.000Z'), 'en-US')).toBe('12 d 03:03:05');
  });

  it('drops the days on the last day', () => {
    expect(formatCountdown(deadline, at('2026-04-25T15:59:59.000Z'), 'zh-CN')).toBe('00:00:01');
  });

  it('is null once the deadline has passed or for an invalid date', () => {
    expect(formatCountdown(deadline, at('2026-04-25T16:00:00.000Z'), 'zh-CN')).toBeNull();
    expect(formatCountdown('nonsense', 0, 'zh-CN')).toBeNull();
  });

  it('follows the server clock', () => {
    expect(serverClockOffset('2026-01-01T00:00:10.000Z', at('2026-01-01T00:00:00.000Z'))).toBe(10_000);
    expect(serverClockOffset('x', 5)).toBe(0);
  });
});

describe('weighted score', () => {
  const criteria = DEFAULT_REVIEW_CRITERIA;

  it('weights each 0–100 score by the round criteria', () => {
    expect(liveWeightedTotal(criteria, { fit: 90, team: 80, facilities: 70, feasibility: 85 })).toBe(82.25);
    expect(liveWeightedTotal(criteria, { fit: 100, team: 100, facilities: 100, feasibility: 100 })).toBe(100);
  });

  it('counts unscored criteria as 0 and clamps out-of-range input', () => {
    expect(liveWeightedTotal(criteria, { fit: 100 })).toBe(30);
    expect(liveWeightedTotal(criteria, { fit: 150, team: -3, facilities: null })).toBe(30);
  });

  it('knows when every criterion is scored', () => {
    expect(allScored(criteria, { fit: 1, team: 2, facilities: 3 })).toBe(false);
    expect(allScored(criteria, { fit: 1, team: 2, facilities: 3, feasibility: 0 })).toBe(true);
  });

  it('sums weights, ignoring empty rows', () => {
    expect(weightSum(criteria)).toBe(100);
    expect(weightSum([{ weight: 40 }, undefined, {}])).toBe(40);
  });
});

describe('steps and sections', () => {
  it('R3.2/R3.3 follows the paper form: cover, 备案表 一、二、三 and opinions, 论证报告, then courses, attachments, submit', () => {
    expect(FILING_STEPS).toEqual([
      'basics',
      'plan',
      'team',
      'overview',
      'opinions',
      'feasibility',
      'courseSupport',
      'attachments',
      'submit',
    ]);
  });

  it('saves every section in exactly one step', () => {
    const all = FILING_STEPS.flatMap((s) => STEP_SECTIONS[s]);
    expect([...all].sort()).toEqual([...FILING_SECTIONS].sort());
  });

  it('maps sections to steps and back', () => {
    expect(stepOfSection('basics')).toBe(0);
    expect(stepOfSection('plan')).toBe(1);
    expect(stepOfSection('leader')).toBe(2);
    expect(stepOfSection('team')).toBe(2);
    expect(stepOfSection('opinions')).toBe(4);
    expect(stepOfSection('feasibility')).toBe(5);
    for (const s of FILING_SECTIONS) expect(sectionsOfStep(stepOfSection(s))).toContain(s);
    expect(sectionsOfStep(7)).toEqual([]);
    expect(sectionsOfStep(99)).toEqual([]);
  });

  it('R3.4/R3.5 groups the missing fields and attachments by step, in step order, with one numbering', () => {
    const fields = missingFilingFields({
      levels: ['junior'],
      planRows: [{}],
      sections: {
        leader: null,
        team: { members: [{ name: 'a', title: 'b', post: 'c', yearsOfWork: 1, role: 'd' }] },
        overview: null,
        opinions: null,
        courseSupport: null,
        feasibility: null,
      },
    });
    const groups = missingByStep(fields, ['work_plan']);
    expect(groups.map((g) => g.step)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(groups[0]!.entries[0]).toMatchObject({ formPath: ['leader', 'name'], label: { zh: '项目负责人姓名' } });
    expect(groups.at(-1)!.entries).toEqual([
      { step: 7, formPath: null, label: { zh: '试点工作方案（一证一方案）', en: 'Pilot work plan (one per certificate)' } },
    ]);
    expect(numberedStep(groups[0]!.step, '项目团队情况')).toBe('3. 项目团队情况');
  });
});

describe('display helpers', () => {
  it('colours every status', () => {
    for (const s of FILING_STATUSES) expect(FILING_STATUS_COLORS[s]).toBeTruthy();
  });

  it('formats sizes and short hashes', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(shortSha('0123456789abcdef0123')).toBe('0123456789ab');
  });
});

describe('cleanDraft', () => {
  it('drops blanks, nulls and empty rows and trims text', () => {
    expect(cleanDraft({ name: ' 张三 ', title: '', years: null, members: [{ name: 'a' }, {}, undefined], ok: false, n: 0 })).toEqual({
      name: '张三',
      members: [{ name: 'a' }],
      ok: false,
      n: 0,
    });
    expect(cleanDraft({ a: '' })).toBeUndefined();
  });
});

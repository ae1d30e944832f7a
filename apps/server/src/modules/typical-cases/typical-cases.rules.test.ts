import { CASE_MAX_CHARS, DEFAULT_CASE_CRITERIA, ERRORS, caseCharCount } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { caseLength, caseProblems, caseReminderDue, caseReminderText, collectionOpen, daysUntil, scoreTotal } from './typical-cases.rules';

const ok = {
  title: '书证融通育人',
  background: '背景',
  measures: '举措',
  outcomes: '成效',
  imageCount: 3,
  hasPdf: true,
  hasWord: true,
  deadline: '2026-06-30',
};

describe('typical-case rules (R9.2; 粤教职函〔2023〕12号 三（三）, 附件3)', () => {
  it('附件3 一 counts Chinese characters and punctuation one each, a Latin word or number one, spaces none', () => {
    expect(caseCharCount('书证融通')).toBe(4);
    expect(caseCharCount('“岗课赛证”，')).toBe(7);
    expect(caseCharCount('1+X 证书')).toBe(3);
    expect(caseCharCount('2023 年 95.6% 通过')).toBe(5);
    expect(caseCharCount('BIM  Revit\n建模')).toBe(4);
    expect(caseCharCount('  \n\t')).toBe(0);
  });

  it('附件3 一 3000 字以内: 3000 is allowed, 3001 is refused, counting the title and all three sections', () => {
    const at = (n: number) => ({ ...ok, title: '题', background: '字'.repeat(n - 3), measures: '举', outcomes: '效' });
    expect(caseLength(at(CASE_MAX_CHARS))).toBe(CASE_MAX_CHARS); // 题 + (n-3) + 举 + 效
    expect(caseProblems(at(CASE_MAX_CHARS), '2026-06-01')).toEqual([]);
    expect(caseProblems(at(CASE_MAX_CHARS + 1), '2026-06-01')).toEqual(['CASE_TOO_LONG']);
    expect(ERRORS.CASE_TOO_LONG.zh).toContain('附件3 一');
  });

  it('附件3 四 2-4 张图: 1 and 5 pictures are refused, 2 and 4 pass', () => {
    for (const n of [0, 1, 5]) expect(caseProblems({ ...ok, imageCount: n }, '2026-06-01')).toEqual(['CASE_IMAGE_COUNT']);
    for (const n of [2, 4]) expect(caseProblems({ ...ok, imageCount: n }, '2026-06-01')).toEqual([]);
    expect(ERRORS.CASE_IMAGE_COUNT.zh).toContain('附件3 四');
  });

  it('三（三） both the stamped PDF scan and the Word file are needed', () => {
    expect(caseProblems({ ...ok, hasPdf: false }, '2026-06-01')).toEqual(['CASE_FILES_MISSING']);
    expect(caseProblems({ ...ok, hasWord: false }, '2026-06-01')).toEqual(['CASE_FILES_MISSING']);
    expect(ERRORS.CASE_FILES_MISSING.zh).toContain('三（三）');
  });

  it('三（三） the deadline day itself is still open; the next day is closed', () => {
    expect(collectionOpen('2026-06-30', '2026-06-30')).toBe(true);
    expect(collectionOpen('2026-06-30', '2026-07-01')).toBe(false);
    expect(caseProblems(ok, '2026-07-01')).toEqual(['CASE_COLLECTION_CLOSED']);
    expect(ERRORS.CASE_COLLECTION_CLOSED.zh).toContain('三（三）');
  });

  it('附件3 三 every one of the three sections is needed', () => {
    expect(caseProblems({ ...ok, measures: ' ' }, '2026-06-01')).toEqual(['CASE_SECTIONS_MISSING']);
  });

  it('scores cover every criterion of the collection within its maximum (criteria are data)', () => {
    const full = Object.fromEntries(DEFAULT_CASE_CRITERIA.map((c) => [c.key, c.maxScore]));
    expect(scoreTotal(DEFAULT_CASE_CRITERIA, full)).toBe(100);
    expect(scoreTotal(DEFAULT_CASE_CRITERIA, { ...full, typicality: 31 })).toBeNull();
    const { outcomes: _, ...missing } = full;
    expect(scoreTotal(DEFAULT_CASE_CRITERIA, missing)).toBeNull();
    expect(scoreTotal(DEFAULT_CASE_CRITERIA, { ...full, extra: 1 })).toBeNull();
  });
});

describe('000 三（三） deadline reminders of a typical-case collection (issue 14)', () => {
  const opened = '2026-05-01';
  it('000 三（三）: the 7-day reminder from 7 to 2 days before 6月30日, the 1-day one on the eve and the day itself', () => {
    expect(daysUntil('2026-06-23', '2026-06-30')).toBe(7);
    expect(daysUntil('2026-12-31', '2027-01-01')).toBe(1);
    expect(caseReminderDue('2026-06-30', '2026-06-22', opened)).toBeNull();
    expect(caseReminderDue('2026-06-30', '2026-06-23', opened)).toBe(7);
    expect(caseReminderDue('2026-06-30', '2026-06-28', opened)).toBe(7);
    expect(caseReminderDue('2026-06-30', '2026-06-29', opened)).toBe(1);
    expect(caseReminderDue('2026-06-30', '2026-06-30', opened)).toBe(1);
    expect(caseReminderDue('2026-06-30', '2026-07-01', opened)).toBeNull();
  });
  it('000 三（三）: a window the collection was opened inside sends nothing (its opening notice just went out)', () => {
    expect(caseReminderDue('2026-06-30', '2026-06-25', '2026-06-24')).toBeNull();
    expect(caseReminderDue('2026-06-30', '2026-06-29', '2026-06-24')).toBe(1);
    expect(caseReminderDue('2026-06-30', '2026-06-25', '2026-06-22')).toBe(7);
  });
  it('000 三（三）: the text names the collection, the deadline and the days left', () => {
    expect(caseReminderText('2026 年典型案例征集', '2026-06-30', 7).title).toBe(
      '典型案例征集“2026 年典型案例征集”将于 2026-06-30 截止，贵校尚未报送',
    );
    expect(caseReminderText('征集', '2026-06-30', 7).body).toContain('距截止还有 7 天');
    expect(caseReminderText('征集', '2026-06-30', 0).title).toBe('典型案例征集“征集”今天截止，贵校尚未报送');
  });
});

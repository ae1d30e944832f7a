import { describe, expect, it } from 'vitest';
import { answerErrors, isLate, missRuleFor, periodsUntil, trailingMisses } from './reporting.rules';

describe('R8.1 reporting rules', () => {
  it('weekly periods run Monday–Sunday from the week of the start, due deadlineDays after', () => {
    // 2026-09-02 is a Wednesday; today 2026-09-15 (Tuesday) is in the third week.
    const p = periodsUntil({ period: 'weekly', startsOn: '2026-09-02', deadlineDays: 1, dueDates: [] }, '2026-09-15');
    expect(p).toEqual([
      { start: '2026-08-31', end: '2026-09-06', due: '2026-09-07' },
      { start: '2026-09-07', end: '2026-09-13', due: '2026-09-14' },
      { start: '2026-09-14', end: '2026-09-20', due: '2026-09-21' },
    ]);
  });

  it('monthly periods are calendar months; dated periods end on each due date', () => {
    expect(periodsUntil({ period: 'monthly', startsOn: '2026-01-15', deadlineDays: 5, dueDates: [] }, '2026-02-10')).toEqual([
      { start: '2026-01-01', end: '2026-01-31', due: '2026-02-05' },
      { start: '2026-02-01', end: '2026-02-28', due: '2026-03-05' },
    ]);
    expect(
      periodsUntil({ period: 'by_date', startsOn: '2026-03-01', deadlineDays: 0, dueDates: ['2026-07-10', '2026-04-30'] }, '2026-05-01'),
    ).toEqual([
      { start: '2026-03-01', end: '2026-04-30', due: '2026-04-30' },
      { start: '2026-05-01', end: '2026-07-10', due: '2026-07-10' },
    ]);
  });

  it('counts the latest run of consecutive missed reports (a filed or not-yet-due report breaks or ends it)', () => {
    const d = (periodStart: string, dueDate: string, status: string) => ({ periodStart, dueDate, status });
    const duties = [
      d('2026-08-31', '2026-09-06', 'pending'),
      d('2026-09-07', '2026-09-13', 'accepted'),
      d('2026-09-14', '2026-09-20', 'pending'),
      d('2026-09-21', '2026-09-27', 'returned'),
      d('2026-09-28', '2026-10-04', 'pending'),
      d('2026-10-05', '2026-10-11', 'pending'), // not yet due
    ];
    expect(trailingMisses(duties, '2026-10-06')).toBe(3);
    expect(trailingMisses(duties.slice(0, 2), '2026-10-06')).toBe(0);
    expect(isLate('2026-09-08', '2026-09-07')).toBe(true);
    expect(isLate('2026-09-07', '2026-09-07')).toBe(false);
  });

  it('cites 粤生态职院〔2023〕18号 第十九条（一） for its own school only; other pilots get the report type’s rule', () => {
    const type = { name: '试点工作周报', level: 'province' as const, provinceCode: '440000', missThreshold: 4 };
    expect(missRuleFor('广东生态工程职业学院', type)).toMatchObject({ clause: '粤生态职院〔2023〕18号 第十九条（一）', threshold: 3 });
    const other = missRuleFor('广州城市职业学院', type);
    expect(other).toMatchObject({ threshold: 4, jurisdiction: '省级管理员（440000）设定' });
    expect(other.clause).toContain('试点工作周报');
  });

  it('checks answers against the form', () => {
    const fields = [
      { key: 'progress', label: '进展', type: 'textarea' as const, required: true },
      { key: 'trained', label: '培训人数', type: 'number' as const, required: false },
    ];
    expect(answerErrors(fields, { progress: '完成第一阶段培训', trained: 30 })).toEqual([]);
    expect(answerErrors(fields, { progress: ' ', trained: 'x', extra: 1 }).map((e) => e.path)).toEqual([
      'body.answers.extra',
      'body.answers.progress',
      'body.answers.trained',
    ]);
  });
});

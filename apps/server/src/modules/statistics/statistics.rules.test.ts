import type { StatisticsFigures } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import { type BreakdownRow, certificateRows, figureCells, formDate, reportTitle, schoolRows } from './statistics.rules';

const f = (examined: number, passed: number, pilots = 0, planned = 0): StatisticsFigures => ({
  pilots,
  plannedCandidates: planned,
  registeredCandidates: examined,
  examinedCandidates: examined,
  passed,
  passRate: examined ? passed / examined : null,
  certificatesIssued: passed,
  certificatesRevoked: 0,
});
const row = (key: string, label: string, sub: string, subLabel: string, fig: StatisticsFigures): BreakdownRow => ({
  key,
  label,
  sub,
  subLabel,
  ...fig,
});

describe('R10.1 动态报送 report rows (pure)', () => {
  it('R10.1 title and 填报日期 as on the 汇总表 forms', () => {
    expect(reportTitle(2026, '广东省')).toBe('2026年广东省1+X证书制度试点工作动态报送表');
    expect(reportTitle(2026, null)).toBe('2026年全国1+X证书制度试点工作动态报送表');
    expect(formDate('2026-04-09')).toBe('2026年4月9日');
  });

  it('R10.1 schools by name, 社会学习者 last, numbered; 通过率 — without exams', () => {
    const rows = schoolRows([
      row('', '社会学习者', '', '', f(1, 1)),
      row('b', '乙校', '', '', f(0, 0, 1, 50)),
      row('a', '甲校', '', '', f(10, 8)),
    ]);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      [1, '甲校'], // pinyin order: jia before yi
      [2, '乙校'],
      [3, '社会学习者'],
    ]);
    expect(rows[0]![7]).toBe(0.8);
    expect(rows[1]![7]).toBe('—');
  });

  it('R10.1 per certificate a 小计 row summing its levels (pilots from its unlevelled row), then its levels without pilots', () => {
    const rows = certificateRows([
      row('c1', '证书甲', '', '不分等级（试点项目）', f(0, 0, 2, 100)),
      row('c1', '证书甲', 'junior', '初级', f(10, 9)),
      row('c1', '证书甲', 'intermediate', '中级', f(10, 7)),
    ]);
    expect(rows[0]).toEqual([1, '证书甲', '小计', 2, 100, 20, 20, 16, 0.8, 16, 0]);
    expect(rows.slice(1)).toEqual([
      [null, null, '初级', ...figureCells(f(10, 9), false)],
      [null, null, '中级', ...figureCells(f(10, 7), false)],
    ]);
    expect(rows[1]!.slice(3, 5)).toEqual([null, null]);
  });
});

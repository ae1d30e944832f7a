import { describe, expect, it } from 'vitest';
import { SUMMARY_COLUMNS, type SummaryInput, summaryRows, summaryTitle } from './filing-exports.rules';

const filing = (school: string, cert: string, majors: [string, string, number][], extra: Partial<SummaryInput> = {}): SummaryInput => ({
  school_id: school,
  school_name: `${school}学院`,
  school_type: 'higher',
  flags: [],
  certificate_name: cert,
  levels: ['intermediate'],
  majors: majors.map(([id, name, n]) => ({ school_major_id: id, major_name: name, planned_trainees: n })),
  ...extra,
});

describe('R3.10 汇总表 rows (pure)', () => {
  it('has the eight columns of 003 附件1', () => {
    expect(SUMMARY_COLUMNS).toEqual([
      '序号',
      '试点院校名称',
      '学校类型',
      '参与试点证书及等级',
      '参与试点专业数量',
      '参与试点专业名称',
      '参与试点学生规模',
      '备注',
    ]);
    expect(summaryTitle(2026, '广东省')).toBe('2026年广东省1+X证书制度试点院校汇总表');
  });

  it('one row per school: certificates with levels joined with 、, distinct majors, summed trainees, flags as 备注', () => {
    const rows = summaryRows([
      filing('a', 'BIM', [['m1', '建筑工程技术', 40]], { flags: ['double_high'] }),
      filing(
        'a',
        'Web 前端开发',
        [
          ['m1', '建筑工程技术', 10],
          ['m2', '软件技术', 30],
        ],
        { levels: ['junior', 'intermediate'] },
      ),
      filing('b', 'BIM', [['m3', '工程造价', 35]], { school_type: 'secondary' }),
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual([
      1,
      'a学院',
      '高职',
      'BIM（中级）、Web 前端开发（初级、中级）',
      2,
      '建筑工程技术、软件技术',
      80,
      expect.stringContaining('双高'),
    ]);
    expect(rows[1]).toEqual([2, 'b学院', '中职', 'BIM（中级）', 1, '工程造价', 35, '']);
  });
});

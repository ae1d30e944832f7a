import { describe, expect, it } from 'vitest';
import { FILING_FIELD_LABELS, missingFieldLine, missingFilingFields, type FilingSectionsInput } from './filing-completeness';
import { FILING_SECTION_SCHEMAS } from './filings';

const opinion = { text: '同意申报', signer: '张三', date: '2026-03-01' };
const complete: FilingSectionsInput = {
  levels: ['junior'],
  planRows: [{}],
  sections: {
    leader: { name: '李四', title: '副教授', post: '专业带头人', yearsOfWork: 12, achievements: '省级教学成果奖' },
    team: { members: [{ name: '王五', title: '讲师', post: '教师', yearsOfWork: 5, role: '实训指导' }] },
    overview: {
      achievements: '省级高水平专业群',
      teachers: {
        fullTime: 10,
        partTime: 3,
        seniorTitle: 4,
        dualQualifiedRatio: 80,
        industryExpertRatio: 20,
        nationalInnovationTeam: false,
      },
      facilities: { trainingRooms: [{ name: 'BIM 实训室', areaM2: 120, workstations: 40 }], offCampusBases: [], lastYearUsage: 300 },
    },
    opinions: { declaringUnit: opinion, competentDepartment: opinion },
    courseSupport: { courses: [{ name: 'BIM 建模' }] },
    feasibility: {
      leaderName: '李四',
      fundingSource: '学校专项',
      responsibleDepartment: '建筑工程学院',
      date: '2026-03-01',
      place: '会议室',
      majors: [{ name: '建筑工程技术', headcount: 60 }],
      experts: [1, 2, 3].map((i) => ({ name: `专家${i}`, unit: '某企业', titleOrPost: '高级工程师', signed: true })),
      conclusion: '同意',
    },
  },
};

const paths = (i: FilingSectionsInput) => missingFilingFields(i).map((m) => [m.section, ...m.path].join('.'));

describe('R3.2/R3.3/R3.5 missingFilingFields (the one completeness rule of 备案表 and 论证报告)', () => {
  it('R3.5 a complete filing has no missing field, and every JSON section of it passes its section schema', () => {
    expect(missingFilingFields(complete)).toEqual([]);
    for (const s of ['leader', 'team', 'overview', 'opinions', 'courseSupport', 'feasibility'] as const)
      expect(FILING_SECTION_SCHEMAS[s].safeParse(complete.sections[s]).success, s).toBe(true);
  });

  it('R3.2 an empty draft reports each required field of each section, not the section as a whole', () => {
    const p = paths({
      levels: [],
      planRows: [],
      sections: { leader: null, team: null, overview: null, opinions: null, courseSupport: null, feasibility: null },
    });
    expect(p).toContain('basics.levels');
    expect(p).toContain('plan.rows');
    expect(p).toContain('leader.name');
    expect(p).toContain('leader.achievements');
    expect(p).toContain('overview.teachers.dualQualifiedRatio');
    expect(p).toContain('opinions.competentDepartment.signer');
    expect(p).toContain('feasibility.experts');
    expect(p).not.toContain('overview.teachers');
  });

  it('R3.5 null and {} sections are equally incomplete (the web saves {} where the server stored null)', () => {
    const a = paths({ ...complete, sections: { ...complete.sections, leader: null } });
    const b = paths({ ...complete, sections: { ...complete.sections, leader: {} } });
    expect(a).toEqual(b);
    expect(a).toHaveLength(5);
  });

  it('R3.5 a partly filled list row names the row and the missing column, with its Chinese label', () => {
    const m = missingFilingFields({ ...complete, sections: { ...complete.sections, team: { members: [{ name: '王五' }] } } });
    expect(m.map((x) => x.path.join('.'))).toEqual(['members.0.title', 'members.0.post', 'members.0.yearsOfWork', 'members.0.role']);
    expect(m[0]).toMatchObject({ section: 'team', row: 1, label: { zh: '项目人员职称' } });
    expect(missingFieldLine(m[0]!)).toBe('二、项目人员 第 1 行 项目人员职称：未填写或有误');
  });

  it('R3.3 论证报告 needs at least three experts (000 附件2 专家组成员)', () => {
    const f = complete.sections.feasibility as { experts: unknown[] };
    expect(paths({ ...complete, sections: { ...complete.sections, feasibility: { ...f, experts: f.experts.slice(0, 2) } } })).toEqual([
      'feasibility.experts',
    ]);
  });

  it('R3.5 every reported field of an empty draft has a Chinese label from the form', () => {
    const m = missingFilingFields({
      levels: [],
      planRows: [],
      sections: {
        leader: {},
        team: { members: [{}] },
        overview: {},
        opinions: {},
        courseSupport: { courses: [{}] },
        feasibility: { majors: [{}], experts: [{}, {}, {}] },
      },
    });
    for (const x of m) expect(Object.values(FILING_FIELD_LABELS)).toContainEqual(x.label);
  });
});

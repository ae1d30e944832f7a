import { CHANGE_REQUEST_STATUSES, type FilingDetailDto } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import {
  CHANGE_STATUS_COLORS,
  changeFormInitial,
  changeProblems,
  changeSectionsBody,
  pendingRequest,
  problemPathText,
  problemsFromServer,
  queueStatusParam,
  toQueueFilter,
} from './change-helpers';

const M1 = '11111111-1111-4111-8111-111111111111';
const sections = {
  plan: {
    rows: [
      {
        schoolMajorId: M1,
        majorCode: '460305',
        majorName: '工业机器人技术',
        enrolledStudents: 120,
        fullTimeTeachers: 8,
        plannedTrainees: 60,
      },
    ],
  },
  leader: { name: '陈志刚', title: '教授', post: '院长', yearsOfWork: 20, achievements: '省级教学成果奖' },
  team: null,
  overview: null,
  opinions: null,
  courseSupport: null,
  feasibility: null,
} as unknown as FilingDetailDto['sections'];

describe('change request statuses', () => {
  it('has a colour for every status', () => {
    for (const s of CHANGE_REQUEST_STATUSES) expect(CHANGE_STATUS_COLORS[s]).toBeTruthy();
  });

  it('reads the queue filter from the URL, pending by default', () => {
    expect(toQueueFilter(null)).toBe('pending');
    expect(toQueueFilter('nonsense')).toBe('pending');
    expect(toQueueFilter('refused')).toBe('refused');
    expect(toQueueFilter('all')).toBe('all');
    expect(queueStatusParam('all')).toBeUndefined();
    expect(queueStatusParam('pending')).toBe('pending');
  });

  it('finds the pending request', () => {
    expect(pendingRequest(undefined)).toBeUndefined();
    expect(
      pendingRequest([
        { id: 'a', status: 'refused' },
        { id: 'b', status: 'submitted' },
      ] as never)?.id,
    ).toBe('b');
  });
});

describe('changeFormInitial', () => {
  it('starts from the current content, with one empty row for empty lists', () => {
    const v = changeFormInitial({ sections });
    expect(v.leader).toEqual(sections.leader);
    expect(v.plan.rows).toEqual(sections.plan.rows);
    expect(v.plan.rows).not.toBe(sections.plan.rows);
    expect(v.team).toEqual({ members: [{}] });
    expect(v.courseSupport).toEqual({ courses: [{}] });
    expect((v.feasibility.experts as unknown[]).length).toBe(3);
  });
});

describe('changeSectionsBody', () => {
  it('sends the chosen sections only, plan rows in the shape of the schema, the rest trimmed', () => {
    const values = {
      ...changeFormInitial({ sections }),
      leader: { name: ' 林晓燕 ', title: '副教授', post: '副院长', yearsOfWork: 15, achievements: '资源库', extra: '' },
    };
    const body = changeSectionsBody(['leader', 'plan'], values);
    expect(Object.keys(body)).toEqual(['plan', 'leader']);
    expect(body.leader).toEqual({ name: '林晓燕', title: '副教授', post: '副院长', yearsOfWork: 15, achievements: '资源库' });
    expect(body.plan).toEqual({ rows: [{ schoolMajorId: M1, enrolledStudents: 120, fullTimeTeachers: 8, plannedTrainees: 60 }] });
  });

  it('fills empty plan figures with 0 and an empty section with {}', () => {
    const body = changeSectionsBody(['plan', 'team'], { plan: { rows: [{ schoolMajorId: M1 }] }, team: { members: [{ name: ' ' }] } });
    expect(body.plan).toEqual({ rows: [{ schoolMajorId: M1, enrolledStudents: 0, fullTimeTeachers: 0, plannedTrainees: 0 }] });
    expect(body.team).toEqual({ members: [] });
  });
});

describe('changeProblems', () => {
  it('is empty for complete sections', () => {
    expect(changeProblems({ leader: sections.leader, plan: changeSectionsBody(['plan'], { plan: sections.plan }).plan })).toEqual([]);
  });

  it('names each missing field once, under its section', () => {
    const p = changeProblems({ leader: { name: '林晓燕', yearsOfWork: 15 }, team: { members: [{ name: 'x' }] } });
    expect(p).toContainEqual({ section: 'leader', path: ['title'] });
    expect(p).toContainEqual({ section: 'leader', path: ['achievements'] });
    expect(p).toContainEqual({ section: 'team', path: ['members', 0, 'title'] });
    expect(p.some((x) => x.section === 'leader' && x.path[0] === 'name')).toBe(false);
    expect(new Set(p.map((x) => `${x.section}:${x.path.join('.')}`)).size).toBe(p.length);
  });

  it('reads the problems of a server validation failure', () => {
    expect(
      problemsFromServer([
        { path: 'body.sections.team.members.1.name', message: 'x' },
        { path: 'body.reason', message: 'y' },
        { path: 'body.sections.basics.levels', message: 'z' },
        null,
      ]),
    ).toEqual([{ section: 'team', path: ['members', 1, 'name'] }]);
    expect(problemsFromServer(undefined)).toEqual([]);
  });
});

describe('problemPathText', () => {
  const label = (k: string) => `<${k}>`;
  const item = (n: number) => `#${n}`;
  it('names keys by their form labels and rows from 1', () => {
    expect(problemPathText(['members', 0, 'name'], label, item)).toBe('<filings.teamTitle> › #1 › <filings.name>');
    expect(problemPathText(['teachers', 'dualQualifiedRatio'], label, item, '/')).toBe('<filings.teachersTitle>/<filings.dualRatio>');
    expect(problemPathText(['unknownKey'], label, item)).toBe('unknownKey');
  });
});

import type { AnnualPlanDto, AnnualPlanEntryDto } from '@onex/shared';
import { describe, expect, it } from 'vitest';
import {
  PLAN_STATE_COLORS,
  canCarry,
  candidatesTotal,
  filingPlanRows,
  planFormRows,
  planRowsBody,
  planState,
  planYears,
  previousPlanOf,
  toYear,
} from './annual-plan-helpers';

const plan = (mode: AnnualPlanDto['mode'], rows: AnnualPlanDto['rows'] = []): AnnualPlanDto => ({
  id: 'p',
  filingId: 'f1',
  year: 2027,
  mode,
  plannedCandidates: rows.reduce((s, r) => s + r.plannedCandidates, 0),
  rows,
  carriedFromPlanId: null,
  status: 'submitted',
  updatedAt: '2027-03-01T00:00:00.000Z',
});

const entry = (patch: Partial<AnnualPlanEntryDto> = {}): AnnualPlanEntryDto => ({
  filingId: 'f1',
  filingYear: 2026,
  schoolId: 's',
  schoolName: '广州城市职业学院',
  departmentName: '机电工程学院',
  certificateTypeId: 'c',
  certificateTypeName: '工业机器人应用编程',
  levels: ['junior', 'intermediate'],
  majors: [
    { schoolMajorId: 'm1', majorName: '工业机器人技术' },
    { schoolMajorId: 'm2', majorName: '机电一体化技术' },
  ],
  year: 2027,
  plan: null,
  pilotEndedYear: null,
  canFile: true,
  ...patch,
});

describe('planState', () => {
  it('is the mode of a filed plan, not filed, or ended', () => {
    expect(planState(entry())).toBe('not_filed');
    expect(planState(entry({ plan: plan('carry_forward') }))).toBe('carry_forward');
    expect(planState(entry({ plan: plan('discontinue'), pilotEndedYear: 2027 }))).toBe('discontinue');
    expect(planState(entry({ pilotEndedYear: 2026 }))).toBe('ended');
    expect(planState(entry({ pilotEndedYear: 2028 }))).toBe('not_filed');
    for (const s of ['new', 'carry_forward', 'discontinue', 'not_filed', 'ended'] as const) expect(PLAN_STATE_COLORS[s]).toBeTruthy();
  });
});

describe('planFormRows', () => {
  it('has one row per major and level, prefilled where major and level match', () => {
    const rows = planFormRows(entry(), [{ schoolMajorId: 'm1', level: 'intermediate', plannedCandidates: 30 }]);
    expect(rows.map((r) => r.key)).toEqual(['m1/junior', 'm1/intermediate', 'm2/junior', 'm2/intermediate']);
    expect(rows.map((r) => r.plannedCandidates)).toEqual([null, 30, null, null]);
  });

  it('takes a row without a level for the only level', () => {
    const rows = planFormRows(entry({ levels: ['junior'] }), [{ schoolMajorId: 'm2', level: null, plannedCandidates: 12 }]);
    expect(rows).toEqual([
      { key: 'm1/junior', schoolMajorId: 'm1', majorName: '工业机器人技术', level: 'junior', plannedCandidates: null },
      { key: 'm2/junior', schoolMajorId: 'm2', majorName: '机电一体化技术', level: 'junior', plannedCandidates: 12 },
    ]);
  });

  it('uses no level when the pilot has none', () => {
    expect(planFormRows(entry({ levels: [] })).map((r) => r.level)).toEqual([null, null]);
  });
});

describe('planRowsBody', () => {
  it('sends the rows with a number, 0 included, as whole numbers', () => {
    const rows = planFormRows(entry({ levels: ['junior'] }));
    rows[0]!.plannedCandidates = 40.4;
    expect(planRowsBody(rows)).toEqual([{ schoolMajorId: 'm1', level: 'junior', plannedCandidates: 40 }]);
    rows[1]!.plannedCandidates = 0;
    expect(planRowsBody(rows)).toHaveLength(2);
    expect(candidatesTotal(rows)).toBe(40.4);
    expect(candidatesTotal([])).toBe(0);
  });
});

describe('previous plan', () => {
  it('is last year’s filed plan, else the filing’s own plan the year after approval', () => {
    const last = plan('new', [{ schoolMajorId: 'm1', majorName: 'x', level: 'junior', plannedCandidates: 5 }]);
    expect(previousPlanOf(entry({ year: 2028 }), [{ filingId: 'f1', plan: last }])).toEqual({ kind: 'plan', plan: last });
    expect(previousPlanOf(entry({ year: 2027 }), [])).toEqual({ kind: 'filing', filingId: 'f1' });
    expect(previousPlanOf(entry({ year: 2028 }), [{ filingId: 'f1', plan: null }])).toEqual({ kind: 'none' });
    expect(previousPlanOf(entry({ year: 2028 }), undefined)).toEqual({ kind: 'none' });
  });

  it('can be carried forward unless there is none or it discontinued the pilot', () => {
    expect(canCarry({ kind: 'none' })).toBe(false);
    expect(canCarry({ kind: 'filing', filingId: 'f1' })).toBe(true);
    expect(canCarry({ kind: 'plan', plan: plan('new') })).toBe(true);
    expect(canCarry({ kind: 'plan', plan: plan('discontinue') })).toBe(false);
  });

  it('reads the filing’s own plan rows (申请培训人数), with the level of a one-level filing', () => {
    const rows = [
      { schoolMajorId: 'm1', majorCode: '1', majorName: '工业机器人技术', enrolledStudents: 1, fullTimeTeachers: 1, plannedTrainees: 60 },
    ];
    expect(filingPlanRows({ levels: ['junior'], sections: { plan: { rows } } } as never)).toEqual([
      { schoolMajorId: 'm1', majorName: '工业机器人技术', level: 'junior', plannedCandidates: 60 },
    ]);
    expect(filingPlanRows({ levels: ['junior', 'senior'], sections: { plan: { rows } } } as never)[0]!.level).toBeNull();
  });
});

describe('years', () => {
  it('offers 2019 to next year, newest first', () => {
    const ys = planYears(2026);
    expect(ys[0]).toBe(2027);
    expect(ys.at(-1)).toBe(2019);
    expect(ys).toHaveLength(9);
  });

  it('reads ?year=', () => {
    expect(toYear('2027')).toBe(2027);
    expect(toYear('27')).toBeUndefined();
    expect(toYear(null)).toBeUndefined();
    expect(toYear('1999')).toBeUndefined();
  });
});

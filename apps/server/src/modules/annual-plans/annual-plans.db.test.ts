import type { AnnualPlanDto, AnnualPlanEntryDto, FilingDetailDto } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, demoFilingId } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
let gd: Agent, hb: Agent, gzcp: Agent, gdst: Agent;
let pilot: string;
let filing: FilingDetailDto;

const put = (agent: Agent, id: string, year: number, body: unknown) =>
  agent.request('PUT', `/api/v1/filings/${id}/annual-plans/${year}`, body);
const list = async (agent: Agent, year: number) => {
  const res = await agent.get(`/api/v1/annual-plans?year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: AnnualPlanEntryDto[]; year: number }>();
};

beforeAll(async () => {
  t = await createTestApp();
  [gd, hb, gzcp, gdst] = await Promise.all([
    t.loginAs('gd-admin'),
    t.loginAs('hb-admin'),
    t.loginAs('gzcp-admin'),
    t.loginAs('gdst-admin'),
  ]);
  pilot = await demoFilingId(t.db, '广州城市职业学院', 'IR-PROG'); // 2026, published, approved; 60 + 40, 中级
  filing = (await gzcp.get(`/api/v1/filings/${pilot}`)).json<FilingDetailDto>();
});
afterAll(async () => t.close());

describe('R3.8 annual plans (鄂教职成办函〔2021〕7号 四.4)', () => {
  it('a pilot approved in 2026 files no plan for 2026 itself (409) but does for 2027', async () => {
    const same = await put(gzcp, pilot, 2026, { mode: 'carry_forward' });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.code).toBe('ANNUAL_PLAN_NOT_ALLOWED');
    const entries = await list(gzcp, 2027);
    expect(entries.items.map((e) => e.filingId)).toEqual([pilot]);
    expect(entries.items[0]).toMatchObject({ plan: null, canFile: true, pilotEndedYear: null, filingYear: 2026 });
    expect(entries.items[0]!.majors).toHaveLength(2);
    expect((await list(gzcp, 2026)).items).toHaveLength(0);
  });

  it('沿用: carrying forward into 2027 copies the filing’s plan, into 2028 the 2027 plan', async () => {
    const res = await put(gzcp, pilot, 2027, { mode: 'carry_forward' });
    expect(res.statusCode, res.body).toBe(200);
    const p27 = res.json<AnnualPlanDto>();
    expect(p27).toMatchObject({ mode: 'carry_forward', year: 2027, plannedCandidates: 100, carriedFromPlanId: null, status: 'submitted' });
    expect(p27.rows.map((r) => [r.majorName, r.level, r.plannedCandidates])).toEqual(
      filing.sections.plan.rows.map((r) => [r.majorName, 'intermediate', r.plannedTrainees]),
    );
    const p28 = (await put(gzcp, pilot, 2028, { mode: 'carry_forward' })).json<AnnualPlanDto>();
    expect(p28).toMatchObject({ plannedCandidates: 100, carriedFromPlanId: p27.id });
    const nothing = await put(gzcp, pilot, 2030, { mode: 'carry_forward' });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().error.code).toBe('ANNUAL_PLAN_NOTHING_TO_CARRY');
  });

  it('a new plan per major and level replaces the year’s plan; majors and levels must be the pilot’s', async () => {
    const [a, b] = filing.sections.plan.rows;
    const res = await put(gzcp, pilot, 2027, {
      mode: 'new',
      rows: [
        { schoolMajorId: a!.schoolMajorId, level: 'intermediate', plannedCandidates: 70 },
        { schoolMajorId: b!.schoolMajorId, plannedCandidates: 45 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AnnualPlanDto>()).toMatchObject({ mode: 'new', plannedCandidates: 115 });
    const entry = (await list(gzcp, 2027)).items[0]!;
    expect(entry.plan?.plannedCandidates).toBe(115);
    const badLevel = await put(gzcp, pilot, 2027, {
      mode: 'new',
      rows: [{ schoolMajorId: a!.schoolMajorId, level: 'senior', plannedCandidates: 1 }],
    });
    expect(badLevel.statusCode).toBe(400);
    const otherMajor = await t.db
      .selectFrom('school_majors')
      .select('id')
      .where('school_id', '=', filing.schoolId)
      .where('id', 'not in', [a!.schoolMajorId, b!.schoolMajorId])
      .executeTakeFirstOrThrow();
    expect((await put(gzcp, pilot, 2027, { mode: 'new', rows: [{ schoolMajorId: otherMajor.id, plannedCandidates: 1 }] })).statusCode).toBe(
      400,
    );
    expect((await put(gzcp, pilot, 2027, { mode: 'new' })).statusCode).toBe(400);
  });

  it('scope and roles: the province sees the plans but does not file (403); others 404', async () => {
    const seen = await list(gd, 2027);
    expect(seen.items[0]).toMatchObject({ filingId: pilot, canFile: false });
    // 湖北 sees only its own pilots (the demo's 武汉职业技术学院 ones, issue 17 item 9), none of 广东's
    const hbNames = (await list(hb, 2027)).items.map((i: { schoolName: string }) => i.schoolName);
    expect(hbNames.filter((n: string) => n !== '武汉职业技术学院')).toEqual([]);
    expect((await list(gdst, 2027)).items).toHaveLength(0);
    expect((await put(gd, pilot, 2029, { mode: 'carry_forward' })).statusCode).toBe(403);
    expect((await put(hb, pilot, 2029, { mode: 'carry_forward' })).statusCode).toBe(404);
    expect((await put(gdst, pilot, 2029, { mode: 'carry_forward' })).statusCode).toBe(404);
    const rejected = await demoFilingId(t.db, '广州城市职业学院', 'E-SHOP');
    expect((await put(gzcp, rejected, 2027, { mode: 'carry_forward' })).statusCode).toBe(409);
  });

  it('不再继续: discontinue ends the pilot; later years are refused (409) and shown as ended', async () => {
    const res = await put(gzcp, pilot, 2029, { mode: 'discontinue' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AnnualPlanDto>()).toMatchObject({ mode: 'discontinue', plannedCandidates: 0, rows: [] });
    const row = await t.db
      .selectFrom('filings')
      .select(['pilot_ended_year', 'pilot_ended_at'])
      .where('id', '=', pilot)
      .executeTakeFirstOrThrow();
    expect(row.pilot_ended_year).toBe(2029);
    expect(row.pilot_ended_at).not.toBeNull();
    const later = await put(gzcp, pilot, 2030, {
      mode: 'new',
      rows: [{ schoolMajorId: filing.sections.plan.rows[0]!.schoolMajorId, plannedCandidates: 5 }],
    });
    expect(later.statusCode).toBe(409);
    expect(later.json().error.code).toBe('PILOT_ENDED');
    expect((await list(gzcp, 2030)).items[0]).toMatchObject({ pilotEndedYear: 2029, canFile: false, plan: null });
    expect((await auditRows(t.db, 'filing.annual_plan')).length).toBe(4);
  });
});

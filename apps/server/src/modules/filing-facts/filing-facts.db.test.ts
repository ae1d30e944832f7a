import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { demoIds } from '../../test/factories';

let t: TestApp;
let expert: Agent, otherExpert: Agent, gd: Agent, hb: Agent, gz: Agent;
let filingId: string;
let earlierId: string;

interface Facts {
  majors: {
    majorName: string;
    year: number;
    passed: boolean;
    figures: Record<string, number> | null;
    facts: {
      id: string;
      passed: boolean;
      value: number | null;
      message: string;
      years?: { year: number; enrolledStudents: number | null }[];
    }[];
  }[];
  history: {
    filingId: string;
    year: number;
    passRate: number | null;
    candidates: number | null;
    flags: { clause: string; detail: string }[];
  }[];
}

beforeAll(async () => {
  t = await createTestApp();
  const ids = await demoIds(t.db);
  const f = await t.db
    .selectFrom('filings as f')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 'f.round_id', 'f.year', 'f.certificate_type_id'])
    .where('f.school_id', '=', ids.gzcp)
    .where('ct.code', '=', 'SMART-TAX')
    .executeTakeFirstOrThrow();
  filingId = f.id;
  // An earlier pilot of the same school × certificate (last year's round), with exam results and a flag.
  earlierId = crypto.randomUUID();
  const roundId = crypto.randomUUID();
  await sql`CREATE TEMP TABLE r AS SELECT * FROM filing_rounds WHERE id = ${f.round_id}`.execute(t.db);
  await sql`UPDATE r SET id = ${roundId}, year = year - 1, name = name || '（上一年度）'`.execute(t.db);
  await sql`INSERT INTO filing_rounds SELECT * FROM r`.execute(t.db);
  await sql`CREATE TEMP TABLE ef AS SELECT * FROM filings WHERE id = ${f.id}`.execute(t.db);
  await sql`UPDATE ef SET id = ${earlierId}, round_id = ${roundId}, year = year - 1, status = 'published', decision = 'approved'`.execute(
    t.db,
  );
  await sql`INSERT INTO filings SELECT * FROM ef`.execute(t.db);
  await t.db
    .insertInto('certificate_pass_rates')
    .values({ school_id: ids.gzcp, certificate_type_id: f.certificate_type_id, year: f.year - 1, candidates: 40, passed: 30 })
    .execute();
  await t.db
    .insertInto('pilot_flags')
    .values({
      filing_id: earlierId,
      province_code: '440000',
      city_code: '440100',
      school_id: ids.gzcp,
      kind: 'missed_reports',
      clause: '001 第二十一条',
      jurisdiction: '001',
      detail: '连续两次未按时报送试点进展报告',
      flagged_at: new Date(),
    })
    .execute();
  [expert, gd, hb, gz] = (await Promise.all(['expert1', 'gd-admin', 'hb-admin', 'gz-admin'].map((u) => t.loginAs(u)))) as [
    Agent,
    Agent,
    Agent,
    Agent,
  ];
  const created = await gd.post('/api/v1/users', {
    username: 'expert-unassigned',
    displayName: '未分配专家',
    role: 'expert',
    password: 'Zhuanjia#2026ok',
    provinceCode: '440000',
  });
  expect(created.statusCode, created.body).toBe(201);
  otherExpert = await t.loginAs('expert-unassigned', 'Zhuanjia#2026ok');
});
afterAll(() => t.close());

describe('R2.3 reviewers see the facts of a filing', () => {
  it('R2.3 an assigned expert sees each major’s eligibility facts with the figures behind them, pass and fail', async () => {
    const res = await expert.get(`/api/v1/filings/${filingId}/review-facts`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Facts>();
    expect(body.majors.map((m) => m.majorName).sort()).toEqual(['会计', '财务管理'].sort());
    const fin = body.majors.find((m) => m.majorName === '财务管理')!;
    const dual = fin.facts.find((f) => f.id === 'dual_qualified_ratio')!;
    // 财务管理 is the demo's major with too few 双师型 teachers (教职成司函〔2019〕36号 二).
    expect(dual.passed).toBe(false);
    expect(fin.passed).toBe(false);
    expect(dual.value).toBeCloseTo(fin.figures!.dualQualifiedTeachers! / fin.figures!.fullTimeTeachers!);
    expect(dual.message).toContain(`${fin.figures!.dualQualifiedTeachers}/${fin.figures!.fullTimeTeachers}`);
    const enrol = fin.facts.find((f) => f.id === 'continuous_enrollment')!;
    expect(enrol.years).toHaveLength(3);
    expect(enrol.years!.map((y) => y.year)).toEqual([fin.year - 2, fin.year - 1, fin.year]);
    expect(fin.facts.map((f) => f.id)).toEqual(['continuous_enrollment', 'dual_qualified_ratio', 'industry_expert_ratio']);
  });

  it('R2.3 the pilot history lists the earlier pilot of this school × certificate with its pass rate and flag', async () => {
    const body = (await gd.get(`/api/v1/filings/${filingId}/review-facts`)).json<Facts>();
    expect(body.history).toHaveLength(1);
    expect(body.history[0]).toMatchObject({ filingId: earlierId, candidates: 40, passRate: 0.75 });
    expect(body.history[0]!.flags).toEqual([
      expect.objectContaining({ clause: '001 第二十一条', detail: '连续两次未按时报送试点进展报告' }),
    ]);
  });

  it('R2.3 an expert not assigned to the filing gets 404; so does another province; the city sees only secondary schools', async () => {
    expect((await otherExpert.get(`/api/v1/filings/${filingId}/review-facts`)).statusCode).toBe(404);
    expect((await hb.get(`/api/v1/filings/${filingId}/review-facts`)).statusCode).toBe(404);
    // 广州城市职业学院 is a 高职: its filings skip the municipal review, so the city does not see them.
    expect((await gz.get(`/api/v1/filings/${filingId}/review-facts`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/filings/${filingId}/review-facts` })).statusCode).toBe(401);
  });
});

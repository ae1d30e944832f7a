import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublishedSession } from '../../test/certificates';
import { ensureResultsOrgAdmin, RESULTS_ORG_USERNAME } from '../../test/results-import';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app';
import { countDifferences } from './statistics.service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON responses are read by path in these tests
type Json = Record<string, any>;

let t: TestApp;
let org: Agent;
const secretKey = Buffer.alloc(32, 5);

beforeAll(async () => {
  t = await createTestApp({ secretKey });
  await ensureResultsOrgAdmin(t.db);
  org = await t.loginAs(RESULTS_ORG_USERNAME);
});
afterAll(() => t.close());

const summary = async (a: Agent, query = 'groupBy=province') => {
  const r = await a.get(`/api/v1/statistics/summary?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Json>();
};

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed from its seed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('R10.1 statistics rollups', () => {
  it('R10.1 issuing, revoking and importing results move the figures of the contract endpoint', async () => {
    const national = await t.loginAs('national');
    const before = (await summary(national)).totals;
    const f = await createPublishedSession(t.db, secretKey, { scores: [90, 40, 75], seqBase: 8100, publishedAt: t.clock.now() });
    const afterImport = (await summary(national)).totals;
    expect(afterImport.registeredCandidates - before.registeredCandidates).toBe(3);
    expect(afterImport.examinedCandidates - before.examinedCandidates).toBe(3);
    expect(afterImport.passed - before.passed).toBe(2);
    expect(afterImport.passRate).toBeCloseTo(afterImport.passed / afterImport.examinedCandidates);
    expect((await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).statusCode).toBe(200);
    const afterIssue = (await summary(national)).totals;
    expect(afterIssue.certificatesIssued - before.certificatesIssued).toBe(2);
    const number = (await org.get(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).json<Json>().items[0].number;
    expect((await org.post(`/api/v1/certificates/${number}/revocation`, { reason: '统计测试撤销' })).statusCode).toBe(200);
    const afterRevoke = (await summary(national)).totals;
    expect(afterRevoke.certificatesIssued).toBe(afterIssue.certificatesIssued); // revoked ones stay counted as issued
    expect(afterRevoke.certificatesRevoked - afterIssue.certificatesRevoked).toBe(1);
  });

  it('R10.1 after a random sequence of writes the rollups equal a full recomputation over the base tables', async () => {
    const rand = rng(20261206);
    const sessions: string[] = [];
    for (let step = 0; step < 12; step++) {
      const op = Math.floor(rand() * 4);
      if (op === 0 || sessions.length === 0) {
        const scores = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => Math.floor(rand() * 100));
        const f = await createPublishedSession(t.db, secretKey, { scores, seqBase: 9000 + step * 10, publishedAt: t.clock.now() });
        sessions.push(f.sessionId);
      } else if (op === 1) {
        await org.post(`/api/v1/exam-sessions/${sessions[Math.floor(rand() * sessions.length)]}/certificates`);
      } else if (op === 2) {
        const valid = await t.db.selectFrom('certificates').select('number').where('revoked_at', 'is', null).limit(5).execute();
        if (valid.length)
          await org.post(`/api/v1/certificates/${valid[Math.floor(rand() * valid.length)]!.number}/revocation`, { reason: '随机撤销' });
      } else {
        // A correction supersedes a current result (as a correction import does) and a withdrawal changes a registration.
        const current = await t.db
          .selectFrom('exam_results')
          .select(['id', 'import_id'])
          .where('superseded_at', 'is', null)
          .limit(1)
          .execute();
        if (current[0]) {
          await t.db
            .updateTable('exam_results')
            .set({ superseded_at: t.clock.now(), superseded_by_import_id: current[0].import_id })
            .where('id', '=', current[0].id)
            .execute();
        }
        await t.db.updateTable('exam_registrations').set({ status: 'withdrawn' }).where('status', '=', 'proposed').execute();
      }
    }
    expect(await countDifferences(t.db)).toEqual([]);
  });
});

describe('R10.1 the pilot rollup follows the filings', () => {
  it('R10.1 a refresh equals the recomputation, rewrites nothing when nothing changed, and follows a change of planned candidates', async () => {
    const { APPROVED_PILOTS } = await import('./statistics.queries');
    const { sql } = await import('kysely');
    const rollup = async () =>
      (await sql<Record<string, unknown>>`SELECT * FROM stat_pilots ORDER BY 1, 2, 3, 4, 5, 6, 7`.execute(t.db)).rows;
    const recomputed = async () =>
      (await sql<Record<string, unknown>>`${sql.raw(APPROVED_PILOTS)} ORDER BY 1, 2, 3, 4, 5, 6, 7`.execute(t.db)).rows;
    const rowIds = async () =>
      (await sql<{ ctid: string }>`SELECT ctid::text FROM stat_pilots ORDER BY 1`.execute(t.db)).rows.map((r) => r.ctid);
    await t.app.statisticsRefresher.refresh();
    expect(await rollup()).toEqual(await recomputed());
    const before = await rowIds();
    await t.app.statisticsRefresher.refresh();
    expect(await rowIds()).toEqual(before); // no row rewritten
    const major = await t.db
      .selectFrom('filing_majors as m')
      .innerJoin('filings as f', 'f.id', 'm.filing_id')
      .select(['m.filing_id', 'm.school_major_id'])
      .where('f.decision', '=', 'approved')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('filing_majors')
      .set((e) => ({ planned_trainees: e('planned_trainees', '+', 7) }))
      .where('filing_id', '=', major.filing_id)
      .where('school_major_id', '=', major.school_major_id)
      .execute();
    await t.app.statisticsRefresher.refresh();
    expect(await rollup()).toEqual(await recomputed());
    expect(await rowIds()).not.toEqual(before);
  });
});

describe('R10.1 every figure is scoped exactly as the lists are', () => {
  it('R10.1 a province sees only its own; the city, a school and an organization only theirs; learners none', async () => {
    await t.app.statisticsRefresher.refresh();
    const national = await summary(await t.loginAs('national'));
    expect(national.rows.map((r: Json) => r.key)).toContain('440000');
    const gd = await summary(await t.loginAs('gd-admin'));
    expect(gd.rows.every((r: Json) => r.key === '440000')).toBe(true);
    expect(gd.totals.pilots).toBeGreaterThan(0);
    const hb = await summary(await t.loginAs('hb-admin'));
    expect(hb.rows.some((r: Json) => r.key === '440000')).toBe(false);
    const gzCity = await summary(await t.loginAs('gz-admin'), 'groupBy=city');
    expect(gzCity.rows.every((r: Json) => r.key === '440100')).toBe(true);
    const school = await summary(await t.loginAs('gzcp-admin'), 'groupBy=school');
    const gzcp = await t.db.selectFrom('schools').select('id').where('name', '=', '广州城市职业学院').executeTakeFirstOrThrow();
    expect(school.rows.map((r: Json) => r.key)).toEqual([gzcp.id]);
    expect(school.rows[0].label).toBe('广州城市职业学院');
    const bim = await summary(await t.loginAs('org-bim'), 'groupBy=certificateType');
    expect(bim.rows.every((r: Json) => r.label.includes('BIM') || r.label.includes('建筑信息模型'))).toBe(true);
    expect(bim.totals.certificatesIssued).toBe(0);
    expect((await (await t.loginAs('learner1')).get('/api/v1/statistics/summary')).statusCode).toBe(403);
  });

  it('R10.1 drill-down: a province by its cities, a city by its schools, a certificate by its levels; passRate null without exams', async () => {
    const gd = await t.loginAs('gd-admin');
    const cities = await summary(gd, 'groupBy=city&provinceCode=440000');
    expect(cities.rows.find((r: Json) => r.key === '440100')?.label).toBe('广州市');
    const schools = await summary(gd, 'groupBy=school&cityCode=440100');
    expect(schools.rows.length).toBeGreaterThan(0);
    const levels = await summary(gd, 'groupBy=level');
    expect(levels.rows.find((r: Json) => r.key === '')?.label).toBe('不分等级（试点项目）');
    expect(levels.rows.find((r: Json) => r.key === '')?.passRate).toBeNull();
    expect((await gd.get('/api/v1/statistics/summary?groupBy=nation')).statusCode).toBe(400);
  });
});

describe('R10.2 the statistics table exports', () => {
  it('R10.2 format=xlsx gives the same rows and the totals, in Chinese', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const gd = await t.loginAs('gd-admin');
    const json = await summary(gd, 'groupBy=city');
    const r = await gd.get('/api/v1/statistics/summary?groupBy=city&format=xlsx');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('地市');
    expect(sheet.getRow(2).getCell(1).value).toBe(json.rows[0].label);
    expect(sheet.getRow(json.rows.length + 2).getCell(1).value).toBe('合计');
    expect(sheet.getRow(json.rows.length + 2).getCell(8).value).toBe(json.totals.certificatesIssued);
  });
});

import type { ApprovedScaleRowDto } from '@onex/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCALE_HEADROOM } from '../../db/seed/demo-exams-more';
import { demoFilingId } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/**
 * Issue 17 item 4 (鄂教职成办函〔2021〕7号 四.2): the list behind the 核定规模 page — each approved pilot in scope with its
 * approved scale, the live registrations of an exam year against it and what remains; the province may change it.
 */

let t: TestApp;
let gd: Agent;
let hb: Agent;
let gzcp: Agent;
let gdst: Agent;
let filingId: string;
let year: number;

beforeAll(async () => {
  t = await createTestApp();
  gd = await t.loginAs('gd-admin');
  hb = await t.loginAs('hb-admin');
  gzcp = await t.loginAs('gzcp-admin');
  gdst = await t.loginAs('gdst-admin');
  filingId = await demoFilingId(t.db, '广州城市职业学院', 'IR-PROG');
  // The exam year the demo fixed the scale for: that of its session with published scores (and score reviews).
  const s = await sql<{ d: string }>`SELECT min(s.exam_date)::text AS d FROM exam_sessions s
    WHERE s.id IN (SELECT session_id FROM score_reviews)`.execute(t.db);
  year = Number(s.rows[0]!.d.slice(0, 4));
});
afterAll(() => t.close());

const rows = async (agent: Agent, query = '') => {
  const res = await agent.get(`/api/v1/approved-scales?pageSize=200&year=${year}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as ApprovedScaleRowDto[];
};

describe('approved scales (issue 17 item 4, 四.2)', () => {
  it('the province sees each approved pilot with its scale, the registrations against it and may change it', async () => {
    const list = await rows(gd);
    const pilot = list.find((r) => r.filingId === filingId)!;
    expect(pilot).toMatchObject({ school: { name: '广州城市职业学院' }, year, mayChange: true });
    // The demo fixed the scale at the live registrations plus one more class.
    expect(pilot.approvedScale).toBe(pilot.registrations + DEMO_SCALE_HEADROOM);
    expect(pilot.remaining).toBe(DEMO_SCALE_HEADROOM);
    // Only approved pilots: the filing of 智能财税 awaiting review is not listed.
    const pending = await demoFilingId(t.db, '广州城市职业学院', 'SMART-TAX');
    expect(list.some((r) => r.filingId === pending)).toBe(false);
    expect(list.every((r) => r.mayChange)).toBe(true);
  });

  it('a school reads only its own pilots (read-only); another province sees none of them', async () => {
    const own = await rows(gzcp);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.school.name === '广州城市职业学院' && !r.mayChange)).toBe(true);
    expect((await rows(gdst)).some((r) => r.filingId === filingId)).toBe(false);
    expect((await rows(hb)).some((r) => r.filingId === filingId)).toBe(false);
    expect((await (await t.loginAs('org-bim')).get('/api/v1/approved-scales')).statusCode).toBe(403);
  });

  it('counts the registrations of the year asked for, and filters by fixed scale and by name', async () => {
    const other = (await rows(gd)).find((r) => r.filingId === filingId)!;
    const next = (await gd.get(`/api/v1/approved-scales?pageSize=200&year=${year + 5}`)).json().items as ApprovedScaleRowDto[];
    expect(next.find((r) => r.filingId === filingId)).toMatchObject({ registrations: 0, remaining: other.approvedScale });
    expect((await rows(gd, '&fixed=false')).some((r) => r.filingId === filingId)).toBe(false);
    expect((await rows(gd, '&fixed=true')).map((r) => r.filingId)).toContain(filingId);
    expect((await rows(gd, `&q=${encodeURIComponent('工业机器人')}`)).map((r) => r.filingId)).toEqual([filingId]);
  });
});

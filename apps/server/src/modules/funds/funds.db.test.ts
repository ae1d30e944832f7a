import ExcelJS from 'exceljs';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  FUND_PROHIBITED_USES,
  type AllocationDto,
  type BudgetDto,
  type FundEntryDto,
  type FundSummaryRowDto,
} from '@onex/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/password';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { insertUser } from '../accounts/accounts.queries';
import { demoIds } from '../../test/factories';
import { postMultipart } from '../../test/exams';
import { tinyPdf } from '../../db/seed/demo-filings';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
const pilot = { gzcp: '', gdst: '', gdstDraft: '', gzcpRejected: '', gzcpInReview: '' };

async function filingOf(school: string, code: string) {
  return t.db
    .selectFrom('filings as f')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 'f.department_id', 'f.province_code', 'f.city_code', 'f.school_id'])
    .where('f.school_id', '=', school)
    .where('ct.code', '=', code)
    .executeTakeFirstOrThrow();
}

async function departmentAdmin(username: string, f: Awaited<ReturnType<typeof filingOf>>) {
  await insertUser(t.db, {
    username,
    displayName: `${username} 二级学院`,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: 'department_admin',
    provinceCode: f.province_code,
    cityCode: f.city_code,
    schoolId: f.school_id,
    departmentId: f.department_id,
    orgId: null,
    createdAt: t.clock.now(),
    createdBy: null,
  });
}

const lines = [
  { category: 'teacher_training', amountFen: 5_000_000 },
  { category: 'equipment', amountFen: 20_000_000 },
  { category: 'certification', amountFen: 3_000_000 },
];

/** Creates a budget and takes it through department → academic affairs → school leader. */
async function approvedBudget(school: Agent, dept: Agent, filingId: string, year: number): Promise<BudgetDto> {
  const created = await school.post('/api/v1/fund-budgets', { filingId, year, lines });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<BudgetDto>().id;
  for (const [who, action] of [
    [school, 'submit'],
    [dept, 'department_approve'],
    [school, 'academic_approve'],
    [school, 'leader_approve'],
  ] as const) {
    const r = await who.post(`/api/v1/fund-budgets/${id}/${action}`, {});
    expect(r.statusCode, r.body).toBe(200);
  }
  return (await school.get(`/api/v1/fund-budgets/${id}`)).json<BudgetDto>();
}

/** The smallest PNG the check accepts: signature, an IHDR chunk (1×1), an IEND chunk (CRCs are not checked). */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.alloc(12)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
/** A JPEG frame: SOI, an APP0 (JFIF) segment, some bytes, EOI. */
function tinyJpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.alloc(32),
    Buffer.from([0xff, 0xd9]),
  ]);
}

const spend = (over: Record<string, unknown> = {}) => ({
  category: 'teacher_training',
  amountFen: 120_000,
  date: '2026-03-10',
  payee: '某师资培训机构',
  purpose: '教师参加 1+X 师资培训',
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  const gz = await filingOf(ids.gzcp, 'IR-PROG'); // published, approved
  pilot.gzcp = gz.id;
  pilot.gzcpRejected = (await filingOf(ids.gzcp, 'E-SHOP')).id; // published, rejected
  pilot.gzcpInReview = (await filingOf(ids.gzcp, 'SMART-TAX')).id;
  pilot.gdstDraft = (await filingOf(ids.gdst, 'BIM')).id;
  // A fixture: 广东生态工程职业学院's WEB-FE filing approved, so its own rule (001) can be exercised.
  const gd = await filingOf(ids.gdst, 'WEB-FE');
  await t.db.updateTable('filings').set({ status: 'approved', decision: 'approved' }).where('id', '=', gd.id).execute();
  pilot.gdst = gd.id;
  await departmentAdmin('gzcp-dept', gz);
  await departmentAdmin('gdst-dept', gd);
});
afterAll(() => t.close());

describe('special fund demo data (issue 15)', () => {
  it('R4.5 the demo budget went through the chain; its balance is the sum of its entries; a refusal is audited; 广东 published an allocation', async () => {
    const gzcp = await t.loginAs('gzcp-admin');
    const b = (await gzcp.get('/api/v1/fund-budgets')).json<{ items: BudgetDto[] }>().items[0]!;
    expect(b.status).toBe('approved');
    expect(b.events.map((e) => e.action)).toEqual(['submit', 'department_approve', 'academic_approve', 'leader_approve']);
    const entries = (await gzcp.get(`/api/v1/fund-budgets/${b.id}/entries`)).json<{ items: FundEntryDto[] }>().items;
    expect(new Set(entries.filter((e) => e.kind === 'spending').map((e) => e.category)).size).toBeGreaterThanOrEqual(4);
    expect(entries.some((e) => e.kind === 'reversal') && entries.some((e) => e.kind === 'income')).toBe(true);
    expect(b.balanceFen).toBe(entries.reduce((s, e) => s + e.amountFen, 0));
    const refusal = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'fund_entry.refuse_student_fee')
      .where('target_id', '=', b.id)
      .execute();
    expect(refusal).toHaveLength(1);
    // The refused prohibited use is in the audit log with its clause, the amount and the purpose (001 第十一条).
    const prohibited = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'fund_entry.refuse_prohibited')
      .where('target_id', '=', b.id)
      .execute();
    expect(prohibited).toHaveLength(1);
    expect(prohibited[0]!.summary).toMatchObject({ use: 'interest', amountFen: 320_000, purpose: '实训楼建设贷款利息' });
    expect(JSON.stringify(prohibited[0]!.summary)).toContain('粤生态职院〔2023〕18号 第十一条');
    expect(entries.some((e) => e.purpose.includes('利息'))).toBe(false);
    const gd = await t.loginAs('gd-admin');
    const list = (await gd.get('/api/v1/fund-allocations')).json<{ items: { id: string; status: string }[] }>().items;
    const a = (await gd.get(`/api/v1/fund-allocations/${list[0]!.id}`)).json<AllocationDto>();
    expect(a.status).toBe('published');
    expect(a.shares.reduce((s, x) => s + x.finalFen, 0)).toBe(a.totalFen);
  });
});

describe('special fund budgets (R4.5)', () => {
  it('R4.5 only an approved, not ended pilot can hold funds (003 四(四))', async () => {
    const gzcp = await t.loginAs('gzcp-admin');
    const gdst = await t.loginAs('gdst-admin');
    for (const [who, filingId] of [
      [gzcp, pilot.gzcpRejected],
      [gzcp, pilot.gzcpInReview],
      [gdst, pilot.gdstDraft],
    ] as const) {
      const r = await who.post('/api/v1/fund-budgets', { filingId, year: 2026, lines });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('FUND_PILOT_NOT_APPROVED');
      expect(r.json().error.message).toContain('四（四）');
    }
    // A pilot ended in 2026 holds no funds for 2027.
    await t.db.updateTable('filings').set({ pilot_ended_year: 2026 }).where('id', '=', pilot.gzcp).execute();
    const ended = await gzcp.post('/api/v1/fund-budgets', { filingId: pilot.gzcp, year: 2027, lines });
    expect(ended.json().error.code).toBe('FUND_PILOT_NOT_APPROVED');
    await t.db.updateTable('filings').set({ pilot_ended_year: null }).where('id', '=', pilot.gzcp).execute();
  });

  it('R4.5 approval chain order: department → academic affairs → school leader; no ledger before approval', async () => {
    const gzcp = await t.loginAs('gzcp-admin');
    const dept = await t.loginAs('gzcp-dept');
    const r = await gzcp.post('/api/v1/fund-budgets', { filingId: pilot.gzcp, year: 2025, lines });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json<BudgetDto>().id;
    expect((await gzcp.post('/api/v1/fund-budgets', { filingId: pilot.gzcp, year: 2025, lines })).json().error.code).toBe(
      'FUND_BUDGET_EXISTS',
    );
    expect((await gzcp.post(`/api/v1/fund-budgets/${id}/academic_approve`, {})).json().error.code).toBe('FUND_TRANSITION_INVALID');
    // Not submitted yet: the department has nothing to review.
    expect((await dept.post(`/api/v1/fund-budgets/${id}/department_approve`, {})).json().error.code).toBe('FUND_TRANSITION_INVALID');
    expect((await gzcp.post(`/api/v1/fund-budgets/${id}/submit`, {})).json<BudgetDto>().status).toBe('submitted');
    expect((await gzcp.request('PUT', `/api/v1/fund-budgets/${id}/lines`, { lines })).json().error.code).toBe('FUND_BUDGET_NOT_EDITABLE');
    expect((await gzcp.post(`/api/v1/fund-budgets/${id}/department_approve`, {})).statusCode).toBe(403);
    expect((await gzcp.post(`/api/v1/fund-budgets/${id}/spending`, spend())).json().error.code).toBe('FUND_BUDGET_NOT_APPROVED');
    expect((await dept.post(`/api/v1/fund-budgets/${id}/department_approve`, {})).statusCode).toBe(200);
    expect((await gzcp.post(`/api/v1/fund-budgets/${id}/leader_approve`, {})).json().error.code).toBe('FUND_TRANSITION_INVALID');
    expect((await gzcp.request('PUT', `/api/v1/fund-budgets/${id}/lines`, { lines })).json().error.code).toBe('FUND_BUDGET_NOT_EDITABLE');
    expect((await gzcp.post(`/api/v1/fund-budgets/${id}/return`, {})).json().error.code).toBe('COMMENT_REQUIRED');
    expect((await gzcp.post(`/api/v1/fund-budgets/${id}/return`, { comment: '设备采购预算偏高' })).json<BudgetDto>().status).toBe(
      'returned',
    );
    expect((await gzcp.request('PUT', `/api/v1/fund-budgets/${id}/lines`, { lines: lines.slice(0, 2) })).statusCode).toBe(200);
    expect((await gzcp.post(`/api/v1/fund-budgets/${id}/submit`, {})).statusCode).toBe(200);
    expect((await dept.post(`/api/v1/fund-budgets/${id}/department_approve`, {})).statusCode).toBe(200);
    expect((await gzcp.post(`/api/v1/fund-budgets/${id}/academic_approve`, {})).statusCode).toBe(200);
    const done = (await gzcp.post(`/api/v1/fund-budgets/${id}/leader_approve`, {})).json<BudgetDto>();
    expect(done.status).toBe('approved');
    expect(done.events.map((e) => e.action)).toEqual([
      'submit',
      'department_approve',
      'return',
      'submit',
      'department_approve',
      'academic_approve',
      'leader_approve',
    ]);
    expect(done.allowedActions).toContain('record');
    const audited = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', id).orderBy('id').execute();
    expect(audited.map((a) => a.action)).toContain('fund_budget.leader_approve');
  });

  it('R4.5 each prohibited use of 001 第十一条 is refused at 广东生态工程职业学院 with its clause, and the refusal is audited', async () => {
    const gdst = await t.loginAs('gdst-admin');
    const b = await approvedBudget(gdst, await t.loginAs('gdst-dept'), pilot.gdst, 2026);
    for (const u of FUND_PROHIBITED_USES) {
      const r = await gdst.post(`/api/v1/fund-budgets/${b.id}/spending`, spend({ use: u.code, purpose: `经费支出（${u.label}）` }));
      expect(r.statusCode).toBe(422);
      expect(r.json().error.code).toBe('FUND_PROHIBITED_USE');
      expect(r.json().error.message).toContain(u.label);
      expect(r.json().error.message).toContain('粤生态职院〔2023〕18号 第十一条');
    }
    // By the purpose's words alone, too.
    const byWords = await gdst.post(
      `/api/v1/fund-budgets/${b.id}/spending`,
      spend({ category: 'other', purpose: '从专项资金中提取管理经费' }),
    );
    expect(byWords.json().error.code).toBe('FUND_PROHIBITED_USE');
    const refusals = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'fund_entry.refuse_prohibited')
      .where('target_id', '=', b.id)
      .execute();
    expect(refusals).toHaveLength(FUND_PROHIBITED_USES.length + 1);
    expect((await gdst.get(`/api/v1/fund-budgets/${b.id}/entries`)).json().items).toEqual([]);
  });

  it('R4.5 the prohibitions bind every 广东 school as 001 states them (根据 教财厅函〔2020〕12号 and the 广东 notice)', async () => {
    const gzcp = await t.loginAs('gzcp-admin');
    const b = (await gzcp.get(`/api/v1/fund-budgets?filingId=${pilot.gzcp}&year=2025`)).json<{ items: BudgetDto[] }>().items[0]!;
    const r = await gzcp.post(`/api/v1/fund-budgets/${b.id}/spending`, spend({ purpose: '培训场地管理费' }));
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.details).toMatchObject({ use: 'management_fee' });
    expect(r.json().error.details.clause).toContain('教财厅函〔2020〕12号');
  });

  it('R4.5 overspending a line is refused quoting 001 第十三条 and audited; an adjustment through the same chain makes it fit', async () => {
    const gzcp = await t.loginAs('gzcp-admin');
    const dept = await t.loginAs('gzcp-dept');
    const b = (await gzcp.get(`/api/v1/fund-budgets?filingId=${pilot.gzcp}&year=2025`)).json<{ items: BudgetDto[] }>().items[0]!;
    const url = `/api/v1/fund-budgets/${b.id}`;
    expect(b.lines.map((l) => [l.category, l.budgetFen])).toEqual([
      ['teacher_training', 5_000_000],
      ['equipment', 20_000_000],
    ]);
    expect((await gzcp.post(`${url}/spending`, spend({ amountFen: 4_900_000 }))).statusCode).toBe(201);
    const over = await gzcp.post(`${url}/spending`, spend({ amountFen: 200_000, purpose: '第二期师资培训' }));
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('FUND_LINE_OVERSPENT');
    // issue 18 #0: 广州城市职业学院 is not cited 广东生态工程职业学院's 001 第十三条
    expect(over.json().error.message).toContain('须先提出预算调整');
    expect(over.json().error.message).not.toContain('粤生态职院');
    expect(over.json().error.details).toMatchObject({ category: 'teacher_training', budgetFen: 5_000_000, spentFen: 4_900_000 });
    const refused = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'fund_entry.refuse_overspent')
      .where('target_id', '=', b.id)
      .execute();
    expect(refused).toHaveLength(1);
    expect(refused[0]!.summary).toMatchObject({ amountFen: 200_000, purpose: '第二期师资培训' });
    expect(JSON.stringify(refused[0]!.summary)).toContain('第十三条');

    // The adjustment: unchanged or below what is spent is refused; one open at a time.
    const adjust = (body: unknown) => gzcp.post(`${url}/adjustments`, body);
    expect((await gzcp.get(url)).json<BudgetDto>().allowedActions).toContain('adjust');
    const same = b.lines.map((l) => ({ category: l.category, amountFen: l.budgetFen }));
    expect((await adjust({ lines: same, reason: '不变' })).json().error.code).toBe('FUND_ADJUSTMENT_UNCHANGED');
    const below = [{ category: 'teacher_training', amountFen: 4_000_000 }, same[1]];
    expect((await adjust({ lines: below, reason: '压减' })).json().error.code).toBe('FUND_ADJUSTMENT_BELOW_SPENT');
    const realloc = [
      { category: 'teacher_training', amountFen: 5_300_000 },
      { category: 'equipment', amountFen: 19_700_000 },
    ];
    const created = await adjust({ lines: realloc, reason: '增加一期师资培训，从设备采购调剂' });
    expect(created.statusCode, created.body).toBe(201);
    const adj = created.json<BudgetDto>().adjustments[0]!;
    expect(adj).toMatchObject({ status: 'draft', lines: realloc });
    expect(created.json<BudgetDto>().allowedActions).not.toContain('adjust');
    expect((await adjust({ lines: realloc, reason: '再次' })).json().error.code).toBe('FUND_ADJUSTMENT_OPEN');
    // Not yet approved: the line still holds.
    expect((await gzcp.post(`${url}/spending`, spend({ amountFen: 200_000 }))).json().error.code).toBe('FUND_LINE_OVERSPENT');

    // The chain of 001 第十三条, as for the budget: the department first, then 教务部, then the leader; a return edits.
    const step = (who: typeof gzcp, action: string, body: unknown = {}) =>
      who.post(`/api/v1/fund-budget-adjustments/${adj.id}/${action}`, body);
    expect((await step(dept, 'department_approve')).json().error.code).toBe('FUND_TRANSITION_INVALID'); // not submitted
    expect((await step(gzcp, 'submit')).statusCode).toBe(200);
    expect((await step(gzcp, 'department_approve')).statusCode).toBe(403);
    expect((await step(gzcp, 'academic_approve')).json().error.code).toBe('FUND_TRANSITION_INVALID');
    expect((await (await t.loginAs('gdst-admin')).post(`/api/v1/fund-budget-adjustments/${adj.id}/academic_approve`, {})).statusCode).toBe(
      404,
    );
    expect((await step(dept, 'department_approve')).statusCode).toBe(200);
    expect(
      (await gzcp.request('PUT', `/api/v1/fund-budget-adjustments/${adj.id}`, { lines: realloc, reason: '修改理由' })).json().error.code,
    ).toBe('FUND_ADJUSTMENT_NOT_EDITABLE');
    expect((await step(gzcp, 'return', { comment: '设备采购不宜压减，请改为追加' })).json<BudgetDto>().adjustments[0]!.status).toBe(
      'returned',
    );
    const raise = [
      { category: 'teacher_training', amountFen: 5_300_000 },
      { category: 'equipment', amountFen: 20_000_000 },
    ];
    const edited = await gzcp.request('PUT', `/api/v1/fund-budget-adjustments/${adj.id}`, { lines: raise, reason: '追加师资培训预算' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await step(gzcp, 'submit')).statusCode).toBe(200);
    expect((await step(dept, 'department_approve')).statusCode).toBe(200);
    expect((await step(gzcp, 'academic_approve')).statusCode).toBe(200);
    const done = (await step(gzcp, 'leader_approve')).json<BudgetDto>();
    expect(done.adjustments[0]!.status).toBe('approved');
    expect(done.adjustments[0]!.events.map((e) => e.action)).toEqual([
      'submit',
      'department_approve',
      'return',
      'submit',
      'department_approve',
      'academic_approve',
      'leader_approve',
    ]);
    expect(done.events.map((e) => e.action)).toEqual(b.events.map((e) => e.action)); // the budget's own chain unchanged
    expect(done.lines.find((l) => l.category === 'teacher_training')).toMatchObject({ budgetFen: 5_300_000, spentFen: 4_900_000 });
    expect(done.totalBudgetFen).toBe(25_300_000);
    expect(done.allowedActions).toContain('adjust');
    // Now the spending fits.
    expect((await gzcp.post(`${url}/spending`, spend({ amountFen: 200_000 }))).statusCode).toBe(201);
    const approvedAudit = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'fund_adjustment.leader_approve')
      .where('target_id', '=', adj.id)
      .executeTakeFirstOrThrow();
    expect(approvedAudit.summary).toMatchObject({ before: same, after: raise });
  });

  it('R4.5 ledger: overspending refused; corrections are reversing entries; balance equals the sum of entries', async () => {
    const gdst = await t.loginAs('gdst-admin');
    const b = (await gdst.get(`/api/v1/fund-budgets?filingId=${pilot.gdst}`)).json<{ items: BudgetDto[] }>().items[0]!;
    const url = `/api/v1/fund-budgets/${b.id}`;
    const a = (await gdst.post(`${url}/spending`, spend({ amountFen: 4_000_000 }))).json<FundEntryDto>();
    expect(a.amountFen).toBe(-4_000_000);
    const over = await gdst.post(`${url}/spending`, spend({ amountFen: 1_000_001 }));
    expect(over.json().error.code).toBe('FUND_LINE_OVERSPENT');
    expect((await gdst.post(`${url}/spending`, spend({ category: 'materials', amountFen: 1 }))).json().error.code).toBe(
      'FUND_LINE_OVERSPENT',
    );
    await gdst.post(`${url}/spending`, spend({ category: 'equipment', amountFen: 7_654_321, payee: '设备公司', purpose: '实训设备采购' }));
    const inc = await gdst.post(`${url}/income`, {
      source: 'exam_service_fee',
      amountFen: 1_500_000,
      date: '2026-06-30',
      remitter: 'Web 前端开发证书培训评价组织',
      purpose: '考务服务费',
    });
    expect(inc.statusCode, inc.body).toBe(201);
    const fee = await gdst.post(`${url}/income`, {
      source: 'student_training_fee',
      amountFen: 50_000,
      date: '2026-06-30',
      remitter: '学生',
      purpose: '培训费',
    });
    expect(fee.statusCode).toBe(422);
    expect(fee.json().error.code).toBe('FUND_STUDENT_TRAINING_FEE');
    const rev = await gdst.post(`/api/v1/fund-entries/${a.id}/reverse`, { reason: '重复录入，冲正' });
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json<FundEntryDto>().amountFen).toBe(4_000_000);
    expect((await gdst.post(`/api/v1/fund-entries/${a.id}/reverse`, { reason: '再次冲正' })).json().error.code).toBe(
      'FUND_ENTRY_ALREADY_REVERSED',
    );
    expect((await gdst.post(`/api/v1/fund-entries/${rev.json().id}/reverse`, { reason: '冲正的冲正' })).json().error.code).toBe(
      'FUND_ENTRY_ALREADY_REVERSED',
    );
    // After the correction the whole line is free again.
    expect((await gdst.post(`${url}/spending`, spend({ amountFen: 5_000_000 }))).statusCode).toBe(201);
    const entries = (await gdst.get(`${url}/entries`)).json<{ items: FundEntryDto[] }>().items;
    const now = (await gdst.get(url)).json<BudgetDto>();
    expect(now.balanceFen).toBe(entries.reduce((s, e) => s + e.amountFen, 0));
    expect(now.balanceFen).toBe(1_500_000 - 7_654_321 - 5_000_000);
    expect(now.incomeFen).toBe(1_500_000);
    expect(now.lines.find((l) => l.category === 'teacher_training')).toEqual({
      category: 'teacher_training',
      budgetFen: 5_000_000,
      spentFen: 5_000_000,
      remainingFen: 0,
    });
    expect(now.spentFen).toBe(12_654_321);
    // Append-only in the database itself.
    await expect(sql`UPDATE fund_entries SET amount_fen = 1 WHERE id = ${a.id}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM fund_entries WHERE id = ${a.id}`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('R4.5 evidence: an invoice PDF stored for the budget’s school is referenced by an entry; another school’s file is refused', async () => {
    const gdst = await t.loginAs('gdst-admin');
    const b = (await gdst.get(`/api/v1/fund-budgets?filingId=${pilot.gdst}`)).json<{ items: BudgetDto[] }>().items[0]!;
    const up = await postMultipart(
      gdst,
      `/api/v1/fund-budgets/${b.id}/evidence`,
      {},
      { name: '发票.pdf', bytes: tinyPdf('invoice'), type: 'application/pdf' },
    );
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json<{ id: string }>().id;
    const notPdf = await postMultipart(
      gdst,
      `/api/v1/fund-budgets/${b.id}/evidence`,
      {},
      { name: 'x.pdf', bytes: Buffer.from('not a pdf') },
    );
    expect(notPdf.json().error.code).toBe('FILE_NOT_EVIDENCE');
    const e = await gdst.post(
      `/api/v1/fund-budgets/${b.id}/spending`,
      spend({ category: 'equipment', amountFen: 100, evidenceFileId: fileId }),
    );
    expect(e.statusCode, e.body).toBe(201);
    expect(e.json<FundEntryDto>().evidenceFileId).toBe(fileId);
    expect((await gdst.get(`/api/v1/files/${fileId}`)).statusCode).toBe(200);
    expect((await (await t.loginAs('gzcp-admin')).get(`/api/v1/files/${fileId}`)).statusCode).toBe(404);
    const gzcp = await t.loginAs('gzcp-admin');
    const gb = (await gzcp.get(`/api/v1/fund-budgets?filingId=${pilot.gzcp}&year=2025`)).json<{ items: BudgetDto[] }>().items[0]!;
    const foreign = await gzcp.post(`/api/v1/fund-budgets/${gb.id}/spending`, spend({ evidenceFileId: fileId }));
    expect(foreign.json().error.code).toBe('FUND_EVIDENCE_INVALID');
  });

  it('R4.5 evidence may be a PDF, PNG or JPEG by content (the stored type is the one found); a disguised or oversized file is refused', async () => {
    const gdst = await t.loginAs('gdst-admin');
    const b = (await gdst.get(`/api/v1/fund-budgets?filingId=${pilot.gdst}`)).json<{ items: BudgetDto[] }>().items[0]!;
    const upload = (name: string, bytes: Buffer, type: string) =>
      postMultipart(gdst, `/api/v1/fund-budgets/${b.id}/evidence`, {}, { name, bytes, type });
    for (const [name, bytes, mime] of [
      ['发票.pdf', tinyPdf('invoice'), 'application/pdf'],
      ['收据.png', tinyPng(), 'image/png'],
      ['发票照片.jpg', tinyJpeg(), 'image/jpeg'],
      // The name and declared type do not decide: a PNG named .jpg is stored as PNG.
      ['scan.jpg', tinyPng(), 'image/png'],
    ] as const) {
      const r = await upload(name, bytes, mime === 'image/png' ? 'image/jpeg' : mime);
      expect(r.statusCode, r.body).toBe(201);
      const id = r.json<{ id: string }>().id;
      const stored = await t.db.selectFrom('files').select(['mime', 'size']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ mime, size: bytes.length });
      const dl = await gdst.get(`/api/v1/files/${id}`);
      expect(dl.headers['content-type']).toContain(mime);
      expect(dl.rawPayload.equals(bytes)).toBe(true);
    }
    for (const [name, bytes, type] of [
      ['invoice.png', Buffer.from('<html><script>alert(1)</script></html>'), 'image/png'],
      ['invoice.jpg', Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64)]), 'image/jpeg'],
      ['invoice.pdf', Buffer.from('MZ\x90\x00 an executable renamed'), 'application/pdf'],
      ['truncated.png', tinyPng().subarray(0, 40), 'image/png'],
      ['truncated.jpg', tinyJpeg().subarray(0, 10), 'image/jpeg'],
    ] as const) {
      const r = await upload(name, bytes, type);
      expect(r.statusCode, name).toBe(400);
      expect(r.json().error.code).toBe('FILE_NOT_EVIDENCE');
    }
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10 * 1024 * 1024), Buffer.from([0xff, 0xd9])]);
    const tooBig = await upload('big.jpg', big, 'image/jpeg');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const uploads = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'fund_evidence.upload')
      .where('school_id', '=', ids.gdst)
      .execute();
    expect(uploads.map((u) => (u.summary as { mime: string }).mime).filter(Boolean)).toEqual(
      expect.arrayContaining(['application/pdf', 'image/png', 'image/jpeg']),
    );
  });

  it('R4.5 a training fee charged to pilot students is never recorded (002 三.5) and can be reported as a complaint category', async () => {
    const gdst = await t.loginAs('gdst-admin');
    const b = (await gdst.get(`/api/v1/fund-budgets?filingId=${pilot.gdst}`)).json<{ items: BudgetDto[] }>().items[0]!;
    const before = (await gdst.get(`/api/v1/fund-budgets/${b.id}/entries`)).json<{ items: FundEntryDto[] }>().items.length;
    const fee = await gdst.post(`/api/v1/fund-budgets/${b.id}/income`, {
      source: 'student_training_fee',
      amountFen: 30_000,
      date: '2026-07-01',
      remitter: '试点专业学生',
      purpose: '考前培训费',
    });
    expect(fee.statusCode).toBe(422);
    expect(fee.json().error.code).toBe('FUND_STUDENT_TRAINING_FEE');
    // issue 18 #0: a Guangdong school is not cited Hubei's 002 三.5
    expect(fee.json().error.message).toContain('不得记录向试点学生收取的培训费');
    expect(fee.json().error.message).not.toContain('鄂教职成办函');
    expect((await gdst.get(`/api/v1/fund-budgets/${b.id}/entries`)).json<{ items: FundEntryDto[] }>().items).toHaveLength(before);
    expect(COMPLAINT_CATEGORIES).toContain('training_fee_charged');
    expect(COMPLAINT_CATEGORY_LABELS.training_fee_charged.zh).toBe('向学生收取培训费');
    const complaint = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/complaints',
      remoteAddress: '203.0.113.215',
      payload: {
        category: 'training_fee_charged',
        subjectType: 'school',
        subjectId: ids.gdst,
        content: '试点专业向学生收取考前培训费，每人 300 元。',
      },
    });
    expect(complaint.statusCode, complaint.body).toBe(201);
    const row = await t.db
      .selectFrom('complaints')
      .select(['category', 'level'])
      .where('tracking_code', '=', complaint.json<{ trackingCode: string }>().trackingCode)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ category: 'training_fee_charged', level: 'province' });
  });

  it('R4.5 scope: a school sees only its funds, a province only its schools, national all; outside → 404', async () => {
    const gdst = await t.loginAs('gdst-admin');
    const gdstBudget = (await gdst.get('/api/v1/fund-budgets')).json<{ items: BudgetDto[] }>().items;
    expect(gdstBudget.map((b) => b.school.name)).toEqual(['广东生态工程职业学院']);
    const id = gdstBudget[0]!.id;
    for (const u of ['gzcp-admin', 'zz-admin', 'hb-admin', 'gzcp-dept']) {
      const a = await t.loginAs(u);
      expect((await a.get(`/api/v1/fund-budgets/${id}`)).statusCode, u).toBe(404);
      expect((await a.get(`/api/v1/fund-budgets/${id}/entries`)).statusCode, u).toBe(404);
    }
    expect((await (await t.loginAs('gzcp-admin')).post(`/api/v1/fund-budgets/${id}/spending`, spend())).statusCode).toBe(404);
    expect((await (await t.loginAs('hb-admin')).get('/api/v1/fund-budgets')).json().items).toEqual([]);
    expect((await (await t.loginAs('gd-admin')).get('/api/v1/fund-budgets')).json().items).toHaveLength(3); // with the demo's
    expect((await (await t.loginAs('national')).get(`/api/v1/fund-budgets/${id}`)).statusCode).toBe(200);
    // A province reads but does not write a school's ledger.
    expect((await (await t.loginAs('gd-admin')).post(`/api/v1/fund-budgets/${id}/spending`, spend())).statusCode).toBe(403);
  });
});

describe('fund views and the school report (R4.5)', () => {
  it('R4.5 per pilot, school and province: budget, spent, balance by category and year equal the ledger sums; scoped', async () => {
    const gd = await t.loginAs('gd-admin');
    const bySchool = (await gd.get('/api/v1/fund-summary?level=school')).json<{ items: FundSummaryRowDto[] }>().items;
    const gdstRow = bySchool.find((r) => r.key === ids.gdst && r.year === 2026)!;
    const b = (await gd.get(`/api/v1/fund-budgets?schoolId=${ids.gdst}&year=2026`)).json<{ items: BudgetDto[] }>().items[0]!;
    expect(gdstRow).toMatchObject({
      label: '广东生态工程职业学院',
      totalBudgetFen: b.totalBudgetFen,
      spentFen: b.spentFen,
      incomeFen: b.incomeFen,
      balanceFen: b.balanceFen,
    });
    expect(gdstRow.lines).toEqual(b.lines);
    const province = (await gd.get('/api/v1/fund-summary?level=province')).json<{ items: FundSummaryRowDto[] }>().items;
    expect(province.map((r) => [r.key, r.year])).toEqual([
      ['440000', 2026],
      ['440000', 2025],
    ]);
    const pilots = (await gd.get('/api/v1/fund-summary?level=pilot')).json<{ items: FundSummaryRowDto[] }>().items;
    expect(pilots.map((r) => `${r.label} ${r.year}`)).toEqual([
      '广东生态工程职业学院 · Web 前端开发 2026',
      '广州城市职业学院 · 工业机器人应用编程 2026',
      '广州城市职业学院 · 工业机器人应用编程 2025',
    ]);
    expect((await (await t.loginAs('hb-admin')).get('/api/v1/fund-summary?level=province')).json().items).toEqual([]);
    expect(
      (await (await t.loginAs('gzcp-admin')).get('/api/v1/fund-summary')).json<{ items: FundSummaryRowDto[] }>().items.map((r) => r.label),
    ).toEqual(['广州城市职业学院', '广州城市职业学院']); // 2026 (demo) and 2025
  });

  it('R4.5 the school fund report as .xlsx and PDF; another school gets 404', async () => {
    const gdst = await t.loginAs('gdst-admin');
    const x = await gdst.get(`/api/v1/schools/${ids.gdst}/fund-report.xlsx?year=2026`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toBe('广东生态工程职业学院 2026 年度 1+X 证书制度试点专项经费报告');
    expect(ws.getRow(3).values).toContain('师资培训');
    const pdf = await gdst.get(`/api/v1/schools/${ids.gdst}/fund-report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await (await t.loginAs('gzcp-admin')).get(`/api/v1/schools/${ids.gdst}/fund-report.pdf`)).statusCode).toBe(404);
    expect((await (await t.loginAs('gd-admin')).get(`/api/v1/schools/${ids.gdst}/fund-report.xlsx`)).statusCode).toBe(200);
  });
});

describe('overdue exam-fee settlements (002 三.5)', () => {
  it('R4.4 an open settlement past the configured days is flagged to its school and province, not to others', async () => {
    const session = await t.db
      .selectFrom('exam_sessions')
      .select(['id', 'org_id', 'exam_date'])
      .orderBy('exam_date')
      .executeTakeFirstOrThrow();
    const fs = await t.db
      .insertInto('fee_settlements')
      .values({
        session_id: session.id,
        school_id: ids.gdst,
        org_id: session.org_id,
        province_code: '440000',
        due_fen: 96_000,
        computed_at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const examDay = new Date(`${String(session.exam_date).slice(0, 10)}T00:00:00+08:00`).getTime();
    const saved = t.clock.now();
    try {
      const gdst = await t.loginAs('gdst-admin');
      const gd = await t.loginAs('gd-admin');
      t.clock.set(new Date(examDay + 29 * 86_400_000));
      expect(
        (await gdst.get('/api/v1/fund-overdue-settlements')).json().items.map((i: { settlementId: string }) => i.settlementId),
      ).not.toContain(fs.id);
      t.clock.set(new Date(examDay + 31 * 86_400_000));
      const mine = (await gdst.get('/api/v1/fund-overdue-settlements')).json<{
        days: number;
        items: { settlementId: string; daysSinceExam: number }[];
      }>();
      expect(mine.days).toBe(30);
      expect(mine.items.find((i) => i.settlementId === fs.id)?.daysSinceExam).toBe(31);
      expect(
        (await gd.get('/api/v1/fund-overdue-settlements')).json().items.map((i: { settlementId: string }) => i.settlementId),
      ).toContain(fs.id);
      for (const u of ['gzcp-admin', 'hb-admin']) {
        const other = await t.loginAs(u);
        expect(
          (await other.get('/api/v1/fund-overdue-settlements')).json().items.map((i: { settlementId: string }) => i.settlementId),
          u,
        ).not.toContain(fs.id);
      }
    } finally {
      t.clock.set(saved);
    }
  });
});

describe('provincial allocation by factor method (R4.6)', () => {
  it('R4.6 the province computes shares summing exactly to the total, explains them, adjusts with a reason, publishes, exports', async () => {
    const gd = await t.loginAs('gd-admin');
    const total = 100_000_001;
    const r = await gd.post('/api/v1/fund-allocations', {
      year: 2026,
      totalFen: total,
      weights: [
        { factor: 'progress', weight: 40 },
        { factor: 'training_scale', weight: 30 },
        { factor: 'exam_scale', weight: 30 },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json<AllocationDto>();
    expect(a.shares.map((s) => s.school.name).sort()).toEqual(['广东生态工程职业学院', '广州城市职业学院']);
    expect(a.shares.reduce((s, x) => s + x.computedFen, 0)).toBe(total);
    expect(a.formula).toContain('最大余数法');
    const gzcpShare = a.shares.find((s) => s.school.name === '广州城市职业学院')!;
    expect(gzcpShare.facts.progress).toBe(1);
    expect(gzcpShare.facts.training_scale).toBe(100);
    expect(gzcpShare.score).toBeGreaterThan(0);

    expect((await (await t.loginAs('hb-admin')).get(`/api/v1/fund-allocations/${a.id}`)).statusCode).toBe(404);
    expect((await (await t.loginAs('gzcp-admin')).get(`/api/v1/fund-allocations/${a.id}`)).statusCode).toBe(404); // not published yet
    expect((await gd.post(`/api/v1/fund-allocations/${a.id}/adjust`, { schoolId: gzcpShare.school.id, amountFen: 1 })).statusCode).toBe(
      400,
    );
    const adj = await gd.post(`/api/v1/fund-allocations/${a.id}/adjust`, {
      schoolId: gzcpShare.school.id,
      amountFen: 50_000_000,
      reason: '按省厅会议纪要调整',
    });
    expect(adj.json<AllocationDto>().shares.find((s) => s.school.id === gzcpShare.school.id)).toMatchObject({
      computedFen: gzcpShare.computedFen,
      adjustedFen: 50_000_000,
      finalFen: 50_000_000,
    });
    expect((await gd.post(`/api/v1/fund-allocations/${a.id}/publish`)).json<AllocationDto>().status).toBe('published');
    expect(
      (await gd.post(`/api/v1/fund-allocations/${a.id}/adjust`, { schoolId: gzcpShare.school.id, amountFen: 1, reason: '发布后不能改' }))
        .statusCode,
    ).toBe(409);
    // A school sees its own share of a published allocation only.
    const mine = (await (await t.loginAs('gzcp-admin')).get(`/api/v1/fund-allocations/${a.id}`)).json<AllocationDto>();
    expect(mine.shares.map((s) => s.school.name)).toEqual(['广州城市职业学院']);

    const x = await gd.get(`/api/v1/fund-allocations/${a.id}/export.xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toContain('因素法分配');
    expect(ws.getRow(2).values).toContain('测算金额（元）');
    expect(ws.rowCount).toBe(2 + 2 + 1);
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', a.id).execute();
    expect(audit.map((x) => x.action).sort()).toEqual(['fund_allocation.adjust', 'fund_allocation.create', 'fund_allocation.publish']);
  });
});

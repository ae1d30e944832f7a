import type { BudgetStatus, FactorWeight, FundCategory } from '@onex/shared';
import { type Kysely, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import type { DB } from '../../db/schema';
import { scopeWhere } from '../../db/scope-filter';
import type { AllocationFacts } from './funds.rules';

type Db = Kysely<DB>;

const BUDGET_SCOPE = {
  provinceCode: 'b.province_code',
  cityCode: 'b.city_code',
  schoolId: 'b.school_id',
  departmentId: 'b.department_id',
} as const;

/** The pilot (filing) a budget is for, with what decides whether it may hold funds. */
export function findPilot(db: Db, filingId: string) {
  return db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select([
      'f.id',
      'f.status',
      'f.decision',
      'f.pilot_ended_year',
      'f.school_id',
      'f.department_id',
      'f.province_code',
      'f.city_code',
      's.name as school_name',
      'ct.name as certificate_type_name',
    ])
    .where('f.id', '=', filingId)
    .executeTakeFirst();
}
export type PilotRow = NonNullable<Awaited<ReturnType<typeof findPilot>>>;

function budgetBase(db: Db) {
  return db
    .selectFrom('fund_budgets as b')
    .innerJoin('schools as s', 's.id', 'b.school_id')
    .innerJoin('filings as f', 'f.id', 'b.filing_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select([
      'b.id',
      'b.filing_id',
      'b.school_id',
      'b.department_id',
      'b.province_code',
      'b.city_code',
      'b.year',
      'b.status',
      's.name as school_name',
      's.province_code as school_province_code',
      'ct.name as certificate_type_name',
    ]);
}
export type BudgetRow = NonNullable<Awaited<ReturnType<typeof findBudget>>>;

export function findBudget(db: Db, id: string) {
  return budgetBase(db).where('b.id', '=', id).executeTakeFirst();
}

export function listBudgets(
  db: Db,
  scope: Scope,
  f: { schoolId?: string | undefined; filingId?: string | undefined; year?: number | undefined },
) {
  let q = budgetBase(db).where(scopeWhere(scope, BUDGET_SCOPE));
  if (f.schoolId) q = q.where('b.school_id', '=', f.schoolId);
  if (f.filingId) q = q.where('b.filing_id', '=', f.filingId);
  if (f.year) q = q.where('b.year', '=', f.year);
  return q.orderBy('b.year', 'desc').orderBy('s.name').orderBy('ct.name').limit(500).execute();
}

/** Locks a budget for a state change or a ledger write (serialises writes per budget so line checks hold). */
export function lockBudget(db: Db, id: string) {
  return db.selectFrom('fund_budgets').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertBudget(
  db: Db,
  b: { pilot: PilotRow; year: number; at: Date; by: string; lines: { category: FundCategory; amountFen: number }[] },
): Promise<string | null> {
  const r = await db
    .insertInto('fund_budgets')
    .values({
      filing_id: b.pilot.id,
      school_id: b.pilot.school_id,
      department_id: b.pilot.department_id,
      province_code: b.pilot.province_code,
      city_code: b.pilot.city_code,
      year: b.year,
      created_at: b.at,
      created_by: b.by,
      updated_at: b.at,
    })
    .onConflict((c) => c.columns(['filing_id', 'year']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!r) return null;
  await replaceLines(db, r.id, b.lines);
  return r.id;
}

export async function replaceLines(db: Db, budgetId: string, lines: { category: FundCategory; amountFen: number }[]) {
  await db.deleteFrom('fund_budget_lines').where('budget_id', '=', budgetId).execute();
  await db
    .insertInto('fund_budget_lines')
    .values(lines.map((l) => ({ budget_id: budgetId, category: l.category, amount_fen: l.amountFen })))
    .execute();
}

export async function setBudgetStatus(db: Db, id: string, from: BudgetStatus, to: BudgetStatus, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('fund_budgets')
    .set({ status: to, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function insertBudgetEvent(
  db: Db,
  e: {
    budgetId: string;
    action: string;
    from: string;
    to: string;
    actorId: string | null;
    actorName: string;
    comment: string | null;
    at: Date;
    /** The budget adjustment the step is of; absent for the budget's own chain. */
    adjustmentId?: string | null;
  },
) {
  await db
    .insertInto('fund_budget_events')
    .values({
      budget_id: e.budgetId,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      actor_id: e.actorId,
      actor_name: e.actorName,
      comment: e.comment,
      at: e.at,
      adjustment_id: e.adjustmentId ?? null,
    })
    .execute();
}

/** The steps of the budgets' chains and of their adjustments' chains (`adjustment_id` set), in order. */
export function budgetEvents(db: Db, budgetIds: string[]) {
  if (!budgetIds.length) return Promise.resolve([]);
  return db
    .selectFrom('fund_budget_events')
    .select(['budget_id', 'adjustment_id', 'action', 'from_status', 'to_status', 'actor_name', 'comment', 'at'])
    .where('budget_id', 'in', budgetIds)
    .orderBy('at')
    .execute();
}

// ---- budget adjustments (预算调整) ----

export function budgetAdjustments(db: Db, budgetIds: string[]) {
  if (!budgetIds.length) return Promise.resolve([]);
  return db
    .selectFrom('fund_budget_adjustments')
    .select(['id', 'budget_id', 'status', 'lines', 'reason', 'created_at'])
    .where('budget_id', 'in', budgetIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findAdjustment(db: Db, id: string) {
  return db
    .selectFrom('fund_budget_adjustments')
    .select(['id', 'budget_id', 'status', 'lines', 'reason'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Locked inside the budget's lock, so a step and a ledger write of the same budget never interleave. */
export function lockAdjustment(db: Db, id: string) {
  return db.selectFrom('fund_budget_adjustments').select(['id', 'status', 'lines']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function openAdjustment(db: Db, budgetId: string) {
  return db
    .selectFrom('fund_budget_adjustments')
    .select('id')
    .where('budget_id', '=', budgetId)
    .where('status', '<>', 'approved')
    .executeTakeFirst();
}

export async function insertAdjustment(
  db: Db,
  a: { budgetId: string; lines: { category: FundCategory; amountFen: number }[]; reason: string; at: Date; by: string },
): Promise<string> {
  const r = await db
    .insertInto('fund_budget_adjustments')
    .values({
      budget_id: a.budgetId,
      lines: JSON.stringify(a.lines),
      reason: a.reason,
      created_at: a.at,
      created_by: a.by,
      updated_at: a.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAdjustment(
  db: Db,
  id: string,
  set: { lines?: { category: FundCategory; amountFen: number }[]; reason?: string; status?: BudgetStatus; at: Date },
  fromStatus: BudgetStatus,
): Promise<boolean> {
  const r = await db
    .updateTable('fund_budget_adjustments')
    .set({
      ...(set.lines ? { lines: JSON.stringify(set.lines) } : {}),
      ...(set.reason ? { reason: set.reason } : {}),
      ...(set.status ? { status: set.status } : {}),
      updated_at: set.at,
    })
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** What is spent on every line of a budget now (positive fen), read inside the budget's lock. */
export async function spentByLine(db: Db, budgetId: string): Promise<Map<FundCategory, number>> {
  const rows = await db
    .selectFrom('fund_entries')
    .select(['category', sql<string>`coalesce(sum(-amount_fen), 0)`.as('spent')])
    .where('budget_id', '=', budgetId)
    .where('category', 'is not', null)
    .groupBy('category')
    .execute();
  return new Map(rows.map((r) => [r.category!, Number(r.spent)]));
}

export async function budgetLines(db: Db, budgetId: string) {
  const rows = await db.selectFrom('fund_budget_lines').select(['category', 'amount_fen']).where('budget_id', '=', budgetId).execute();
  return rows.map((r) => ({ category: r.category, amountFen: Number(r.amount_fen) }));
}

/**
 * Per budget and category: the line, what was spent (spending and reversals of spending, as positive fen) and, per
 * budget, income and the sum of all entries. Every figure is a sum over the ledger, never a stored balance.
 */
export async function budgetFigures(db: Db, budgetIds: string[]) {
  if (!budgetIds.length) return { lines: [], totals: [] };
  const lines = await db
    .selectFrom('fund_budget_lines as l')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('fund_entries')
          .select(['budget_id', 'category', sql<string>`sum(-amount_fen)`.as('spent')])
          .where('budget_id', 'in', budgetIds)
          .where('category', 'is not', null)
          .groupBy(['budget_id', 'category'])
          .as('e'),
      (j) => j.onRef('e.budget_id', '=', 'l.budget_id').onRef('e.category', '=', 'l.category'),
    )
    .select(['l.budget_id', 'l.category', 'l.amount_fen', sql<string>`coalesce(e.spent, 0)`.as('spent')])
    .where('l.budget_id', 'in', budgetIds)
    .execute();
  const totals = await db
    .selectFrom('fund_entries')
    .select([
      'budget_id',
      sql<string>`coalesce(sum(amount_fen), 0)`.as('balance'),
      sql<string>`coalesce(sum(amount_fen) FILTER (WHERE income_source IS NOT NULL), 0)`.as('income'),
    ])
    .where('budget_id', 'in', budgetIds)
    .groupBy('budget_id')
    .execute();
  return { lines, totals };
}

/** What is spent on one line now (positive fen), read inside the budget's lock. */
export async function spentOnLine(db: Db, budgetId: string, category: FundCategory): Promise<number> {
  const r = await db
    .selectFrom('fund_entries')
    .select(sql<string>`coalesce(sum(-amount_fen), 0)`.as('spent'))
    .where('budget_id', '=', budgetId)
    .where('category', '=', category)
    .executeTakeFirstOrThrow();
  return Number(r.spent);
}

export async function lineAmount(db: Db, budgetId: string, category: FundCategory): Promise<number | null> {
  const r = await db
    .selectFrom('fund_budget_lines')
    .select('amount_fen')
    .where('budget_id', '=', budgetId)
    .where('category', '=', category)
    .executeTakeFirst();
  return r ? Number(r.amount_fen) : null;
}

export interface NewEntry {
  budget: BudgetRow;
  kind: 'spending' | 'income' | 'reversal';
  category: FundCategory | null;
  incomeSource: 'exam_service_fee' | 'provincial_allocation' | null;
  amountFen: number;
  date: string;
  counterparty: string;
  purpose: string;
  evidenceFileId: string | null;
  feeSettlementId: string | null;
  allocationId?: string | null;
  reversesEntryId: string | null;
  reason: string | null;
  at: Date;
  by: string | null;
}

export async function insertEntry(db: Db, e: NewEntry): Promise<string> {
  const r = await db
    .insertInto('fund_entries')
    .values({
      budget_id: e.budget.id,
      school_id: e.budget.school_id,
      province_code: e.budget.province_code,
      city_code: e.budget.city_code,
      kind: e.kind,
      category: e.category,
      income_source: e.incomeSource,
      amount_fen: e.amountFen,
      entry_date: e.date,
      counterparty: e.counterparty,
      purpose: e.purpose,
      evidence_file_id: e.evidenceFileId,
      fee_settlement_id: e.feeSettlementId,
      allocation_id: e.allocationId ?? null,
      reverses_entry_id: e.reversesEntryId,
      reason: e.reason,
      created_at: e.at,
      created_by: e.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

function entryBase(db: Db) {
  return db
    .selectFrom('fund_entries as e')
    .leftJoin('fund_entries as r', 'r.reverses_entry_id', 'e.id')
    .select([
      'e.id',
      'e.budget_id',
      'e.kind',
      'e.category',
      'e.income_source',
      'e.amount_fen',
      'e.entry_date',
      'e.counterparty',
      'e.purpose',
      'e.evidence_file_id',
      'e.fee_settlement_id',
      'e.reverses_entry_id',
      'e.reason',
      'e.created_at',
      'r.id as reversed_by',
    ]);
}
export type EntryRow = Awaited<ReturnType<typeof listEntries>>[number];

export function listEntries(db: Db, budgetId: string) {
  return entryBase(db).where('e.budget_id', '=', budgetId).orderBy('e.entry_date').orderBy('e.created_at').execute();
}
export function findEntry(db: Db, id: string) {
  return entryBase(db).where('e.id', '=', id).executeTakeFirst();
}

export function findSettlementSchool(db: Db, id: string) {
  return db.selectFrom('fee_settlements').select(['id', 'school_id']).where('id', '=', id).executeTakeFirst();
}
export function findFileOwner(db: Db, id: string) {
  return db.selectFrom('files').select(['id', 'school_id']).where('id', '=', id).executeTakeFirst();
}

// ---- allocation ----

/**
 * The facts of every school of a province with at least one approved pilot not ended before the year (only pilots in
 * the programme receive its funds, 003 四(四)): pilots, planned trainees, registrations, certificate level points,
 * passed and examined candidates of the year.
 */
export async function allocationFacts(db: Db, provinceCode: string, year: number): Promise<(AllocationFacts & { name: string })[]> {
  const rows = await sql<{
    school_id: string;
    name: string;
    pilots: string;
    trainees: string;
    registrations: string;
    points: string;
    passed: string;
    examined: string;
  }>`
    WITH pilots AS (
      SELECT f.school_id, count(*) AS pilots,
             coalesce(sum((SELECT sum(m.planned_trainees) FROM filing_majors m WHERE m.filing_id = f.id)), 0) AS trainees
      FROM filings f
      WHERE f.province_code = ${provinceCode} AND (f.status = 'approved' OR (f.status = 'published' AND f.decision = 'approved'))
        AND f.year <= ${year}
        AND (f.pilot_ended_year IS NULL OR f.pilot_ended_year >= ${year})
      GROUP BY f.school_id
    ), regs AS (
      SELECT r.school_id, count(*) AS n
      FROM exam_registrations r JOIN exam_sessions s ON s.id = r.session_id
      WHERE r.province_code = ${provinceCode} AND r.status = 'registered'
        AND s.exam_date >= make_date(${year}::int, 1, 1) AND s.exam_date < make_date(${year}::int + 1, 1, 1)
      GROUP BY r.school_id
    ), certs AS (
      SELECT c.school_id, sum(CASE c.level WHEN 'junior' THEN 1 WHEN 'intermediate' THEN 2 ELSE 3 END) AS points
      FROM certificates c
      WHERE c.province_code = ${provinceCode} AND c.revoked_at IS NULL
        AND c.issued_on >= make_date(${year}::int, 1, 1) AND c.issued_on < make_date(${year}::int + 1, 1, 1)
      GROUP BY c.school_id
    ), results AS (
      SELECT school_id, count(*) FILTER (WHERE passed) AS passed, count(*) AS examined
      FROM exam_result_facts WHERE province_code = ${provinceCode} AND year = ${year}
      GROUP BY school_id
    )
    SELECT p.school_id, s.name, p.pilots, p.trainees, coalesce(regs.n, 0) AS registrations, coalesce(certs.points, 0) AS points,
           coalesce(results.passed, 0) AS passed, coalesce(results.examined, 0) AS examined
    FROM pilots p JOIN schools s ON s.id = p.school_id
    LEFT JOIN regs ON regs.school_id = p.school_id
    LEFT JOIN certs ON certs.school_id = p.school_id
    LEFT JOIN results ON results.school_id = p.school_id
    ORDER BY s.name, p.school_id
  `.execute(db);
  return rows.rows.map((r) => ({
    schoolId: r.school_id,
    name: r.name,
    pilots: Number(r.pilots),
    trainees: Number(r.trainees),
    registrations: Number(r.registrations),
    certificateLevelPoints: Number(r.points),
    passed: Number(r.passed),
    examined: Number(r.examined),
  }));
}

export async function insertAllocation(
  db: Db,
  a: { provinceCode: string; year: number; totalFen: number; weights: FactorWeight[]; at: Date; by: string },
  shares: { schoolId: string; factors: Record<string, unknown>; computedFen: number }[],
): Promise<string> {
  const r = await db
    .insertInto('fund_allocations')
    .values({
      province_code: a.provinceCode,
      year: a.year,
      total_fen: a.totalFen,
      weights: JSON.stringify(a.weights),
      created_at: a.at,
      created_by: a.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < shares.length; i += 1000) {
    await db
      .insertInto('fund_allocation_shares')
      .values(
        shares.slice(i, i + 1000).map((s) => ({
          allocation_id: r.id,
          school_id: s.schoolId,
          factors: JSON.stringify(s.factors),
          computed_fen: s.computedFen,
        })),
      )
      .execute();
  }
  return r.id;
}

export function findAllocation(db: Db, id: string) {
  return db.selectFrom('fund_allocations').selectAll().where('id', '=', id).executeTakeFirst();
}
export function lockAllocation(db: Db, id: string) {
  return db.selectFrom('fund_allocations').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}
export function listAllocations(db: Db, scope: Scope) {
  return db
    .selectFrom('fund_allocations as a')
    .selectAll()
    .where(scopeWhere(scope, { provinceCode: 'a.province_code' }))
    .orderBy('a.year', 'desc')
    .orderBy('a.created_at', 'desc')
    .limit(100)
    .execute();
}
export function allocationShares(db: Db, allocationId: string) {
  return db
    .selectFrom('fund_allocation_shares as sh')
    .innerJoin('schools as s', 's.id', 'sh.school_id')
    .select(['sh.school_id', 's.name', 'sh.factors', 'sh.computed_fen', 'sh.adjusted_fen', 'sh.adjust_reason'])
    .where('sh.allocation_id', '=', allocationId)
    .orderBy('s.name')
    .execute();
}
export async function adjustShare(db: Db, allocationId: string, schoolId: string, amountFen: number, reason: string): Promise<boolean> {
  const r = await db
    .updateTable('fund_allocation_shares')
    .set({ adjusted_fen: amountFen, adjust_reason: reason })
    .where('allocation_id', '=', allocationId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}
export async function publishAllocation(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('fund_allocations')
    .set({ status: 'published', published_at: at })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

// ---- views ----

const SUMMARY_KEY = {
  pilot: { key: sql.raw('b.filing_id::text'), label: sql.raw("s.name || ' · ' || ct.name") },
  school: { key: sql.raw('b.school_id::text'), label: sql.raw('s.name') },
  province: { key: sql.raw('b.province_code'), label: sql.raw('r.name') },
} as const;

/**
 * Budget and spent per (key, year, category), and income and the sum of entries per (key, year): every figure a sum
 * over budget lines and ledger entries, in two grouped statements (a school's report reads only its own rows).
 */
export async function fundSummary(
  db: Db,
  scope: Scope,
  f: { level: keyof typeof SUMMARY_KEY; schoolId?: string | undefined; year?: number | undefined },
) {
  const k = SUMMARY_KEY[f.level];
  const where = sql.join(
    [
      sql`${scopeWhere(scope, BUDGET_SCOPE)}`,
      f.schoolId ? sql`b.school_id = ${f.schoolId}` : sql`true`,
      f.year ? sql`b.year = ${f.year}` : sql`true`,
    ],
    sql` AND `,
  );
  // The budgets in reach first (a school has a handful), then their entries by the (budget_id, category) index.
  const budgets = sql`SELECT b.id, b.year, ${k.key} AS key, ${k.label} AS label
    FROM fund_budgets b JOIN schools s ON s.id = b.school_id JOIN filings fl ON fl.id = b.filing_id
    JOIN certificate_types ct ON ct.id = fl.certificate_type_id JOIN regions r ON r.code = b.province_code
    WHERE ${where}`;
  const [lines, totals] = await Promise.all([
    sql<{ key: string; label: string; year: number; category: FundCategory; budget: string; spent: string }>`
      WITH bs AS MATERIALIZED (${budgets}),
      spent AS (
        SELECT e.budget_id, e.category, sum(-e.amount_fen) AS spent
        FROM fund_entries e
        WHERE e.budget_id IN (SELECT id FROM bs) AND e.category IS NOT NULL
        GROUP BY e.budget_id, e.category
      )
      SELECT bs.key, min(bs.label) AS label, bs.year, l.category, sum(l.amount_fen) AS budget, coalesce(sum(sp.spent), 0) AS spent
      FROM bs JOIN fund_budget_lines l ON l.budget_id = bs.id
      LEFT JOIN spent sp ON sp.budget_id = bs.id AND sp.category = l.category
      GROUP BY bs.key, bs.year, l.category
    `.execute(db),
    sql<{ key: string; year: number; income: string; balance: string }>`
      WITH bs AS MATERIALIZED (${budgets})
      SELECT bs.key, bs.year, coalesce(sum(e.amount_fen) FILTER (WHERE e.income_source IS NOT NULL), 0) AS income,
             coalesce(sum(e.amount_fen), 0) AS balance
      FROM bs JOIN fund_entries e ON e.budget_id = bs.id
      GROUP BY bs.key, bs.year
    `.execute(db),
  ]);
  return { lines: lines.rows, totals: totals.rows };
}

/** A school's name and region, for the report's heading. */
export function schoolHeading(db: Db, schoolId: string) {
  return db
    .selectFrom('schools as s')
    .innerJoin('regions as r', 'r.code', 's.province_code')
    .select(['s.id', 's.name', 's.province_code', 's.city_code', 'r.name as province_name'])
    .where('s.id', '=', schoolId)
    .executeTakeFirst();
}

/** Open settlements of sessions examined before `examBefore` (an ISO date), in scope. */
export function openSettlementsBefore(db: Db, scope: Scope, examBefore: string) {
  return db
    .selectFrom('fee_settlements as fs')
    .innerJoin('exam_sessions as es', 'es.id', 'fs.session_id')
    .innerJoin('schools as s', 's.id', 'fs.school_id')
    .innerJoin('evaluation_orgs as o', 'o.id', 'fs.org_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'es.certificate_type_id')
    .select([
      'fs.id',
      'fs.school_id',
      's.name as school_name',
      'fs.org_id',
      'o.name as org_name',
      'ct.name as certificate_type_name',
      'es.exam_date',
      'fs.due_fen',
      'fs.settled_at',
    ])
    .where('fs.settled_at', 'is', null)
    .where('es.exam_date', '<', examBefore)
    .where(scopeWhere(scope, { provinceCode: 'fs.province_code', cityCode: 's.city_code', schoolId: 'fs.school_id', orgId: 'fs.org_id' }))
    .orderBy('es.exam_date')
    .limit(1000)
    .execute();
}

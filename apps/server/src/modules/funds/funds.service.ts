import {
  BUDGET_APPROVAL_RULE,
  BUDGET_EDITABLE,
  type BudgetAction,
  type BudgetAdjustmentDto,
  type BudgetDto,
  type BudgetStatus,
  FUND_CATEGORIES,
  PILOT_ONLY_RULE,
  STUDENT_TRAINING_FEE_RULE,
  type FundCategory,
  type FundEntryDto,
  budgetTransition,
  type budgetAdjustmentInputSchema,
  type budgetInputSchema,
  type budgetQuerySchema,
  type incomeInputSchema,
  type spendingInputSchema,
} from '@onex/shared';
import type { z } from 'zod';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { scopeOf } from '../../auth/scope';
import { auditedTransaction } from '../audit/audit.service';
import { type StoredFile, storeEvidenceFile } from '../files/files.service';
import { type BudgetFacts, FUND_READ_ROLES, mayAct, mayReadBudget, mayWriteBudget } from './funds.policy';
import * as q from './funds.queries';
import { adjustmentProblem, pilotMayHoldFunds, prohibitedUse, studentTrainingFeeRefused, withinLine } from './funds.rules';

/**
 * Special funds (R4.5): budgets per approved pilot and year with lines by category, approved through the chain of
 * 001 第十三条; then an append-only ledger against the lines. Every figure shown is a sum of ledger entries.
 */

const facts = (b: q.BudgetRow): BudgetFacts => ({
  provinceCode: b.province_code,
  cityCode: b.city_code,
  schoolId: b.school_id,
  departmentId: b.department_id,
});
const auditScope = (b: { province_code: string; city_code: string; school_id: string }) => ({
  provinceCode: b.province_code,
  cityCode: b.city_code,
  schoolId: b.school_id,
});

/** A budget the actor may read, or 404. */
async function readableBudget(db: Db, actor: Actor, id: string): Promise<q.BudgetRow> {
  const b = await q.findBudget(db, id);
  if (!b || !mayReadBudget(actor, facts(b))) throw notFound();
  return b;
}

async function toDtos(db: Db, actor: Actor, rows: q.BudgetRow[]): Promise<BudgetDto[]> {
  const ids = rows.map((r) => r.id);
  const [{ lines, totals }, events, adjustments] = await Promise.all([
    q.budgetFigures(db, ids),
    q.budgetEvents(db, ids),
    q.budgetAdjustments(db, ids),
  ]);
  const eventDto = (e: (typeof events)[number]) => ({
    action: e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    actor: e.actor_name,
    comment: e.comment,
    at: e.at.toISOString(),
  });
  return rows.map((b) => {
    const mine = lines.filter((l) => l.budget_id === b.id);
    const lineDtos = FUND_CATEGORIES.flatMap((c) => {
      const l = mine.find((x) => x.category === c);
      if (!l) return [];
      const budgetFen = Number(l.amount_fen);
      const spentFen = Number(l.spent);
      return [{ category: c, budgetFen, spentFen, remainingFen: budgetFen - spentFen }];
    });
    const t = totals.find((x) => x.budget_id === b.id);
    return {
      id: b.id,
      filing: { id: b.filing_id, certificateTypeName: b.certificate_type_name },
      school: { id: b.school_id, name: b.school_name },
      departmentId: b.department_id,
      year: b.year,
      status: b.status,
      lines: lineDtos,
      totalBudgetFen: lineDtos.reduce((s, l) => s + l.budgetFen, 0),
      spentFen: lineDtos.reduce((s, l) => s + l.spentFen, 0),
      incomeFen: Number(t?.income ?? 0),
      balanceFen: Number(t?.balance ?? 0),
      events: events.filter((e) => e.budget_id === b.id && !e.adjustment_id).map(eventDto),
      allowedActions: allowedActions(
        actor,
        b,
        adjustments.some((a) => a.budget_id === b.id && a.status !== 'approved'),
      ),
      adjustments: adjustments
        .filter((a) => a.budget_id === b.id)
        .map((a): BudgetAdjustmentDto => ({
          id: a.id,
          budgetId: b.id,
          status: a.status,
          reason: a.reason,
          lines: a.lines,
          events: events.filter((e) => e.adjustment_id === a.id).map(eventDto),
          allowedActions: adjustmentActions(actor, b, a.status),
          createdAt: a.created_at.toISOString(),
        })),
    };
  });
}

const STEPS = ['submit', 'department_approve', 'academic_approve', 'leader_approve', 'return'] as const;

function allowedActions(actor: Actor, b: q.BudgetRow, adjustmentOpen: boolean): string[] {
  const acts = STEPS.filter((a) => mayAct(actor, facts(b), a, b.status));
  const write = mayWriteBudget(actor, facts(b));
  return [
    ...acts,
    ...(write && BUDGET_EDITABLE.includes(b.status) ? ['edit'] : []),
    ...(write && b.status === 'approved' ? ['record'] : []),
    ...(write && b.status === 'approved' && !adjustmentOpen ? ['adjust'] : []),
  ];
}

/** An adjustment's steps are the budget's (same table, same roles); its lines are edited while draft or returned. */
function adjustmentActions(actor: Actor, b: q.BudgetRow, status: BudgetStatus): string[] {
  return [
    ...STEPS.filter((a) => mayAct(actor, facts(b), a, status)),
    ...(mayWriteBudget(actor, facts(b)) && BUDGET_EDITABLE.includes(status) ? ['edit'] : []),
  ];
}

async function oneDto(db: Db, actor: Actor, id: string): Promise<BudgetDto> {
  return (await toDtos(db, actor, [(await q.findBudget(db, id))!]))[0]!;
}

export async function listBudgets(deps: Deps, ctx: RequestContext, query: z.infer<typeof budgetQuerySchema>): Promise<BudgetDto[]> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  return toDtos(deps.db, actor, await q.listBudgets(deps.db, scopeOf(actor), query));
}

export async function getBudget(deps: Deps, ctx: RequestContext, id: string): Promise<BudgetDto> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  await readableBudget(deps.db, actor, id);
  return oneDto(deps.db, actor, id);
}

/** A budget for an approved, not ended pilot and a year (003 四(四)); one per pilot and year. */
export async function createBudget(deps: Deps, ctx: RequestContext, input: z.infer<typeof budgetInputSchema>): Promise<BudgetDto> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  const pilot = await q.findPilot(deps.db, input.filingId);
  const pf = pilot && {
    provinceCode: pilot.province_code,
    cityCode: pilot.city_code,
    schoolId: pilot.school_id,
    departmentId: pilot.department_id,
  };
  if (!pilot || !mayReadBudget(actor, pf!)) throw notFound();
  if (!mayWriteBudget(actor, pf!)) throw new AppError('FORBIDDEN');
  if (!pilotMayHoldFunds(pilot, input.year))
    throw new AppError('FUND_PILOT_NOT_APPROVED', {
      status: pilot.status,
      pilotEndedYear: pilot.pilot_ended_year,
      clause: PILOT_ONLY_RULE.clause,
    });
  const id = await auditedTransaction(deps, ctx, async (trx, now) => {
    const id = await q.insertBudget(trx, { pilot, year: input.year, at: now, by: actor.userId, lines: input.lines });
    if (!id) throw new AppError('FUND_BUDGET_EXISTS');
    return {
      result: id,
      audit: {
        action: 'fund_budget.create',
        targetType: 'fund_budget',
        targetId: id,
        summary: { filingId: pilot.id, year: input.year, lines: input.lines },
        scope: auditScope(pilot),
      },
    };
  });
  return oneDto(deps.db, actor, id);
}

export async function updateLines(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  lines: { category: FundCategory; amountFen: number }[],
): Promise<BudgetDto> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  const b = await readableBudget(deps.db, actor, id);
  if (!mayWriteBudget(actor, facts(b))) throw new AppError('FORBIDDEN');
  await auditedTransaction(deps, ctx, async (trx) => {
    const locked = await q.lockBudget(trx, id);
    if (!locked || !BUDGET_EDITABLE.includes(locked.status)) throw new AppError('FUND_BUDGET_NOT_EDITABLE');
    await q.replaceLines(trx, id, lines);
    return {
      result: null,
      audit: { action: 'fund_budget.update_lines', targetType: 'fund_budget', targetId: id, summary: { lines }, scope: auditScope(b) },
    };
  });
  return oneDto(deps.db, actor, id);
}

/** One step of the approval chain (BUDGET_TRANSITIONS): scope 404, role 403, state 409, comment 400. */
export async function actOnBudget(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  action: BudgetAction,
  comment: string | null,
): Promise<BudgetDto> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  const b = await readableBudget(deps.db, actor, id);
  await auditedTransaction(deps, ctx, async (trx, now) => {
    const locked = await q.lockBudget(trx, id);
    const t = budgetTransition(action, locked!.status);
    if (!t) throw new AppError('FUND_TRANSITION_INVALID', { status: locked!.status, action });
    if (!mayAct(actor, facts(b), action, locked!.status)) throw new AppError('FORBIDDEN');
    if (t.commentRequired && !comment) throw new AppError('COMMENT_REQUIRED');
    if (!(await q.setBudgetStatus(trx, id, locked!.status, t.to, now))) throw new AppError('CONFLICT');
    await q.insertBudgetEvent(trx, {
      budgetId: id,
      action,
      from: locked!.status,
      to: t.to,
      actorId: actor.userId,
      actorName: actor.displayName,
      comment,
      at: now,
    });
    return {
      result: null,
      audit: {
        action: `fund_budget.${action}`,
        targetType: 'fund_budget',
        targetId: id,
        summary: { from: locked!.status, to: t.to, comment },
        scope: auditScope(b),
      },
    };
  });
  return oneDto(deps.db, actor, id);
}

// ---- budget adjustments (预算调整): the approval 001 第十三条 names, for spending beyond a line ----

type AdjustmentInput = z.infer<typeof budgetAdjustmentInputSchema>;

/** Why lines cannot replace the budget's now: unchanged, or below what is spent on a line (read in the lock). */
async function checkAdjustment(trx: Db, budgetId: string, lines: AdjustmentInput['lines']) {
  const problem = adjustmentProblem(await q.budgetLines(trx, budgetId), lines, await q.spentByLine(trx, budgetId));
  if (problem?.kind === 'unchanged') throw new AppError('FUND_ADJUSTMENT_UNCHANGED');
  if (problem) throw new AppError('FUND_ADJUSTMENT_BELOW_SPENT', { ...problem });
}

/** The school (or department) proposes new lines for an approved budget, with a reason; one open at a time. */
export async function proposeAdjustment(deps: Deps, ctx: RequestContext, budgetId: string, input: AdjustmentInput): Promise<BudgetDto> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  const b = await writableLedger(deps.db, actor, budgetId);
  await auditedTransaction(deps, ctx, async (trx, now) => {
    await q.lockBudget(trx, b.id);
    if (await q.openAdjustment(trx, b.id)) throw new AppError('FUND_ADJUSTMENT_OPEN');
    await checkAdjustment(trx, b.id, input.lines);
    const before = await q.budgetLines(trx, b.id);
    const id = await q.insertAdjustment(trx, { budgetId: b.id, lines: input.lines, reason: input.reason, at: now, by: actor.userId });
    return {
      result: id,
      audit: {
        action: 'fund_adjustment.create',
        targetType: 'fund_budget_adjustment',
        targetId: id,
        summary: { budgetId: b.id, before, lines: input.lines, reason: input.reason },
        scope: auditScope(b),
      },
    };
  });
  return oneDto(deps.db, actor, b.id);
}

/** An adjustment and its budget, readable by the actor, or 404. */
async function readableAdjustment(db: Db, actor: Actor, id: string) {
  const a = await q.findAdjustment(db, id);
  if (!a) throw notFound();
  return { a, b: await readableBudget(db, actor, a.budget_id) };
}

/** Lines and reason of a draft or returned adjustment. */
export async function updateAdjustment(deps: Deps, ctx: RequestContext, id: string, input: AdjustmentInput): Promise<BudgetDto> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  const { b } = await readableAdjustment(deps.db, actor, id);
  if (!mayWriteBudget(actor, facts(b))) throw new AppError('FORBIDDEN');
  await auditedTransaction(deps, ctx, async (trx, now) => {
    await q.lockBudget(trx, b.id);
    const locked = await q.lockAdjustment(trx, id);
    if (!locked || !BUDGET_EDITABLE.includes(locked.status)) throw new AppError('FUND_ADJUSTMENT_NOT_EDITABLE');
    await checkAdjustment(trx, b.id, input.lines);
    await q.updateAdjustment(trx, id, { lines: input.lines, reason: input.reason, at: now }, locked.status);
    return {
      result: null,
      audit: {
        action: 'fund_adjustment.update',
        targetType: 'fund_budget_adjustment',
        targetId: id,
        summary: { budgetId: b.id, lines: input.lines, reason: input.reason },
        scope: auditScope(b),
      },
    };
  });
  return oneDto(deps.db, actor, b.id);
}

/**
 * One step of an adjustment's chain (the budget's own table, BUDGET_TRANSITIONS). The school leader's approval
 * replaces the budget's lines with the adjustment's, checked again against what is spent by then.
 */
export async function actOnAdjustment(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  action: BudgetAction,
  comment: string | null,
): Promise<BudgetDto> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  const { b } = await readableAdjustment(deps.db, actor, id);
  await auditedTransaction(deps, ctx, async (trx, now) => {
    await q.lockBudget(trx, b.id);
    const locked = (await q.lockAdjustment(trx, id))!;
    const t = budgetTransition(action, locked.status);
    if (!t) throw new AppError('FUND_TRANSITION_INVALID', { status: locked.status, action });
    if (!mayAct(actor, facts(b), action, locked.status)) throw new AppError('FORBIDDEN');
    if (t.commentRequired && !comment) throw new AppError('COMMENT_REQUIRED');
    let before: { category: FundCategory; amountFen: number }[] | null = null;
    if (t.to === 'approved') {
      before = await q.budgetLines(trx, b.id);
      const problem = adjustmentProblem(before, locked.lines, await q.spentByLine(trx, b.id));
      if (problem?.kind === 'below_spent') throw new AppError('FUND_ADJUSTMENT_BELOW_SPENT', { ...problem });
      await q.replaceLines(trx, b.id, locked.lines);
    }
    if (!(await q.updateAdjustment(trx, id, { status: t.to, at: now }, locked.status))) throw new AppError('CONFLICT');
    await q.insertBudgetEvent(trx, {
      budgetId: b.id,
      adjustmentId: id,
      action,
      from: locked.status,
      to: t.to,
      actorId: actor.userId,
      actorName: actor.displayName,
      comment,
      at: now,
    });
    return {
      result: null,
      audit: {
        action: `fund_adjustment.${action}`,
        targetType: 'fund_budget_adjustment',
        targetId: id,
        summary: { budgetId: b.id, from: locked.status, to: t.to, comment, ...(before ? { before, after: locked.lines } : {}) },
        scope: auditScope(b),
      },
    };
  });
  return oneDto(deps.db, actor, b.id);
}

// ---- ledger ----

function entryDto(e: q.EntryRow): FundEntryDto {
  return {
    id: e.id,
    budgetId: e.budget_id,
    kind: e.kind,
    category: e.category,
    incomeSource: e.income_source,
    amountFen: Number(e.amount_fen),
    date: String(e.entry_date).slice(0, 10),
    counterparty: e.counterparty,
    purpose: e.purpose,
    evidenceFileId: e.evidence_file_id,
    feeSettlementId: e.fee_settlement_id,
    reversesEntryId: e.reverses_entry_id,
    reversedBy: e.reversed_by,
    reason: e.reason,
    createdAt: e.created_at.toISOString(),
  };
}

export async function listEntries(deps: Deps, ctx: RequestContext, budgetId: string): Promise<FundEntryDto[]> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  await readableBudget(deps.db, actor, budgetId);
  return (await q.listEntries(deps.db, budgetId)).map(entryDto);
}

/** A budget the actor keeps the ledger of, approved through the chain. */
async function writableLedger(db: Db, actor: Actor, budgetId: string): Promise<q.BudgetRow> {
  const b = await readableBudget(db, actor, budgetId);
  if (!mayWriteBudget(actor, facts(b))) throw new AppError('FORBIDDEN');
  if (b.status !== 'approved') throw new AppError('FUND_BUDGET_NOT_APPROVED');
  return b;
}

async function checkEvidence(db: Db, b: q.BudgetRow, fileId: string | undefined): Promise<string | null> {
  if (!fileId) return null;
  const f = await q.findFileOwner(db, fileId);
  if (!f || f.school_id !== b.school_id) throw new AppError('FUND_EVIDENCE_INVALID');
  return f.id;
}

/** A refused entry leaves an audit row of its own, so an auditor sees the attempt and the rule that refused it. */
async function auditRefusal(deps: Deps, ctx: RequestContext, b: q.BudgetRow, action: string, summary: Record<string, unknown>) {
  await auditedTransaction(deps, ctx, async () => ({
    result: null,
    audit: { action, targetType: 'fund_budget', targetId: b.id, summary, scope: auditScope(b) },
  }));
}

const schoolOf = (b: q.BudgetRow) => ({ name: b.school_name, provinceCode: b.school_province_code });

/**
 * Spending against a line. A prohibited use (where its rule applies) is refused with its clause quoted, and so is
 * overspending a line (the approval 001 第十三条 names is a budget adjustment); every refusal is itself audited
 * (`fund_entry.refuse_prohibited`, `fund_entry.refuse_overspent`) so an auditor sees the attempt.
 */
export async function recordSpending(
  deps: Deps,
  ctx: RequestContext,
  budgetId: string,
  input: z.infer<typeof spendingInputSchema>,
): Promise<FundEntryDto> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  const b = await writableLedger(deps.db, actor, budgetId);
  const hit = prohibitedUse(schoolOf(b), input);
  if (hit) {
    await auditRefusal(deps, ctx, b, 'fund_entry.refuse_prohibited', {
      use: hit.code,
      clause: hit.source.clause,
      amountFen: input.amountFen,
      payee: input.payee,
      purpose: input.purpose,
    });
    throw new AppError(
      'FUND_PROHIBITED_USE',
      { use: hit.code, clause: hit.source.clause },
      `专项资金不得用于“${hit.label}”（${hit.source.clause}）`,
    );
  }
  const evidence = await checkEvidence(deps.db, b, input.evidenceFileId);
  let refusal: Record<string, unknown> = {};
  const id = await auditedTransaction<string | null>(deps, ctx, async (trx, now) => {
    await q.lockBudget(trx, b.id);
    const line = await q.lineAmount(trx, b.id, input.category);
    const spent = await q.spentOnLine(trx, b.id, input.category);
    if (line === null || !withinLine(line, spent, input.amountFen)) {
      // Beyond the line: refused until a budget adjustment approved through the chain of 001 第十三条 raises it; the
      // refusal is what this transaction records, so the auditor sees the attempt.
      refusal = {
        category: input.category,
        budgetFen: line ?? 0,
        spentFen: spent,
        amountFen: input.amountFen,
        clause: BUDGET_APPROVAL_RULE.clause,
      };
      return {
        result: null,
        audit: {
          action: 'fund_entry.refuse_overspent',
          targetType: 'fund_budget',
          targetId: b.id,
          summary: { ...refusal, payee: input.payee, purpose: input.purpose },
          scope: auditScope(b),
        },
      };
    }
    const id = await q.insertEntry(trx, {
      budget: b,
      kind: 'spending',
      category: input.category,
      incomeSource: null,
      amountFen: -input.amountFen,
      date: input.date,
      counterparty: input.payee,
      purpose: input.purpose,
      evidenceFileId: evidence,
      feeSettlementId: null,
      reversesEntryId: null,
      reason: null,
      at: now,
      by: actor.userId,
    });
    return {
      result: id,
      audit: {
        action: 'fund_entry.spend',
        targetType: 'fund_entry',
        targetId: id,
        summary: { budgetId: b.id, ...input },
        scope: auditScope(b),
      },
    };
  });
  if (id === null) throw new AppError('FUND_LINE_OVERSPENT', refusal);
  return entryDto((await q.findEntry(deps.db, id))!);
}

/** Income: exam-service fees from organizations (001 第十四条) and provincial allocations; never student training fees. */
export async function recordIncome(
  deps: Deps,
  ctx: RequestContext,
  budgetId: string,
  input: z.infer<typeof incomeInputSchema>,
): Promise<FundEntryDto> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  const b = await writableLedger(deps.db, actor, budgetId);
  if (input.source === 'student_training_fee') {
    // 002 三.5 binds Hubei; elsewhere no seed names students as a source of the fund's income (001 第十四条 names the
    // organizations' fees), so the platform refuses it too and says which rule it follows.
    const binding = studentTrainingFeeRefused(schoolOf(b), input.source);
    await auditRefusal(deps, ctx, b, 'fund_entry.refuse_student_fee', {
      clause: STUDENT_TRAINING_FEE_RULE.clause,
      binding,
      amountFen: input.amountFen,
      remitter: input.remitter,
      purpose: input.purpose,
    });
    throw new AppError(
      'FUND_STUDENT_TRAINING_FEE',
      { clause: STUDENT_TRAINING_FEE_RULE.clause, binding },
      binding ? undefined : '专项经费收入只记录培训评价组织支付的考务服务费和省级奖补资金，不得记录向试点学生收取的培训费',
    );
  }
  const source = input.source;
  if (input.feeSettlementId) {
    const s = await q.findSettlementSchool(deps.db, input.feeSettlementId);
    if (!s || s.school_id !== b.school_id) throw new AppError('FUND_SETTLEMENT_MISMATCH');
  }
  const evidence = await checkEvidence(deps.db, b, input.evidenceFileId);
  const id = await auditedTransaction(deps, ctx, async (trx, now) => {
    const id = await q.insertEntry(trx, {
      budget: b,
      kind: 'income',
      category: null,
      incomeSource: source,
      amountFen: input.amountFen,
      date: input.date,
      counterparty: input.remitter,
      purpose: input.purpose,
      evidenceFileId: evidence,
      feeSettlementId: input.feeSettlementId ?? null,
      reversesEntryId: null,
      reason: null,
      at: now,
      by: actor.userId,
    });
    return {
      result: id,
      audit: {
        action: 'fund_entry.income',
        targetType: 'fund_entry',
        targetId: id,
        summary: { budgetId: b.id, ...input },
        scope: auditScope(b),
      },
    };
  });
  return entryDto((await q.findEntry(deps.db, id))!);
}

/** A correction: the negation of an entry, with a reason; an entry is reversed at most once, a reversal never. */
export async function reverseEntry(deps: Deps, ctx: RequestContext, entryId: string, reason: string): Promise<FundEntryDto> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  const e = await q.findEntry(deps.db, entryId);
  if (!e) throw notFound();
  const b = await writableLedger(deps.db, actor, e.budget_id);
  const id = await auditedTransaction(deps, ctx, async (trx, now) => {
    await q.lockBudget(trx, b.id);
    const fresh = await q.findEntry(trx, entryId);
    if (!fresh || fresh.kind === 'reversal' || fresh.reversed_by) throw new AppError('FUND_ENTRY_ALREADY_REVERSED');
    const id = await q.insertEntry(trx, {
      budget: b,
      kind: 'reversal',
      category: fresh.category,
      incomeSource: fresh.income_source,
      amountFen: -Number(fresh.amount_fen),
      date: String(fresh.entry_date).slice(0, 10),
      counterparty: fresh.counterparty,
      purpose: `冲正：${fresh.purpose}`,
      evidenceFileId: null,
      feeSettlementId: null,
      reversesEntryId: fresh.id,
      reason,
      at: now,
      by: actor.userId,
    });
    return {
      result: id,
      audit: {
        action: 'fund_entry.reverse',
        targetType: 'fund_entry',
        targetId: id,
        summary: { reverses: fresh.id, amountFen: -Number(fresh.amount_fen), reason },
        scope: auditScope(b),
      },
    };
  });
  return entryDto((await q.findEntry(deps.db, id))!);
}

/** Evidence (an invoice or receipt: PDF, PNG or JPEG by content) for a later entry, owned by the budget's school (downloads are scope-checked). */
export async function storeEvidence(
  deps: Deps,
  ctx: RequestContext,
  budgetId: string,
  file: { bytes: Buffer; filename: string },
): Promise<StoredFile> {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  const b = await writableLedger(deps.db, actor, budgetId);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const stored = await storeEvidenceFile(trx, ctx, file.bytes, file.filename, {
      at: now,
      owner: { provinceCode: b.province_code, schoolId: b.school_id },
    });
    return {
      result: stored,
      audit: {
        action: 'fund_evidence.upload',
        targetType: 'file',
        targetId: stored.id,
        summary: { budgetId: b.id, name: stored.name, sha256: stored.sha256, mime: stored.mime, size: stored.size },
        scope: auditScope(b),
      },
    };
  });
}

import {
  type AllocationDto,
  FUND_FACTORS,
  FUND_FACTOR_LABELS,
  type FactorWeight,
  type allocationInputSchema,
  type shareAdjustSchema,
} from '@onex/shared';
import type { z } from 'zod';
import { type RequestContext, requireActor } from '../../auth/actor';
import { scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { tableWorkbook } from '../../lib/xlsx-table';
import { auditedTransaction } from '../audit/audit.service';
import { ALLOCATION_ROLES, FUND_READ_ROLES, mayAllocate } from './funds.policy';
import * as q from './funds.queries';
import { ALLOCATION_FORMULA, computeShares } from './funds.rules';

/**
 * Provincial allocation by factor method (002 三.5, R4.6): the province sets the total and the weights, the platform
 * computes each school's share from its facts, stores the explanation with the share, the province may adjust a share
 * with a reason, then publishes. Published allocations are read-only and visible to the schools they name.
 */

const yuan = (fen: number) => (fen / 100).toFixed(2);

async function readableAllocation(db: Db, ctx: RequestContext, id: string) {
  const actor = requireActor(ctx, FUND_READ_ROLES);
  const a = await q.findAllocation(db, id);
  if (!a) throw notFound();
  const scope = scopeOf(actor);
  // A school sees a published allocation's own share only; regional roles their province's allocations.
  const schoolView = scope.kind === 'school' || scope.kind === 'department';
  if (
    schoolView
      ? a.status !== 'published'
      : !mayAllocate(actor, a.province_code) && !(scope.kind === 'city' && scope.provinceCode === a.province_code)
  )
    throw notFound();
  return { actor, a, onlySchool: schoolView ? (actor.schoolId ?? '') : null };
}

async function toDto(
  db: Db,
  a: NonNullable<Awaited<ReturnType<typeof q.findAllocation>>>,
  onlySchool: string | null,
): Promise<AllocationDto> {
  const rows = await q.allocationShares(db, a.id);
  const shares = rows
    .filter((r) => onlySchool === null || r.school_id === onlySchool)
    .map((r) => {
      const f = r.factors as { facts: Record<string, number>; normalized: Record<string, number>; score: number };
      const computedFen = Number(r.computed_fen);
      const adjustedFen = r.adjusted_fen === null ? null : Number(r.adjusted_fen);
      return {
        school: { id: r.school_id, name: r.name },
        facts: f.facts,
        normalized: f.normalized,
        score: f.score,
        computedFen,
        adjustedFen,
        adjustReason: r.adjust_reason,
        finalFen: adjustedFen ?? computedFen,
      };
    });
  return {
    id: a.id,
    provinceCode: a.province_code,
    year: a.year,
    totalFen: Number(a.total_fen),
    weights: a.weights,
    status: a.status,
    formula: ALLOCATION_FORMULA,
    finalTotalFen: rows.reduce((s, r) => s + Number(r.adjusted_fen ?? r.computed_fen), 0),
    shares,
    publishedAt: a.published_at ? a.published_at.toISOString() : null,
  };
}

export async function createAllocation(
  deps: Deps,
  ctx: RequestContext,
  input: z.infer<typeof allocationInputSchema>,
): Promise<AllocationDto> {
  const actor = requireActor(ctx, ALLOCATION_ROLES);
  const provinceCode = actor.role === 'province_admin' ? actor.provinceCode! : input.provinceCode;
  if (!provinceCode) throw new AppError('VALIDATION_FAILED', { provinceCode: '请选择省份' });
  if (!mayAllocate(actor, provinceCode)) throw notFound();
  const facts = await q.allocationFacts(deps.db, provinceCode, input.year);
  const computed = computeShares(input.totalFen, input.weights, facts);
  const id = await auditedTransaction(deps, ctx, async (trx, now) => {
    const id = await q.insertAllocation(
      trx,
      { provinceCode, year: input.year, totalFen: input.totalFen, weights: input.weights, at: now, by: actor.userId },
      computed.map((c) => ({
        schoolId: c.schoolId,
        factors: { facts: c.facts, normalized: c.normalized, score: c.score },
        computedFen: c.shareFen,
      })),
    );
    return {
      result: id,
      audit: {
        action: 'fund_allocation.create',
        targetType: 'fund_allocation',
        targetId: id,
        summary: { year: input.year, totalFen: input.totalFen, weights: input.weights, schools: computed.length },
        scope: { provinceCode },
      },
    };
  });
  return toDto(deps.db, (await q.findAllocation(deps.db, id))!, null);
}

export async function listAllocations(
  deps: Deps,
  ctx: RequestContext,
): Promise<{ id: string; provinceCode: string; year: number; totalFen: number; status: string }[]> {
  const actor = requireActor(ctx, ALLOCATION_ROLES.concat(['municipal_admin']));
  const rows = await q.listAllocations(deps.db, scopeOf(actor));
  return rows.map((a) => ({ id: a.id, provinceCode: a.province_code, year: a.year, totalFen: Number(a.total_fen), status: a.status }));
}

export async function getAllocation(deps: Deps, ctx: RequestContext, id: string): Promise<AllocationDto> {
  const { a, onlySchool } = await readableAllocation(deps.db, ctx, id);
  return toDto(deps.db, a, onlySchool);
}

async function draftForWrite(deps: Deps, ctx: RequestContext, id: string) {
  const actor = requireActor(ctx, ALLOCATION_ROLES);
  const a = await q.findAllocation(deps.db, id);
  if (!a || !mayAllocate(actor, a.province_code)) throw notFound();
  return a;
}

/** The province changes one school's share with a reason; the computed share and the reason stay beside it. */
export async function adjustShare(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof shareAdjustSchema>,
): Promise<AllocationDto> {
  const a = await draftForWrite(deps, ctx, id);
  await auditedTransaction(deps, ctx, async (trx) => {
    const locked = await q.lockAllocation(trx, id);
    if (locked!.status !== 'draft') throw new AppError('CONFLICT', { status: locked!.status });
    if (!(await q.adjustShare(trx, id, input.schoolId, input.amountFen, input.reason))) throw notFound();
    return {
      result: null,
      audit: {
        action: 'fund_allocation.adjust',
        targetType: 'fund_allocation',
        targetId: id,
        summary: { ...input },
        scope: { provinceCode: a.province_code, schoolId: input.schoolId },
      },
    };
  });
  return toDto(deps.db, (await q.findAllocation(deps.db, id))!, null);
}

export async function publishAllocation(deps: Deps, ctx: RequestContext, id: string): Promise<AllocationDto> {
  const a = await draftForWrite(deps, ctx, id);
  await auditedTransaction(deps, ctx, async (trx, now) => {
    if (!(await q.publishAllocation(trx, id, now))) throw new AppError('CONFLICT');
    return {
      result: null,
      audit: {
        action: 'fund_allocation.publish',
        targetType: 'fund_allocation',
        targetId: id,
        summary: { year: a.year },
        scope: { provinceCode: a.province_code },
      },
    };
  });
  return toDto(deps.db, (await q.findAllocation(deps.db, id))!, null);
}

/** The allocation as .xlsx: one row per school with every fact, normalised value, score, computed and final share. */
export async function allocationWorkbook(deps: Deps, ctx: RequestContext, id: string): Promise<{ filename: string; bytes: Buffer }> {
  const { a, onlySchool } = await readableAllocation(deps.db, ctx, id);
  const d = await toDto(deps.db, a, onlySchool);
  const weights = d.weights as FactorWeight[];
  const factorCols = FUND_FACTORS.flatMap((f) => [
    `${FUND_FACTOR_LABELS[f].zh}（${FUND_FACTOR_LABELS[f].fact}）`,
    `${FUND_FACTOR_LABELS[f].zh} 归一值`,
  ]);
  const columns = ['序号', '学校', ...factorCols, '加权得分', '测算金额（元）', '调整后金额（元）', '调整理由', '最终金额（元）'];
  const rows = d.shares.map((s, i) => [
    i + 1,
    s.school.name,
    ...FUND_FACTORS.flatMap((f) => [s.facts[f] ?? 0, Number((s.normalized[f] ?? 0).toFixed(4))]),
    Number(s.score.toFixed(4)),
    yuan(s.computedFen),
    s.adjustedFen === null ? '' : yuan(s.adjustedFen),
    s.adjustReason ?? '',
    yuan(s.finalFen),
  ]);
  rows.push(['', '合计', ...factorCols.map(() => ''), '', yuan(d.totalFen), '', '', yuan(d.finalTotalFen)]);
  const weightText = weights.map((w) => `${FUND_FACTOR_LABELS[w.factor].zh} ${w.weight}`).join('、');
  const title = `${d.year} 年 1+X 证书制度试点经费因素法分配（总额 ${yuan(d.totalFen)} 元；权重：${weightText}）`;
  const bytes = await tableWorkbook('因素法分配', title, columns, rows, [6, 30, ...factorCols.map(() => 12), 10, 14, 14, 24, 14]);
  return { filename: `经费分配-${d.provinceCode}-${d.year}.xlsx`, bytes };
}

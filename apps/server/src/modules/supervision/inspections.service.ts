import { DEFAULT_INSPECTION_ITEMS, type InspectionDto, type Page, type PublicInspectionResultDto } from '@onex/shared';
import type { z } from 'zod';
import type {
  closeInspectionSchema,
  createInspectionSchema,
  inspectionFindingInputSchema,
  rectificationDecisionSchema,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import { findVisibleFilingOr404 } from '../filings/filings.service';
import { type StoredFile, storePdf } from '../files/files.service';
import { notify } from '../notifications/notifications.service';
import * as q from './inspections.queries';

/** 001 第十八条: the school inspects its pilots; the province inspects those of its province. */
const INSPECTORS = ['national_admin', 'province_admin', 'school_admin'] as const;
const REPORTERS = ['school_admin', 'department_admin'] as const;
const LEVEL_OF = { national_admin: 'national', province_admin: 'province', school_admin: 'school' } as const;
type Who = 'inspector' | 'reporter' | 'either';
/** The inspector is the level that planned the inspection; the reporter is the inspected side below it. */
function may(who: Who, a: Actor, i: q.InspectionRow): boolean {
  const inspector = LEVEL_OF[a.role as keyof typeof LEVEL_OF] === i.inspector_level;
  const reporter = i.inspector_level === 'school' ? a.role === 'department_admin' : (REPORTERS as readonly string[]).includes(a.role);
  return who === 'inspector' ? inspector : who === 'reporter' ? reporter : inspector || reporter;
}
const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });

/** An open order past its deadline (China date) is overdue. */
export const orderOverdue = (o: { status: string; deadline: string }, today: string) => o.status === 'open' && o.deadline < today;

async function visible(db: Db, actor: Actor, id: string): Promise<q.InspectionRow> {
  const i = await q.findInspection(db, id);
  if (
    !i ||
    !inScope(scopeOf(actor), { provinceCode: i.province_code, cityCode: i.city_code, schoolId: i.school_id, departmentId: i.department_id })
  )
    throw notFound();
  return i;
}

async function dtos(db: Db, rows: q.InspectionRow[], today: string): Promise<InspectionDto[]> {
  const ids = rows.map((r) => r.id);
  const [findings, orders] = await Promise.all([q.findingsOf(db, ids), q.ordersOf(db, ids)]);
  return rows.map((i) => {
    const own = orders.filter((o) => o.inspection_id === i.id);
    return {
      id: i.id,
      title: i.title,
      filingId: i.filing_id,
      schoolName: i.school_name,
      certificateTypeName: i.certificate_type_name,
      inspectorLevel: i.inspector_level,
      plannedOn: i.planned_on,
      status: i.status,
      items: i.items,
      findings: findings
        .filter((f) => f.inspection_id === i.id)
        .map((f) => ({ itemKey: f.item_key, finding: f.finding, issue: f.issue, fileIds: f.file_ids, at: f.created_at.toISOString() })),
      rectifications: own.map((o) => ({
        id: o.id,
        round: o.round,
        requirement: o.requirement,
        deadline: o.deadline,
        status: o.status,
        report: o.report,
        reportFileIds: o.report_file_ids,
        decisionComment: o.decision_comment,
        overdue: orderOverdue(o, today),
      })),
      result: i.result,
      publishedAt: i.published_at?.toISOString() ?? null,
      overdue: own.some((o) => orderOverdue(o, today)),
    };
  });
}

export async function listInspections(deps: Deps, ctx: RequestContext): Promise<InspectionDto[]> {
  const actor = requireActor(ctx);
  return dtos(deps.db, await q.listInspections(deps.db, scopeOf(actor)), chinaDate(deps.clock.now()));
}

export async function getInspection(deps: Deps, ctx: RequestContext, id: string): Promise<InspectionDto> {
  const actor = requireActor(ctx);
  return (await dtos(deps.db, [await visible(deps.db, actor, id)], chinaDate(deps.clock.now())))[0]!;
}

/** Runs a change to an inspection the actor sees, with its audit row, and answers the inspection as it is after. */
async function change(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  who: Who,
  fn: (trx: Db, i: q.InspectionRow, actor: Actor, now: Date) => Promise<{ action: string; summary: Record<string, unknown> }>,
): Promise<InspectionDto> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await q.lockInspection(trx, id);
    const i = await visible(trx, actor, id);
    if (!may(who, actor, i)) throw new AppError('FORBIDDEN');
    const { action, summary } = await fn(trx, i, actor, now);
    await recordAudit(trx, ctx, now, {
      action,
      targetType: 'inspection',
      targetId: id,
      summary,
      scope: { provinceCode: i.province_code, cityCode: i.city_code, schoolId: i.school_id },
    });
  });
  return getInspection(deps, ctx, id);
}

/** R8.2: plans an inspection of a pilot the actor sees, with the items of 001 第十八条 and any extra ones. */
export async function createInspection(deps: Deps, ctx: RequestContext, b: z.infer<typeof createInspectionSchema>): Promise<InspectionDto> {
  const actor = requireActor(ctx, INSPECTORS);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const f = await findVisibleFilingOr404(trx, actor, b.filingId);
    const items = [...DEFAULT_INSPECTION_ITEMS, ...b.extraItems];
    if (new Set(items.map((x) => x.key)).size !== items.length) throw invalid('body.extraItems', '检查项目标识不能重复');
    const r = await q.insertInspection(trx, {
      filing_id: f.id,
      province_code: f.province_code,
      city_code: f.city_code,
      school_id: f.school_id,
      title: b.title,
      inspector_level: LEVEL_OF[actor.role as keyof typeof LEVEL_OF],
      planned_on: b.plannedOn,
      items: JSON.stringify(items),
      created_at: now,
      created_by: actor.userId,
    });
    await recordAudit(trx, ctx, now, {
      action: 'inspection.create',
      targetType: 'inspection',
      targetId: r.id,
      summary: { filingId: f.id, title: b.title, plannedOn: b.plannedOn },
      scope: { provinceCode: f.province_code, cityCode: f.city_code, schoolId: f.school_id },
    });
    return r.id;
  });
  return getInspection(deps, ctx, id);
}

export function recordFinding(deps: Deps, ctx: RequestContext, id: string, b: z.infer<typeof inspectionFindingInputSchema>) {
  return change(deps, ctx, id, 'inspector', async (trx, i, actor, now) => {
    if (i.status === 'closed') throw new AppError('CONFLICT', { status: i.status });
    if (!i.items.some((x) => x.key === b.itemKey)) throw invalid('body.itemKey', '检查项目不存在');
    if (!(await q.filesExist(trx, b.fileIds))) throw invalid('body.fileIds', '证据文件不存在');
    await q.insertFinding(trx, {
      inspection_id: i.id,
      item_key: b.itemKey,
      finding: b.finding,
      issue: b.issue,
      file_ids: JSON.stringify(b.fileIds),
      created_at: now,
      created_by: actor.userId,
    });
    return { action: 'inspection.finding', summary: { itemKey: b.itemKey, issue: b.issue, files: b.fileIds.length } };
  });
}

async function notifySchool(trx: Db, now: Date, i: q.InspectionRow, title: string, body = '') {
  await notify(trx, now, {
    to: { role: 'school_admin', schoolId: i.school_id },
    kind: 'inspection',
    title,
    body,
    link: `/supervision/inspections/${i.id}`,
  });
}

/** Orders rectification with a deadline (not before today); the inspection is then 'rectifying' and the school told. */
export function orderRectification(deps: Deps, ctx: RequestContext, id: string, b: { requirement: string; deadline: string }) {
  return change(deps, ctx, id, 'inspector', async (trx, i, _actor, now) => {
    if (i.status === 'closed') throw new AppError('CONFLICT', { status: i.status });
    if (b.deadline < chinaDate(now)) throw invalid('body.deadline', '整改期限不能早于今天');
    const orders = await q.ordersOf(trx, [i.id]);
    if (orders.some((o) => o.status === 'open' || o.status === 'reported')) throw new AppError('CONFLICT', { open: true });
    await q.insertOrder(trx, {
      inspection_id: i.id,
      round: orders.length + 1,
      requirement: b.requirement,
      deadline: b.deadline,
      created_at: now,
    });
    await q.setInspection(trx, i.id, { status: 'rectifying' });
    await notifySchool(trx, now, i, `“${i.title}”要求整改，期限 ${b.deadline}`, b.requirement);
    return { action: 'inspection.order_rectification', summary: { deadline: b.deadline, round: orders.length + 1 } };
  });
}

async function orderOf(trx: Db, i: q.InspectionRow, orderId: string): Promise<q.OrderRow> {
  const o = await q.lockOrder(trx, orderId);
  if (!o || o.inspection_id !== i.id) throw notFound();
  return o;
}

/** The inspected school (or department) reports on its rectification, with evidence files. */
export function reportRectification(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  orderId: string,
  b: { report: string; fileIds: string[] },
) {
  return change(deps, ctx, id, 'reporter', async (trx, i, _actor, now) => {
    const o = await orderOf(trx, i, orderId);
    if (!(await q.filesExist(trx, b.fileIds))) throw invalid('body.fileIds', '证据文件不存在');
    const done = await q.updateOrder(trx, o.id, 'open', {
      status: 'reported',
      report: b.report,
      report_file_ids: JSON.stringify(b.fileIds),
      reported_at: now,
    });
    if (!done) throw new AppError('CONFLICT', { status: o.status });
    return { action: 'inspection.rectification_report', summary: { orderId, late: o.deadline < chinaDate(now) } };
  });
}

/** The inspector accepts the rectification, or orders it again (a new round with a new deadline). */
export function decideRectification(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  orderId: string,
  b: z.infer<typeof rectificationDecisionSchema>,
) {
  return change(deps, ctx, id, 'inspector', async (trx, i, _actor, now) => {
    const o = await orderOf(trx, i, orderId);
    if (b.decision === 'reorder' && (!b.deadline || b.deadline < chinaDate(now)))
      throw invalid('body.deadline', '请填写新的整改期限（不早于今天）');
    const done = await q.updateOrder(trx, o.id, 'reported', {
      status: b.decision === 'accept' ? 'accepted' : 'reordered',
      decided_at: now,
      decision_comment: b.comment,
    });
    if (!done) throw new AppError('CONFLICT', { status: o.status });
    if (b.decision === 'reorder') {
      await q.insertOrder(trx, { inspection_id: i.id, round: o.round + 1, requirement: b.comment, deadline: b.deadline!, created_at: now });
      await notifySchool(trx, now, i, `“${i.title}”整改未通过，请于 ${b.deadline} 前再次整改`, b.comment);
    }
    return { action: `inspection.rectification_${b.decision}`, summary: { orderId, deadline: b.deadline ?? null } };
  });
}

/** Closes with the result, notified to the school, and published (公开) when asked. */
export function closeInspection(deps: Deps, ctx: RequestContext, id: string, b: z.infer<typeof closeInspectionSchema>) {
  return change(deps, ctx, id, 'inspector', async (trx, i, _actor, now) => {
    if (i.status === 'closed') throw new AppError('CONFLICT', { status: i.status });
    const orders = await q.ordersOf(trx, [i.id]);
    if (orders.some((o) => o.status === 'open' || o.status === 'reported')) throw new AppError('CONFLICT', { rectificationOpen: true });
    await q.setInspection(trx, i.id, { status: 'closed', result: b.result, published_at: b.publish ? now : null });
    await notifySchool(trx, now, i, `“${i.title}”检查结果`, b.result);
    return { action: 'inspection.close', summary: { publish: b.publish } };
  });
}

/** Evidence (PDF) for a finding or a rectification report, owned by the inspected school so both sides can read it. */
export async function uploadEvidence(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  file: { bytes: Buffer; filename: string },
): Promise<StoredFile> {
  let stored: StoredFile | undefined;
  await change(deps, ctx, id, 'either', async (trx, i, _actor, now) => {
    stored = await storePdf(trx, ctx, file.bytes, file.filename, {
      at: now,
      owner: { provinceCode: i.province_code, schoolId: i.school_id },
    });
    return { action: 'inspection.evidence', summary: { fileId: stored.id, sha256: stored.sha256, size: stored.size } };
  });
  return stored!;
}

/** 公开 (R8.2): the published results of closed inspections, for anyone without an account; no findings or files. */
export async function listPublishedResults(deps: Deps, page: number, pageSize: number): Promise<Page<PublicInspectionResultDto>> {
  const { items, total } = await q.listPublishedInspections(deps.db, page, pageSize);
  return {
    items: items.map((i) => ({
      id: i.id,
      title: i.title,
      schoolName: i.school_name,
      certificateTypeName: i.certificate_type_name,
      plannedOn: i.planned_on,
      result: i.result ?? '',
      publishedAt: i.published_at!.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}

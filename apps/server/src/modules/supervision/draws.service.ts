import { type CreateDrawRequest, DRAW_ALGORITHM, type DrawDto, type InspectorDto, type Page, type PublicDrawDto } from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { auditedTransaction } from '../audit/audit.service';
import * as q from './draws.queries';
import { drawIds, linkedInspectors, newSeed, unlinkedInspectors } from './draws.rules';

const DRAWERS = ['national_admin', 'province_admin'] as const;
type DrawRow = q.DrawRow;

/** A province draws within its own province and pool; the national administrator from the national pool. */
const poolProvince = (a: Actor) => (a.role === 'national_admin' ? null : a.provinceCode);

function inspectorDto(i: q.InspectorRow): InspectorDto {
  return { id: i.id, name: i.name, title: i.title, provinceCode: i.province_code, schoolId: i.school_id, orgId: i.org_id };
}

export async function createInspector(
  deps: Deps,
  ctx: RequestContext,
  b: { name: string; title?: string | undefined; schoolId?: string | undefined; orgId?: string | undefined },
): Promise<InspectorDto> {
  const actor = requireActor(ctx, DRAWERS);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const i = await q.insertInspector(trx, {
      name: b.name,
      title: b.title ?? null,
      province_code: poolProvince(actor),
      school_id: b.schoolId ?? null,
      org_id: b.orgId ?? null,
      created_at: now,
      created_by: actor.userId,
    });
    return {
      result: inspectorDto(i),
      audit: {
        action: 'inspector.create',
        targetType: 'inspector',
        targetId: i.id,
        summary: { name: i.name },
        scope: { provinceCode: i.province_code },
      },
    };
  });
}

export async function listInspectors(deps: Deps, ctx: RequestContext): Promise<InspectorDto[]> {
  const actor = requireActor(ctx, DRAWERS);
  return (await q.inspectorsOf(deps.db, poolProvince(actor))).map(inspectorDto);
}

function publicDto(d: DrawRow): PublicDrawDto {
  return {
    id: d.id,
    title: d.title,
    drawnAt: d.drawn_at.toISOString(),
    seed: d.seed,
    algorithm: d.algorithm,
    pool: { kind: d.pool_kind, size: d.candidate_ids.length, candidateIds: d.candidate_ids },
    selected: d.selected,
    inspectors: d.inspectors.map((i) => ({ name: i.name })),
    ...(d.result ? { result: d.result } : {}),
  };
}
function drawDto(d: DrawRow): DrawDto {
  return {
    ...publicDto(d),
    provinceCode: d.province_code,
    publishedAt: d.published_at?.toISOString() ?? null,
    inspectorPoolIds: d.inspector_pool_ids,
    inspectors: d.inspectors.map((i) => ({ id: i.id, name: i.name })),
    excludedInspectors: d.excluded_inspectors,
    filters: d.filters,
  };
}

/**
 * R8.4 双随机一公开: draws the inspected parties from the filtered candidates, then inspectors from the pool minus those
 * linked to a drawn party, with a fresh seed from node:crypto; the seed, algorithm and sorted candidate lists are
 * stored so the draw can be re-run (drawIds) and checked by anyone once published.
 */
export async function createDraw(deps: Deps, ctx: RequestContext, b: CreateDrawRequest): Promise<DrawDto> {
  const actor = requireActor(ctx, DRAWERS);
  const province = poolProvince(actor);
  const filters = { ...b.filters, ...(province && b.poolKind === 'school' ? { provinceCode: province } : {}) };
  const candidates = await q.drawCandidates(deps.db, b.poolKind, filters);
  const pool = await q.inspectorsOf(deps.db, province);
  if (candidates.length === 0 || pool.length === 0)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.filters', message: '没有可抽取的对象或检查人员' }] });
  const seed = newSeed();
  const candidateIds = candidates.map((c) => c.id).sort();
  const selectedIds = drawIds(seed, 'targets', candidateIds, b.sampleSize);
  const links = pool.map((p) => ({ id: p.id, schoolId: p.school_id, orgId: p.org_id }));
  const eligible = unlinkedInspectors(links, selectedIds).sort();
  const inspectorIds = drawIds(seed, 'inspectors', eligible, b.inspectorCount);
  const name = new Map([...candidates.map((c) => [c.id, c.name] as const), ...pool.map((p) => [p.id, p.name] as const)]);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const d = await q.insertDraw(trx, {
      title: b.title,
      province_code: province,
      pool_kind: b.poolKind,
      filters: JSON.stringify(filters),
      seed,
      algorithm: DRAW_ALGORITHM,
      candidate_ids: JSON.stringify(candidateIds),
      inspector_pool_ids: JSON.stringify(eligible),
      selected: JSON.stringify(selectedIds.map((id) => ({ id, name: name.get(id)! }))),
      inspectors: JSON.stringify(inspectorIds.map((id) => ({ id, name: name.get(id)! }))),
      excluded_inspectors: JSON.stringify(
        linkedInspectors(links, selectedIds).map((x) => ({
          id: x.id,
          name: name.get(x.id)!,
          linkedTo: { id: x.linkedTo, name: name.get(x.linkedTo)! },
        })),
      ),
      drawn_at: now,
      drawn_by: actor.userId,
    });
    return {
      result: drawDto(d),
      audit: {
        action: 'inspection_draw.create',
        targetType: 'inspection_draw',
        targetId: d.id,
        summary: {
          seed,
          poolKind: b.poolKind,
          candidates: candidateIds.length,
          selected: selectedIds,
          inspectors: inspectorIds,
          excluded: pool.length - eligible.length,
        },
        scope: { provinceCode: province },
      },
    };
  });
}

async function ownDraw(deps: Deps, actor: Actor, id: string): Promise<DrawRow> {
  const d = await q.findDraw(deps.db, id);
  const province = poolProvince(actor);
  if (!d || (province && d.province_code !== province)) throw notFound();
  return d;
}

/** 公开: the draw (and later its result) appears on the public page. */
export async function publishDraw(deps: Deps, ctx: RequestContext, id: string, result: string | undefined): Promise<DrawDto> {
  const actor = requireActor(ctx, DRAWERS);
  await ownDraw(deps, actor, id);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const d = (await q.publishDraw(trx, id, now, result ?? null))!;
    return {
      result: drawDto(d),
      audit: {
        action: 'inspection_draw.publish',
        targetType: 'inspection_draw',
        targetId: id,
        summary: { result: result ?? null },
        scope: { provinceCode: d.province_code },
      },
    };
  });
}

export async function listDraws(deps: Deps, ctx: RequestContext, page: number, pageSize: number): Promise<Page<DrawDto>> {
  const actor = requireActor(ctx, DRAWERS);
  const { items, total } = await q.listDraws(deps.db, poolProvince(actor), page, pageSize);
  return { items: items.map(drawDto), total, page, pageSize };
}

export async function listPublicDraws(deps: Deps, page: number, pageSize: number): Promise<Page<PublicDrawDto>> {
  const { items, total } = await q.listPublishedDraws(deps.db, page, pageSize);
  return { items: items.map(publicDto), total, page, pageSize };
}

import {
  type CreateFilingRoundRequest,
  DEFAULT_REVIEW_CRITERIA,
  FILING_ATTACHMENT_KINDS,
  FILING_ROUND_TRANSITIONS,
  type FilingRoundAction,
  type FilingRoundDto,
  type FilingRuleId,
  POLICY_RULE_PARAMS_SCHEMAS,
  type Page,
  type RuleOverrides,
  type UpdateFilingRoundRequest,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import * as q from './filings.queries';
import { roundAcceptsSubmissions } from './filings.rules';

type RoundRow = NonNullable<Awaited<ReturnType<typeof q.findRound>>>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function roundAllowedActions(actor: Actor, r: RoundRow): FilingRoundDto['allowedActions'] {
  if (actor.role !== 'province_admin') return [];
  const actions: FilingRoundDto['allowedActions'] = FILING_ROUND_TRANSITIONS.filter((t) => t.from.includes(r.status)).map((t) => t.action);
  if (r.status !== 'results_published') actions.push('edit');
  if (r.status !== 'draft') actions.push('publish');
  return actions;
}

export function toRoundDto(actor: Actor, r: RoundRow, now: Date): FilingRoundDto {
  return {
    id: r.id,
    provinceCode: r.province_code,
    name: r.name,
    year: r.year,
    type: r.type,
    status: r.status,
    schoolSubmissionDeadline: iso(r.school_submission_deadline),
    municipalReviewDeadline: iso(r.municipal_review_deadline),
    provincialReviewDeadline: iso(r.provincial_review_deadline),
    admittedBatchCodes: r.admitted_batch_codes,
    majorCatalogEdition: r.major_catalog_edition,
    reviewCriteria: r.review_criteria,
    ruleOverrides: r.rule_overrides,
    requiredAttachments: r.required_attachments,
    description: r.description,
    publishedAt: iso(r.published_at),
    now: now.toISOString(),
    acceptingSubmissions: roundAcceptsSubmissions(r, now),
    allowedActions: roundAllowedActions(actor, r),
  };
}

/**
 * Who sees a round: the national level all; everyone bound to a province (its administrators, cities, experts,
 * schools) that province's rounds, but only the province itself sees drafts. Schools' province comes from the account.
 */
function roundVisibility(actor: Actor): { provinceCode: string | null; hideDrafts: boolean } | null {
  if (actor.role === 'national_admin') return { provinceCode: null, hideDrafts: false };
  if (!actor.provinceCode || actor.role === 'org_admin' || actor.role === 'learner') return null;
  return { provinceCode: actor.provinceCode, hideDrafts: actor.role !== 'province_admin' };
}

/** A round the actor may see, or 404. */
export async function visibleRound(db: Db, actor: Actor, id: string): Promise<RoundRow> {
  const r = await q.findRound(db, id);
  const v = roundVisibility(actor);
  if (!r || !v || (v.provinceCode && r.province_code !== v.provinceCode) || (v.hideDrafts && r.status === 'draft')) throw notFound();
  return r;
}

export async function listRounds(
  deps: Deps,
  ctx: RequestContext,
  f: { status?: RoundRow['status'] | undefined; year?: number | undefined; page: number; pageSize: number },
): Promise<Page<FilingRoundDto>> {
  const actor = requireActor(ctx);
  const v = roundVisibility(actor);
  if (!v) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
  const { items, total } = await q.listRounds(deps.db, { ...v, status: f.status, year: f.year }, f.page, f.pageSize);
  const now = deps.clock.now();
  return { items: items.map((r) => toRoundDto(actor, r, now)), total, page: f.page, pageSize: f.pageSize };
}

export async function getRound(deps: Deps, ctx: RequestContext, id: string): Promise<FilingRoundDto> {
  const actor = requireActor(ctx);
  return toRoundDto(actor, await visibleRound(deps.db, actor, id), deps.clock.now());
}

async function checkBatches(db: Db, codes: readonly string[] | undefined) {
  if (!codes) return;
  const known = await q.batchesExist(db, codes);
  const unknown = codes.filter((c) => !known.includes(c));
  if (unknown.length)
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'body.admittedBatchCodes', message: `未知的证书批次：${unknown.join('、')}` }],
    });
}

/** A round's rule parameters have the shape the filing checks read (as a policy document's rules do): no 500 later. */
function checkOverrides(overrides: RuleOverrides | undefined) {
  const fields = Object.entries(overrides ?? {}).flatMap(([id, o]) => {
    const checked = o?.params === undefined ? null : POLICY_RULE_PARAMS_SCHEMAS[id as FilingRuleId].safeParse(o.params);
    return checked && !checked.success
      ? checked.error.issues.map((i) => ({ path: ['body', 'ruleOverrides', id, 'params', ...i.path].join('.'), message: i.message }))
      : [];
  });
  if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
}

const ts = (s: string | null | undefined) => (s ? new Date(s) : null);

export async function createRound(deps: Deps, ctx: RequestContext, b: CreateFilingRoundRequest): Promise<FilingRoundDto> {
  const actor = requireActor(ctx, ['province_admin']);
  const provinceCode = actor.provinceCode!;
  checkOverrides(b.ruleOverrides);
  await checkBatches(deps.db, b.admittedBatchCodes);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await q.insertRound(trx, {
      province_code: provinceCode,
      name: b.name,
      year: b.year,
      type: b.type,
      school_submission_deadline: ts(b.schoolSubmissionDeadline),
      municipal_review_deadline: ts(b.municipalReviewDeadline),
      provincial_review_deadline: ts(b.provincialReviewDeadline),
      admitted_batch_codes: b.admittedBatchCodes,
      major_catalog_edition: b.majorCatalogEdition,
      review_criteria: JSON.stringify(b.reviewCriteria ?? DEFAULT_REVIEW_CRITERIA),
      rule_overrides: JSON.stringify(b.ruleOverrides ?? {}),
      required_attachments: b.requiredAttachments ?? [...FILING_ATTACHMENT_KINDS],
      description: b.description ?? null,
      created_at: now,
      created_by: actor.userId,
      updated_at: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'filing_round.create',
      targetType: 'filing_round',
      targetId: id,
      summary: { ...b },
      scope: { provinceCode },
    });
    return id;
  });
  return getRound(deps, ctx, id);
}

/** The province edits its round until results are published (deadlines may be extended while open). */
export async function updateRound(deps: Deps, ctx: RequestContext, id: string, b: UpdateFilingRoundRequest): Promise<FilingRoundDto> {
  const actor = requireActor(ctx);
  checkOverrides(b.ruleOverrides);
  await checkBatches(deps.db, b.admittedBatchCodes);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const r = await q.lockRound(trx, id);
    if (!r || r.province_code !== actor.provinceCode || actor.role !== 'province_admin') {
      if (r && actor.role === 'national_admin') throw new AppError('FORBIDDEN');
      throw notFound();
    }
    if (r.status === 'results_published') throw new AppError('FILING_ROUND_LOCKED');
    const type = b.type ?? r.type;
    const deadline = b.schoolSubmissionDeadline !== undefined ? ts(b.schoolSubmissionDeadline) : r.school_submission_deadline;
    if (type === 'centralized' && !deadline)
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'body.schoolSubmissionDeadline', message: '集中备案须设置学校提交截止时间' }],
      });
    await q.updateRound(trx, id, {
      ...(b.name !== undefined && { name: b.name }),
      ...(b.year !== undefined && { year: b.year }),
      type,
      school_submission_deadline: deadline,
      ...(b.municipalReviewDeadline !== undefined && { municipal_review_deadline: ts(b.municipalReviewDeadline) }),
      ...(b.provincialReviewDeadline !== undefined && { provincial_review_deadline: ts(b.provincialReviewDeadline) }),
      ...(b.admittedBatchCodes && { admitted_batch_codes: b.admittedBatchCodes }),
      ...(b.majorCatalogEdition && { major_catalog_edition: b.majorCatalogEdition }),
      ...(b.reviewCriteria && { review_criteria: JSON.stringify(b.reviewCriteria) }),
      ...(b.ruleOverrides && { rule_overrides: JSON.stringify(b.ruleOverrides) }),
      ...(b.requiredAttachments && { required_attachments: b.requiredAttachments }),
      ...(b.description !== undefined && { description: b.description }),
      updated_at: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'filing_round.update',
      targetType: 'filing_round',
      targetId: id,
      summary: { ...b },
      scope: { provinceCode: r.province_code },
    });
  });
  return getRound(deps, ctx, id);
}

/** Locks a round of the actor's province for a change by its province administrator: 404 outside, 403 for others. */
export async function lockOwnRound(trx: Parameters<typeof q.lockRound>[0], actor: Actor, id: string) {
  const r = await q.lockRound(trx, id);
  const visible = r && (actor.role === 'national_admin' || r.province_code === actor.provinceCode);
  if (!r || !visible) throw notFound();
  if (actor.role !== 'province_admin') throw new AppError('FORBIDDEN');
  return r;
}

export async function transitionRound(deps: Deps, ctx: RequestContext, id: string, action: FilingRoundAction): Promise<FilingRoundDto> {
  const actor = requireActor(ctx);
  const t = FILING_ROUND_TRANSITIONS.find((x) => x.action === action)!;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const r = await lockOwnRound(trx, actor, id);
    if (!t.from.includes(r.status)) throw new AppError('CONFLICT', { action, status: r.status });
    if (!(await q.updateRound(trx, id, { status: t.to, updated_at: now }, r.status))) throw new AppError('CONFLICT', { action });
    await recordAudit(trx, ctx, now, {
      action: `filing_round.${action}`,
      targetType: 'filing_round',
      targetId: id,
      summary: { name: r.name, from: r.status, to: t.to },
      scope: { provinceCode: r.province_code },
    });
  });
  return getRound(deps, ctx, id);
}

import {
  CHANGEABLE_SECTIONS,
  type ChangeRequestDecision,
  type ChangeRequestDto,
  type ChangeRequestQuery,
  type CreateChangeRequest,
  type Page,
  changeKindsOf,
  parseChangeSections,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { findVisibleFilingOr404, lockVisibleFiling, recordApprovedChange } from '../filings/filings.service';
import { notify } from '../notifications/notifications.service';
import { CHANGE_REQUESTERS, changeRequestActions, takesChangeRequests } from './filing-changes.policy';
import * as q from './filing-changes.queries';

function toDto(actor: Actor, r: q.ChangeRequestRow): ChangeRequestDto {
  const proposed = r.proposed;
  return {
    id: r.id,
    filingId: r.filing_id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    certificateTypeName: r.certificate_type_name,
    filingYear: r.filing_year,
    kinds: r.kinds,
    sections: CHANGEABLE_SECTIONS.filter((s) => s in proposed),
    proposed,
    reason: r.reason,
    status: r.status,
    requestedAt: r.requested_at.toISOString(),
    requestedBy: r.requested_by_name,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    decidedBy: r.decided_by_name,
    decisionComment: r.decision_comment,
    allowedActions: changeRequestActions(actor.role, r.status),
  };
}

function invalid(issues: { path: string; message: string }[]) {
  return new AppError('VALIDATION_FAILED', { fields: issues });
}

/** The change requests of one filing, newest first (history kept), for whoever can see the filing. */
export async function listFilingChangeRequests(deps: Deps, ctx: RequestContext, filingId: string): Promise<ChangeRequestDto[]> {
  const actor = requireActor(ctx);
  await findVisibleFilingOr404(deps.db, actor, filingId);
  return (await q.ofFiling(deps.db, filingId)).map((r) => toDto(actor, r));
}

/** The requests in the actor's scope (the province's work list with status=pending). */
export async function listChangeRequests(deps: Deps, ctx: RequestContext, f: ChangeRequestQuery): Promise<Page<ChangeRequestDto>> {
  const actor = requireActor(ctx);
  const status = f.status === 'pending' ? 'submitted' : f.status;
  const { items, total } = await q.listVisible(deps.db, actor, status, f.page, f.pageSize);
  return { items: items.map((r) => toDto(actor, r)), total, page: f.page, pageSize: f.pageSize };
}

/**
 * R3.7 (粤生态职院〔2023〕18号 第七条): the school asks in writing to change the content, schedule or project leader of
 * an approved filing: 404 outside scope, 403 for anyone but the school's administrator, 409 unless the filing is
 * approved and published or while another request is pending; each section is checked with its complete schema.
 */
export async function createChangeRequest(
  deps: Deps,
  ctx: RequestContext,
  filingId: string,
  b: CreateChangeRequest,
): Promise<ChangeRequestDto> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const r = await lockVisibleFiling(trx, actor, filingId);
    if (!CHANGE_REQUESTERS.includes(actor.role)) throw new AppError('FORBIDDEN');
    if (!takesChangeRequests(r)) throw new AppError('CHANGE_REQUEST_NOT_ALLOWED', { status: r.status });
    if (await q.pendingExists(trx, filingId)) throw new AppError('CHANGE_REQUEST_PENDING');
    const { values, issues } = parseChangeSections(b.sections);
    if (issues.length) throw invalid(issues);
    const sections = CHANGEABLE_SECTIONS.filter((s) => s in values);
    const id = await q.insertRequest(trx, {
      filingId,
      provinceCode: r.province_code,
      cityCode: r.city_code,
      schoolId: r.school_id,
      kinds: changeKindsOf(sections),
      reason: b.reason,
      proposed: values,
      at: now,
      by: actor.userId,
    });
    await notify(trx, now, {
      to: { role: 'province_admin', provinceCode: r.province_code },
      kind: 'change_request_submitted',
      title: `${r.school_name}“${r.certificate_type_name}”试点提交了变更申请`,
      body: b.reason,
      link: `/filings/${filingId}`,
    });
    await recordAudit(trx, ctx, now, {
      action: 'filing.change_request',
      targetType: 'filing_change_request',
      targetId: id,
      summary: { filingId, sections, reason: b.reason },
      scope: { provinceCode: r.province_code, cityCode: r.city_code, schoolId: r.school_id },
    });
    return id;
  });
  return toDto(actor, (await q.findById(deps.db, id))!);
}

/**
 * The province records (accepts: the change is written into the filing with a filing event) or refuses (with a
 * reason) a pending request, in one transaction: 404 outside scope, 403 for others, 409 when already decided.
 */
export async function decideChangeRequest(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  b: ChangeRequestDecision,
): Promise<ChangeRequestDto> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  const filingId = await q.filingOf(deps.db, id);
  if (!filingId) throw notFound();
  await deps.db.transaction().execute(async (trx) => {
    const r = await lockVisibleFiling(trx, actor, filingId);
    if (actor.role !== 'province_admin') throw new AppError('FORBIDDEN');
    const cr = (await q.findById(trx, id))!;
    if (cr.status !== 'submitted') throw new AppError('CHANGE_REQUEST_DECIDED', { status: cr.status });
    const comment = b.comment?.trim() || null;
    if (b.decision === 'refuse' && !comment) throw new AppError('COMMENT_REQUIRED', { decision: b.decision });
    if (b.decision === 'accept') {
      const { values, issues } = parseChangeSections(cr.proposed);
      if (issues.length) throw invalid(issues);
      await recordApprovedChange(trx, actor, r, { changeRequestId: id, values, reason: cr.reason, comment }, now);
    }
    const status = b.decision === 'accept' ? 'recorded' : 'refused';
    if (!(await q.decide(trx, id, { status, at: now, by: actor.userId, comment })))
      throw new AppError('CHANGE_REQUEST_DECIDED', { status: cr.status });
    await notify(trx, now, {
      to: { role: 'school_admin', schoolId: r.school_id },
      kind: 'change_request_decided',
      title: `“${r.certificate_type_name}”试点的变更申请${status === 'recorded' ? '已同意并备案' : '未获同意'}`,
      body: comment ?? '',
      link: `/filings/${filingId}`,
    });
    await recordAudit(trx, ctx, now, {
      action: `filing.change_request_${status === 'recorded' ? 'accept' : 'refuse'}`,
      targetType: 'filing_change_request',
      targetId: id,
      summary: { filingId, decision: b.decision, comment, sections: Object.keys(cr.proposed) },
      scope: { provinceCode: r.province_code, cityCode: r.city_code, schoolId: r.school_id },
    });
  });
  return toDto(actor, (await q.findById(deps.db, id))!);
}

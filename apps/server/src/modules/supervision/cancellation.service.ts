import { CANCELLATION_GROUNDS, type CancelPilotRequest, type PilotCancellationDto, cancellationClauseFor } from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import { scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { lockVisibleFiling } from '../filings/filings.service';
import { notify } from '../notifications/notifications.service';
import * as q from './cancellation.queries';

const CANCELLERS = ['province_admin', 'national_admin'] as const;

/** For registrations and annual plans: a cancelled pilot registers no candidates and files no plan (R8.3). */
export async function assertPilotNotCancelled(db: Db, filingId: string): Promise<void> {
  const f = await q.filingCancelledAt(db, filingId);
  if (f?.cancelled_at) throw new AppError('PILOT_CANCELLED', { filingId, cancelledAt: f.cancelled_at.toISOString() });
}

/**
 * R8.3: the province (or the national administrator) cancels an approved pilot on one of the grounds of 001 §十九,
 * citing its clause, with a reason and evidence links (a missed-reports flag, a report, a complaint, a file). The
 * filing and its history stay; its open flags are cleared and the school is told. 404 outside scope, 409 when the
 * pilot is not approved or already cancelled.
 */
export async function cancelPilot(deps: Deps, ctx: RequestContext, filingId: string, b: CancelPilotRequest): Promise<PilotCancellationDto> {
  const actor = requireActor(ctx, CANCELLERS);
  const ground = CANCELLATION_GROUNDS.find((g) => g.id === b.ground)!;
  const now = deps.clock.now();
  // Not auditedTransaction: lockVisibleFiling needs the transaction's own type.
  return deps.db.transaction().execute(async (trx) => {
    const f = await lockVisibleFiling(trx, actor, filingId);
    if (f.decision !== 'approved' || !['approved', 'published'].includes(f.status)) throw new AppError('CONFLICT', { status: f.status });
    if ((await q.evidenceFound(trx, f, b.evidence)) !== b.evidence.length)
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.evidence', message: '证据材料不存在或与该试点无关' }] });
    if (!(await q.markFilingCancelled(trx, filingId, now))) throw new AppError('CONFLICT', { cancelled: true });
    const clause = cancellationClauseFor(ground.clause, {
      provinceCode: f.province_code,
      schoolId: f.school_id,
      schoolName: f.school_name,
    });
    const c = await q.insertCancellation(trx, {
      filing_id: filingId,
      province_code: f.province_code,
      city_code: f.city_code,
      school_id: f.school_id,
      ground: ground.id,
      clause,
      reason: b.reason,
      evidence: JSON.stringify(b.evidence),
      cancelled_at: now,
      cancelled_by: actor.userId,
    });
    await q.clearFlags(trx, filingId, now);
    await notify(trx, now, {
      to: { role: 'school_admin', schoolId: f.school_id },
      kind: 'pilot_cancelled',
      title: `试点“${f.certificate_type_name}”已被取消`,
      body: `依据：${clause}（${ground.zh}）。${b.reason}`,
      link: `/filings/${filingId}`,
    });
    await recordAudit(trx, ctx, now, {
      action: 'filing.cancel_pilot',
      targetType: 'filing',
      targetId: filingId,
      summary: { ground: ground.id, clause, evidence: b.evidence },
      scope: { provinceCode: f.province_code, cityCode: f.city_code, schoolId: f.school_id },
    });
    return {
      id: c.id,
      filingId,
      schoolName: f.school_name,
      certificateTypeName: f.certificate_type_name,
      ground: ground.id,
      clause,
      reason: b.reason,
      evidence: b.evidence,
      cancelledAt: now.toISOString(),
    };
  });
}

export async function listCancellations(deps: Deps, ctx: RequestContext): Promise<PilotCancellationDto[]> {
  const actor = requireActor(ctx);
  return (await q.listCancellations(deps.db, scopeOf(actor))).map((c) => ({
    id: c.id,
    filingId: c.filing_id,
    schoolName: c.school_name,
    certificateTypeName: c.certificate_type_name,
    ground: c.ground,
    clause: c.clause,
    reason: c.reason,
    evidence: c.evidence as PilotCancellationDto['evidence'],
    cancelledAt: c.cancelled_at.toISOString(),
  }));
}

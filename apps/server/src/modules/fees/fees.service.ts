import {
  type CertificateLevel,
  type FeeSettlementDto,
  type Page,
  SETTLEABLE_SESSION_STATUSES,
  type UnpaidPilotStudentDto,
  type feeSettlementQuerySchema,
} from '@onex/shared';
import type { z } from 'zod';
import { type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { requireAgreement } from '../agreements/agreements.service';
import { SETTLEMENT_READ_ROLES, type SettlementFacts, maySettle, mayReadSettlement } from './fees.policy';
import * as q from './fees.queries';
import { type RegistrationFee, registrationFee, settlementDue } from './fees.rules';

/**
 * Exam fees (R4.3, R4.4): a registration's fee comes from the pilot agreement; the school pays (payer is always
 * 'school'); 建档立卡 is shown as covered. After a session has been examined, each school's due amount is the
 * sum of its registered candidates' fees; the school marks it settled; both sides see due and settled.
 */

/**
 * The fee of a new registration (for the registrations module): the agreement of the learner's school for the
 * certificate must exist (else AGREEMENT_REQUIRED) and carry a fee for the level.
 */
export async function feeForRegistration(
  db: Db,
  r: { schoolId: string; certificateTypeId: string; level: CertificateLevel; povertyRegistered: boolean },
): Promise<RegistrationFee & { agreementId: string; filingId: string }> {
  const agreement = await requireAgreement(db, { schoolId: r.schoolId, certificateTypeId: r.certificateTypeId }, r.level);
  return { ...registrationFee(agreement.fees, r.level, r.povertyRegistered), agreementId: agreement.id, filingId: agreement.filingId };
}

/**
 * Recomputes a session's settlements (one per school with registered candidates), inside the caller's
 * transaction; settled ones are left as they are. Call when a session becomes 'examined' (registrations module);
 * the settlement list also fills in sessions that have none yet. Does nothing before the exam.
 */
export async function refreshFeeSettlements(trx: Db, sessionId: string, at: Date): Promise<number> {
  const session = await q.findSession(trx, sessionId);
  if (!session || !SETTLEABLE_SESSION_STATUSES.includes(session.status)) return 0;
  const bySchool = new Map<string, { feeFen: number; feeExempt: boolean }[]>();
  for (const l of await q.registeredFeeLines(trx, sessionId)) {
    const list = bySchool.get(l.school_id!) ?? [];
    list.push({ feeFen: l.fee_fen, feeExempt: l.fee_exempt });
    bySchool.set(l.school_id!, list);
  }
  for (const [schoolId, lines] of bySchool) {
    const d = settlementDue(lines);
    await q.upsertSettlement(trx, {
      sessionId,
      schoolId,
      orgId: session.org_id,
      provinceCode: session.province_code,
      dueFen: d.dueFen,
      exemptCount: d.exemptCount,
      registeredCount: d.registeredCount,
      at,
    });
  }
  return bySchool.size;
}

const facts = (r: q.SettlementRow): SettlementFacts => ({
  provinceCode: r.province_code,
  cityCode: r.city_code,
  schoolId: r.school_id,
  orgId: r.org_id,
});

function toDto(actor: NonNullable<RequestContext['actor']>, r: q.SettlementRow): FeeSettlementDto {
  return {
    id: r.id,
    session: {
      id: r.session_id,
      certificateTypeName: r.certificate_type_name,
      level: r.level,
      examDate: String(r.exam_date).slice(0, 10),
      status: r.session_status,
    },
    school: { id: r.school_id, name: r.school_name },
    organization: { id: r.org_id, name: r.org_name },
    dueFen: r.due_fen,
    registeredCount: r.registered_count,
    exemptCount: r.exempt_count,
    status: r.settled_at ? 'settled' : 'due',
    settledAt: r.settled_at ? r.settled_at.toISOString() : null,
    note: r.note,
    allowedActions: !r.settled_at && maySettle(actor, facts(r)) ? ['settle'] : [],
  };
}

export async function listSettlements(
  deps: Deps,
  ctx: RequestContext,
  query: z.infer<typeof feeSettlementQuerySchema>,
): Promise<Page<FeeSettlementDto>> {
  const actor = requireActor(ctx, SETTLEMENT_READ_ROLES);
  // Fill in settlements of examined sessions that have none yet (derived rows; idempotent, no audit).
  const scope = scopeOf(actor);
  const missing = await q.sessionsMissingSettlements(deps.db, {
    sessionId: query.sessionId,
    schoolId: scope.kind === 'school' ? scope.schoolId : query.schoolId,
    orgId: scope.kind === 'org' ? scope.orgId : undefined,
  });
  if (missing.length) {
    const now = deps.clock.now();
    await deps.db.transaction().execute(async (trx) => {
      for (const s of missing) await refreshFeeSettlements(trx, s, now);
    });
  }
  const settled = query.settled === undefined ? undefined : query.settled === 'true';
  const { items, total } = await q.listSettlements(deps.db, scope, { ...query, settled }, query.page, query.pageSize);
  return { items: items.map((r) => toDto(actor, r)), total, page: query.page, pageSize: query.pageSize };
}

export async function settle(deps: Deps, ctx: RequestContext, id: string, note: string | null): Promise<FeeSettlementDto> {
  const actor = requireActor(ctx, SETTLEMENT_READ_ROLES);
  const r = await q.findSettlement(deps.db, id);
  if (!r || !mayReadSettlement(actor, facts(r))) throw notFound();
  if (!maySettle(actor, facts(r))) throw new AppError('FORBIDDEN');
  if (!SETTLEABLE_SESSION_STATUSES.includes(r.session_status)) throw new AppError('SETTLEMENT_NOT_READY');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await q.lockSettlement(trx, id);
    if (!locked || locked.settled_at) throw new AppError('SETTLEMENT_ALREADY_SETTLED');
    await refreshFeeSettlements(trx, r.session_id, now);
    if (!(await q.markSettled(trx, id, actor.userId, now, note))) throw new AppError('SETTLEMENT_ALREADY_SETTLED');
    const after = (await q.findSettlement(trx, id))!;
    await recordAudit(trx, ctx, now, {
      action: 'fee_settlement.settle',
      targetType: 'fee_settlement',
      targetId: id,
      summary: {
        sessionId: r.session_id,
        dueFen: after.due_fen,
        registeredCount: after.registered_count,
        exemptCount: after.exempt_count,
        note,
      },
      scope: { provinceCode: r.province_code, cityCode: r.city_code, schoolId: r.school_id, orgId: r.org_id },
    });
  });
  return toDto(actor, (await q.findSettlement(deps.db, id))!);
}

/** R4.3: the school's pilot students without any paid exam (the school page's warning). */
export async function unpaidPilotStudents(deps: Deps, ctx: RequestContext, schoolId: string): Promise<UnpaidPilotStudentDto[]> {
  const actor = requireActor(ctx, ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'department_admin']);
  const school = await q.findSchool(deps.db, schoolId);
  if (!school || !inScope(scopeOf(actor), { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id }))
    throw notFound();
  const rows = await q.pilotStudentsWithoutPaidExam(deps.db, schoolId);
  return rows.map((r) => ({
    learnerId: r.id,
    name: r.name,
    className: r.class_name,
    registeredExams: r.registered,
    reason: r.registered > 0 ? 'unsettled' : 'not_registered',
  }));
}

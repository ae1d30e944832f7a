import {
  type AgreementDto,
  type AgreementStatus,
  type AgreementTransitionInput,
  agreementActions,
  type CertificateLevel,
  type Page,
  type agreementCreateSchema,
  type agreementQuerySchema,
} from '@onex/shared';
import type { z } from 'zod';
import { type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import { isUniqueViolation } from '../../db/errors';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { storePdf } from '../files/files.service';
import { AGREEMENT_READ_ROLES, mayReadAgreement, mayRecordAgreement } from './agreements.policy';
import * as q from './agreements.queries';
import { applicableFeeCaps, capAmounts } from '../policies/fee-caps';
import { noticeInForce } from '../fee-notices/fee-notices.service';
import { agreementAllowsExams, agreementFeeProblems, agreementTransition, filingIsApproved } from './agreements.rules';
import type { Actor } from '../../auth/actor';

/**
 * Pilot cooperation agreements (R4.1, R4.2): an approved pilot records its agreement with the certificate's
 * organization — signed date, PDF, negotiated fee per level (≤ the level's cap). Until then no student of the
 * pilot can be registered for an exam (`requireAgreement`, used by registrations).
 */

/** The actions the actor may take on an agreement: a party (its school, its organization) or its province. */
function actionsFor(actor: Actor | null, r: q.AgreementRow) {
  if (!actor) return [];
  const party =
    (actor.role === 'school_admin' && actor.schoolId === r.school_id) ||
    (actor.role === 'org_admin' && actor.orgId === r.org_id) ||
    (actor.role === 'province_admin' && actor.provinceCode === r.province_code);
  return party ? agreementActions(r.status, actor.role) : [];
}

function toDto(
  r: q.AgreementRow,
  fees: { level: CertificateLevel; fee_fen: number; cap_fen: number }[],
  actor: Actor | null = null,
): AgreementDto {
  const order: CertificateLevel[] = ['junior', 'intermediate', 'senior'];
  return {
    id: r.id,
    filingId: r.filing_id,
    school: { id: r.school_id, name: r.school_name },
    organization: { id: r.org_id, name: r.org_name },
    certificateType: { id: r.certificate_type_id, name: r.certificate_type_name },
    provinceCode: r.province_code,
    signedOn: String(r.signed_on).slice(0, 10),
    fileId: r.file_id,
    note: r.note,
    fees: fees
      .slice()
      .sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level))
      .map((f) => ({ level: f.level, feeFen: f.fee_fen, capFen: f.cap_fen })),
    createdAt: r.created_at.toISOString(),
    status: r.status,
    statusReason: r.status_reason,
    statusChangedAt: r.status_changed_at?.toISOString() ?? null,
    allowedActions: actionsFor(actor, r),
  };
}

const facts = (r: { province_code: string; city_code: string; school_id: string; org_id: string }) => ({
  provinceCode: r.province_code,
  cityCode: r.city_code,
  schoolId: r.school_id,
  orgId: r.org_id,
});

export async function createAgreement(
  deps: Deps,
  ctx: RequestContext,
  input: z.infer<typeof agreementCreateSchema>,
  file: { bytes: Buffer; filename: string },
): Promise<AgreementDto> {
  const actor = requireActor(ctx, AGREEMENT_READ_ROLES);
  const filing = await q.filingForAgreement(deps.db, input.filingId);
  if (!filing || !inScope(scopeOf(actor), { provinceCode: filing.province_code, cityCode: filing.city_code, schoolId: filing.school_id }))
    throw notFound();
  if (!mayRecordAgreement(actor, filing.school_id)) throw new AppError('FORBIDDEN');
  if (!filingIsApproved(filing)) throw new AppError('FILING_NOT_APPROVED');
  // Issue 17 item 6: the lower of the national cap and the school's province's cap (one function), and the
  // organization's 收费公告 in force on the signing date for each level.
  const applicable = await applicableFeeCaps(deps.db, { schoolId: filing.school_id }, filing.certificate_type_id);
  const caps = capAmounts(applicable);
  const citation = Object.values(applicable)[0]?.citation;
  const notices: Partial<Record<CertificateLevel, { feeFen: number; effectiveOn: string; id: string }>> = {};
  for (const f of input.fees) {
    const n = await noticeInForce(deps.db, filing.certificate_type_id, f.level, input.signedOn);
    if (n?.school_fee_fen != null)
      notices[f.level] = { feeFen: n.school_fee_fen, effectiveOn: String(n.effective_on).slice(0, 10), id: n.id };
  }
  const problems = agreementFeeProblems(filing.levels, input.fees, caps, citation, notices);
  const above = problems.find((p) => p.code === 'FEE_ABOVE_CAP') ?? problems.find((p) => p.code === 'FEE_ABOVE_NOTICE');
  if (above) throw new AppError(above.code, { problems }, above.message);
  if (problems.length) throw new AppError('FEE_LEVEL_INVALID', { problems }, problems.map((p) => p.message).join('；'));
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    if (await q.findAgreementByFiling(trx, filing.id)) throw new AppError('AGREEMENT_EXISTS');
    const stored = await storePdf(trx, ctx, file.bytes, file.filename, {
      at: now,
      owner: { provinceCode: filing.province_code, schoolId: filing.school_id, orgId: filing.org_id },
    });
    const fees = input.fees.map((f) => ({ level: f.level, feeFen: f.feeFen, capFen: caps[f.level]! }));
    let agreementId: string;
    try {
      agreementId = await q.insertAgreement(
        trx,
        {
          filingId: filing.id,
          schoolId: filing.school_id,
          orgId: filing.org_id,
          certificateTypeId: filing.certificate_type_id,
          provinceCode: filing.province_code,
          cityCode: filing.city_code,
          signedOn: input.signedOn,
          fileId: stored.id,
          note: input.note ?? null,
          createdAt: now,
          createdBy: actor.userId,
          status: input.status ?? 'in_force',
        },
        fees,
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('AGREEMENT_EXISTS');
      throw e;
    }
    await recordAudit(trx, ctx, now, {
      action: 'pilot_agreement.create',
      targetType: 'pilot_agreement',
      targetId: agreementId,
      summary: {
        filingId: filing.id,
        signedOn: input.signedOn,
        fees,
        notices: Object.fromEntries(Object.entries(notices).map(([l, n]) => [l, { noticeId: n.id, feeFen: n.feeFen }])),
        fileId: stored.id,
        sha256: stored.sha256,
        status: input.status ?? 'in_force',
      },
      scope: facts(filing),
    });
    return agreementId;
  });
  return getAgreement(deps, ctx, id);
}

export async function getAgreement(deps: Deps, ctx: RequestContext, id: string): Promise<AgreementDto> {
  const actor = requireActor(ctx, AGREEMENT_READ_ROLES);
  const r = await q.findAgreement(deps.db, id);
  if (!r || !mayReadAgreement(actor, facts(r))) throw notFound();
  return toDto(r, await q.feesOf(deps.db, [r.id]), actor);
}

/**
 * Issue 17 item 5: draft → in force → suspended ⇄ in force, or terminated (三.6 情况恶劣的要坚决停止合作) with a reason.
 * A terminated agreement stays (history, settlements) and keeps its pilot from recording another (AGREEMENT_EXISTS).
 */
export async function transitionAgreementStatus(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: AgreementTransitionInput,
): Promise<AgreementDto> {
  const actor = requireActor(ctx, AGREEMENT_READ_ROLES);
  const r = await q.findAgreement(deps.db, id);
  if (!r || !mayReadAgreement(actor, facts(r))) throw notFound();
  const now = deps.clock.now();
  const reason = input.reason?.trim() || null;
  await deps.db.transaction().execute(async (trx) => {
    const locked = await q.lockAgreement(trx, id);
    if (!locked) throw notFound();
    const from = locked.status as AgreementStatus;
    const party =
      (actor.role === 'school_admin' && actor.schoolId === r.school_id) ||
      (actor.role === 'org_admin' && actor.orgId === r.org_id) ||
      (actor.role === 'province_admin' && actor.provinceCode === r.province_code);
    if (!party) throw new AppError('FORBIDDEN');
    const t = agreementTransition(from, input.action, actor.role, reason);
    if ('error' in t) throw new AppError(t.error, { status: from, action: input.action });
    const moved = await q.transitionAgreement(trx, {
      id,
      provinceCode: r.province_code,
      action: input.action,
      from,
      to: t.to,
      reason,
      by: actor.userId,
      at: now,
    });
    if (!moved) throw new AppError('CONFLICT');
    await recordAudit(trx, ctx, now, {
      action: `pilot_agreement.${input.action}`,
      targetType: 'pilot_agreement',
      targetId: id,
      summary: { from, to: t.to, ...(reason ? { reason } : {}) },
      scope: facts(r),
    });
  });
  return getAgreement(deps, ctx, id);
}

export async function agreementHistory(deps: Deps, ctx: RequestContext, id: string) {
  const actor = requireActor(ctx, AGREEMENT_READ_ROLES);
  const r = await q.findAgreement(deps.db, id);
  if (!r || !mayReadAgreement(actor, facts(r))) throw notFound();
  return {
    items: (await q.agreementEvents(deps.db, id)).map((e) => ({
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      reason: e.reason,
      at: e.at.toISOString(),
    })),
  };
}

export async function listAgreements(
  deps: Deps,
  ctx: RequestContext,
  query: z.infer<typeof agreementQuerySchema>,
): Promise<Page<AgreementDto>> {
  const actor = requireActor(ctx, AGREEMENT_READ_ROLES);
  const { items, total } = await q.listAgreements(deps.db, scopeOf(actor), query, query.page, query.pageSize);
  const fees = await q.feesOf(
    deps.db,
    items.map((i) => i.id),
  );
  return {
    items: items.map((r) =>
      toDto(
        r,
        fees.filter((f) => f.agreement_id === r.id),
        actor,
      ),
    ),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// ---- For registrations (R4.1) and fees (R4.3) ----

export interface RequiredAgreement {
  id: string;
  filingId: string;
  schoolId: string;
  orgId: string;
  certificateTypeId: string;
  /** Negotiated fee per level, in fen. */
  fees: Partial<Record<CertificateLevel, number>>;
}

/**
 * The agreement of a pilot — by filing id, or the school's for a certificate — or `AGREEMENT_REQUIRED`
 * (002 三.6 for Hubei: 签署试点合作协议前，不得开展试点; the platform requires it of every pilot). With `level`, the agreement must also
 * carry a fee for that level.
 */
export async function requireAgreement(
  db: Db,
  of: string | { schoolId: string; certificateTypeId: string },
  level?: CertificateLevel,
): Promise<RequiredAgreement> {
  const r = typeof of === 'string' ? await q.findAgreementByFiling(db, of) : await q.findAgreementOf(db, of.schoolId, of.certificateTypeId);
  if (!r) throw new AppError('AGREEMENT_REQUIRED', typeof of === 'string' ? { filingId: of } : { ...of });
  // Issue 17 item 5 (三.6): only an agreement in force lets a pilot register candidates.
  if (!agreementAllowsExams(r.status)) throw new AppError('AGREEMENT_NOT_IN_FORCE', { agreementId: r.id, status: r.status });
  const fees = Object.fromEntries((await q.feesOf(db, [r.id])).map((f) => [f.level, f.fee_fen])) as Partial<
    Record<CertificateLevel, number>
  >;
  if (level && fees[level] === undefined) throw new AppError('AGREEMENT_REQUIRED', { agreementId: r.id, level });
  return { id: r.id, filingId: r.filing_id, schoolId: r.school_id, orgId: r.org_id, certificateTypeId: r.certificate_type_id, fees };
}

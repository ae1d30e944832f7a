import { createHash } from 'node:crypto';
import {
  type CertificateLevel,
  type Page,
  SOCIAL_DOCUMENT_MAX_BYTES,
  type SocialApplicationDto,
  type SocialDocumentKind,
  type SocialFeeDto,
  type SocialFeeInput,
  type SocialOfferDto,
  type socialApplicationQuerySchema,
  type socialOfferQuerySchema,
  chinaDate,
} from '@onex/shared';
import type { z } from 'zod';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Db, Tx } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { presentIdNumber } from '../../lib/personal-id';
import { open, seal } from '../../lib/secret-box';
import { type CapPlace, applicableFeeCap, applicableFeeCaps } from '../policies/fee-caps';
import { noticeInForce, writeNotice } from '../fee-notices/fee-notices.service';
import { recordAudit } from '../audit/audit.service';
import { registrationWindowOpen } from '../exam-sessions/exam-sessions.rules';
import * as sq from '../exam-sessions/exam-sessions.queries';
import { cleanFileName, evidenceType } from '../files/files.rules';
import * as q from './social-learners.queries';
import {
  type SocialViewer,
  missingDocuments,
  mayUseSocialChannel,
  sessionConfirmable,
  socialApplicationActions,
  socialFeeProblem,
} from './social-learners.rules';

/**
 * Social learners' channel (issue 17 item 1; 003 6号 二(四) 社会成员自主选择证书类别、等级). An organization publishes its
 * fee for social candidates per level (≤ the level's cap, R1.2); a social learner applies for an open session with free
 * seats, uploads a photo and an ID scan (sealed at rest; only the learner and the session's organization read them,
 * anyone else gets 404), pays (recorded), and the organization confirms: the confirmation inserts an ordinary
 * registration (payer 'learner', no school), so the results import, certificates and credit-bank deposits treat the
 * candidate like any other. Pilot students cannot use the channel and never pay (R4.3).
 */

const DOCUMENT_PURPOSE = 'social-document';

/**
 * The cap of a level for social candidates (R1.2; issue 17 item 6): the applicable cap where the candidate sits the
 * exam — the lower of the national cap and that province's own (`applicableFeeCap`, the one function agreements and
 * filings use too); nationally when the organization publishes its fee.
 */
export async function socialFeeCap(
  db: Db,
  place: CapPlace,
  certificateTypeId: string,
  level: CertificateLevel,
): Promise<{ capFen: number; citation: string } | undefined> {
  return applicableFeeCap(db, place, certificateTypeId, level);
}

/** The fee social candidates pay for a level today: the social fee of the organization's 收费公告 in force. */
async function socialFeeInForce(db: Db, certificateTypeId: string, level: CertificateLevel, now: Date) {
  const n = await noticeInForce(db, certificateTypeId, level, chinaDate(now));
  return n && n.social_fee_fen !== null
    ? { fee_fen: n.social_fee_fen, published_at: n.published_at, school_fee_fen: n.school_fee_fen }
    : undefined;
}

// ---- fees (organization) ----

export async function listFees(deps: Deps, ctx: RequestContext): Promise<SocialFeeDto[]> {
  const actor = requireActor(ctx, ['org_admin']);
  if (!actor.orgId) throw new AppError('FORBIDDEN');
  const rows = await q.orgLevels(deps.db, actor.orgId);
  const caps = new Map<string, Awaited<ReturnType<typeof applicableFeeCaps>>>();
  const out: SocialFeeDto[] = [];
  const now = deps.clock.now();
  for (const r of rows) {
    if (!caps.has(r.certificate_type_id))
      caps.set(r.certificate_type_id, await applicableFeeCaps(deps.db, 'national', r.certificate_type_id));
    const cap = caps.get(r.certificate_type_id)![r.level];
    if (cap === undefined) continue;
    const fee = await socialFeeInForce(deps.db, r.certificate_type_id, r.level, now);
    out.push({
      certificateTypeId: r.certificate_type_id,
      certificateTypeName: r.certificate_type_name,
      level: r.level,
      capFen: cap.capFen,
      feeFen: fee?.fee_fen ?? null,
      publishedAt: fee ? fee.published_at.toISOString() : null,
    });
  }
  return out;
}

export async function publishFee(deps: Deps, ctx: RequestContext, input: SocialFeeInput): Promise<SocialFeeDto[]> {
  const actor = requireActor(ctx, ['org_admin']);
  const ct = await q.certificateTypeOf(deps.db, input.certificateTypeId);
  if (!ct || ct.org_id !== actor.orgId) throw notFound();
  if (ct.status !== 'published') throw new AppError('CERTIFICATE_TYPE_NOT_SELECTABLE', { certificateTypeId: ct.id, status: ct.status });
  const found = await socialFeeCap(deps.db, 'national', ct.id, input.level);
  const cap = found?.capFen;
  const problem = socialFeeProblem(input.level, input.feeFen, cap);
  if (problem)
    throw new AppError(
      cap === undefined ? 'FEE_LEVEL_INVALID' : 'FEE_ABOVE_CAP',
      { level: input.level, feeFen: input.feeFen, capFen: cap },
      problem,
    );
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    // Issue 17 item 6: the social fee is part of the organization's 收费公告 — a notice effective today, keeping the
    // school fee of the notice in force; `social_exam_fees` keeps the last published social fee as before.
    const current = await noticeInForce(trx, ct.id, input.level, chinaDate(now));
    await writeNotice(trx, ctx, now, {
      certificateTypeId: ct.id,
      level: input.level,
      orgId: ct.org_id,
      schoolFeeFen: current?.school_fee_fen ?? null,
      socialFeeFen: input.feeFen,
      effectiveOn: chinaDate(now),
      note: null,
    });
    await q.upsertFee(trx, { ...input, orgId: ct.org_id, capFen: cap!, at: now, by: actor.userId });
    await recordAudit(trx, ctx, now, {
      action: 'social_exam_fee.publish',
      targetType: 'social_exam_fee',
      targetId: ct.id,
      summary: { certificateTypeId: ct.id, level: input.level, feeFen: input.feeFen, capFen: cap },
      scope: { orgId: ct.org_id },
    });
  });
  return listFees(deps, ctx);
}

// ---- offers (public) ----

export async function listOffers(deps: Deps, f: z.infer<typeof socialOfferQuerySchema>): Promise<Page<SocialOfferDto>> {
  const now = deps.clock.now();
  const { items, total } = await q.listOffers(deps.db, now, chinaDate(now), f, f.page, f.pageSize);
  // The cap shown is the one applicable where the exam is sat (issue 17 item 6), per province and certificate.
  const caps = new Map<string, Awaited<ReturnType<typeof applicableFeeCaps>>>();
  for (const r of items) {
    const key = `${r.province_code}/${r.certificate_type_id}`;
    if (!caps.has(key)) caps.set(key, await applicableFeeCaps(deps.db, { provinceCode: r.province_code }, r.certificate_type_id));
  }
  return {
    items: items.map((r) => ({
      sessionId: r.id,
      organization: { id: r.org_id, name: r.org_name },
      certificateType: { id: r.certificate_type_id, name: r.certificate_type_name },
      level: r.level,
      examDate: String(r.exam_date).slice(0, 10),
      examSiteName: r.site_name,
      examSiteAddress: r.site_address,
      provinceCode: r.province_code,
      registrationClosesAt: r.registration_closes_at.toISOString(),
      seatsLeft: Math.max(0, r.capacity - Number(r.registered)),
      feeFen: r.fee_fen!,
      capFen: caps.get(`${r.province_code}/${r.certificate_type_id}`)?.[r.level]?.capFen ?? r.cap_fen,
      requiredDocuments: ['photo', 'id_scan'],
    })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

// ---- applications ----

function viewerOf(actor: Actor, a: q.ApplicationRow): SocialViewer {
  if (actor.role === 'learner' && a.learner_user_id === actor.userId) return 'learner';
  if (actor.role === 'org_admin' && actor.orgId === a.org_id) return 'org';
  return 'other';
}

const auditScope = (a: { province_code: string; city_code: string; org_id: string }) => ({
  provinceCode: a.province_code,
  cityCode: a.city_code,
  orgId: a.org_id,
});

async function toDtos(deps: Deps, actor: Actor, rows: q.ApplicationRow[]): Promise<SocialApplicationDto[]> {
  const docs = await q.documentsOf(
    deps.db,
    rows.map((r) => r.id),
  );
  const now = deps.clock.now();
  const sessions = new Map<string, boolean>();
  for (const r of rows)
    if (!sessions.has(r.session_id)) {
      const s = await sq.findSession(deps.db, r.session_id);
      sessions.set(r.session_id, s ? registrationWindowOpen(s, now) : false);
    }
  return rows.map((r) => {
    const mine = docs.filter((d) => d.application_id === r.id);
    return {
      id: r.id,
      status: r.status,
      learner: {
        id: r.learner_id,
        name: r.learner_name,
        idNumberMasked: presentIdNumber(deps.config.secretKey, r.id_number_enc, false).idNumberMasked,
        phoneMasked: r.phone_last4 ? `*******${r.phone_last4}` : null,
      },
      session: {
        id: r.session_id,
        certificateTypeName: r.certificate_type_name,
        level: r.level,
        examDate: String(r.exam_date).slice(0, 10),
        examSiteName: r.site_name,
        status: r.session_status,
      },
      organization: { id: r.org_id, name: r.org_name },
      feeFen: r.fee_fen,
      capFen: r.cap_fen,
      paidFen: r.paid_fen,
      paidAt: r.paid_at ? r.paid_at.toISOString() : null,
      paymentRef: r.payment_ref,
      documents: mine.map((d) => ({
        kind: d.kind,
        fileName: d.file_name,
        mime: d.mime,
        size: d.size,
        uploadedAt: d.created_at.toISOString(),
      })),
      registrationId: r.registration_id,
      reason: r.reason,
      createdAt: r.created_at.toISOString(),
      decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
      allowedActions: socialApplicationActions(
        viewerOf(actor, r),
        r.status,
        missingDocuments(mine.map((d) => d.kind)).length === 0,
        sessions.get(r.session_id) ?? false,
      ),
    };
  });
}

async function one(deps: Deps, actor: Actor, id: string): Promise<SocialApplicationDto> {
  const r = await q.findApplication(deps.db, id);
  if (!r || viewerOf(actor, r) === 'other') throw notFound();
  return (await toDtos(deps, actor, [r]))[0]!;
}

async function socialLearnerOf(db: Db, actor: Actor) {
  const l = await q.learnerOfUser(db, actor.userId);
  if (!l) throw notFound();
  if (!mayUseSocialChannel(l.kind)) throw new AppError('SOCIAL_CHANNEL_ONLY');
  return l;
}

function closed(s: sq.SessionRow) {
  return new AppError('REGISTRATION_CLOSED', {
    opensAt: s.registration_opens_at.toISOString(),
    closesAt: s.registration_closes_at.toISOString(),
    status: s.status,
  });
}

export async function apply(deps: Deps, ctx: RequestContext, sessionId: string): Promise<SocialApplicationDto> {
  const actor = requireActor(ctx, ['learner']);
  const learner = await socialLearnerOf(deps.db, actor);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    await sq.lockSession(trx, sessionId);
    const s = await sq.findSession(trx, sessionId);
    if (!s) throw notFound();
    const fee = await socialFeeInForce(trx, s.certificate_type_id, s.level, now);
    const ct = await q.certificateTypeOf(trx, s.certificate_type_id);
    if (!fee || ct?.status !== 'published') throw new AppError('SOCIAL_FEE_NOT_PUBLISHED');
    if (!registrationWindowOpen(s, now)) throw closed(s);
    if ((await q.registeredCountOf(trx, s.id)) >= s.capacity) throw new AppError('SESSION_FULL', { capacity: s.capacity });
    // The fee is checked again against today's cap where the exam is sat (the lower of the national and the
    // province's, issue 17 item 6): never above it (R1.2), whatever was published earlier.
    const found = await socialFeeCap(trx, { provinceCode: s.province_code }, s.certificate_type_id, s.level);
    const cap = found?.capFen;
    const problem = socialFeeProblem(s.level, fee.fee_fen, cap, found?.citation);
    if (problem) throw new AppError('FEE_ABOVE_CAP', { feeFen: fee.fee_fen, capFen: cap }, problem);
    const v = { feeFen: fee.fee_fen, capFen: cap!, at: now };
    const existing = await q.existingApplication(trx, s.id, learner.id);
    let appId: string;
    if (!existing) {
      appId = await q.insertApplication(trx, {
        learnerId: learner.id,
        sessionId: s.id,
        orgId: s.org_id,
        provinceCode: s.province_code,
        cityCode: s.city_code,
        ...v,
      });
    } else if (existing.status === 'withdrawn' || existing.status === 'rejected') {
      if (!(await q.reopenApplication(trx, existing.id, existing.status, v))) throw new AppError('CONFLICT');
      appId = existing.id;
    } else throw new AppError('SOCIAL_APPLICATION_EXISTS', { applicationId: existing.id, status: existing.status });
    await recordAudit(trx, ctx, now, {
      action: 'social_application.create',
      targetType: 'social_application',
      targetId: appId,
      summary: { sessionId: s.id, learnerId: learner.id, feeFen: fee.fee_fen, capFen: cap },
      scope: { provinceCode: s.province_code, cityCode: s.city_code, orgId: s.org_id },
    });
    return appId;
  });
  return one(deps, actor, id);
}

export async function myApplications(deps: Deps, ctx: RequestContext): Promise<SocialApplicationDto[]> {
  const actor = requireActor(ctx, ['learner']);
  const l = await q.learnerOfUser(deps.db, actor.userId);
  if (!l) return [];
  return toDtos(deps, actor, await q.applicationsOfLearner(deps.db, l.id));
}

export async function getApplication(deps: Deps, ctx: RequestContext, id: string): Promise<SocialApplicationDto> {
  return one(deps, requireActor(ctx, ['learner', 'org_admin']), id);
}

export async function listForOrg(
  deps: Deps,
  ctx: RequestContext,
  f: z.infer<typeof socialApplicationQuerySchema>,
): Promise<Page<SocialApplicationDto>> {
  const actor = requireActor(ctx, ['org_admin']);
  if (!actor.orgId) throw new AppError('FORBIDDEN');
  const { items, total } = await q.listOrgApplications(deps.db, actor.orgId, f, f.page, f.pageSize);
  return { items: await toDtos(deps, actor, items), total, page: f.page, pageSize: f.pageSize };
}

/** Locks the application and its session; 404 unless the actor is `who` (the learner or the session's organization). */
async function withApplication<T>(
  trx: Tx,
  actor: Actor,
  id: string,
  who: SocialViewer,
  fn: (a: q.ApplicationRow, s: sq.SessionRow) => Promise<T>,
): Promise<T> {
  const sessionId = await q.lockApplication(trx, id);
  if (!sessionId) throw notFound();
  await sq.lockSession(trx, sessionId);
  const a = await q.findApplication(trx, id);
  const s = await sq.findSession(trx, sessionId);
  if (!a || !s) throw notFound();
  const viewer = viewerOf(actor, a);
  if (viewer === 'other') throw notFound();
  if (viewer !== who) throw new AppError('FORBIDDEN');
  return fn(a, s);
}

export async function uploadDocument(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  kind: SocialDocumentKind,
  file: { bytes: Buffer; filename: string },
): Promise<SocialApplicationDto> {
  const actor = requireActor(ctx, ['learner']);
  const mime = evidenceType(file.bytes);
  if (!mime || file.bytes.length > SOCIAL_DOCUMENT_MAX_BYTES)
    throw new AppError('SOCIAL_DOCUMENT_INVALID', { maxBytes: SOCIAL_DOCUMENT_MAX_BYTES });
  const now = deps.clock.now();
  await deps.db.transaction().execute((trx) =>
    withApplication(trx, actor, id, 'learner', async (a, s) => {
      if (a.status !== 'draft') throw new AppError('CONFLICT', { status: a.status });
      if (!registrationWindowOpen(s, now)) throw closed(s);
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      const fileName = cleanFileName(file.filename, kind === 'photo' ? 'photo' : 'id-scan');
      await q.upsertDocument(trx, {
        applicationId: a.id,
        kind,
        fileName,
        mime,
        size: file.bytes.length,
        sha256,
        sealed: seal(deps.config.secretKey, DOCUMENT_PURPOSE, file.bytes),
        at: now,
      });
      await recordAudit(trx, ctx, now, {
        action: 'social_application.upload',
        targetType: 'social_application',
        targetId: a.id,
        summary: { kind, mime, size: file.bytes.length, sha256 },
        scope: auditScope(a),
      });
    }),
  );
  return one(deps, actor, id);
}

/** The document, decrypted, for the learner or the session's organization only (404 for anyone else). */
export async function readDocument(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  kind: SocialDocumentKind,
): Promise<{ bytes: Buffer; fileName: string; mime: string }> {
  const actor = requireActor(ctx);
  const a = await q.findApplication(deps.db, id);
  if (!a) throw notFound();
  const viewer = viewerOf(actor, a);
  if (viewer === 'other') throw notFound();
  const d = await q.documentContent(deps.db, id, kind);
  if (!d) throw notFound();
  const bytes = open(deps.config.secretKey, DOCUMENT_PURPOSE, d.content_sealed);
  if (viewer === 'org') {
    // An organization reading a person's documents is recorded (the learner's own reads are not).
    const now = deps.clock.now();
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, now, {
        action: 'social_application.view_document',
        targetType: 'social_application',
        targetId: a.id,
        summary: { kind, sha256: d.sha256 },
        scope: auditScope(a),
      }),
    );
  }
  return { bytes, fileName: d.file_name, mime: d.mime };
}

/** Pays the published fee (recorded with its reference) and submits: every document must be there. */
export async function pay(deps: Deps, ctx: RequestContext, id: string, paymentRef: string): Promise<SocialApplicationDto> {
  const actor = requireActor(ctx, ['learner']);
  const now = deps.clock.now();
  await deps.db.transaction().execute((trx) =>
    withApplication(trx, actor, id, 'learner', async (a, s) => {
      if (a.status !== 'draft') throw new AppError('CONFLICT', { status: a.status });
      if (!registrationWindowOpen(s, now)) throw closed(s);
      const missing = missingDocuments((await q.documentsOf(trx, [a.id])).map((d) => d.kind));
      if (missing.length) throw new AppError('SOCIAL_DOCUMENTS_MISSING', { missing });
      const found = await socialFeeCap(trx, { provinceCode: s.province_code }, s.certificate_type_id, s.level);
      const cap = found?.capFen;
      const problem = socialFeeProblem(s.level, a.fee_fen, cap, found?.citation);
      if (problem) throw new AppError('FEE_ABOVE_CAP', { feeFen: a.fee_fen, capFen: cap }, problem);
      if (
        !(await q.updateApplication(trx, a.id, 'draft', {
          status: 'submitted',
          paid_fen: a.fee_fen,
          paid_at: now,
          payment_ref: paymentRef,
          updated_at: now,
        }))
      )
        throw new AppError('CONFLICT', { status: a.status });
      await recordAudit(trx, ctx, now, {
        action: 'social_application.pay',
        targetType: 'social_application',
        targetId: a.id,
        summary: { paidFen: a.fee_fen, capFen: cap, paymentRef },
        scope: auditScope(a),
      });
    }),
  );
  return one(deps, actor, id);
}

export async function withdrawApplication(deps: Deps, ctx: RequestContext, id: string): Promise<SocialApplicationDto> {
  const actor = requireActor(ctx, ['learner']);
  const now = deps.clock.now();
  await deps.db.transaction().execute((trx) =>
    withApplication(trx, actor, id, 'learner', async (a) => {
      if (!(await q.updateApplication(trx, a.id, 'draft', { status: 'withdrawn', updated_at: now })))
        throw new AppError('CONFLICT', { status: a.status });
      await recordAudit(trx, ctx, now, {
        action: 'social_application.withdraw',
        targetType: 'social_application',
        targetId: a.id,
        summary: { from: a.status },
        scope: auditScope(a),
      });
    }),
  );
  return one(deps, actor, id);
}

/** The organization confirms a paid application: the candidate is registered (a seat must be free). */
export async function confirm(deps: Deps, ctx: RequestContext, id: string): Promise<SocialApplicationDto> {
  const actor = requireActor(ctx, ['org_admin']);
  const now = deps.clock.now();
  await deps.db.transaction().execute((trx) =>
    withApplication(trx, actor, id, 'org', async (a, s) => {
      if (a.status !== 'submitted') throw new AppError('CONFLICT', { status: a.status });
      if (!sessionConfirmable(s.status)) throw closed(s);
      if ((await q.registeredCountOf(trx, s.id)) >= s.capacity) throw new AppError('SESSION_FULL', { capacity: s.capacity });
      const consentAt = a.paid_at ?? now;
      const ex = await q.registrationOf(trx, s.id, a.learner_id);
      let registrationId: string;
      if (!ex) {
        registrationId = await q.insertSocialRegistration(trx, {
          sessionId: s.id,
          learnerId: a.learner_id,
          provinceCode: s.province_code,
          orgId: s.org_id,
          feeFen: a.fee_fen,
          consentAt,
          by: actor.userId,
          at: now,
        });
      } else if (ex.status === 'withdrawn' || ex.status === 'refused') {
        await q.reRegister(trx, ex.id, { feeFen: a.fee_fen, consentAt, at: now });
        registrationId = ex.id;
      } else throw new AppError('CONFLICT', { registrationStatus: ex.status });
      if (
        !(await q.updateApplication(trx, a.id, 'submitted', {
          status: 'confirmed',
          registration_id: registrationId,
          decided_at: now,
          decided_by: actor.userId,
          updated_at: now,
        }))
      )
        throw new AppError('CONFLICT', { status: a.status });
      await recordAudit(trx, ctx, now, {
        action: 'social_application.confirm',
        targetType: 'social_application',
        targetId: a.id,
        summary: { sessionId: s.id, learnerId: a.learner_id, registrationId, feeFen: a.fee_fen, payer: 'learner' },
        scope: auditScope(a),
      });
    }),
  );
  return one(deps, actor, id);
}

export async function reject(deps: Deps, ctx: RequestContext, id: string, reason: string): Promise<SocialApplicationDto> {
  const actor = requireActor(ctx, ['org_admin']);
  const now = deps.clock.now();
  await deps.db.transaction().execute((trx) =>
    withApplication(trx, actor, id, 'org', async (a) => {
      if (
        !(await q.updateApplication(trx, a.id, 'submitted', {
          status: 'rejected',
          reason,
          decided_at: now,
          decided_by: actor.userId,
          updated_at: now,
        }))
      )
        throw new AppError('CONFLICT', { status: a.status });
      await recordAudit(trx, ctx, now, {
        action: 'social_application.reject',
        targetType: 'social_application',
        targetId: a.id,
        summary: { reason, paidFen: a.paid_fen, refundDue: a.paid_fen },
        scope: auditScope(a),
      });
    }),
  );
  return one(deps, actor, id);
}

import {
  type MyRegistrationDto,
  type Page,
  type RegistrationDto,
  type RegistrationStatus,
  type myExamSessionSchema,
  type registrationQuerySchema,
} from '@onex/shared';
import type { z } from 'zod';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Tx } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { requireAgreement } from '../agreements/agreements.service';
import { assertPilotNotCancelled } from '../supervision/cancellation.service';
import { assertPilotScale } from '../pilot-scale/pilot-scale.service';
import { recordAudit } from '../audit/audit.service';
import { notifyConsentRequests } from '../notifications/notifications.service';
import { registrationWindowOpen } from '../exam-sessions/exam-sessions.rules';
import { isSchoolRole, toSummary, visibleSession } from '../exam-sessions/exam-sessions.service';
import * as sq from '../exam-sessions/exam-sessions.queries';
import { storePdf } from '../files/files.service';
import { type Viewer, consentSteps, ineligibility, registrationActions, roleMayTake } from './registrations.rules';
import * as q from './registrations.queries';

/**
 * Voluntary registration (R5.3; 粤生态职院〔2023〕18号 第十九条（三）). The school proposes its pilot students; each
 * candidate consents in its own account, or the school uploads the candidate's signed paper consent; only consent
 * registers (there is no endpoint that registers without it). Window, capacity and agreement (R4.1) are enforced;
 * the fee is the agreement's fee for the level, paid by the school, covered for 建档立卡 learners (R4.3).
 */

const PROPOSER_ROLES = ['school_admin', 'department_admin'] as const;

function viewerOf(actor: Actor, r: q.RegistrationRow): Viewer {
  if (actor.role === 'learner') return r.learner_user_id === actor.userId ? 'learner' : 'other';
  if ((actor.role === 'school_admin' || actor.role === 'department_admin') && r.school_id === actor.schoolId) {
    if (actor.role === 'department_admin' && r.learner_department_id !== actor.departmentId) return 'other';
    return 'school';
  }
  return 'other';
}

function toDto(actor: Actor, r: q.RegistrationRow, windowOpen: boolean): RegistrationDto {
  return {
    id: r.id,
    sessionId: r.session_id,
    learner: { id: r.learner_id, name: r.learner_name, className: r.learner_class },
    school: r.school_id ? { id: r.school_id, name: r.school_name ?? '' } : null,
    status: r.status,
    consentVia: r.consent_via,
    consentAt: r.consent_at ? r.consent_at.toISOString() : null,
    consentFileId: r.consent_file_id,
    feeFen: r.fee_fen,
    feeExempt: r.fee_exempt,
    payer: r.school_id ? 'school' : 'learner',
    createdAt: r.created_at.toISOString(),
    allowedActions: registrationActions(viewerOf(actor, r), actor.role, r.status, windowOpen),
  };
}

const auditScope = (s: sq.SessionRow, schoolId: string | null) => ({
  provinceCode: s.province_code,
  cityCode: s.city_code,
  schoolId,
  orgId: s.org_id,
});

// ---- propose (school) ----

export async function proposeRegistrations(deps: Deps, ctx: RequestContext, sessionId: string, learnerIds: string[]) {
  const actor = requireActor(ctx);
  if (!(PROPOSER_ROLES as readonly string[]).includes(actor.role) || !actor.schoolId) throw new AppError('FORBIDDEN');
  const schoolId = actor.schoolId;
  const ids = [...new Set(learnerIds)];
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    await sq.lockSession(trx, sessionId);
    const s = await visibleSession(trx, actor, sessionId);
    if (!registrationWindowOpen(s, now))
      throw new AppError('REGISTRATION_CLOSED', {
        opensAt: s.registration_opens_at.toISOString(),
        closesAt: s.registration_closes_at.toISOString(),
        status: s.status,
      });
    const agreement = await requireAgreement(trx, { schoolId, certificateTypeId: s.certificate_type_id }, s.level);
    await assertPilotNotCancelled(trx, agreement.filingId); // R8.3
    const pilotMajors = await q.filingMajorIds(trx, agreement.filingId);
    const learners = await q.learnersByIds(trx, ids);
    const problems = ids
      .map((id) => {
        const l = learners.find((x) => x.id === id);
        const reason = l
          ? ineligibility(l, { schoolId, departmentId: actor.role === 'department_admin' ? actor.departmentId : null }, pilotMajors)
          : '学习者不存在';
        return reason ? { learnerId: id, reason } : null;
      })
      .filter((p) => p !== null);
    if (problems.length) throw new AppError('LEARNER_NOT_ELIGIBLE', { learners: problems });
    const existing = await q.existingRegistrations(trx, sessionId, ids);
    // Issue 17 item 2 (四.2): the pilot's approved scale for the exam year.
    const adding = learners.filter((l) => {
      const ex = existing.find((e) => e.learner_id === l.id);
      return !ex || ex.status === 'withdrawn' || ex.status === 'refused';
    }).length;
    await assertPilotScale(trx, agreement.filingId, String(s.exam_date).slice(0, 10), adding);
    const feeFen = agreement.fees[s.level] ?? 0;
    const skipped: { learnerId: string; reason: string }[] = [];
    const touched: string[] = [];
    const fresh: q.NewRegistration[] = [];
    for (const l of learners) {
      const ex = existing.find((e) => e.learner_id === l.id);
      const fee = { fee_fen: feeFen, fee_exempt: l.poverty_registered };
      if (!ex) {
        fresh.push({
          session_id: sessionId,
          learner_id: l.id,
          school_id: schoolId,
          filing_id: agreement.filingId,
          agreement_id: agreement.id,
          province_code: s.province_code,
          org_id: s.org_id,
          proposed_by: actor.userId,
          created_at: now,
          ...fee,
        });
      } else if (ex.status === 'withdrawn' || ex.status === 'refused') {
        // proposed again: the candidate must consent again
        if (
          await q.reproposeRegistration(trx, ex.id, ex.status, {
            proposed_by: actor.userId,
            agreement_id: agreement.id,
            filing_id: agreement.filingId,
            now,
            ...fee,
          })
        )
          touched.push(ex.id);
      } else {
        skipped.push({ learnerId: l.id, reason: ex.status === 'registered' ? '已报名' : '已提出报名，待本人确认' });
      }
    }
    const inserted = await q.insertRegistrations(trx, fresh);
    const all = [...inserted, ...touched];
    await notifyConsentRequests(trx, now, all); // the learners must confirm (issue 21 #1)
    await recordAudit(trx, ctx, now, {
      action: 'exam_registration.propose',
      targetType: 'exam_session',
      targetId: sessionId,
      summary: { registrationIds: all, learnerIds: learners.map((l) => l.id), skipped: skipped.length, feeFen, agreementId: agreement.id },
      scope: auditScope(s, schoolId),
    });
    return { all, skipped, windowOpen: registrationWindowOpen(s, now) };
  });
  const rows = await q.findRegistrationsByIds(deps.db, result.all);
  return { proposed: result.all.length, skipped: result.skipped, items: rows.map((r) => toDto(actor, r, result.windowOpen)) };
}

// ---- consent, decline, paper consent, withdraw ----

type Step = 'consent' | 'decline' | 'paper_consent' | 'withdraw';

/** Lock the registration and its session, check the party (404 for anyone but the learner or its school), then run. */
async function withRegistration<T>(
  trx: Tx,
  actor: Actor,
  id: string,
  step: Step,
  fn: (r: q.RegistrationRow, s: sq.SessionRow) => Promise<T>,
): Promise<T> {
  const sessionId = await q.lockRegistration(trx, id);
  if (!sessionId) throw notFound();
  await sq.lockSession(trx, sessionId);
  const r = await q.findRegistration(trx, id);
  const s = await sq.findSession(trx, sessionId);
  if (!r || !s) throw notFound();
  const viewer = viewerOf(actor, r);
  if (viewer === 'other') throw notFound();
  const allowed = step === 'consent' || step === 'decline' ? viewer === 'learner' : step === 'paper_consent' ? viewer === 'school' : true;
  if (!allowed) throw new AppError('FORBIDDEN', { action: step });
  return fn(r, s);
}

async function registerWithConsent(
  trx: Tx,
  ctx: RequestContext,
  r: q.RegistrationRow,
  s: sq.SessionRow,
  now: Date,
  via: 'learner' | 'paper',
  fileId: string | null,
) {
  const actor = ctx.actor!;
  const steps = consentSteps(r.status, via);
  if (!steps || !roleMayTake(actor.role, via === 'learner' ? 'consent' : 'paper_consent', r.status))
    throw new AppError('CONFLICT', { action: via === 'learner' ? 'consent' : 'paper_consent', status: r.status });
  if (!registrationWindowOpen(s, now))
    throw new AppError('REGISTRATION_CLOSED', {
      opensAt: s.registration_opens_at.toISOString(),
      closesAt: s.registration_closes_at.toISOString(),
      status: s.status,
    });
  const agreement = await requireAgreement(trx, { schoolId: r.school_id ?? '', certificateTypeId: s.certificate_type_id }, s.level);
  await assertPilotNotCancelled(trx, agreement.filingId); // R8.3
  if ((await q.registeredCount(trx, s.id)) >= s.capacity) throw new AppError('SESSION_FULL', { capacity: s.capacity });
  const ok = await q.updateRegistration(trx, r.id, r.status, {
    status: steps.to,
    consent_at: now,
    consent_via: via,
    consent_file_id: fileId,
    updated_at: now,
  });
  if (!ok) throw new AppError('CONFLICT', { status: r.status });
  await recordAudit(trx, ctx, now, {
    action: via === 'learner' ? 'exam_registration.consent' : 'exam_registration.paper_consent',
    targetType: 'exam_registration',
    targetId: r.id,
    summary: { sessionId: s.id, learnerId: r.learner_id, from: r.status, via: [steps.consentTo, steps.to], consentFileId: fileId },
    scope: auditScope(s, r.school_id),
  });
}

async function reload(deps: Deps, actor: Actor, id: string): Promise<RegistrationDto> {
  const r = await q.findRegistration(deps.db, id);
  const s = r ? await sq.findSession(deps.db, r.session_id) : undefined;
  if (!r || !s) throw notFound();
  return toDto(actor, r, registrationWindowOpen(s, deps.clock.now()));
}

export async function consent(deps: Deps, ctx: RequestContext, id: string): Promise<RegistrationDto> {
  const actor = requireActor(ctx, ['learner']);
  const now = deps.clock.now();
  await deps.db
    .transaction()
    .execute((trx) => withRegistration(trx, actor, id, 'consent', (r, s) => registerWithConsent(trx, ctx, r, s, now, 'learner', null)));
  return reload(deps, actor, id);
}

export async function paperConsent(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  file: { bytes: Buffer; filename: string },
): Promise<RegistrationDto> {
  const actor = requireActor(ctx, PROPOSER_ROLES);
  const now = deps.clock.now();
  await deps.db.transaction().execute((trx) =>
    withRegistration(trx, actor, id, 'paper_consent', async (r, s) => {
      const stored = await storePdf(trx, ctx, file.bytes, file.filename, {
        at: now,
        owner: { provinceCode: s.province_code, schoolId: r.school_id },
      });
      await registerWithConsent(trx, ctx, r, s, now, 'paper', stored.id);
    }),
  );
  return reload(deps, actor, id);
}

async function simpleStep(
  deps: Deps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  step: 'decline' | 'withdraw',
): Promise<RegistrationDto> {
  const now = deps.clock.now();
  const action = step === 'decline' ? 'refuse' : 'withdraw';
  await deps.db.transaction().execute((trx) =>
    withRegistration(trx, actor, id, step, async (r, s) => {
      if (!roleMayTake(actor.role, action, r.status)) throw new AppError('CONFLICT', { action: step, status: r.status });
      if (step === 'withdraw' && !registrationWindowOpen(s, now))
        throw new AppError('REGISTRATION_CLOSED', { closesAt: s.registration_closes_at.toISOString(), status: s.status });
      const to: RegistrationStatus = step === 'decline' ? 'refused' : 'withdrawn';
      if (!(await q.updateRegistration(trx, r.id, r.status, { status: to, updated_at: now })))
        throw new AppError('CONFLICT', { status: r.status });
      await recordAudit(trx, ctx, now, {
        action: `exam_registration.${step}`,
        targetType: 'exam_registration',
        targetId: r.id,
        summary: { sessionId: s.id, learnerId: r.learner_id, from: r.status, to },
        scope: auditScope(s, r.school_id),
      });
    }),
  );
  return reload(deps, actor, id);
}

export function decline(deps: Deps, ctx: RequestContext, id: string) {
  return simpleStep(deps, ctx, requireActor(ctx, ['learner']), id, 'decline');
}
export function withdraw(deps: Deps, ctx: RequestContext, id: string) {
  return simpleStep(deps, ctx, requireActor(ctx, ['learner', ...PROPOSER_ROLES]), id, 'withdraw');
}

// ---- reads ----

/** A session's registrations: the organization and administrators see all; a school only its own learners'. */
export async function listForSession(
  deps: Deps,
  ctx: RequestContext,
  sessionId: string,
  f: z.infer<typeof registrationQuerySchema>,
): Promise<Page<RegistrationDto>> {
  const actor = requireActor(ctx);
  const s = await visibleSession(deps.db, actor, sessionId);
  const school = isSchoolRole(actor)
    ? { schoolId: actor.schoolId ?? '', departmentId: actor.role === 'department_admin' ? (actor.departmentId ?? '') : undefined }
    : {};
  const { items, total } = await q.listSessionRegistrations(deps.db, sessionId, { ...school, status: f.status }, f.page, f.pageSize);
  const open = registrationWindowOpen(s, deps.clock.now());
  return { items: items.map((r) => toDto(actor, r, open)), total, page: f.page, pageSize: f.pageSize };
}

const RESULT_VISIBLE = ['scores_published', 'closed'];

export async function myRegistrations(deps: Deps, ctx: RequestContext): Promise<MyRegistrationDto[]> {
  const actor = requireActor(ctx, ['learner']);
  const learners = await q.learnersOfUser(deps.db, actor.userId);
  const rows = await q.myRegistrations(
    deps.db,
    learners.map((l) => l.id),
  );
  const now = deps.clock.now();
  return rows.map((r) => {
    const open = registrationWindowOpen(
      { status: r.session_status, registration_opens_at: r.registration_opens_at, registration_closes_at: r.registration_closes_at },
      now,
    );
    const published = RESULT_VISIBLE.includes(r.session_status) && r.score !== null && r.passed !== null;
    return {
      ...toDto(actor, r, open),
      session: {
        id: r.session_id,
        certificateTypeName: r.certificate_type_name,
        level: r.level,
        examDate: String(r.exam_date).slice(0, 10),
        examSiteName: r.site_name,
        examSiteAddress: r.site_address,
        status: r.session_status,
        registrationClosesAt: r.registration_closes_at.toISOString(),
      },
      result: published ? { score: Number(r.score), passed: Boolean(r.passed) } : null,
    };
  });
}

/** Sessions open to the learner (its school's, or shared in its province), and those it is registered in. */
export async function mySessions(
  deps: Deps,
  ctx: RequestContext,
  page: number,
  pageSize: number,
): Promise<Page<z.infer<typeof myExamSessionSchema>>> {
  const actor = requireActor(ctx, ['learner']);
  const learners = await q.learnersOfUser(deps.db, actor.userId);
  const learner = learners[0];
  if (!learner) return { items: [], total: 0, page, pageSize };
  const { items, total } = await sq.listSessions(
    deps.db,
    sq.learnerSees({ id: learner.id, schoolId: learner.school_id, provinceCode: learner.province_code }),
    {},
    page,
    pageSize,
  );
  const mine = await q.myRegistrations(deps.db, [learner.id]);
  const now = deps.clock.now();
  return {
    items: items.map((s) => {
      const reg = mine.find((m) => m.session_id === s.id);
      return { ...toSummary(s, now), examSiteAddress: s.site_address, myRegistration: reg ? { id: reg.id, status: reg.status } : null };
    }),
    total,
    page,
    pageSize,
  };
}

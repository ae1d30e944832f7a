import {
  type ExamSessionAction,
  type ExamSessionCreateInput,
  type ExamSessionDetailDto,
  type ExamSessionSummaryDto,
  type Page,
  EXAM_SESSION_STATUSES,
  REGISTRATION_STATUSES,
  type RegistrationStatus,
  type examSessionQuerySchema,
  examSessionTransition,
} from '@onex/shared';
import type { z } from 'zod';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Db, Tx } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { assertSelectableCertificateType } from '../catalog/catalog.service';
import { checkManualStep, manualSessionActions, registrationWindowOpen } from './exam-sessions.rules';
import * as q from './exam-sessions.queries';
import { hasAgreementInForce } from '../agreements/agreements.queries';

/**
 * Exam sessions (R5.2): an organization schedules a session of its own certificate at an approved site; statuses
 * and actions follow EXAM_SESSION_TRANSITIONS (packages/shared/src/exams.ts). Organizations see their own sessions
 * (api-v1 list); schools see sessions at sites open to them for certificates they pilot; learners see sessions open
 * to them.
 */

const SCHOOL_ROLES = ['school_admin', 'department_admin', 'project_leader'] as const;
export const isSchoolRole = (a: Actor) => (SCHOOL_ROLES as readonly string[]).includes(a.role);

/** The calendar date in China (UTC+8) of an instant. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The visibility of sessions for an actor, as a WHERE expression (learners: `learnerSees`). */
export function sessionWhere(a: Actor) {
  switch (a.role) {
    case 'national_admin':
      return q.ALL;
    case 'province_admin':
      return a.provinceCode ? q.sessionEq('province_code', a.provinceCode) : q.NONE;
    case 'municipal_admin':
      return a.cityCode ? q.sessionEq('city_code', a.cityCode) : q.NONE;
    case 'org_admin':
      return a.orgId ? q.sessionEq('org_id', a.orgId) : q.NONE;
    case 'department_admin':
      // Issue 17 item 3: a department sees its own pilots' sessions and its own students' (not the whole school's).
      return a.schoolId && a.departmentId ? q.departmentSees(a.schoolId, a.departmentId, a.provinceCode) : q.NONE;
    case 'school_admin':
    case 'project_leader':
      return a.schoolId ? q.schoolSees(a.schoolId, a.provinceCode) : q.NONE;
    default:
      return q.NONE;
  }
}

export function toSummary(r: q.SessionRow, now: Date): ExamSessionSummaryDto {
  return {
    id: r.id,
    certificateTypeId: r.certificate_type_id,
    certificateTypeName: r.certificate_type_name,
    level: r.level,
    examDate: String(r.exam_date).slice(0, 10),
    examSiteName: r.site_name,
    status: r.status,
    candidateCount: Number(r.candidate_count ?? 0),
    organization: { id: r.org_id, name: r.org_name },
    examSiteId: r.exam_site_id,
    provinceCode: r.province_code,
    examForm: r.exam_form,
    capacity: r.capacity,
    registrationOpensAt: r.registration_opens_at.toISOString(),
    registrationClosesAt: r.registration_closes_at.toISOString(),
    registrationOpenNow: registrationWindowOpen(r, now),
    scoresPublishedAt: r.scores_published_at?.toISOString() ?? null,
    // Fixed at 成绩公示; before it (and for sessions published before it was kept) the organization's setting.
    publicityDays: r.publicity_days ?? r.org_publicity_days,
  };
}

/** A session the actor may see (404 otherwise; learners use their own endpoints). */
export async function visibleSession(db: Db, actor: Actor, id: string): Promise<q.SessionRow> {
  const r = await q.findSession(db, id);
  if (!r) throw notFound();
  if (actor.role === 'learner' || !(await q.sessionVisible(db, id, sessionWhere(actor)))) throw notFound();
  return r;
}

export async function listSessions(
  deps: Deps,
  ctx: RequestContext,
  f: z.infer<typeof examSessionQuerySchema>,
): Promise<Page<ExamSessionSummaryDto>> {
  const actor = requireActor(ctx);
  if (actor.role === 'learner' || actor.role === 'expert') throw new AppError('FORBIDDEN');
  const { items, total } = await q.listSessions(deps.db, sessionWhere(actor), f, f.page, f.pageSize);
  const now = deps.clock.now();
  return { items: items.map((r) => toSummary(r, now)), total, page: f.page, pageSize: f.pageSize };
}

export async function getSession(deps: Deps, ctx: RequestContext, id: string): Promise<ExamSessionDetailDto> {
  const actor = requireActor(ctx);
  const r = await visibleSession(deps.db, actor, id);
  const now = deps.clock.now();
  const school = isSchoolRole(actor) ? (actor.schoolId ?? undefined) : undefined;
  const department = actor.role === 'department_admin' ? (actor.departmentId ?? undefined) : undefined;
  const [counts, all, events] = await Promise.all([
    q.registrationCounts(deps.db, id, school, department),
    q.registrationCounts(deps.db, id),
    q.sessionEvents(deps.db, id),
  ]);
  const registrationCounts = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as Record<RegistrationStatus, number>;
  for (const c of counts) registrationCounts[c.status] = c.n;
  const owner = actor.role === 'org_admin' && actor.orgId === r.org_id;
  const hostDept =
    isSchoolRole(actor) && actor.role !== 'project_leader' && r.site_school_id !== null && actor.schoolId === r.site_school_id;
  return {
    ...toSummary(r, now),
    examSite: {
      id: r.exam_site_id,
      name: r.site_name,
      address: r.site_address,
      school: r.site_school_id ? { id: r.site_school_id, name: r.site_school_name ?? '' } : null,
      openShared: r.site_open_shared,
    },
    registrationCounts,
    seatsTaken: all.find((c) => c.status === 'registered')?.n ?? 0,
    allowedActions: owner ? manualSessionActions(actor.role, r.status, String(r.exam_date).slice(0, 10), chinaDate(now)) : [],
    mayPropose: (actor.role === 'school_admin' || actor.role === 'department_admin') && registrationWindowOpen(r, now),
    mayInvigilate: hostDept && r.status !== 'closed',
    // same instant (a script, a test clock): the workflow order decides
    events: [...events]
      .sort(
        (a, b) =>
          a.at.getTime() - b.at.getTime() || EXAM_SESSION_STATUSES.indexOf(a.from_status) - EXAM_SESSION_STATUSES.indexOf(b.from_status),
      )
      .map((e) => ({ action: e.action, fromStatus: e.from_status, toStatus: e.to_status, comment: e.comment, at: e.at.toISOString() })),
  };
}

export async function createSession(deps: Deps, ctx: RequestContext, b: ExamSessionCreateInput): Promise<ExamSessionDetailDto> {
  const actor = requireActor(ctx, ['org_admin']);
  const type = await assertSelectableCertificateType(deps.db, b.certificateTypeId);
  if (type.orgId !== actor.orgId) throw new AppError('FORBIDDEN', { certificateTypeId: b.certificateTypeId });
  const forms = (await q.levelForms(deps.db, type.id)).get(b.level);
  const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });
  if (!forms) throw invalid('level', '该证书没有此等级');
  if (forms.length && !forms.includes(b.examForm)) throw invalid('examForm', '该等级的考核方式中没有此形式');
  const site = await q.siteForSession(deps.db, b.examSiteId);
  if (!site || site.org_id !== actor.orgId) throw notFound();
  if (site.status !== 'approved' || site.certificate_type_id !== type.id)
    throw new AppError('EXAM_SITE_NOT_APPROVED', { examSiteId: site.id, status: site.status });
  if (b.capacity > site.capacity) throw invalid('capacity', `考核人数不能超过站点容量（${site.capacity} 人）`);
  // Issue 17 item 8: a site registered for some levels examines only those.
  if (site.levels && !site.levels.includes(b.level)) throw invalid('level', '该考核站点不承担此等级的考核');
  // Issue 17 item 5 (三.6): a session at a school's site needs the school's agreement with the organization in force.
  if (site.school_id && !(await hasAgreementInForce(deps.db, type.orgId, type.id, site.school_id)))
    throw new AppError('AGREEMENT_NOT_IN_FORCE', { examSiteId: site.id, schoolId: site.school_id });
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const sessionId = await q.insertSession(trx, {
      org_id: type.orgId,
      certificate_type_id: type.id,
      level: b.level,
      exam_site_id: site.id,
      province_code: site.province_code,
      city_code: site.city_code,
      exam_date: b.examDate,
      exam_form: b.examForm,
      capacity: b.capacity,
      registration_opens_at: new Date(b.registrationOpensAt),
      registration_closes_at: new Date(b.registrationClosesAt),
      created_at: now,
      created_by: actor.userId,
    });
    await recordAudit(trx, ctx, now, {
      action: 'exam_session.create',
      targetType: 'exam_session',
      targetId: sessionId,
      summary: { ...b },
      scope: { provinceCode: site.province_code, cityCode: site.city_code, schoolId: site.school_id, orgId: type.orgId },
    });
    return sessionId;
  });
  return getSession(deps, ctx, id);
}

/**
 * Applies one transition of the table inside the caller's transaction: lock, 404 outside the organization,
 * 403 for another role, 409 from the wrong status, `UPDATE … WHERE status = from`, event row, audit row.
 * The results import (enter_scores) and the score publication (publish_scores) call it too.
 */
export async function applyExamSessionTransition(
  trx: Tx,
  ctx: RequestContext,
  id: string,
  action: ExamSessionAction,
  now: Date,
  opts: { comment?: string | null; manual?: boolean } = {},
): Promise<{ from: string; to: string }> {
  const actor = requireActor(ctx);
  await q.lockSession(trx, id);
  const r = await visibleSession(trx, actor, id);
  if (actor.role !== 'org_admin' || actor.orgId !== r.org_id) throw new AppError('FORBIDDEN', { action });
  let to;
  if (opts.manual) {
    const check = checkManualStep(actor.role, action, r.status, String(r.exam_date).slice(0, 10), chinaDate(now));
    if (!check.ok) {
      if (check.reason === 'role') throw new AppError('FORBIDDEN', { action });
      throw new AppError('CONFLICT', { action, status: r.status, reason: check.reason });
    }
    to = check.to;
  } else {
    const t = examSessionTransition(action, r.status);
    if (!t) throw new AppError('CONFLICT', { action, status: r.status });
    if (!t.roles.includes(actor.role)) throw new AppError('FORBIDDEN', { action });
    to = t.to;
  }
  const from = r.status;
  const extra = action === 'publish_scores' ? { scores_published_at: now } : {};
  if (!(await q.updateSessionStatus(trx, id, from, to, now, extra))) throw new AppError('CONFLICT', { action, status: from });
  const comment = opts.comment?.trim() || null;
  await q.insertSessionEvent(trx, {
    session_id: id,
    province_code: r.province_code,
    action,
    from_status: from,
    to_status: to,
    comment,
    actor_id: actor.userId,
    at: now,
  });
  await recordAudit(trx, ctx, now, {
    action: `exam_session.${action}`,
    targetType: 'exam_session',
    targetId: id,
    summary: { from, to, comment },
    scope: { provinceCode: r.province_code, cityCode: r.city_code, schoolId: r.site_school_id, orgId: r.org_id },
  });
  return { from, to };
}

export async function transitionSession(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  b: { action: ExamSessionAction; comment?: string | null | undefined },
): Promise<ExamSessionDetailDto> {
  requireActor(ctx);
  const now = deps.clock.now();
  await deps.db
    .transaction()
    .execute((trx) => applyExamSessionTransition(trx, ctx, id, b.action, now, { comment: b.comment ?? null, manual: true }));
  return getSession(deps, ctx, id);
}

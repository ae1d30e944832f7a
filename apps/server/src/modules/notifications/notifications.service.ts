import {
  CERTIFICATE_LEVEL_LABELS,
  type CertificateLevel,
  type FilingAction,
  type FilingStatus,
  type NotificationDto,
  type NotificationQuery,
} from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import * as q from './notifications.queries';
import { type AudienceKind, DEADLINE_NOTICE_WINDOW_MS, deadlineNotice, filingNotices } from './notifications.rules';

export type { Audience } from './notifications.queries';

export interface NotifyInput {
  to: q.Audience | readonly q.Audience[];
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  /** Left out of the recipients (whoever caused the change). */
  exceptUserId?: string | null;
  dedupeKey?: string | null;
}

/** Writes in-app notifications in the caller's transaction, so they exist exactly when the change does (R3.11). */
export async function notify(trx: Db, at: Date, n: NotifyInput): Promise<number> {
  const audiences = Array.isArray(n.to) ? (n.to as readonly q.Audience[]) : [n.to as q.Audience];
  const ids = new Set((await Promise.all(audiences.map((a) => q.recipientsOf(trx, a)))).flat());
  if (n.exceptUserId) ids.delete(n.exceptUserId);
  return q.insertNotifications(
    trx,
    [...ids].map((userId) => ({
      userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? '',
      link: n.link ?? null,
      at,
      dedupeKey: n.dedupeKey ?? null,
    })),
  );
}

/** The filing core's hook: notifies whoever a workflow step concerns, in the step's transaction. */
export async function notifyFilingStep(
  trx: Db,
  at: Date,
  s: {
    filingId: string;
    action: FilingAction;
    from: FilingStatus;
    to: FilingStatus;
    actorId: string | null;
    comment?: string | null;
    expertIds?: readonly string[];
  },
): Promise<void> {
  const f = await q.filingNoticeFacts(trx, s.filingId);
  const audience: Record<AudienceKind, q.Audience> = {
    school: { role: 'school_admin', schoolId: f.school_id },
    city: { role: 'municipal_admin', cityCode: f.city_code },
    province: { role: 'province_admin', provinceCode: f.province_code },
    experts: { userIds: s.expertIds ?? [] },
  };
  const notices = filingNotices({
    action: s.action,
    from: s.from,
    to: s.to,
    needsMunicipalReview: f.needs_municipal_review,
    decision: f.decision,
    schoolName: f.school_name,
    certificateName: f.certificate_name,
    comment: s.comment ?? null,
  });
  for (const n of notices)
    await notify(trx, at, { to: audience[n.audience], ...n, link: `/filings/${s.filingId}`, exceptUserId: s.actorId });
}

/**
 * Waiting work (issue 21 #1): asks each learner with an account to confirm the registrations its school proposed, in
 * the proposal's transaction. Idempotent per proposal (key exam_consent:<registration>:<time>): a registration proposed
 * again after a refusal asks again. Returns how many were written.
 */
export async function notifyConsentRequests(trx: Db, at: Date, registrationIds: readonly string[]): Promise<number> {
  let written = 0;
  for (const r of await q.consentNoticeFacts(trx, registrationIds)) {
    const level = CERTIFICATE_LEVEL_LABELS[r.level as CertificateLevel]?.zh ?? r.level;
    const closes = r.registration_closes_at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    written += await notify(trx, at, {
      to: { userIds: [r.user_id!] },
      kind: 'exam_consent',
      title: `请确认考核报名：${r.certificate_name}（${level}）`,
      body: `考核日期 ${String(r.exam_date).slice(0, 10)}；请于 ${closes} 报名截止前确认或拒绝。`,
      link: '/my-exams',
      dedupeKey: `exam_consent:${r.id}:${at.toISOString()}`,
    });
  }
  return written;
}

/** Waiting work: the organization's administrators hear of a school's exam-site application to decide. */
export function notifySiteApplication(trx: Db, at: Date, s: { orgId: string; schoolName: string; siteName: string; siteId: string }) {
  return notify(trx, at, {
    to: { role: 'org_admin', orgId: s.orgId },
    kind: 'exam_site_applied',
    title: `${s.schoolName}申请设立考核站点“${s.siteName}”，待审批`,
    link: '/exam-site-review',
    dedupeKey: `exam_site_applied:${s.siteId}`,
  });
}

/** The host school's administrators hear that the organization closed (撤销) their exam site, and why. */
export function notifySiteClosed(trx: Db, at: Date, s: { schoolId: string; siteName: string; siteId: string; reason: string }) {
  return notify(trx, at, {
    to: { role: 'school_admin', schoolId: s.schoolId },
    kind: 'exam_site_closed',
    title: `考核站点“${s.siteName}”已被培训评价组织撤销`,
    body: `撤销理由：${s.reason}`,
    link: '/exam-sites',
    dedupeKey: `exam_site_closed:${s.siteId}`,
  });
}

/** Waiting work: the school's administrators hear of a credit conversion application to decide. */
export function notifyConversionApplication(
  trx: Db,
  at: Date,
  a: { schoolId: string; learnerName: string; applicationId: string; by: string | null },
) {
  return notify(trx, at, {
    exceptUserId: a.by,
    to: { role: 'school_admin', schoolId: a.schoolId },
    kind: 'conversion_submitted',
    title: `${a.learnerName}提交了学分转换申请，待审批`,
    link: '/conversion-applications',
    dedupeKey: `conversion_submitted:${a.applicationId}`,
  });
}

/**
 * Reminds every school administrator of a province once per round when the round's school deadline is within
 * 3 days (idempotent: the key round_deadline:<round> is unique per user). Returns how many were written.
 */
export async function notifyDeadlines(db: Db, now: Date): Promise<number> {
  const rounds = await q.roundsWithDeadlineBetween(db, now, new Date(now.getTime() + DEADLINE_NOTICE_WINDOW_MS));
  if (rounds.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    let written = 0;
    for (const r of rounds) {
      const n = await notify(trx, now, {
        to: { role: 'school_admin', provinceCode: r.province_code },
        kind: 'round_deadline',
        ...deadlineNotice(r.name, r.school_submission_deadline!),
        link: `/filing-rounds/${r.id}`,
        dedupeKey: `round_deadline:${r.id}`,
      });
      written += n;
    }
    if (written > 0)
      await recordAudit(trx, { actor: null, requestId: 'system', clientIp: null }, now, {
        action: 'notification.deadline_reminders',
        targetType: 'notification',
        summary: { rounds: rounds.map((r) => r.id), written },
      });
    return written;
  });
}

function toDto(r: q.NotificationDbRow): NotificationDto {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at ? r.read_at.toISOString() : null,
  };
}

export async function listNotifications(deps: Deps, ctx: RequestContext, f: NotificationQuery) {
  const actor = requireActor(ctx);
  const { items, total, unreadCount } = await q.listOwn(deps.db, actor.userId, f.unread ?? false, f.page, f.pageSize);
  return { items: items.map(toDto), total, page: f.page, pageSize: f.pageSize, unreadCount };
}

/** Only the recipient reads its notification; anyone else gets 404. */
export async function markNotificationRead(deps: Deps, ctx: RequestContext, id: string): Promise<NotificationDto> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const r = await q.markRead(trx, id, actor.userId, now);
    if (!r) throw notFound();
    await recordAudit(trx, ctx, now, { action: 'notification.read', targetType: 'notification', targetId: id });
    return toDto(r);
  });
}

export async function markAllNotificationsRead(deps: Deps, ctx: RequestContext): Promise<{ updated: number }> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const updated = await q.markAllRead(trx, actor.userId, now);
    await recordAudit(trx, ctx, now, { action: 'notification.read_all', targetType: 'notification', summary: { updated } });
    return { updated };
  });
}

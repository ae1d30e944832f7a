import { createHash } from 'node:crypto';
import {
  type ComplaintAttachmentDto,
  COMPLAINT_ATTACHMENT_MAX_BYTES,
  COMPLAINT_ATTACHMENT_MAX_FILES,
  type ComplaintSubjectType,
  COMPLAINT_CATEGORY_LABELS,
  type ComplaintDetailDto,
  type ComplaintDto,
  type ComplaintQuery,
  type ComplaintTransitionRequest,
  type CreateComplaintRequest,
  type Page,
  type PublicComplaintDto,
  complaintTransition,
  COMPLAINT_ACTIONS,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { open, seal } from '../../lib/secret-box';
import { auditedTransaction, recordAudit } from '../audit/audit.service';
import { cleanFileName, evidenceType } from '../files/files.rules';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import { type Audience, notify } from '../notifications/notifications.service';
import * as q from './complaints.queries';
import {
  COMPLAINT_WORKING_DAYS,
  type ComplaintRoute,
  addWorkingDays,
  escalationOf,
  isOverdue,
  maskName,
  maskPhone,
  newTrackingCode,
  routeComplaint,
} from './complaints.rules';

export const COMPLAINT_HANDLER_ROLES = ['national_admin', 'province_admin', 'municipal_admin'] as const;
const SEAL_PURPOSE = 'complaint-contact';
const SYSTEM: RequestContext = { actor: null, requestId: 'system', clientIp: null };

const routeOf = (c: q.ComplaintRow): ComplaintRoute => ({ level: c.level, provinceCode: c.province_code, cityCode: c.city_code });
const deadlineFrom = (at: Date) => addWorkingDays(chinaDate(at), COMPLAINT_WORKING_DAYS);

/** The administrators of a route: who is told of a new, transferred or escalated complaint. */
function audienceOf(r: ComplaintRoute): Audience {
  if (r.level === 'city') return { role: 'municipal_admin', cityCode: r.cityCode! };
  if (r.level === 'province') return { role: 'province_admin', provinceCode: r.provinceCode! };
  return { role: 'national_admin' };
}

/** The handler is the administrator of the complaint's current level whose scope is the complaint's region. */
export function isHandler(a: Actor, c: Pick<q.ComplaintRow, 'level' | 'province_code' | 'city_code'>): boolean {
  if (c.level === 'national') return a.role === 'national_admin';
  if (c.level === 'province') return a.role === 'province_admin' && a.provinceCode === c.province_code;
  return a.role === 'municipal_admin' && a.cityCode === c.city_code;
}

const auditScope = (c: q.ComplaintRow) => ({ provinceCode: c.province_code ?? c.subject_province_code, cityCode: c.city_code });

function notifyHandlers(trx: Db, at: Date, c: q.ComplaintRow, title: string) {
  return notify(trx, at, {
    to: audienceOf(routeOf(c)),
    kind: 'complaint',
    title,
    body: `${COMPLAINT_CATEGORY_LABELS[c.category].zh}：${c.subject_name}；办理期限 ${c.deadline}`,
    link: `/complaints/${c.id}`,
  });
}

/** R8.5: anyone files a complaint; it is routed, given a deadline and a tracking code, and its handlers are told. */
export async function fileComplaint(deps: Deps, ctx: RequestContext, b: CreateComplaintRequest): Promise<{ trackingCode: string }> {
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const c = await fileComplaintIn(deps, trx, ctx, now, b);
    return { result: { trackingCode: c.tracking_code }, audit: complaintFiledAudit(c) };
  });
}

/**
 * Files a complaint inside the caller's transaction (the caller writes `complaintFiledAudit`): a 公示 objection
 * (modules/notices) is a complaint linked to its item in the same transaction.
 */
export async function fileComplaintIn(
  deps: Deps,
  trx: Db,
  ctx: RequestContext,
  now: Date,
  b: CreateComplaintRequest,
): Promise<q.ComplaintRow> {
  const subject = await q.subjectOf(trx, b.subjectType, b.subjectId);
  if (!subject) throw new AppError('COMPLAINT_SUBJECT_UNKNOWN', { fields: [{ path: 'body.subjectId', message: '投诉对象不存在' }] });
  const route = routeComplaint({ subjectType: b.subjectType, ...subject });
  const key = deps.config.secretKey;
  const c = await q.insertComplaint(trx, {
    trackingCode: newTrackingCode(),
    category: b.category,
    subjectType: b.subjectType,
    subjectId: b.subjectId,
    subject,
    content: b.content,
    contactNameSealed: b.contactName ? seal(key, SEAL_PURPOSE, Buffer.from(b.contactName)) : null,
    contactPhoneSealed: b.contactPhone ? seal(key, SEAL_PURPOSE, Buffer.from(b.contactPhone)) : null,
    ...route,
    deadline: deadlineFrom(now),
    at: now,
    clientIp: ctx.clientIp,
  });
  await q.insertEvent(trx, {
    complaintId: c.id,
    at: now,
    actorId: null,
    action: 'file',
    from: null,
    to: 'received',
    ...route,
    comment: null,
  });
  await notifyHandlers(trx, now, c, `收到新的投诉：${c.subject_name}`);
  return c;
}

export function complaintFiledAudit(c: q.ComplaintRow) {
  return {
    action: 'complaint.file',
    targetType: 'complaint',
    targetId: c.id,
    // Neither the content nor the contact goes into the log: the record holds them, sealed where personal.
    summary: { category: c.category, subjectType: c.subject_type, subjectId: c.subject_id, level: c.level, deadline: c.deadline },
    scope: auditScope(c),
  } as const;
}

/** api-v1: what the complainant sees with the tracking code — never the content or the contact. */
export async function publicComplaint(deps: Deps, trackingCode: string): Promise<PublicComplaintDto> {
  const c = await q.byTrackingCode(deps.db, trackingCode);
  if (!c) throw notFound();
  return {
    trackingCode: c.tracking_code,
    category: c.category,
    status: c.status,
    filedAt: c.filed_at.toISOString(),
    deadline: c.deadline,
    ...(c.reply && (c.status === 'replied' || c.status === 'closed') ? { reply: c.reply } : {}),
    ...(c.verdict && c.status === 'closed' ? { verdict: c.verdict } : {}),
  };
}

function toDto(c: q.ComplaintRow, today: string): ComplaintDto {
  return {
    id: c.id,
    trackingCode: c.tracking_code,
    category: c.category,
    subjectType: c.subject_type,
    subjectId: c.subject_id,
    subjectName: c.subject_name,
    status: c.status,
    level: c.level,
    provinceCode: c.province_code,
    cityCode: c.city_code,
    filedAt: c.filed_at.toISOString(),
    deadline: c.deadline,
    overdue: isOverdue(c, today),
    escalations: c.escalations,
    verdict: c.verdict,
  };
}

export async function listComplaints(deps: Deps, ctx: RequestContext, f: ComplaintQuery): Promise<Page<ComplaintDto>> {
  const actor = requireActor(ctx, COMPLAINT_HANDLER_ROLES);
  const today = chinaDate(deps.clock.now());
  const { items, total } = await q.listComplaints(deps.db, scopeOf(actor), f, today, f.page, f.pageSize);
  return { items: items.map((c) => toDto(c, today)), total, page: f.page, pageSize: f.pageSize };
}

/** Reads a complaint the actor may see (the handler's region columns are its scope); outside it → 404. */
async function visible(db: Db, actor: Actor, id: string, lock = false): Promise<q.ComplaintRow> {
  const c = await (lock ? q.lockComplaint(db, id) : q.findComplaint(db, id));
  if (!c || !inScope(scopeOf(actor), { provinceCode: c.province_code, cityCode: c.city_code })) throw notFound();
  return c;
}

function contactOf(key: Buffer, sealed: string | null, visibleToActor: boolean, mask: (s: string) => string): string | null {
  if (!sealed) return null;
  const plain = open(key, SEAL_PURPOSE, sealed).toString();
  return visibleToActor ? plain : mask(plain);
}

async function detailOf(deps: Deps, actor: Actor, c: q.ComplaintRow): Promise<ComplaintDetailDto> {
  const today = chinaDate(deps.clock.now());
  const handler = isHandler(actor, c);
  const events = await q.eventsOf(deps.db, c.id);
  const attachments = handler ? (await q.attachmentsOf(deps.db, c.id)).map(attachmentDto) : [];
  return {
    ...toDto(c, today),
    content: c.content,
    reply: c.reply,
    contactName: contactOf(deps.config.secretKey, c.contact_name_sealed, handler, maskName),
    contactPhone: contactOf(deps.config.secretKey, c.contact_phone_sealed, handler, maskPhone),
    contactVisible: handler,
    events: events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      actorName: e.actor_name,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      comment: e.comment,
      level: e.level,
    })),
    attachments,
    allowedActions: handler ? COMPLAINT_ACTIONS.filter((a) => complaintTransition(a, c.status)) : [],
  };
}

export async function getComplaint(deps: Deps, ctx: RequestContext, id: string): Promise<ComplaintDetailDto> {
  const actor = requireActor(ctx, COMPLAINT_HANDLER_ROLES);
  return detailOf(deps, actor, await visible(deps.db, actor, id));
}

/** The route a transfer names; the current route, an unknown region or a city outside its province is refused. */
async function transferRoute(db: Db, c: q.ComplaintRow, b: ComplaintTransitionRequest): Promise<ComplaintRoute> {
  const t = b.target;
  const refuse = () => new AppError('COMPLAINT_TRANSFER_TARGET');
  if (!t) throw refuse();
  let r: ComplaintRoute;
  if (t.level === 'national') r = { level: 'national', provinceCode: null, cityCode: null };
  else if (t.level === 'province') {
    if (!(await q.regionExists(db, t.provinceCode, 'province'))) throw refuse();
    r = { level: 'province', provinceCode: t.provinceCode, cityCode: null };
  } else {
    if (!(await q.regionExists(db, t.cityCode, 'city'))) throw refuse();
    r = { level: 'city', provinceCode: `${t.cityCode.slice(0, 2)}0000`, cityCode: t.cityCode };
  }
  const cur = routeOf(c);
  if (r.level === cur.level && r.provinceCode === cur.provinceCode && r.cityCode === cur.cityCode) throw refuse();
  return r;
}

/**
 * The handler's actions (COMPLAINT_TRANSITIONS): 404 outside scope, 403 for anyone but the current handler, 409 for
 * an action the status does not allow. A transfer moves the complaint to another administrator with a new deadline.
 */
export async function transitionComplaint(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  b: ComplaintTransitionRequest,
): Promise<ComplaintDetailDto> {
  const actor = requireActor(ctx, COMPLAINT_HANDLER_ROLES);
  const updated = await auditedTransaction(deps, ctx, async (trx, now) => {
    const c = await visible(trx, actor, id, true);
    if (!isHandler(actor, c)) throw new AppError('FORBIDDEN');
    const t = complaintTransition(b.action, c.status);
    if (!t) throw new AppError('CONFLICT', { status: c.status, action: b.action });
    const comment = b.comment ?? null;
    if (t.commentRequired && !comment)
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.comment', message: '请填写说明' }] });
    if (b.action === 'close' && !b.verdict)
      throw new AppError('COMPLAINT_VERDICT_REQUIRED', { fields: [{ path: 'body.verdict', message: '请选择核查结论' }] });
    const route = b.action === 'transfer' ? await transferRoute(trx, c, b) : routeOf(c);
    const patch = {
      status: t.to,
      updated_at: now,
      ...(b.action === 'transfer'
        ? { level: route.level, province_code: route.provinceCode, city_code: route.cityCode, deadline: deadlineFrom(now) }
        : {}),
      ...(b.action === 'reply' ? { reply: comment } : {}),
      ...(b.action === 'close' ? { verdict: b.verdict! } : {}),
    };
    const after = await q.updateComplaint(trx, c.id, c.status, patch);
    if (!after) throw new AppError('CONFLICT');
    await q.insertEvent(trx, {
      complaintId: c.id,
      at: now,
      actorId: actor.userId,
      action: b.action,
      from: c.status,
      to: t.to,
      ...route,
      comment,
    });
    if (b.action === 'transfer') await notifyHandlers(trx, now, after, `转办的投诉：${after.subject_name}`);
    return {
      result: after,
      audit: {
        action: `complaint.${b.action}`,
        targetType: 'complaint',
        targetId: c.id,
        summary: {
          from: c.status,
          to: t.to,
          level: route.level,
          provinceCode: route.provinceCode,
          cityCode: route.cityCode,
          ...(b.action === 'close' ? { verdict: b.verdict } : {}),
        },
        scope: auditScope(after),
      },
    };
  });
  return detailOf(deps, actor, updated);
}

/**
 * R8.5 escalation (run at start and hourly, like the deadline reminders): every open complaint past its deadline
 * goes to the next level up (city → province → national) with a new deadline, and its new handlers are told.
 * A national complaint has nowhere to go and stays listed as overdue. Returns how many were escalated.
 */
export async function escalateOverdueComplaints(db: Db, now: Date): Promise<number> {
  const today = chinaDate(now);
  const due = await q.overdueToEscalate(db, today);
  let escalated = 0;
  for (const { id } of due) {
    const done = await db.transaction().execute(async (trx) => {
      const c = await q.lockComplaint(trx, id);
      if (!c || !isOverdue(c, today)) return false;
      const up = escalationOf(routeOf(c));
      if (!up) return false;
      const after = await q.updateComplaint(trx, c.id, c.status, {
        level: up.level,
        province_code: up.provinceCode,
        city_code: up.cityCode,
        deadline: deadlineFrom(now),
        escalations: c.escalations + 1,
        updated_at: now,
      });
      if (!after) return false;
      const comment = `逾期未办结（期限 ${c.deadline}），自动上报上一级`;
      await q.insertEvent(trx, {
        complaintId: c.id,
        at: now,
        actorId: null,
        action: 'escalate',
        from: c.status,
        to: c.status,
        ...up,
        comment,
      });
      await notifyHandlers(trx, now, after, `逾期投诉已上报：${after.subject_name}`);
      await recordAudit(trx, SYSTEM, now, {
        action: 'complaint.escalate',
        targetType: 'complaint',
        targetId: c.id,
        summary: { fromLevel: c.level, toLevel: up.level, overdueSince: c.deadline },
        scope: auditScope(after),
      });
      return true;
    });
    if (done) escalated++;
  }
  return escalated;
}

/** The public complaint form's subject search (no account). */
export function searchSubjects(deps: Deps, type: ComplaintSubjectType, text: string) {
  return q.searchSubjects(deps.db, type, text);
}

/* ───────────── Attachments (R8.5): the complainant's evidence, for the current handler only ───────────── */

/** How long after filing the complainant may still attach files with the tracking code. */
export const ATTACH_WINDOW_MS = 60 * 60 * 1000;

function attachmentDto(a: {
  id: string;
  original_name: string;
  mime: ComplaintAttachmentDto['mime'];
  size: number;
}): ComplaintAttachmentDto {
  return { id: a.id, name: a.original_name, mime: a.mime, size: a.size };
}

/**
 * The complainant attaches up to COMPLAINT_ATTACHMENT_MAX_FILES files (PDF, PNG, JPEG by content, each at most
 * COMPLAINT_ATTACHMENT_MAX_BYTES) with the tracking code, within ATTACH_WINDOW_MS of filing and while the complaint is
 * still as filed ('received'). The tracking code (80 random bits) is the complainant's only credential; an unknown
 * code is 404. All or nothing: one bad file refuses the whole upload.
 */
export async function addAttachments(
  deps: Deps,
  ctx: RequestContext,
  trackingCode: string,
  files: readonly { bytes: Buffer; filename: string }[],
): Promise<ComplaintAttachmentDto[]> {
  if (files.length === 0) throw new AppError('FILE_REQUIRED');
  const typed = files.map((f) => {
    if (f.bytes.length > COMPLAINT_ATTACHMENT_MAX_BYTES)
      throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: COMPLAINT_ATTACHMENT_MAX_BYTES });
    const mime = evidenceType(f.bytes);
    if (!mime) throw new AppError('COMPLAINT_ATTACHMENT_TYPE', { name: cleanFileName(f.filename, 'attachment') });
    return { ...f, mime };
  });
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const c = await q.lockByTrackingCode(trx, trackingCode);
    if (!c) throw notFound();
    const existing = await q.attachmentsOf(trx, c.id);
    if (
      c.status !== 'received' ||
      now.getTime() - c.filed_at.getTime() > ATTACH_WINDOW_MS ||
      existing.length + typed.length > COMPLAINT_ATTACHMENT_MAX_FILES
    )
      throw new AppError('COMPLAINT_ATTACHMENTS_CLOSED', { attached: existing.length, max: COMPLAINT_ATTACHMENT_MAX_FILES });
    const made: ComplaintAttachmentDto[] = [];
    for (const f of typed)
      made.push(
        attachmentDto(
          await q.insertAttachment(trx, {
            complaint_id: c.id,
            sha256: createHash('sha256').update(f.bytes).digest('hex'),
            size: f.bytes.length,
            mime: f.mime,
            original_name: cleanFileName(f.filename, 'attachment'),
            bytes: f.bytes,
            created_at: now,
          }),
        ),
      );
    return {
      result: made,
      audit: {
        action: 'complaint.attach',
        targetType: 'complaint',
        targetId: c.id,
        summary: { files: made.map((m) => ({ id: m.id, mime: m.mime, size: m.size })) },
        scope: auditScope(c),
      },
    };
  });
}

/** An attachment for download: the complaint's current handler only; anyone else (in scope or not) gets 404. */
export async function downloadAttachment(deps: Deps, ctx: RequestContext, complaintId: string, attachmentId: string) {
  const actor = requireActor(ctx, COMPLAINT_HANDLER_ROLES);
  const c = await visible(deps.db, actor, complaintId);
  if (!isHandler(actor, c)) throw notFound();
  const a = await q.readAttachment(deps.db, c.id, attachmentId);
  if (!a) throw notFound();
  return { name: a.original_name, mime: a.mime, sha256: a.sha256, bytes: a.bytes };
}

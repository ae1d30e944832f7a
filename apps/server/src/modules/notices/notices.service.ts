import {
  type CreateNoticeRequest,
  type ForwardNoticeRequest,
  NOTICE_ATTACHMENT_MAX_BYTES,
  NOTICE_CATEGORY_LABELS,
  type NoticeAttachmentDto,
  type NoticeDetailDto,
  type NoticeDto,
  type NoticeQuery,
  type NoticeReceiptsDto,
  type Page,
  type PublicNoticeDetailDto,
  type PublicNoticeDto,
  type PublicNoticeQuery,
  createNoticeSchema,
} from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { auditedTransaction } from '../audit/audit.service';
import type { FileAccessCheck } from '../files/files.service';
import { storeNoticeAttachment } from '../files/files.service';
import { notify } from '../notifications/notifications.service';
import * as q from './notices.queries';
import {
  type ReaderUnit,
  forwardStep,
  noticeVisible,
  organizationMayPublish,
  plainTextOf,
  publisherLevel,
  sanitizeNoticeHtml,
} from './notices.rules';

export const NOTICE_PUBLISHER_ROLES = ['national_admin', 'province_admin', 'org_admin'] as const;

const attachmentDto = (f: { id: string; original_name: string; mime: string; size: number }): NoticeAttachmentDto => ({
  id: f.id,
  name: f.original_name,
  mime: f.mime,
  size: f.size,
});

function publicDto(n: Pick<q.NoticeRow, 'id' | 'title' | 'level' | 'province_code' | 'published_at' | 'category'>): PublicNoticeDto {
  return {
    id: n.id,
    title: n.title,
    level: n.level,
    ...(n.province_code ? { provinceCode: n.province_code } : {}),
    publishedAt: n.published_at.toISOString(),
    category: n.category,
  };
}

/* ───────────── public (api-v1 `/public/notices`) ───────────── */

export async function listPublicNotices(deps: Deps, f: PublicNoticeQuery): Promise<Page<PublicNoticeDto>> {
  const { items, total } = await q.listPublic(deps.db, f);
  return { items: items.map(publicDto), total, page: f.page, pageSize: f.pageSize };
}

export async function publicNotice(deps: Deps, id: string): Promise<PublicNoticeDetailDto> {
  const n = await q.findNotice(deps.db, id);
  if (!n || !n.is_public) throw notFound();
  return {
    ...publicDto(n),
    bodyHtml: n.body_html,
    publisherName: n.publisher_name,
    attachments: (await q.attachmentsOf(deps.db, n.id)).map(attachmentDto),
  };
}

/* ───────────── publishing ───────────── */

/** Uploads one attachment (PDF, Word, Excel, PNG, JPEG by content) for a notice the same account will publish. */
export async function uploadAttachment(
  deps: Deps,
  ctx: RequestContext,
  file: { bytes: Buffer; filename: string },
): Promise<NoticeAttachmentDto> {
  const actor = requireActor(ctx, NOTICE_PUBLISHER_ROLES);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const f = await storeNoticeAttachment(trx, ctx, file.bytes, file.filename, {
      at: now,
      maxBytes: NOTICE_ATTACHMENT_MAX_BYTES,
      owner: { provinceCode: actor.provinceCode, orgId: actor.orgId },
    });
    return {
      result: { id: f.id, name: f.name, mime: f.mime, size: f.size },
      audit: {
        action: 'notice.attach',
        targetType: 'file',
        targetId: f.id,
        summary: { name: f.name, mime: f.mime, size: f.size, sha256: f.sha256 },
        scope: { provinceCode: actor.provinceCode, orgId: actor.orgId },
      },
    };
  });
}

/** R9.1: publishes a notice; its body is sanitized, its attachments are the account's own uploads; the audience is told. */
export async function publishNotice(deps: Deps, ctx: RequestContext, input: CreateNoticeRequest): Promise<NoticeDetailDto> {
  const actor = requireActor(ctx, NOTICE_PUBLISHER_ROLES);
  const b = createNoticeSchema.parse(input);
  const level = publisherLevel(actor.role)!;
  let publisherName = '教育部职业教育与成人教育司';
  let certificateTypeId: string | null = null;
  if (level === 'organization') {
    const cert = b.certificateTypeId ? await q.certificateTypeOrg(deps.db, b.certificateTypeId) : undefined;
    if (!organizationMayPublish(b.category, cert?.org_id ?? null, actor.orgId!)) throw new AppError('NOTICE_CATEGORY_NOT_ALLOWED');
    certificateTypeId = b.certificateTypeId!;
    publisherName = (await q.orgName(deps.db, actor.orgId!))?.name ?? publisherName;
  } else if (level === 'province') {
    publisherName = `${(await q.regionName(deps.db, actor.provinceCode!))?.name ?? ''}教育厅`;
  }
  if (!b.isPublic && b.audience.roles.length === 0) throw new AppError('NOTICE_AUDIENCE_REQUIRED');
  const bodyHtml = sanitizeNoticeHtml(b.bodyHtml);
  const provinceCodes = level === 'national' ? [...new Set(b.audience.provinceCodes)] : [];
  const id = await auditedTransaction(deps, ctx, async (trx, now) => {
    const own = await q.unattachedFilesOf(trx, actor.userId, b.attachmentIds);
    if (own.length !== new Set(b.attachmentIds).size) throw new AppError('NOTICE_ATTACHMENT_INVALID');
    const n = await q.insertNotice(trx, {
      level,
      province_code: level === 'province' ? actor.provinceCode : null,
      org_id: level === 'organization' ? actor.orgId : null,
      certificate_type_id: certificateTypeId,
      category: b.category,
      title: b.title,
      body_html: bodyHtml,
      is_public: b.isPublic,
      audience_roles: [...new Set(b.audience.roles)],
      audience_province_codes: provinceCodes,
      publisher_name: publisherName,
      published_at: now,
      created_by: actor.userId,
    });
    await q.attachFiles(trx, n.id, [...new Set(b.attachmentIds)]);
    const recipients = await q.audienceUserIds(trx, n.audience_roles, n.province_code ? [n.province_code] : provinceCodes);
    await notify(trx, now, {
      to: { userIds: recipients },
      kind: 'notice',
      title: `新${NOTICE_CATEGORY_LABELS[n.category].zh}：${n.title}`,
      body: plainTextOf(bodyHtml),
      link: `/notices/${n.id}`,
      exceptUserId: actor.userId,
      dedupeKey: `notice:${n.id}`,
    });
    return {
      result: n.id,
      audit: {
        action: 'notice.publish',
        targetType: 'notice',
        targetId: n.id,
        summary: {
          title: n.title,
          category: n.category,
          level,
          isPublic: n.is_public,
          roles: n.audience_roles,
          provinceCodes,
          attachments: b.attachmentIds.length,
          bodyChanged: bodyHtml !== b.bodyHtml.trim(),
        },
        scope: { provinceCode: n.province_code, orgId: n.org_id },
      },
    };
  });
  return getNotice(deps, ctx, id, { markRead: false });
}

/* ───────────── reading ───────────── */

async function readerOf(deps: Deps, ctx: RequestContext): Promise<ReaderUnit> {
  const actor = requireActor(ctx);
  return q.readerUnit(deps.db, actor);
}

async function unitDelivery(db: Db, r: ReaderUnit, noticeId: string) {
  if (r.schoolId) return q.schoolDelivery(db, noticeId, r.schoolId);
  if (r.role === 'municipal_admin' && r.cityCode) return q.cityDelivery(db, noticeId, r.cityCode);
  return undefined;
}

export async function listNotices(deps: Deps, ctx: RequestContext, f: NoticeQuery): Promise<Page<NoticeDto>> {
  const r = await readerOf(deps, ctx);
  const { items, total } = await q.listVisible(deps.db, r, f);
  return {
    items: items.map((n) => ({
      ...publicDto(n),
      provinceCode: n.province_code,
      orgId: n.org_id,
      isPublic: n.is_public,
      publisherName: n.publisher_name,
      read: n.is_read,
      forwarded: n.is_forwarded,
    })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/**
 * A notice the reader may see (otherwise 404). Opening it records the read: the reader's own mark and, when it was
 * forwarded to the reader's school or city, that unit's read receipt (first reader, first time; audited).
 */
export async function getNotice(deps: Deps, ctx: RequestContext, id: string, opts = { markRead: true }): Promise<NoticeDetailDto> {
  const r = await readerOf(deps, ctx);
  const n = await q.findNotice(deps.db, id);
  if (!n) throw notFound();
  let delivery = await unitDelivery(deps.db, r, id);
  if (!noticeVisible(r, n, !!delivery)) throw notFound();
  if (opts.markRead) {
    if (delivery && !delivery.read_at) {
      const d = delivery;
      await auditedTransaction(deps, ctx, async (trx, now) => {
        await q.markDeliveryRead(trx, d.id, r.userId, now);
        await q.markUserRead(trx, id, r.userId, now);
        return {
          result: null,
          audit: {
            action: 'notice.read',
            targetType: 'notice',
            targetId: id,
            summary: { recipientKind: d.recipient_kind, cityCode: d.city_code, schoolId: d.school_id },
            scope: { provinceCode: d.province_code, cityCode: d.city_code, schoolId: d.school_id },
          },
        };
      });
      delivery = await unitDelivery(deps.db, r, id);
    } else {
      await q.markUserRead(deps.db, id, r.userId, deps.clock.now());
    }
  }
  const step = forwardStep(r, n, r.role === 'municipal_admin' && !!delivery);
  const receiptsVisible =
    r.role === 'national_admin' || (r.role === 'province_admin' && r.provinceCode === n.province_code) || step === 'schools';
  return {
    ...publicDto(n),
    provinceCode: n.province_code,
    orgId: n.org_id,
    isPublic: n.is_public,
    publisherName: n.publisher_name,
    read: delivery ? delivery.read_at !== null : opts.markRead,
    forwarded: false,
    bodyHtml: n.body_html,
    attachments: (await q.attachmentsOf(deps.db, n.id)).map(attachmentDto),
    audience: { roles: n.audience_roles, provinceCodes: n.audience_province_codes },
    certificateTypeId: n.certificate_type_id,
    canForward: step !== null,
    canSeeReceipts: receiptsVisible && n.level === 'province',
  };
}

/* ───────────── forwarding and receipts (000 三(二)) ───────────── */

/** The province forwards its notice to all its cities; a city that received it forwards it to its (中职) schools. */
export async function forwardNotice(deps: Deps, ctx: RequestContext, id: string, b: ForwardNoticeRequest): Promise<{ forwarded: number }> {
  const actor = requireActor(ctx, ['province_admin', 'municipal_admin']);
  const r = await q.readerUnit(deps.db, actor);
  const n = await q.findNotice(deps.db, id);
  const cityReceived = !!(n && r.role === 'municipal_admin' && r.cityCode && (await q.cityDelivery(deps.db, id, r.cityCode)));
  if (!n || !noticeVisible(r, n, cityReceived)) throw notFound();
  const step = forwardStep(r, n, cityReceived);
  if (!step) throw new AppError('NOTICE_NOT_FORWARDABLE');
  return auditedTransaction(deps, ctx, async (trx, now) => {
    let forwarded: number;
    let recipients: string[] = [];
    if (step === 'cities') {
      const cities = await q.citiesOf(trx, n.province_code!);
      forwarded = await q.insertDeliveries(
        trx,
        cities.map((c) => ({
          noticeId: id,
          kind: 'city',
          provinceCode: n.province_code!,
          cityCode: c.code,
          schoolId: null,
          at: now,
          by: actor.userId,
        })),
      );
      for (const c of cities)
        await notify(trx, now, {
          to: { role: 'municipal_admin', cityCode: c.code },
          kind: 'notice_forwarded',
          title: `省级转发通知：${n.title}`,
          body: '请阅读，并转发至本地市相关院校。',
          link: `/notices/${id}`,
          dedupeKey: `notice_forwarded:${id}:${c.code}`,
        });
      recipients = cities.map((c) => c.code);
    } else {
      const schools = await q.schoolsOfCity(trx, r.cityCode!, b.schoolIds);
      if (b.schoolIds && schools.length !== new Set(b.schoolIds).size) throw notFound();
      forwarded = await q.insertDeliveries(
        trx,
        schools.map((s) => ({
          noticeId: id,
          kind: 'school',
          provinceCode: s.province_code,
          cityCode: s.city_code,
          schoolId: s.id,
          at: now,
          by: actor.userId,
        })),
      );
      for (const s of schools)
        await notify(trx, now, {
          to: { role: 'school_admin', schoolId: s.id },
          kind: 'notice_forwarded',
          title: `地市转发通知：${n.title}`,
          link: `/notices/${id}`,
          dedupeKey: `notice_forwarded:${id}:${s.id}`,
        });
      recipients = schools.map((s) => s.id);
    }
    return {
      result: { forwarded },
      audit: {
        action: 'notice.forward',
        targetType: 'notice',
        targetId: id,
        summary: { to: step, recipients: recipients.length, newlyForwarded: forwarded },
        scope: { provinceCode: n.province_code, cityCode: step === 'schools' ? r.cityCode : null },
      },
    };
  });
}

/** Read receipts: the province (and the national administrator) see every city and school; a city sees its schools. */
export async function noticeReceipts(deps: Deps, ctx: RequestContext, id: string): Promise<NoticeReceiptsDto> {
  const actor = requireActor(ctx, ['national_admin', 'province_admin', 'municipal_admin']);
  const r = await q.readerUnit(deps.db, actor);
  const n = await q.findNotice(deps.db, id);
  if (!n || n.level !== 'province') throw notFound();
  let onlyCity: string | undefined;
  if (r.role === 'province_admin' && r.provinceCode !== n.province_code) throw notFound();
  if (r.role === 'municipal_admin') {
    if (!r.cityCode || !(await q.cityDelivery(deps.db, id, r.cityCode))) throw notFound();
    onlyCity = r.cityCode;
  }
  const rows = await q.receipts(deps.db, id, onlyCity);
  const items = rows.map((d) => ({
    recipientKind: d.recipient_kind,
    recipientId: d.school_id ?? d.city_code,
    recipientName: d.name,
    cityCode: d.city_code,
    forwardedAt: d.forwarded_at.toISOString(),
    readAt: d.read_at ? d.read_at.toISOString() : null,
    readBy: d.read_by_name ?? null,
    forwardedOn: d.recipient_kind === 'city' ? d.forwarded_on : false,
  }));
  const read = items.filter((i) => i.readAt).length;
  return { items, read, unread: items.length - read };
}

/** Files: a notice's attachment is readable by whoever may read the notice (anyone for a public one). */
export const noticeAttachmentFileReadable: FileAccessCheck = async (db, ctx, fileId) => {
  const n = await q.noticeOfFile(db, fileId);
  if (!n) return false;
  if (n.is_public) return true;
  if (!ctx.actor) return false;
  const r = await q.readerUnit(db, ctx.actor);
  const delivered = r.schoolId
    ? !!(await q.schoolDelivery(db, n.id, r.schoolId))
    : r.role === 'municipal_admin' && r.cityCode
      ? !!(await q.cityDelivery(db, n.id, r.cityCode))
      : false;
  return noticeVisible(r, n, delivered);
};

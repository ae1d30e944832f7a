import {
  CERTIFICATE_LEVELS,
  type CertificateLevel,
  type ExamSiteCreateInput,
  type ExamSiteDto,
  type ExamSiteUpdateInput,
  type OrgExamSiteCreateInput,
  type Page,
  type PublicExamSiteDto,
  type PublicExamSiteQuery,
} from '@onex/shared';
import type { z } from 'zod';
import type { examSiteQuerySchema } from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { notifySiteApplication, notifySiteClosed } from '../notifications/notifications.service';
import { recordAudit } from '../audit/audit.service';
import { assertSelectableCertificateType } from '../catalog/catalog.service';
import { storePdf } from '../files/files.service';
import {
  type SiteFacts,
  mayApplyForSite,
  mayEditSite,
  mayReadSite,
  mayRegisterOwnSite,
  registerProvinceOf,
  siteActions,
} from './exam-sites.policy';
import * as q from './exam-sites.queries';

/**
 * Exam sites (R5.1; 000 §三(四), 003 §二(五)): a school applies to the certificate's organization to host a site;
 * the organization approves or refuses with a reason; an approved site can be marked open-shared (开放共享) and is
 * then listed in its province's register, which every school of the province reads.
 */

export function siteFacts(r: q.SiteRow): SiteFacts {
  return {
    orgId: r.org_id,
    schoolId: r.school_id,
    provinceCode: r.province_code,
    cityCode: r.city_code,
    status: r.status,
    openShared: r.open_shared,
    registeredBy: r.registered_by,
  };
}

/** Levels in catalog order (junior, intermediate, senior). */
const inOrder = (levels: readonly CertificateLevel[]) => CERTIFICATE_LEVELS.filter((l) => levels.includes(l));

function toDto(actor: Actor, r: q.SiteRow): ExamSiteDto {
  return {
    id: r.id,
    certificateType: { id: r.certificate_type_id, name: r.certificate_type_name },
    organization: { id: r.org_id, name: r.org_name },
    school: r.school_id ? { id: r.school_id, name: r.school_name ?? '' } : null,
    provinceCode: r.province_code,
    cityCode: r.city_code,
    name: r.name,
    address: r.address,
    capacity: r.capacity,
    applicationFileId: r.application_file_id,
    status: r.status,
    openShared: r.open_shared,
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    allowedActions: siteActions(actor, siteFacts(r)),
    levels: r.levels ? inOrder(r.levels) : null,
    registeredBy: r.registered_by,
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    closedReason: r.closed_reason,
  };
}

const auditScope = (r: { province_code: string; city_code: string; school_id: string | null; org_id: string }) => ({
  provinceCode: r.province_code,
  cityCode: r.city_code,
  schoolId: r.school_id,
  orgId: r.org_id,
});

/** A site the actor may read, or 404. */
export async function visibleSite(db: Db, actor: Actor, id: string): Promise<q.SiteRow> {
  const r = await q.findSite(db, id);
  if (!r || !mayReadSite(actor, siteFacts(r))) throw notFound();
  return r;
}

export async function getSite(deps: Deps, ctx: RequestContext, id: string): Promise<ExamSiteDto> {
  const actor = requireActor(ctx);
  return toDto(actor, await visibleSite(deps.db, actor, id));
}

/** The list filter twin of mayReadSite. */
function listWhere(a: Actor) {
  switch (a.role) {
    case 'national_admin':
      return q.ALL;
    case 'province_admin':
      return a.provinceCode ? q.siteEq('province_code', a.provinceCode) : q.NONE;
    case 'municipal_admin':
      return a.cityCode ? q.siteEq('city_code', a.cityCode) : q.NONE;
    case 'org_admin':
      return a.orgId ? q.siteEq('org_id', a.orgId) : q.NONE;
    case 'school_admin':
    case 'department_admin':
    case 'project_leader':
      return a.schoolId ? q.siteEq('school_id', a.schoolId) : q.NONE;
    default:
      return q.NONE;
  }
}

export async function listSites(deps: Deps, ctx: RequestContext, f: z.infer<typeof examSiteQuerySchema>): Promise<Page<ExamSiteDto>> {
  const actor = requireActor(ctx);
  if (actor.role === 'learner' || actor.role === 'expert') throw new AppError('FORBIDDEN');
  const { items, total } = await q.listSites(deps.db, listWhere(actor), f, f.page, f.pageSize);
  return { items: items.map((r) => toDto(actor, r)), total, page: f.page, pageSize: f.pageSize };
}

/** The province's register of open-shared sites (000 §三(四)): readable by every school of the province and its administrators. */
export async function sharedRegister(
  deps: Deps,
  ctx: RequestContext,
  f: z.infer<typeof examSiteQuerySchema> & { provinceCode?: string | undefined },
): Promise<Page<ExamSiteDto>> {
  const actor = requireActor(ctx);
  const province = registerProvinceOf(actor, f.provinceCode);
  if (!province) throw new AppError('FORBIDDEN');
  const where = province === 'all' ? q.ALL : q.siteEq('province_code', province);
  const { items, total } = await q.listSites(deps.db, where, { ...f, status: undefined, sharedOnly: true }, f.page, f.pageSize);
  return { items: items.map((r) => toDto(actor, r)), total, page: f.page, pageSize: f.pageSize };
}

export async function applyForSite(
  deps: Deps,
  ctx: RequestContext,
  input: ExamSiteCreateInput,
  file: { bytes: Buffer; filename: string },
): Promise<ExamSiteDto> {
  const actor = requireActor(ctx);
  if (!mayApplyForSite(actor)) throw new AppError('FORBIDDEN');
  const type = await assertSelectableCertificateType(deps.db, input.certificateTypeId);
  if (input.levels) await assertCertificateLevels(deps.db, type.id, input.levels);
  const school = await q.schoolFacts(deps.db, actor.schoolId!);
  if (!school) throw notFound();
  const levels = input.levels ? inOrder(input.levels) : null;
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const stored = await storePdf(trx, ctx, file.bytes, file.filename, {
      at: now,
      owner: { provinceCode: school.province_code, schoolId: school.id, orgId: type.orgId },
    });
    const siteId = await q.insertSite(trx, {
      org_id: type.orgId,
      school_id: school.id,
      province_code: school.province_code,
      city_code: school.city_code,
      certificate_type_id: type.id,
      name: input.name,
      address: input.address,
      capacity: input.capacity,
      application_file_id: stored.id,
      created_at: now,
      created_by: actor.userId,
      levels,
    });
    await recordAudit(trx, ctx, now, {
      action: 'exam_site.apply',
      targetType: 'exam_site',
      targetId: siteId,
      summary: { certificateTypeId: type.id, name: input.name, capacity: input.capacity, levels, fileId: stored.id, sha256: stored.sha256 },
      scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id, orgId: type.orgId },
    });
    await notifySiteApplication(trx, now, { orgId: type.orgId, schoolName: school.name, siteName: input.name, siteId });
    return siteId;
  });
  return getSite(deps, ctx, id);
}

/** Lock, 404 outside scope, 403 without the action, 409 when the status moved; then update, audit. */
async function changeSite(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  action: 'approve' | 'refuse' | 'share' | 'unshare' | 'close',
  reason: string | null,
): Promise<ExamSiteDto> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await q.lockSite(trx, id);
    const r = await visibleSite(trx, actor, id);
    const facts = siteFacts(r);
    const mayDecide = actor.role === 'org_admin' && actor.orgId === r.org_id;
    const mayShare = mayDecide || (actor.role === 'school_admin' && r.school_id !== null && actor.schoolId === r.school_id);
    if (action === 'share' || action === 'unshare' ? !mayShare : !mayDecide) throw new AppError('FORBIDDEN', { action });
    if (!siteActions(actor, facts).includes(action))
      throw new AppError('CONFLICT', { action, status: r.status, openShared: r.open_shared });
    if (action === 'close' && (await q.openSessionLevels(trx, id)).length > 0) throw new AppError('EXAM_SITE_IN_USE');
    const decided = { reason, decided_at: now, decided_by: actor.userId };
    const set = {
      approve: { status: 'approved' as const, ...decided },
      refuse: { status: 'refused' as const, ...decided },
      close: { status: 'closed' as const, open_shared: false, closed_at: now, closed_by: actor.userId, closed_reason: reason! },
      share: { open_shared: true },
      unshare: { open_shared: false },
    }[action];
    if (!(await q.updateSite(trx, id, r.status, set))) throw new AppError('CONFLICT', { action, status: r.status });
    await recordAudit(trx, ctx, now, {
      action: `exam_site.${action}`,
      targetType: 'exam_site',
      targetId: id,
      summary: { from: { status: r.status, openShared: r.open_shared }, reason },
      scope: auditScope(r),
    });
    if (action === 'close' && r.school_id)
      await notifySiteClosed(trx, now, { schoolId: r.school_id, siteName: r.name, siteId: id, reason: reason! });
  });
  return getSite(deps, ctx, id);
}

export function decideSite(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  b: { decision: 'approved' | 'refused'; reason?: string | null | undefined },
) {
  return changeSite(deps, ctx, id, b.decision === 'approved' ? 'approve' : 'refuse', b.reason ?? null);
}

export function setSiteSharing(deps: Deps, ctx: RequestContext, id: string, openShared: boolean) {
  return changeSite(deps, ctx, id, openShared ? 'share' : 'unshare', null);
}

/**
 * `POST /api/v1/exam-sites/{id}/closure`: the organization closes (撤销) an approved site with a reason — it leaves the
 * registers and takes no new sessions; 409 EXAM_SITE_IN_USE while a session there is not closed. The host school is told.
 */
export function closeSite(deps: Deps, ctx: RequestContext, id: string, reason: string): Promise<ExamSiteDto> {
  return changeSite(deps, ctx, id, 'close', reason);
}

// ---- Issue 17 item 8: an organization's own sites, and the public register ----

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });

/** Levels outside the certificate's are refused (the site examines levels the certificate has). */
async function assertCertificateLevels(db: Db, certificateTypeId: string, levels: readonly CertificateLevel[]): Promise<void> {
  const known = await q.certificateLevels(db, certificateTypeId);
  const unknown = levels.filter((l) => !known.includes(l));
  if (unknown.length) throw invalid('levels', '该证书没有所选等级');
}

/**
 * `POST /api/v1/org-exam-sites` (R5.1: an organization or a school applies; the organization approves): the
 * organization registers a site of its own for one of its certificates — approved at once (it is the approver), never
 * hosted by a school, optionally open-shared, audited as `exam_site.register`.
 */
export async function registerOwnSite(deps: Deps, ctx: RequestContext, input: OrgExamSiteCreateInput): Promise<ExamSiteDto> {
  const actor = requireActor(ctx);
  if (!mayRegisterOwnSite(actor)) throw new AppError('FORBIDDEN');
  const type = await assertSelectableCertificateType(deps.db, input.certificateTypeId);
  if (type.orgId !== actor.orgId) throw new AppError('FORBIDDEN', { certificateTypeId: input.certificateTypeId });
  await assertCertificateLevels(deps.db, type.id, input.levels);
  const city = await q.cityOf(deps.db, input.cityCode);
  if (!city?.parent_code) throw invalid('cityCode', '请选择地市');
  const now = deps.clock.now();
  const levels = inOrder(input.levels);
  const id = await deps.db.transaction().execute(async (trx) => {
    const siteId = await q.insertSite(trx, {
      org_id: type.orgId,
      school_id: null,
      province_code: city.parent_code!,
      city_code: city.code,
      certificate_type_id: type.id,
      name: input.name,
      address: input.address,
      capacity: input.capacity,
      application_file_id: null,
      created_at: now,
      created_by: actor.userId,
      registered_by: 'organization',
      levels,
      status: 'approved',
      open_shared: input.openShared,
      decided_at: now,
      decided_by: actor.userId,
    });
    await recordAudit(trx, ctx, now, {
      action: 'exam_site.register',
      targetType: 'exam_site',
      targetId: siteId,
      summary: {
        certificateTypeId: type.id,
        name: input.name,
        address: input.address,
        cityCode: city.code,
        capacity: input.capacity,
        levels,
        openShared: input.openShared,
      },
      scope: { provinceCode: city.parent_code!, cityCode: city.code, schoolId: null, orgId: type.orgId },
    });
    return siteId;
  });
  return getSite(deps, ctx, id);
}

/**
 * `PATCH /api/v1/exam-sites/{id}`: the organization edits a site it registered (name, address, capacity, levels).
 * 404 for a site it cannot read (another organization's), 403 for a school's application; capacity not below a
 * session not yet closed, no level dropped while a session of it is not closed. Audited with what changed.
 */
export async function editOwnSite(deps: Deps, ctx: RequestContext, id: string, input: ExamSiteUpdateInput): Promise<ExamSiteDto> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await q.lockSite(trx, id);
    const r = await visibleSite(trx, actor, id);
    if (!mayEditSite(actor, siteFacts(r))) throw new AppError('FORBIDDEN', { action: 'edit' });
    if (r.status !== 'approved') throw new AppError('CONFLICT', { action: 'edit', status: r.status }); // closed
    const levels = input.levels ? inOrder(input.levels) : undefined;
    if (levels) {
      await assertCertificateLevels(trx, r.certificate_type_id, levels);
      const busy = (await q.openSessionLevels(trx, id)).filter((l) => !levels.includes(l));
      if (busy.length) throw invalid('levels', '该站点仍有未结束的考核场次使用被移除的等级');
    }
    if (input.capacity !== undefined) {
      const largest = await q.largestOpenSession(trx, id);
      if (input.capacity < largest) throw invalid('capacity', `容量不能小于未结束场次的考核人数（${largest} 人）`);
    }
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.address !== undefined ? { address: input.address } : {}),
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      ...(levels ? { levels } : {}),
    };
    const before = {
      ...(input.name !== undefined ? { name: r.name } : {}),
      ...(input.address !== undefined ? { address: r.address } : {}),
      ...(input.capacity !== undefined ? { capacity: r.capacity } : {}),
      ...(levels ? { levels: r.levels } : {}),
    };
    await q.editSite(trx, id, { ...set, updated_at: now });
    await recordAudit(trx, ctx, now, {
      action: 'exam_site.update',
      targetType: 'exam_site',
      targetId: id,
      summary: { from: before, to: set },
      scope: auditScope(r),
    });
  });
  return getSite(deps, ctx, id);
}

/** `GET /api/v1/public/exam-sites`: the public register 考核站点名录 — approved sites of every organization, no account. */
export async function listPublicSites(deps: Deps, f: PublicExamSiteQuery): Promise<Page<PublicExamSiteDto>> {
  const { items, total } = await q.listPublicSites(deps.db, f);
  return {
    items: items.map((r) => ({
      id: r.id,
      name: r.name,
      address: r.address,
      provinceCode: r.province_code,
      provinceName: r.province_name,
      cityCode: r.city_code,
      cityName: r.city_name,
      organization: { id: r.org_id, name: r.org_name },
      certificateType: { id: r.certificate_type_id, name: r.certificate_type_name },
      levels: inOrder(r.levels ?? []),
      capacity: r.capacity,
      openShared: r.open_shared,
      hostSchool: r.school_name ? { name: r.school_name } : null,
      registeredBy: r.registered_by,
    })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

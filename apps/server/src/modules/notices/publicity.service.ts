import {
  CERTIFICATE_LEVEL_LABELS,
  type CertificateLevel,
  type ComplaintSubjectType,
  type CreatePublicityRequest,
  type Page,
  PUBLICITY_CANDIDATE_LIMIT,
  PUBLICITY_SUBJECT_LABELS,
  type PublicityCandidateDto,
  type PublicityCandidateQuery,
  type PublicityDetailDto,
  type PublicityDto,
  type PublicityObjectionRequest,
  type PublicityQuery,
  type PublicitySubjectType,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { auditedTransaction, recordAudit } from '../audit/audit.service';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import { complaintFiledAudit, fileComplaintIn } from '../supervision/complaints.service';
import * as q from './publicity.queries';
import { publicityEndsOn, publicityStatus } from './notices.rules';

export const PUBLICITY_ROLES = ['national_admin', 'province_admin', 'org_admin'] as const;

/** What a subject shows on display, whom it belongs to, and whom an objection is about. */
export interface PublicitySnapshot {
  title: string;
  provinceCode: string | null;
  orgId: string | null;
  complaintSubject: { type: ComplaintSubjectType; id: string };
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | null>[];
}

/**
 * How each subject type is read: the record within the actor's scope (otherwise 404), eligible for display
 * (otherwise 409 PUBLICITY_SUBJECT_NOT_ELIGIBLE).
 */
export type PublicitySubjectLoader = (db: Db, actor: Actor, subjectId: string) => Promise<PublicitySnapshot>;
export const PUBLICITY_SUBJECTS: Partial<Record<PublicitySubjectType, PublicitySubjectLoader>> = {
  /** 001 第九条: an approved filing (the province's decision) is displayed before it is published. */
  filing: async (db, actor, id) => {
    const f = await q.filingSubject(db, id);
    if (!f || actor.role === 'org_admin' || !inScope(scopeOf(actor), { provinceCode: f.province_code })) throw notFound();
    if (f.decision !== 'approved' || !['approved', 'published'].includes(f.status)) throw new AppError('PUBLICITY_SUBJECT_NOT_ELIGIBLE');
    const levels = f.levels.map((l) => CERTIFICATE_LEVEL_LABELS[l]?.zh ?? l).join('、');
    return {
      title: `${f.year} 年 1+X 证书制度试点备案公示：${f.school_name}（${f.certificate_name}）`,
      provinceCode: f.province_code,
      orgId: null,
      complaintSubject: { type: 'school', id: f.school_id },
      columns: [
        { key: 'school', label: '院校' },
        { key: 'department', label: '二级学院' },
        { key: 'certificate', label: '证书' },
        { key: 'levels', label: '等级' },
        { key: 'year', label: '年度' },
      ],
      rows: [{ school: f.school_name, department: f.department_name, certificate: f.certificate_name, levels, year: f.year }],
    };
  },
  /** A case the province selected (R9.2) is displayed before the collection is published, as 000 三（三） expects. */
  typical_case: async (db, actor, id) => {
    const c = await q.typicalCaseSubject(db, id);
    if (!c || actor.role === 'org_admin' || !inScope(scopeOf(actor), { provinceCode: c.province_code })) throw notFound();
    if (c.status !== 'selected') throw new AppError('PUBLICITY_SUBJECT_NOT_ELIGIBLE');
    return {
      title: `${c.collection_title}入选案例公示：${c.school_name}《${c.title}》`,
      provinceCode: c.province_code,
      orgId: null,
      complaintSubject: { type: 'school', id: c.school_id },
      columns: [
        { key: 'school', label: '院校' },
        { key: 'title', label: '案例名称' },
        { key: 'category', label: '案例类别' },
        { key: 'year', label: '年度' },
      ],
      rows: [{ school: c.school_name, title: c.title, category: c.category, year: c.year }],
    };
  },
  /** A session's issued-certificate list, without ID numbers. */
  session_certificates: async (db, actor, id) => {
    const s = await q.sessionSubject(db, id);
    if (!s || !inScope(scopeOf(actor), { provinceCode: s.province_code, orgId: s.org_id })) throw notFound();
    const certs = await q.sessionCertificates(db, id);
    if (certs.length === 0) throw new AppError('PUBLICITY_SUBJECT_NOT_ELIGIBLE');
    const level = CERTIFICATE_LEVEL_LABELS[s.level as CertificateLevel]?.zh ?? s.level;
    return {
      title: `${s.certificate_name}（${level}）${String(s.exam_date).slice(0, 10)} 考核证书颁发名单公示`,
      provinceCode: s.province_code,
      orgId: s.org_id,
      complaintSubject: { type: 'certificateType', id: s.certificate_type_id },
      columns: [
        { key: 'name', label: '姓名' },
        { key: 'school', label: '院校' },
        { key: 'number', label: '证书编号' },
        { key: 'issuedOn', label: '发证日期' },
      ],
      rows: certs.map((c) => ({
        name: c.holder_name,
        school: c.school_name,
        number: c.number,
        issuedOn: String(c.issued_on).slice(0, 10),
      })),
    };
  },
};

function dto(p: q.PublicityRow, today: string): PublicityDto {
  return {
    id: p.id,
    subjectType: p.subject_type,
    subjectId: p.subject_id,
    title: p.title,
    provinceCode: p.province_code,
    startsOn: String(p.starts_on).slice(0, 10),
    endsOn: String(p.ends_on).slice(0, 10),
    days: p.days,
    status: publicityStatus({ startsOn: String(p.starts_on).slice(0, 10), endsOn: String(p.ends_on).slice(0, 10) }, today),
    objections: p.objections,
    createdAt: p.created_at.toISOString(),
  };
}
const detail = (p: q.PublicityRow, today: string): PublicityDetailDto => ({
  ...dto(p, today),
  note: p.note,
  columns: p.columns,
  rows: p.rows,
});

/** R9.4: puts a subject on public display for N days (from today or a later day); it closes by itself after its last day. */
export async function openPublicity(deps: Deps, ctx: RequestContext, b: CreatePublicityRequest): Promise<PublicityDetailDto> {
  const actor = requireActor(ctx, PUBLICITY_ROLES);
  const load = PUBLICITY_SUBJECTS[b.subjectType];
  if (!load) throw new AppError('PUBLICITY_SUBJECT_NOT_ELIGIBLE');
  const snap = await load(deps.db, actor, b.subjectId);
  const today = chinaDate(deps.clock.now());
  const startsOn = b.startsOn && b.startsOn > today ? b.startsOn : today;
  const id = await auditedTransaction(deps, ctx, async (trx, now) => {
    if (await q.itemOf(trx, b.subjectType, b.subjectId)) throw new AppError('PUBLICITY_ALREADY_EXISTS');
    const endsOn = publicityEndsOn(startsOn, b.days);
    const r = await q.insertItem(trx, {
      subject_type: b.subjectType,
      subject_id: b.subjectId,
      title: snap.title,
      note: b.note ?? null,
      province_code: snap.provinceCode,
      org_id: snap.orgId,
      complaint_subject_type: snap.complaintSubject.type,
      complaint_subject_id: snap.complaintSubject.id,
      columns: JSON.stringify(snap.columns),
      rows: JSON.stringify(snap.rows),
      starts_on: startsOn,
      days: b.days,
      ends_on: endsOn,
      created_at: now,
      created_by: actor.userId,
    });
    return {
      result: r.id,
      audit: {
        action: 'publicity.open',
        targetType: 'publicity',
        targetId: r.id,
        summary: { subjectType: b.subjectType, subjectId: b.subjectId, startsOn, endsOn, days: b.days, rows: snap.rows.length },
        scope: { provinceCode: snap.provinceCode, orgId: snap.orgId },
      },
    };
  });
  return detail((await q.findItem(deps.db, id))!, today);
}

/**
 * Issue 14 item 3: what the actor may put on display, for the 公示 page's picker — the items of one subject type that
 * its loader in PUBLICITY_SUBJECTS would accept (same scope, same eligibility), at most PUBLICITY_CANDIDATE_LIMIT,
 * newest first, narrowed by `q` (school, certificate or case title); those already on display are marked.
 */
export async function listPublicityCandidates(
  deps: Deps,
  ctx: RequestContext,
  f: PublicityCandidateQuery,
): Promise<{ items: PublicityCandidateDto[] }> {
  const actor = requireActor(ctx, PUBLICITY_ROLES);
  const scope = scopeOf(actor);
  const limit = PUBLICITY_CANDIDATE_LIMIT;
  const search = f.q?.trim() || undefined;
  const level = (l: string) => CERTIFICATE_LEVEL_LABELS[l as CertificateLevel]?.zh ?? l;
  if (f.subjectType === 'filing')
    return {
      items: (await q.filingCandidates(deps.db, scope, search, limit)).map((r) => ({
        id: r.id,
        subjectType: f.subjectType,
        label: `${r.school_name}（${r.certificate_name}）`,
        detail: `${r.year} 年 · ${r.department_name}`,
        displayed: r.displayed,
      })),
    };
  if (f.subjectType === 'typical_case')
    return {
      items: (await q.typicalCaseCandidates(deps.db, scope, search, limit)).map((r) => ({
        id: r.id,
        subjectType: f.subjectType,
        label: `${r.school_name}《${r.title}》`,
        detail: r.collection_title,
        displayed: r.displayed,
      })),
    };
  return {
    items: (await q.sessionCandidates(deps.db, scope, search, limit)).map((r) => ({
      id: r.id,
      subjectType: f.subjectType,
      label: `${r.certificate_name}（${level(r.level)}）${String(r.exam_date).slice(0, 10)}`,
      detail: `已颁发 ${r.issued} 张证书`,
      displayed: r.displayed,
    })),
  };
}

export async function listPublicity(deps: Deps, ctx: RequestContext, f: PublicityQuery): Promise<Page<PublicityDto>> {
  const actor = requireActor(ctx, PUBLICITY_ROLES);
  const today = chinaDate(deps.clock.now());
  const { items, total } = await q.listItems(deps.db, scopeOf(actor), f, today);
  return { items: items.map((p) => dto(p, today)), total, page: f.page, pageSize: f.pageSize };
}

export async function listPublicPublicity(deps: Deps, f: PublicityQuery): Promise<Page<PublicityDto>> {
  const today = chinaDate(deps.clock.now());
  const { items, total } = await q.listItems(deps.db, null, f, today);
  return { items: items.map((p) => dto(p, today)), total, page: f.page, pageSize: f.pageSize };
}

/** A displayed item (started; closed ones stay readable as a record); not yet started → 404. */
export async function publicPublicity(deps: Deps, id: string): Promise<PublicityDetailDto> {
  const today = chinaDate(deps.clock.now());
  const p = await q.findItem(deps.db, id);
  if (!p || String(p.starts_on).slice(0, 10) > today) throw notFound();
  return detail(p, today);
}

/**
 * An objection (异议) during the period: a complaint (R8.5) about the item's subject, category 其他, linked to the item;
 * its handlers are told as for any complaint. After the last day → 409 PUBLICITY_NOT_OPEN.
 */
export async function objectTo(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  b: PublicityObjectionRequest,
): Promise<{ trackingCode: string }> {
  const p = await q.findItem(deps.db, id);
  const today = chinaDate(deps.clock.now());
  if (!p || String(p.starts_on).slice(0, 10) > today) throw notFound();
  if (publicityStatus({ startsOn: String(p.starts_on).slice(0, 10), endsOn: String(p.ends_on).slice(0, 10) }, today) !== 'open')
    throw new AppError('PUBLICITY_NOT_OPEN');
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const c = await fileComplaintIn(deps, trx, ctx, now, {
      category: 'other',
      subjectType: p.complaint_subject_type,
      subjectId: p.complaint_subject_id,
      content: `【对${PUBLICITY_SUBJECT_LABELS[p.subject_type].zh}公示的异议】${p.title}\n${b.content}`.slice(0, 2000),
      ...(b.contactName ? { contactName: b.contactName } : {}),
      ...(b.contactPhone ? { contactPhone: b.contactPhone } : {}),
    });
    await q.linkObjection(trx, c.id, p.id, now);
    await recordAudit(trx, ctx, now, complaintFiledAudit(c));
    await recordAudit(trx, ctx, now, {
      action: 'publicity.object',
      targetType: 'publicity',
      targetId: p.id,
      summary: { complaintId: c.id },
      scope: { provinceCode: p.province_code, orgId: p.org_id },
    });
    return { trackingCode: c.tracking_code };
  });
}

import type { ConsultationDto, Page, Role } from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { auditedTransaction } from '../audit/audit.service';
import { notify } from '../notifications/notifications.service';
import * as q from './consultations.queries';

/**
 * The consultation desk (教职成司函〔2019〕36号 三.5): schools and learners ask an evaluation organization about its
 * certificates; the organization answers its own questions and may publish an answer as public FAQ. An asker sees its
 * own questions (a school all of its school's); nobody else's until published — and a published one never names a
 * learner.
 */
export const ASKER_ROLES: readonly Role[] = ['school_admin', 'department_admin', 'project_leader', 'learner'];
const READ_ROLES: readonly Role[] = [...ASKER_ROLES, 'org_admin'];

function dto(c: q.ConsultationRow): ConsultationDto {
  return {
    id: c.id,
    orgId: c.org_id,
    orgName: c.org_name,
    certificateTypeId: c.certificate_type_id,
    certificateTypeName: c.certificate_type_name,
    askerRole: c.asker_role,
    askerName: c.asker_role === 'learner' ? '学习者' : (c.school_name ?? '院校'),
    question: c.question,
    answer: c.answer,
    askedAt: c.asked_at.toISOString(),
    answeredAt: c.answered_at?.toISOString() ?? null,
    published: c.published,
  };
}

function whoseOf(actor: Actor): q.Whose {
  if (actor.role === 'org_admin') return { orgId: actor.orgId ?? '-' };
  if (actor.role === 'school_admin') return { schoolId: actor.schoolId ?? '-' };
  return { userId: actor.userId };
}

function mayRead(actor: Actor, c: q.ConsultationRow): boolean {
  const w = whoseOf(actor);
  if ('orgId' in w) return c.org_id === w.orgId;
  if ('schoolId' in w) return c.school_id === w.schoolId;
  return c.asker_user_id === w.userId;
}

export async function ask(
  deps: Deps,
  ctx: RequestContext,
  b: { orgId: string; certificateTypeId?: string | undefined; question: string },
): Promise<ConsultationDto> {
  const actor = requireActor(ctx, ASKER_ROLES);
  if (!(await q.orgExists(deps.db, b.orgId))) throw notFound();
  if (b.certificateTypeId) {
    const ct = await q.certificateTypeOf(deps.db, b.certificateTypeId);
    if (!ct || ct.org_id !== b.orgId) throw notFound();
  }
  const school = actor.schoolId ? await q.schoolFacts(deps.db, actor.schoolId) : undefined;
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const id = await q.insertConsultation(trx, {
      orgId: b.orgId,
      certificateTypeId: b.certificateTypeId ?? null,
      askerUserId: actor.userId,
      askerRole: actor.role,
      schoolId: school?.id ?? null,
      provinceCode: school?.province_code ?? null,
      question: b.question,
      at: now,
    });
    await notify(trx, now, {
      to: { role: 'org_admin', orgId: b.orgId },
      kind: 'consultation',
      title: '收到新的咨询问题',
      body: b.question.slice(0, 80),
      link: '/consultations',
    });
    return {
      result: dto((await q.findConsultation(trx, id))!),
      audit: {
        action: 'consultation.ask',
        targetType: 'consultation',
        targetId: id,
        summary: { orgId: b.orgId, certificateTypeId: b.certificateTypeId ?? null },
        scope: { orgId: b.orgId, schoolId: school?.id ?? null, provinceCode: school?.province_code ?? null },
      },
    };
  });
}

export async function list(
  deps: Deps,
  ctx: RequestContext,
  f: { answered?: 'true' | 'false'; q?: string; page: number; pageSize: number },
): Promise<Page<ConsultationDto>> {
  const actor = requireActor(ctx, READ_ROLES);
  const { items, total } = await q.listConsultations(
    deps.db,
    whoseOf(actor),
    { q: f.q, answered: f.answered === undefined ? undefined : f.answered === 'true' },
    f.page,
    f.pageSize,
  );
  return { items: items.map(dto), total, page: f.page, pageSize: f.pageSize };
}

async function ownQuestion(db: Db, actor: Actor, id: string) {
  const c = await q.lockConsultation(db, id);
  if (!c || !mayRead(actor, c)) throw notFound();
  return c;
}

/** The organization answers a question about its certificates, and may publish it as FAQ at once. */
export async function answer(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  b: { answer: string; publish: boolean },
): Promise<ConsultationDto> {
  const actor = requireActor(ctx, ['org_admin']);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const c = await ownQuestion(trx, actor, id);
    if (c.answer !== null) throw new AppError('CONSULTATION_ALREADY_ANSWERED');
    await q.answer(trx, id, { answer: b.answer, by: actor.userId, at: now, published: b.publish });
    await notify(trx, now, {
      to: { userIds: [c.asker_user_id] },
      kind: 'consultation_answered',
      title: `${c.org_name} 已答复您的咨询`,
      body: b.answer.slice(0, 80),
      link: '/consultations',
    });
    return {
      result: dto((await q.findConsultation(trx, id))!),
      audit: {
        action: 'consultation.answer',
        targetType: 'consultation',
        targetId: id,
        summary: { published: b.publish },
        scope: { orgId: c.org_id },
      },
    };
  });
}

export async function setPublished(deps: Deps, ctx: RequestContext, id: string, published: boolean): Promise<ConsultationDto> {
  const actor = requireActor(ctx, ['org_admin']);
  return auditedTransaction(deps, ctx, async (trx) => {
    const c = await ownQuestion(trx, actor, id);
    if (published && c.answer === null) throw new AppError('CONSULTATION_NOT_ANSWERED');
    await q.setPublished(trx, id, published);
    return {
      result: dto((await q.findConsultation(trx, id))!),
      audit: {
        action: published ? 'consultation.publish' : 'consultation.unpublish',
        targetType: 'consultation',
        targetId: id,
        scope: { orgId: c.org_id },
      },
    };
  });
}

/** Public FAQ: published answers only, without the asker. */
export async function publicFaqs(deps: Deps, f: { orgId?: string; q?: string; page: number; pageSize: number }) {
  const { items, total } = await q.publicFaqs(deps.db, f, f.page, f.pageSize);
  return {
    items: items.map((c) => ({
      id: c.id,
      orgName: c.org_name,
      certificateTypeName: c.certificate_type_name,
      question: c.question,
      answer: c.answer!,
      answeredAt: c.answered_at!.toISOString(),
    })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

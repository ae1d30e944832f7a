import {
  type CertificateLevel,
  type FeeNoticeDto,
  type FeeNoticeInput,
  type Page,
  chinaDate,
  type feeNoticeQuerySchema,
  feeNoticeProblems,
} from '@onex/shared';
import type { z } from 'zod';
import { type RequestContext, requireActor } from '../../auth/actor';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { applicableFeeCap } from '../policies/fee-caps';
import * as q from './fee-notices.queries';

/**
 * The organizations' fee notices (收费公告, issue 17 item 6; R1.2): per certificate level, the fee for pilot schools and
 * for social candidates and the date it takes effect, each fee at most the level's national cap. Published by the
 * certificate's organization (audited), read by anyone — without an account too. The notice in force for a level
 * bounds the agreements' fees (with the cap applicable to the school) and sets what a social candidate pays.
 */

const toDto = (r: q.NoticeRow): FeeNoticeDto => ({
  id: r.id,
  organization: { id: r.org_id, name: r.org_name },
  certificateType: { id: r.certificate_type_id, name: r.certificate_type_name, code: r.certificate_type_code },
  level: r.level,
  schoolFeeFen: r.school_fee_fen,
  socialFeeFen: r.social_fee_fen,
  capFen: r.cap_fen,
  effectiveOn: String(r.effective_on).slice(0, 10),
  note: r.note,
  publishedAt: r.published_at.toISOString(),
  state: r.state,
});

type Query = z.infer<typeof feeNoticeQuerySchema>;

/** GET /public/fee-notices: every organization's notices of published certificates (no account needed). */
export async function listPublicNotices(deps: Deps, f: Query): Promise<Page<FeeNoticeDto>> {
  const { items, total } = await q.listNotices(deps.db, chinaDate(deps.clock.now()), { ...f, publishedOnly: true }, f.page, f.pageSize);
  return { items: items.map(toDto), total, page: f.page, pageSize: f.pageSize };
}

/** GET /fee-notices: an organization its own notices (any certificate status); anyone else signed in, the public list. */
export async function listNotices(deps: Deps, ctx: RequestContext, f: Query): Promise<Page<FeeNoticeDto>> {
  const actor = requireActor(ctx);
  if (actor.role !== 'org_admin') return listPublicNotices(deps, f);
  if (!actor.orgId) throw new AppError('FORBIDDEN');
  const { items, total } = await q.listNotices(deps.db, chinaDate(deps.clock.now()), { ...f, orgId: actor.orgId }, f.page, f.pageSize);
  return { items: items.map(toDto), total, page: f.page, pageSize: f.pageSize };
}

/**
 * POST /fee-notices: the organization of a published certificate publishes a level's notice, effective today or
 * later (a notice never changes the past); each fee at most the level's national cap.
 */
export async function publishNotice(deps: Deps, ctx: RequestContext, input: FeeNoticeInput): Promise<FeeNoticeDto> {
  const actor = requireActor(ctx, ['org_admin']);
  const ct = await q.certificateTypeOf(deps.db, input.certificateTypeId);
  if (!ct || ct.org_id !== actor.orgId) throw notFound();
  if (ct.status !== 'published') throw new AppError('CERTIFICATE_TYPE_NOT_SELECTABLE', { certificateTypeId: ct.id, status: ct.status });
  const today = chinaDate(deps.clock.now());
  if (input.effectiveOn < today)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.effectiveOn', message: `执行日期不能早于今天（${today}）` }] });
  const now = deps.clock.now();
  const { id } = await deps.db
    .transaction()
    .execute((trx) => writeNotice(trx, ctx, now, { ...input, orgId: ct.org_id, note: input.note ?? null }));
  const { items } = await q.listNotices(deps.db, today, { orgId: ct.org_id, certificateTypeId: ct.id, level: input.level }, 1, 200);
  return toDto(items.find((i) => i.id === id)!);
}

/**
 * Checks a notice against the level's national cap and writes it with its audit row in the caller's transaction;
 * returns its id. The social-fee shortcut (`PUT /social-exam-fees`) writes through here too.
 */
export async function writeNotice(
  trx: Db,
  ctx: RequestContext,
  now: Date,
  v: Omit<FeeNoticeInput, 'note'> & { orgId: string; note: string | null },
): Promise<{ id: string; capFen: number }> {
  const cap = await applicableFeeCap(trx, 'national', v.certificateTypeId, v.level);
  const problems = feeNoticeProblems(v, cap?.capFen);
  if (problems.length)
    throw new AppError(
      problems[0]!.code,
      { level: v.level, schoolFeeFen: v.schoolFeeFen, socialFeeFen: v.socialFeeFen, capFen: cap?.capFen ?? null },
      problems.map((p) => p.message).join('；'),
    );
  const id = await q.insertNotice(trx, { ...v, capFen: cap!.capFen, at: now, by: ctx.actor?.userId ?? null });
  await recordAudit(trx, ctx, now, {
    action: 'fee_notice.publish',
    targetType: 'fee_notice',
    targetId: id,
    summary: {
      certificateTypeId: v.certificateTypeId,
      level: v.level,
      schoolFeeFen: v.schoolFeeFen,
      socialFeeFen: v.socialFeeFen,
      capFen: cap!.capFen,
      effectiveOn: v.effectiveOn,
      note: v.note,
    },
    scope: { orgId: v.orgId },
  });
  return { id, capFen: cap!.capFen };
}

/** The notice of a level in force on a date (YYYY-MM-DD), for agreements and the social channel. */
export async function noticeInForce(db: Db, certificateTypeId: string, level: CertificateLevel, date: string) {
  return q.noticeInForce(db, certificateTypeId, level, date);
}

import {
  type Page,
  type ScoreReviewDecision,
  type ScoreReviewDto,
  type scoreReviewCreateSchema,
  type scoreReviewQuerySchema,
} from '@onex/shared';
import type { z } from 'zod';
import { type RequestContext, requireActor } from '../../auth/actor';
import { type Scope, scopeOf } from '../../auth/scope';
import { isUniqueViolation } from '../../db/errors';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { certificateFollowsResult } from '../certificates/certificates.service';
import { correctOneResult } from '../results-import/results-import.service';
import * as q from './score-reviews.queries';
import { reviewWindowOpen } from './score-reviews.rules';

/**
 * 成绩复核 (issue 17 item 4): during 成绩公示 a candidate asks for a review of its score with a reason; the
 * organization answers — upheld, or corrected with the new score through the results import's checks
 * (`correctOneResult`), and the certificate follows (`certificateFollowsResult`) in the same transaction. Issuance of
 * the session waits until its open reviews are answered.
 */

const READ_ROLES = ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'org_admin'] as const;

function toDto(r: q.ReviewRow): ScoreReviewDto {
  return {
    id: r.id,
    registrationId: r.registration_id,
    session: {
      id: r.session_id,
      certificateTypeName: r.certificate_type_name,
      level: r.level,
      examDate: String(r.exam_date).slice(0, 10),
    },
    candidateName: r.candidate_name,
    schoolName: r.school_name,
    originalScore: Number(r.original_score),
    originalPassed: r.original_passed,
    reason: r.reason,
    status: r.status,
    answer: r.answer,
    newScore: r.new_score === null ? null : Number(r.new_score),
    newPassed: r.new_passed,
    certificateEffect: r.certificate_effect,
    requestedAt: r.requested_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
  };
}

const scopeFacts = (r: { province_code: string; city_code: string; school_id: string | null; org_id: string }) => ({
  provinceCode: r.province_code,
  cityCode: r.city_code,
  schoolId: r.school_id,
  orgId: r.org_id,
});

/** `POST /api/v1/me/score-reviews`: the candidate asks, for its own published score, within the 公示期. */
export async function requestReview(
  deps: Deps,
  ctx: RequestContext,
  input: z.infer<typeof scoreReviewCreateSchema>,
): Promise<ScoreReviewDto> {
  const actor = requireActor(ctx, ['learner']);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const r = await q.registrationForReview(trx, input.registrationId);
    if (!r || r.learner_user_id !== actor.userId) throw notFound();
    if (!reviewWindowOpen({ status: r.session_status, scores_published_at: r.scores_published_at, publicity_days: r.publicity_days }, now))
      throw new AppError('SCORE_REVIEW_CLOSED', { status: r.session_status });
    if (!r.result_id || r.score === null || r.passed === null) throw new AppError('SCORE_REVIEW_NO_RESULT');
    let reviewId: string;
    try {
      reviewId = await q.insertReview(trx, {
        registrationId: r.id,
        sessionId: r.session_id,
        learnerId: r.learner_id,
        orgId: r.org_id,
        schoolId: r.school_id,
        provinceCode: r.province_code,
        cityCode: r.city_code,
        resultId: r.result_id,
        score: String(r.score),
        passed: r.passed,
        reason: input.reason,
        at: now,
        by: actor.userId,
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('SCORE_REVIEW_EXISTS');
      throw e;
    }
    await recordAudit(trx, ctx, now, {
      action: 'score_review.request',
      targetType: 'score_review',
      targetId: reviewId,
      summary: { registrationId: r.id, sessionId: r.session_id, score: Number(r.score), passed: r.passed, reason: input.reason },
      scope: scopeFacts(r),
    });
    return reviewId;
  });
  return toDto((await q.findReview(deps.db, id))!);
}

export async function myReviews(deps: Deps, ctx: RequestContext): Promise<{ items: ScoreReviewDto[] }> {
  const actor = requireActor(ctx, ['learner']);
  return { items: (await q.reviewsOfUser(deps.db, actor.userId)).map(toDto) };
}

/** Reviews within the actor's scope: the organization its own, the school its candidates', the regions theirs. */
function reviewScope(scope: Scope): Scope {
  return scope.kind === 'department' ? { kind: 'school', schoolId: scope.schoolId } : scope;
}

export async function listReviews(
  deps: Deps,
  ctx: RequestContext,
  f: z.infer<typeof scoreReviewQuerySchema>,
): Promise<Page<ScoreReviewDto>> {
  const actor = requireActor(ctx, READ_ROLES);
  const { items, total } = await q.listReviews(deps.db, reviewScope(scopeOf(actor)), f, f.page, f.pageSize);
  return { items: items.map(toDto), total, page: f.page, pageSize: f.pageSize };
}

/**
 * `POST /api/v1/score-reviews/{id}/decision`: the session's organization answers. A correction writes the new
 * result like an import (checked, superseding, audited) and the certificate follows, all in one transaction.
 */
export async function decideReview(deps: Deps, ctx: RequestContext, id: string, d: ScoreReviewDecision): Promise<ScoreReviewDto> {
  const actor = requireActor(ctx, ['org_admin']);
  const r = await q.findReview(deps.db, id);
  if (!r || r.org_id !== actor.orgId) throw notFound();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await q.lockReview(trx, id);
    if (!locked) throw notFound();
    if (locked.status !== 'open') throw new AppError('SCORE_REVIEW_DECIDED');
    if (d.outcome === 'upheld') {
      await q.decideReview(trx, {
        id,
        status: 'upheld',
        answer: d.answer,
        newScore: null,
        newPassed: null,
        importId: null,
        effect: null,
        at: now,
        by: actor.userId,
      });
      await recordAudit(trx, ctx, now, {
        action: 'score_review.uphold',
        targetType: 'score_review',
        targetId: id,
        summary: { registrationId: r.registration_id, answer: d.answer },
        scope: scopeFacts(r),
      });
      return;
    }
    const corrected = await correctOneResult(trx, deps, ctx, {
      sessionId: r.session_id,
      registrationId: r.registration_id,
      score: d.score,
      passed: d.passed,
      note: `成绩复核：${d.answer}`,
      key: id,
      at: now,
    });
    const effect = await certificateFollowsResult(trx, deps.config, ctx, {
      sessionId: r.session_id,
      registrationId: r.registration_id,
      passed: corrected.passed,
      reason: `成绩复核更正：总成绩 ${Number(r.original_score)} → ${Number(corrected.score)}，${corrected.passed ? '合格' : '不合格'}（${d.answer}）`,
      now,
    });
    await q.decideReview(trx, {
      id,
      status: 'corrected',
      answer: d.answer,
      newScore: corrected.score,
      newPassed: corrected.passed,
      importId: corrected.importId,
      effect,
      at: now,
      by: actor.userId,
    });
    await recordAudit(trx, ctx, now, {
      action: 'score_review.correct',
      targetType: 'score_review',
      targetId: id,
      summary: {
        registrationId: r.registration_id,
        answer: d.answer,
        from: { score: Number(r.original_score), passed: r.original_passed },
        to: { score: Number(corrected.score), passed: corrected.passed },
        importId: corrected.importId,
        certificate: effect,
      },
      scope: scopeFacts(r),
    });
  });
  return toDto((await q.findReview(deps.db, id))!);
}

import type { ScoreReviewCertificateEffect, ScoreReviewStatus } from '@onex/shared';
import { type Kysely, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import type { DB } from '../../db/schema';
import { paginate } from '../../db/list-query';
import { scopeWhere } from '../../db/scope-filter';

type Db = Kysely<DB>;

const REVIEW_SCOPE = {
  provinceCode: 'sr.province_code',
  cityCode: 'sr.city_code',
  schoolId: 'sr.school_id',
  orgId: 'sr.org_id',
} as const;

/** A registration with its learner, session (publicity facts) and current result: what asking for a review needs. */
export function registrationForReview(db: Db, registrationId: string) {
  return db
    .selectFrom('exam_registrations as r')
    .innerJoin('learners as l', 'l.id', 'r.learner_id')
    .innerJoin('exam_sessions as s', 's.id', 'r.session_id')
    .innerJoin('evaluation_orgs as o', 'o.id', 's.org_id')
    .leftJoin('exam_results as er', (j) => j.onRef('er.registration_id', '=', 'r.id').on('er.superseded_at', 'is', null))
    .select([
      'r.id',
      'r.session_id',
      'r.learner_id',
      'r.school_id',
      'l.user_id as learner_user_id',
      's.org_id',
      's.province_code',
      's.city_code',
      's.status as session_status',
      's.scores_published_at',
      sql<number>`coalesce(s.publicity_days, o.publicity_days)`.as('publicity_days'),
      'er.id as result_id',
      'er.score',
      'er.passed',
    ])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
}

export async function insertReview(
  db: Db,
  v: {
    registrationId: string;
    sessionId: string;
    learnerId: string;
    orgId: string;
    schoolId: string | null;
    provinceCode: string;
    cityCode: string;
    resultId: string;
    score: string;
    passed: boolean;
    reason: string;
    at: Date;
    by: string;
  },
): Promise<string> {
  const r = await db
    .insertInto('score_reviews')
    .values({
      registration_id: v.registrationId,
      session_id: v.sessionId,
      learner_id: v.learnerId,
      org_id: v.orgId,
      school_id: v.schoolId,
      province_code: v.provinceCode,
      city_code: v.cityCode,
      result_id: v.resultId,
      original_score: v.score,
      original_passed: v.passed,
      reason: v.reason,
      requested_at: v.at,
      requested_by: v.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

function reviewsBase(db: Db) {
  return db
    .selectFrom('score_reviews as sr')
    .innerJoin('exam_sessions as s', 's.id', 'sr.session_id')
    .innerJoin('certificate_types as t', 't.id', 's.certificate_type_id')
    .innerJoin('learners as l', 'l.id', 'sr.learner_id')
    .leftJoin('schools as sc', 'sc.id', 'sr.school_id')
    .selectAll('sr')
    .select(['s.level', 's.exam_date', 't.name as certificate_type_name', 'l.name as candidate_name', 'sc.name as school_name']);
}
export type ReviewRow = Awaited<ReturnType<ReturnType<typeof reviewsBase>['executeTakeFirstOrThrow']>>;

export function findReview(db: Db, id: string) {
  return reviewsBase(db).where('sr.id', '=', id).executeTakeFirst();
}

export function lockReview(db: Db, id: string) {
  return db.selectFrom('score_reviews').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function listReviews(
  db: Db,
  scope: Scope,
  f: { status?: ScoreReviewStatus | undefined; sessionId?: string | undefined },
  page: number,
  pageSize: number,
) {
  let q = reviewsBase(db).where(scopeWhere(scope, REVIEW_SCOPE));
  if (f.status) q = q.where('sr.status', '=', f.status);
  if (f.sessionId) q = q.where('sr.session_id', '=', f.sessionId);
  return paginate(q.orderBy('sr.requested_at', 'desc').orderBy('sr.id'), page, pageSize);
}

export function reviewsOfUser(db: Db, userId: string) {
  return reviewsBase(db).where('l.user_id', '=', userId).orderBy('sr.requested_at', 'desc').execute();
}

export async function decideReview(
  db: Db,
  v: {
    id: string;
    status: Exclude<ScoreReviewStatus, 'open'>;
    answer: string;
    newScore: string | null;
    newPassed: boolean | null;
    importId: string | null;
    effect: ScoreReviewCertificateEffect | null;
    at: Date;
    by: string;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('score_reviews')
    .set({
      status: v.status,
      answer: v.answer,
      new_score: v.newScore,
      new_passed: v.newPassed,
      correction_import_id: v.importId,
      certificate_effect: v.effect,
      decided_at: v.at,
      decided_by: v.by,
    })
    .where('id', '=', v.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Open reviews of a session: issuance waits until they are answered (issue 17 item 4). */
export async function openReviewCount(db: Db, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('score_reviews')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('session_id', '=', sessionId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

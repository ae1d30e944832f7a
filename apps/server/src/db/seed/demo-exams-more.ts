import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';
import type { DemoExamsContext } from './demo-exams';

/**
 * Exams for everyone (issue 17 items 2, 4, 5), inside seedDemo's transaction after the certificates:
 * - the 工业机器人应用编程 pilot of 广州城市职业学院 has its approved scale for this exam year (四.2): the live registrations
 *   and room for one more class (DEMO_SCALE_HEADROOM);
 * - on the session with published scores, two candidates asked for a score review (成绩复核): one upheld, one
 *   corrected (61 → 63, still 合格: its certificate stands) through a `correction` import row;
 * Idempotent: nothing is written when the demo's reviews exist.
 */
type Trx = Kysely<DB>;
const DAY = 86_400_000;
/** Candidates the demo pilot may still register this year beyond its live registrations. */
export const DEMO_SCALE_HEADROOM = 120;

export async function seedDemoExamsMore(trx: Trx, ctx: DemoExamsContext): Promise<void> {
  if (!ctx.exams || !ctx.pilot || !ctx.school) return;
  const sessionId = ctx.exams.examinedSessionId;
  if (await trx.selectFrom('score_reviews').select('id').where('session_id', '=', sessionId).executeTakeFirst()) return;
  const users = await trx.selectFrom('users').select(['id', 'username']).where('username', 'in', ['org-robot', 'gd-admin']).execute();
  const orgUser = users.find((u) => u.username === 'org-robot')?.id ?? null;
  const province = users.find((u) => u.username === 'gd-admin')?.id ?? null;

  // 四.2: the pilot's approved scale: its live registrations of this exam year and one more class.
  const session = await trx
    .selectFrom('exam_sessions')
    .select(['exam_date', 'province_code', 'city_code', 'org_id', 'scores_published_at'])
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
  const year = Number(String(session.exam_date).slice(0, 4));
  const live = await sql<{ n: string }>`
    SELECT count(*) AS n FROM exam_registrations r JOIN exam_sessions s ON s.id = r.session_id
    WHERE r.filing_id = ${ctx.pilot.filingId} AND r.status IN ('proposed', 'consented', 'registered')
      AND extract(year FROM s.exam_date) = ${year}`.execute(trx);
  const scale = Number(live.rows[0]?.n ?? 0) + DEMO_SCALE_HEADROOM;
  await trx.updateTable('filings').set({ approved_scale: scale }).where('id', '=', ctx.pilot.filingId).execute();
  await trx
    .insertInto('filing_scale_events')
    .values({
      filing_id: ctx.pilot.filingId,
      province_code: ctx.school.province,
      from_scale: null,
      to_scale: scale,
      reason: `${year} 年度考核规模按年度计划核定`,
      actor_id: province,
      at: ctx.now,
    })
    .execute();

  // 成绩复核: candidates with 58.5 (upheld) and 61 (corrected to 63).
  const results = await trx
    .selectFrom('exam_results as er')
    .innerJoin('exam_registrations as r', 'r.id', 'er.registration_id')
    .select(['er.id', 'er.registration_id', 'er.score', 'er.passed', 'r.learner_id', 'r.school_id'])
    .where('er.session_id', '=', sessionId)
    .where('er.superseded_at', 'is', null)
    .where('er.score', 'in', ['58.5', '61.0'])
    .execute();
  const asked = new Date((session.scores_published_at ?? ctx.now).getTime() - 2 * DAY);
  const decided = new Date(asked.getTime() + DAY);
  for (const r of results) {
    const base = {
      registration_id: r.registration_id,
      session_id: sessionId,
      learner_id: r.learner_id,
      org_id: session.org_id,
      school_id: r.school_id,
      province_code: session.province_code,
      city_code: session.city_code,
      result_id: r.id,
      original_score: r.score,
      original_passed: r.passed,
      requested_at: asked,
      requested_by: null,
      decided_at: decided,
      decided_by: orgUser,
    };
    if (!r.passed) {
      await trx
        .insertInto('score_reviews')
        .values({ ...base, reason: '实操部分自评分数高于公示成绩，申请复核', status: 'upheld', answer: '经复核，评分无误，维持原成绩' })
        .execute();
      continue;
    }
    const imp = await trx
      .insertInto('result_imports')
      .values({
        session_id: sessionId,
        org_id: session.org_id,
        province_code: session.province_code,
        file_sha256: createHash('sha256').update(`demo-score-review:${r.registration_id}`).digest('hex'),
        file_name: '成绩复核-演示',
        kind: 'correction',
        correction_note: '成绩复核：第 4 题漏计 2 分',
        status: 'succeeded',
        rows: 1,
        passed: 1,
        progress: 100,
        created_at: decided,
        created_by: orgUser,
        started_at: decided,
        finished_at: decided,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('exam_results').set({ superseded_at: decided, superseded_by_import_id: imp.id }).where('id', '=', r.id).execute();
    await trx
      .insertInto('exam_results')
      .values({
        registration_id: r.registration_id,
        session_id: sessionId,
        province_code: session.province_code,
        score: '63.0',
        passed: true,
        import_id: imp.id,
        created_at: decided,
      })
      .execute();
    await trx
      .insertInto('score_reviews')
      .values({
        ...base,
        reason: '第 4 题答案与标准答案一致却未得分',
        status: 'corrected',
        answer: '第 4 题漏计 2 分',
        new_score: '63.0',
        new_passed: true,
        correction_import_id: imp.id,
        certificate_effect: 'none',
      })
      .execute();
  }
}

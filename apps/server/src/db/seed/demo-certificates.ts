import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { issueInTransaction } from '../../modules/certificates/certificates.service';
import { chinaDate } from '../../modules/exam-sessions/exam-sessions.service';
import { sessionForIssuance } from '../../modules/certificates/certificates.queries';
import { withdrawFromTotals } from '../../modules/learning-accounts/ledger';
import type { DB } from '../schema';
import type { DemoExamsContext } from './demo-exams';

/**
 * Demo certificates (issue 6; api-v1 demo data), inside seedDemo's transaction after the exams:
 * - every demo organization issues as soon as scores are published (publicity period 0, as api-v1 says);
 * - last year, before enrolling, learner1 passed the 初级 exam of 工业机器人应用编程 on their own (no school pilot) and
 *   was certified; that certificate was later revoked (so learner1 holds a revoked certificate, api-v1);
 * - this year's session with published results: every passed candidate is certified (learner1 among them), and one
 *   other candidate's certificate is revoked.
 */

type Trx = Kysely<DB>;
const DAY = 24 * 3600_000;

export async function seedDemoCertificates(trx: Trx, ctx: DemoExamsContext, publicUrl: string): Promise<void> {
  await trx.updateTable('evaluation_orgs').set({ publicity_days: 0 }).execute();
  if (!ctx.exams || !ctx.pilot || !ctx.school) return;
  const config = { secretKey: ctx.secretKey, publicUrl };
  const orgUser = await trx.selectFrom('users').select('id').where('username', '=', 'org-robot').executeTakeFirst();
  const by = orgUser?.id ?? null;
  const learner1 = ctx.learnerIds[0];

  // Last year's 初级 session (closed), learner1 passed.
  if (learner1) {
    const lastYear = new Date(ctx.now.getTime() - 380 * DAY);
    const past = await trx
      .insertInto('exam_sessions')
      .values({
        org_id: ctx.pilot.orgId,
        certificate_type_id: ctx.pilot.certificateTypeId,
        level: 'junior',
        exam_site_id: ctx.exams.siteId,
        province_code: ctx.school.province,
        city_code: ctx.school.city,
        exam_date: chinaDate(lastYear),
        exam_form: 'practical_special',
        capacity: 40,
        registration_opens_at: new Date(lastYear.getTime() - 40 * DAY),
        registration_closes_at: new Date(lastYear.getTime() - 10 * DAY),
        status: 'closed',
        scores_published_at: new Date(lastYear.getTime() + 12 * DAY),
        created_at: new Date(lastYear.getTime() - 50 * DAY),
        created_by: by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const reg = await trx
      .insertInto('exam_registrations')
      .values({
        session_id: past.id,
        learner_id: learner1,
        // Before enrolling, learner1 sat this exam on their own (not through a school pilot): no school, no filing,
        // so the school's pilot pass rates (R3.9) are not touched by it.
        school_id: null,
        filing_id: null,
        agreement_id: null,
        province_code: ctx.school.province,
        org_id: ctx.pilot.orgId,
        status: 'registered',
        consent_at: new Date(lastYear.getTime() - 20 * DAY),
        consent_via: 'learner',
        fee_fen: ctx.pilot.levelFeeFen,
        created_at: new Date(lastYear.getTime() - 21 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const enteredAt = new Date(lastYear.getTime() + 10 * DAY);
    const imp = await trx
      .insertInto('result_imports')
      .values({
        session_id: past.id,
        org_id: ctx.pilot.orgId,
        province_code: ctx.school.province,
        file_sha256: createHash('sha256').update(`demo-junior-${past.id}`).digest('hex'),
        file_name: '工业机器人应用编程初级成绩.xlsx',
        status: 'succeeded',
        rows: 1,
        passed: 1,
        progress: 100,
        created_at: enteredAt,
        created_by: by,
        started_at: enteredAt,
        finished_at: enteredAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('exam_results')
      .values({
        registration_id: reg.id,
        session_id: past.id,
        province_code: ctx.school.province,
        score: '78.0',
        passed: true,
        import_id: imp.id,
        created_at: enteredAt,
      })
      .execute();
    const s = await sessionForIssuance(trx, past.id, true);
    if (s) await issueInTransaction(trx, config, s, new Date(lastYear.getTime() + 20 * DAY), by);
    await revoke(trx, past.id, learner1, '持证人信息登记有误，经培训评价组织复核予以撤销', new Date(ctx.now.getTime() - 200 * DAY), by);
  }

  // This year's session with published results: certificates for every passed candidate.
  const current = await sessionForIssuance(trx, ctx.exams.examinedSessionId, true);
  if (current) {
    await issueInTransaction(trx, config, current, new Date(ctx.now.getTime() - 17 * DAY), by);
    const other = ctx.learnerIds.find((id, i) => i > 0 && i < 20);
    if (other) await revoke(trx, current.id, other, '考核过程违规，经复核取消考核成绩', new Date(ctx.now.getTime() - 5 * DAY), by);
  }
}

async function revoke(trx: Trx, sessionId: string, learnerId: string, reason: string, at: Date, by: string | null) {
  const ids = await trx
    .selectFrom('certificates')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('learner_id', '=', learnerId)
    .execute();
  await withdrawFromTotals(trx, { certificateIds: ids.map((c) => c.id) });
  await trx
    .updateTable('certificates')
    .set({ revoked_at: at, revoked_on: chinaDate(at), revocation_reason: reason, revoked_by: by })
    .where('session_id', '=', sessionId)
    .where('learner_id', '=', learnerId)
    .execute();
}

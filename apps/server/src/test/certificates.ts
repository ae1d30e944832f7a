import { createHash } from 'node:crypto';
import type { Db } from '../db/types';
import { createExaminedSession, type ResultsFixture } from './results-import';

/**
 * A session of org-robot's certificate (工业机器人应用编程 中级) whose scores are published `publishedAt`, with
 * `scores[i]` for candidate i (pass mark 60): what certificate issuance starts from.
 */
export async function createPublishedSession(
  db: Db,
  secretKey: Buffer,
  o: { scores: number[]; seqBase: number; publishedAt: Date },
): Promise<ResultsFixture & { passed: number }> {
  const f = await createExaminedSession(db, secretKey, { count: o.scores.length, seqBase: o.seqBase });
  const s = await db.selectFrom('exam_sessions').select(['province_code']).where('id', '=', f.sessionId).executeTakeFirstOrThrow();
  const imp = await db
    .insertInto('result_imports')
    .values({
      session_id: f.sessionId,
      org_id: f.orgId,
      province_code: s.province_code,
      file_sha256: createHash('sha256').update(f.sessionId).digest('hex'),
      file_name: 'results.csv',
      status: 'succeeded',
      rows: o.scores.length,
      created_at: o.publishedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('exam_results')
    .values(
      f.candidates.map((c, i) => ({
        registration_id: c.registrationId,
        session_id: f.sessionId,
        province_code: s.province_code,
        score: o.scores[i]!.toFixed(1),
        passed: o.scores[i]! >= 60,
        import_id: imp.id,
        created_at: o.publishedAt,
      })),
    )
    .execute();
  await db
    .updateTable('exam_sessions')
    .set({ status: 'scores_published', scores_published_at: o.publishedAt })
    .where('id', '=', f.sessionId)
    .execute();
  return { ...f, passed: o.scores.filter((x) => x >= 60).length };
}

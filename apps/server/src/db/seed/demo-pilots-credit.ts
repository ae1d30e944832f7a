import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { tinyPdf } from './demo-filings';

/**
 * Issue 18 items 5 and 6 in the demo: 广州城市职业学院's approved pilot 工业机器人应用编程 has a task book (targets,
 * milestones of 004 六, four core courses mapped to certificate modules as 004 七 4 asks), and learner1 has applied to
 * deposit a course taken at another school (waiting for the school). Idempotent: nothing is added twice.
 */
export async function seedDemoPilotsCredit(trx: Kysely<DB>, now: Date): Promise<void> {
  const pilot = await trx
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 'f.school_id', 'f.province_code', 'f.city_code'])
    .where('s.name', '=', '广州城市职业学院')
    .where('ct.code', '=', 'IR-PROG')
    .where('f.decision', '=', 'approved')
    .executeTakeFirst();
  if (!pilot) return;
  const admin = await trx.selectFrom('users').select('id').where('username', '=', 'gzcp-admin').executeTakeFirst();
  const existing = await trx.selectFrom('pilot_task_books').select('id').where('filing_id', '=', pilot.id).executeTakeFirst();
  if (!existing) {
    const planned = await trx
      .selectFrom('filing_majors')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('planned_trainees'), eb.lit(0)).as('n'))
      .where('filing_id', '=', pilot.id)
      .executeTakeFirstOrThrow();
    const book = await trx
      .insertInto('pilot_task_books')
      .values({
        filing_id: pilot.id,
        school_id: pilot.school_id,
        province_code: pilot.province_code,
        city_code: pilot.city_code,
        target_trained_teachers: 6,
        target_examined: Number(planned.n) || 40,
        target_courses: 4,
        trained_teachers: 4,
        created_at: now,
        created_by: admin?.id ?? null,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const y = now.getUTCFullYear();
    await trx
      .insertInto('pilot_milestones')
      .values([
        {
          task_book_id: book.id,
          position: 0,
          title: '考证培训场地与设备建设、考证培训实验室项目验收',
          due_on: `${y}-03-31`,
          done_on: `${y}-03-20`,
          note: null,
        },
        {
          task_book_id: book.id,
          position: 1,
          title: '编制与考证融合的人才培养方案，核心课程与考证内容融合',
          due_on: `${y}-07-31`,
          done_on: null,
          note: null,
        },
        {
          task_book_id: book.id,
          position: 2,
          title: '学分银行与考证制度融合研究，项目结题验收',
          due_on: `${y}-12-31`,
          done_on: null,
          note: null,
        },
      ])
      .execute();
    const courses = await trx
      .selectFrom('school_courses')
      .select(['id', 'name'])
      .where('school_id', '=', pilot.school_id)
      .where('category', '=', 'professional_core')
      .orderBy('code')
      .limit(4)
      .execute();
    if (courses.length)
      await trx
        .insertInto('pilot_course_mappings')
        .values(courses.map((c, i) => ({ task_book_id: book.id, course_id: c.id, module: `工业机器人应用编程 考证模块 ${i + 1}` })))
        .execute();
  }

  // learner1's own outcome, waiting for the school.
  const learner = await trx
    .selectFrom('learners as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .innerJoin('schools as s', 's.id', 'l.school_id')
    .select(['l.id', 'l.user_id', 'l.school_id', 's.province_code', 's.city_code'])
    .where('u.username', '=', 'learner1')
    .executeTakeFirst();
  if (!learner?.school_id || !learner.user_id) return;
  const has = await trx.selectFrom('outcome_applications').select('id').where('learner_id', '=', learner.id).executeTakeFirst();
  if (has) return;
  const bytes = tinyPdf('own outcome evidence');
  const file = await trx
    .insertInto('files')
    .values({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      mime: 'application/pdf',
      original_name: '外校课程成绩证明.pdf',
      bytes,
      created_at: now,
      created_by: learner.user_id,
      province_code: learner.province_code,
      school_id: learner.school_id,
      org_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('outcome_applications')
    .values({
      learner_id: learner.id,
      user_id: learner.user_id,
      school_id: learner.school_id,
      province_code: learner.province_code,
      city_code: learner.city_code,
      outcome_type: 'course',
      name: 'PLC 控制技术（外校修读）',
      issuer: '广东生态工程职业学院',
      level: '88',
      credits: 3,
      hours: 48,
      obtained_on: `${now.getUTCFullYear() - 1}-07-01`,
      evidence_file_id: file.id,
      note: '暑期在广东生态工程职业学院修读',
      created_at: now,
    })
    .execute();
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
let school: Agent;
let otherSchool: Agent;
let province: Agent;
let otherProvince: Agent;
let filingId: string;
let courseIds: string[];
beforeAll(async () => {
  t = await createTestApp();
  school = await t.loginAs('gzcp-admin');
  otherSchool = await t.loginAs('gdst-admin');
  province = await t.loginAs('gd-admin');
  otherProvince = await t.loginAs('hb-admin');
  const f = await t.db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 'f.school_id'])
    .where('s.name', '=', '广州城市职业学院')
    .where('ct.code', '=', 'IR-PROG')
    .where('f.status', '=', 'published')
    .executeTakeFirstOrThrow();
  filingId = f.id;
  courseIds = (
    await t.db.selectFrom('school_courses').select('id').where('school_id', '=', f.school_id).orderBy('code').limit(4).execute()
  ).map((c) => c.id);
});
afterAll(() => t.close());

/** Examined candidates of the pilot counted independently: registered for the filing with a current result. */
async function examinedInRecords(): Promise<number> {
  const rows = await t.db
    .selectFrom('exam_registrations as r')
    .innerJoin('exam_results as x', 'x.registration_id', 'r.id')
    .select('r.learner_id')
    .distinct()
    .where('r.filing_id', '=', filingId)
    .where('r.status', '=', 'registered')
    .where('x.superseded_at', 'is', null)
    .execute();
  return rows.length;
}

const book = (over: Record<string, unknown> = {}) => ({
  targetTrainedTeachers: 8,
  targetExamined: 10_000,
  targetCourses: 4,
  trainedTeachers: 8,
  milestones: [
    { title: '考证培训实验室项目验收', dueOn: '2026-06-30', doneOn: '2026-06-20' },
    { title: '学分银行与考证制度融合研究', dueOn: '2026-12-31', doneOn: null },
  ],
  courseMappings: courseIds.slice(0, 3).map((courseId, i) => ({ courseId, module: `考证模块 ${i + 1}` })),
  ...over,
});

describe('pilot milestones and final acceptance (issue 18 item 5; 004 六, 001 第六条(一), 第二十条)', () => {
  it('001 第六条(一): the school keeps the task book of its approved pilot; progress counts examined candidates from the records', async () => {
    const list = (await school.get('/api/v1/pilots')).json().items;
    expect(list.map((p: { filingId: string }) => p.filingId)).toContain(filingId);
    const saved = await school.request('PUT', `/api/v1/pilots/${filingId}/task-book`, book());
    expect(saved.statusCode).toBe(200);
    const tb = saved.json();
    const examined = await examinedInRecords();
    expect(examined).toBeGreaterThan(0);
    expect(tb.progress).toMatchObject({
      trainedTeachers: { target: 8, actual: 8 },
      candidatesExamined: { target: 10_000, actual: examined },
      coursesMapped: { target: 4, actual: 3 },
      milestonesDone: { target: 2, actual: 1 },
    });
    expect(tb.plannedCandidates).toBeGreaterThan(0);
    expect(tb.shortfalls.map((s: { code: string }) => s.code)).toEqual(['candidates_examined', 'courses_mapped', 'milestone']);
    expect(tb.allowedActions).toEqual(['apply']);
    // Another school's course cannot be mapped.
    const foreign = await t.db
      .selectFrom('school_courses as c')
      .innerJoin('schools as s', 's.id', 'c.school_id')
      .select('c.id')
      .where('s.name', '<>', '广州城市职业学院')
      .executeTakeFirst();
    if (foreign)
      expect(
        (
          await school.request(
            'PUT',
            `/api/v1/pilots/${filingId}/task-book`,
            book({ courseMappings: [{ courseId: foreign.id, module: 'x' }] }),
          )
        ).statusCode,
      ).toBe(400);
  });

  it('scope: another school and another province do not see the pilot (404); the province reads but may not edit', async () => {
    expect((await otherSchool.get(`/api/v1/pilots/${filingId}/task-book`)).statusCode).toBe(404);
    expect((await otherProvince.get(`/api/v1/pilots/${filingId}/task-book`)).statusCode).toBe(404);
    expect((await otherProvince.get('/api/v1/pilots')).json().items.map((p: { filingId: string }) => p.filingId)).not.toContain(filingId);
    expect((await province.get(`/api/v1/pilots/${filingId}/task-book`)).statusCode).toBe(200);
    expect((await province.request('PUT', `/api/v1/pilots/${filingId}/task-book`, book())).statusCode).toBe(403);
  });

  it('004 六: the school applies; the province refuses with the shortfalls listed; after remedying it accepts', async () => {
    expect((await province.post(`/api/v1/pilots/${filingId}/acceptance/decision`, { decision: 'accept' })).statusCode).toBe(409);
    const applied = await school.post(`/api/v1/pilots/${filingId}/acceptance`, { report: '试点建设情况总结' });
    expect(applied.json()).toMatchObject({ status: 'applied', mayEdit: false, allowedActions: [] });
    expect(applied.json().recordedShortfalls).toHaveLength(3);
    // The task book is frozen while the province decides.
    expect((await school.request('PUT', `/api/v1/pilots/${filingId}/task-book`, book())).json().error.code).toBe('TASK_BOOK_NOT_EDITABLE');
    // Another province cannot decide (404); the school cannot decide (403).
    expect(
      (await otherProvince.post(`/api/v1/pilots/${filingId}/acceptance/decision`, { decision: 'accept', comment: '同意' })).statusCode,
    ).toBe(404);
    expect((await school.post(`/api/v1/pilots/${filingId}/acceptance/decision`, { decision: 'accept', comment: '同意' })).statusCode).toBe(
      403,
    );
    // Accepting despite shortfalls needs a comment.
    const bare = await province.post(`/api/v1/pilots/${filingId}/acceptance/decision`, { decision: 'accept' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.code).toBe('ACCEPTANCE_COMMENT_REQUIRED');
    const refused = await province.post(`/api/v1/pilots/${filingId}/acceptance/decision`, {
      decision: 'reject',
      comment: '考核任务未完成（001 第二十条）',
    });
    expect(refused.json()).toMatchObject({ status: 'not_accepted', decisionComment: '考核任务未完成（001 第二十条）' });
    expect(refused.json().recordedShortfalls.map((s: { code: string }) => s.code)).toEqual([
      'candidates_examined',
      'courses_mapped',
      'milestone',
    ]);
    expect(refused.json().recordedShortfalls[0]).toMatchObject({ basis: '任务书（考核任务）', target: 10_000 });

    // The school remedies (targets the examined count the records hold, a fourth course, the milestone done) and re-applies.
    const examined = await examinedInRecords();
    const fixed = await school.request(
      'PUT',
      `/api/v1/pilots/${filingId}/task-book`,
      book({
        targetExamined: examined,
        courseMappings: courseIds.map((courseId, i) => ({ courseId, module: `考证模块 ${i + 1}` })),
        milestones: [{ title: '学分银行与考证制度融合研究', dueOn: '2026-12-31', doneOn: '2026-11-30' }],
      }),
    );
    expect(fixed.json().shortfalls).toEqual([]);
    await school.post(`/api/v1/pilots/${filingId}/acceptance`, { report: '已整改' });
    const accepted = await province.post(`/api/v1/pilots/${filingId}/acceptance/decision`, { decision: 'accept' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', recordedShortfalls: [], mayEdit: false });
    expect(accepted.json().events.map((e: { action: string }) => e.action)).toEqual(['apply', 'reject', 'apply', 'accept']);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'pilot_task_book.%').execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set(['pilot_task_book.save', 'pilot_task_book.apply', 'pilot_task_book.reject', 'pilot_task_book.accept']),
    );
  });
});

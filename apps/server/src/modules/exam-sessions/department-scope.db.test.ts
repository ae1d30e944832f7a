import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/password';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { insertUser } from '../accounts/accounts.queries';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/**
 * Issue 17 item 3 (粤生态职院〔2023〕18号 第十二条 二级学院组织遴选学生, 第十五条 巡考、监考由二级学院安排; R5.3, R5.4): a
 * department administrator selects its own students for a session of its own pilot and arranges its invigilation; a
 * department of the same school without that pilot sees none of it (404).
 */

let t: TestApp;
let mech: Agent; // 广州城市职业学院 机电工程学院: the department of the 工业机器人应用编程 pilot
let mgmt: Agent; // 广州城市职业学院 管理学院: no pilot of that certificate
let gzcp: Agent;
let schoolId: string;
let mechDeptId: string;
let openSessionId: string;

async function departmentAdmin(username: string, departmentName: string): Promise<string> {
  const d = await t.db
    .selectFrom('departments as d')
    .innerJoin('schools as s', 's.id', 'd.school_id')
    .select(['d.id', 's.id as school_id', 's.province_code', 's.city_code'])
    .where('s.name', '=', '广州城市职业学院')
    .where('d.name', '=', departmentName)
    .executeTakeFirstOrThrow();
  await insertUser(t.db, {
    username,
    displayName: `${departmentName}（二级学院）`,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: 'department_admin',
    provinceCode: d.province_code,
    cityCode: d.city_code,
    schoolId: d.school_id,
    departmentId: d.id,
    orgId: null,
    createdAt: t.clock.now(),
    createdBy: null,
  });
  schoolId = d.school_id;
  return d.id;
}

beforeAll(async () => {
  t = await createTestApp();
  mechDeptId = await departmentAdmin('gzcp-mech', '机电工程学院');
  await departmentAdmin('gzcp-mgmt', '管理学院');
  mech = await t.loginAs('gzcp-mech');
  mgmt = await t.loginAs('gzcp-mgmt');
  gzcp = await t.loginAs('gzcp-admin');
  openSessionId = (await t.db.selectFrom('exam_sessions').select('id').where('status', '=', 'registration_open').executeTakeFirstOrThrow())
    .id;
});
afterAll(() => t.close());

const ids = (r: { json(): { items: { id: string }[] } }) => r.json().items.map((i) => i.id);

describe('departments do their part (issue 17 item 3, R5.3, R5.4)', () => {
  it('a department lists the sessions of its own pilot; another department of the school sees none of them (404)', async () => {
    const own = await mech.get('/api/v1/exam-sessions?status=registration_open');
    expect(own.statusCode, own.body).toBe(200);
    expect(ids(own)).toContain(openSessionId);
    expect((await mech.get(`/api/v1/exam-sessions/${openSessionId}`)).json()).toMatchObject({ mayPropose: true, mayInvigilate: true });

    const other = await mgmt.get('/api/v1/exam-sessions');
    expect(other.statusCode).toBe(200);
    expect(ids(other)).not.toContain(openSessionId);
    for (const url of [
      `/api/v1/exam-sessions/${openSessionId}`,
      `/api/v1/exam-sessions/${openSessionId}/registrations`,
      `/api/v1/exam-sessions/${openSessionId}/invigilations`,
    ])
      expect((await mgmt.get(url)).statusCode, url).toBe(404);
    // The school's administrator still sees every session at its site.
    expect((await gzcp.get(`/api/v1/exam-sessions/${openSessionId}`)).statusCode).toBe(200);
  });

  it('R5.3: the department proposes its own student (who must then consent); another department cannot (404)', async () => {
    const proposed = new Set(
      (await t.db.selectFrom('exam_registrations').select('learner_id').where('session_id', '=', openSessionId).execute()).map(
        (r) => r.learner_id,
      ),
    );
    const student = await t.db
      .selectFrom('learners')
      .select(['id'])
      .where('department_id', '=', mechDeptId)
      .where('kind', '=', 'pilot_student')
      .orderBy('name')
      .execute()
      .then((rows) => rows.find((r) => !proposed.has(r.id))!);
    expect((await mgmt.post(`/api/v1/exam-sessions/${openSessionId}/registrations`, { learnerIds: [student.id] })).statusCode).toBe(404);

    const res = await mech.post(`/api/v1/exam-sessions/${openSessionId}/registrations`, { learnerIds: [student.id] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items).toEqual([
      expect.objectContaining({ status: 'proposed', learner: expect.objectContaining({ id: student.id }) }),
    ]);
    // Its list and counts hold its own students only.
    const list = (await mech.get(`/api/v1/exam-sessions/${openSessionId}/registrations`)).json().items as { learner: { id: string } }[];
    const depts = await t.db
      .selectFrom('learners')
      .select('department_id')
      .where(
        'id',
        'in',
        list.map((r) => r.learner.id),
      )
      .execute();
    expect(depts.every((d) => d.department_id === mechDeptId)).toBe(true);
    const counts = (await mech.get(`/api/v1/exam-sessions/${openSessionId}`)).json().registrationCounts as Record<string, number>;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(list.length);
  });

  it('R5.4: the department arranges invigilation of its session (recorded under its department); another department gets 404', async () => {
    const hosted = await mech.get(`/api/v1/exam-sessions?hostSchoolId=${schoolId}`);
    expect(ids(hosted)).toContain(openSessionId);
    const body = { invigilatorName: '赵老师', role: 'invigilator', feeFen: 20000 };
    expect((await mgmt.post(`/api/v1/exam-sessions/${openSessionId}/invigilations`, body)).statusCode).toBe(404);
    const res = await mech.post(`/api/v1/exam-sessions/${openSessionId}/invigilations`, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ invigilatorName: '赵老师', department: { id: mechDeptId }, mayDelete: true });
    const list = (await mech.get(`/api/v1/exam-sessions/${openSessionId}/invigilations`)).json();
    expect(list.mayAssign).toBe(true);
    expect(list.items.map((i: { id: string }) => i.id)).toContain(res.json().id);
    expect((await mgmt.request('DELETE', `/api/v1/invigilations/${res.json().id}`)).statusCode).toBe(404);
  });
});

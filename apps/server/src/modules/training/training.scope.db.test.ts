import type { CoverageRowDto, TrainingPlanDto, TrainingRecordDto } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/password';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { demoIds } from '../../test/factories';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { insertUser } from '../accounts/accounts.queries';

/**
 * Review of R9.3 (teacher and assessor training): a project leader works on its own pilot project only (the parties'
 * table: 试点负责人 — its own pilot project), as filings do; a plan submitted for review reaches the administrators
 * of its own department, not every department of the school.
 */

let t: TestApp;
let school: Agent;
let leader: Agent;
let deptA: Agent;
let deptB: Agent;
let mine: { id: string; department_id: string; school_id: string };
let other: { id: string; department_id: string };

async function filingOf(schoolId: string, code: string) {
  return t.db
    .selectFrom('filings as f')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 'f.department_id', 'f.province_code', 'f.city_code', 'f.school_id'])
    .where('f.school_id', '=', schoolId)
    .where('ct.code', '=', code)
    .executeTakeFirstOrThrow();
}

async function user(username: string, role: 'project_leader' | 'department_admin', f: Awaited<ReturnType<typeof filingOf>>) {
  return insertUser(t.db, {
    username,
    displayName: username,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role,
    provinceCode: f.province_code,
    cityCode: f.city_code,
    schoolId: f.school_id,
    departmentId: f.department_id,
    orgId: null,
    createdAt: t.clock.now(),
    createdBy: null,
  });
}

const plan = (filingId: string, title: string) => ({
  filingId,
  year: 2026,
  kind: 'teacher',
  title,
  plannedTrainees: 2,
  content: '组织专任教师参加证书师资培训',
});
const record = (filingId: string) => ({
  filingId,
  kind: 'teacher',
  teacherName: '郑老师',
  course: '证书师资培训',
  provider: '培训评价组织',
  startDate: '2026-07-10',
  days: 2,
  hours: 16,
  feeFen: 0,
  workloadHours: 16,
});

beforeAll(async () => {
  t = await createTestApp();
  const ids = await demoIds(t.db);
  const a = await filingOf(ids.gzcp, 'IR-PROG'); // published, approved
  const b = await filingOf(ids.gzcp, 'E-SHOP'); // another pilot of the school, made approved in another department below
  const other2 = await filingOf(ids.gzcp, 'SMART-TAX');
  mine = a;
  // A second running pilot in the same department as the first, led by someone else.
  await t.db.updateTable('filings').set({ decision: 'approved', department_id: a.department_id }).where('id', '=', b.id).execute();
  other = { id: b.id, department_id: a.department_id };
  await user('gzcp-leader-training', 'project_leader', a);
  const leaderId = (await t.db.selectFrom('users').select('id').where('username', '=', 'gzcp-leader-training').executeTakeFirstOrThrow())
    .id;
  await t.db.updateTable('filings').set({ project_leader_user_id: leaderId }).where('id', '=', a.id).execute();
  await user('gzcp-dept-a-training', 'department_admin', a);
  await user('gzcp-dept-b-training', 'department_admin', { ...other2, department_id: other2.department_id });
  [school, leader, deptA, deptB] = await Promise.all([
    t.loginAs('gzcp-admin'),
    t.loginAs('gzcp-leader-training'),
    t.loginAs('gzcp-dept-a-training'),
    t.loginAs('gzcp-dept-b-training'),
  ]);
}, 300_000);
afterAll(() => t.close());

describe('R9.3 (review): a project leader sees and writes the training of its own pilot only', () => {
  it('another pilot of its department: not in its lists, 404 on the plan, its plans and records cannot be written', async () => {
    const own = await leader.post('/api/v1/training-plans', plan(mine.id, '本项目师资培训计划'));
    expect(own.statusCode, own.body).toBe(201);
    const theirs = await school.post('/api/v1/training-plans', plan(other.id, '其他项目师资培训计划'));
    expect(theirs.statusCode, theirs.body).toBe(201);
    const theirPlan = theirs.json<TrainingPlanDto>();
    expect((await school.post('/api/v1/training-records', record(other.id))).statusCode).toBe(201);

    // Reads: only its own pilot's.
    const plans = (await leader.get('/api/v1/training-plans')).json<{ items: TrainingPlanDto[] }>().items;
    expect(plans.map((p) => p.filingId)).toContain(mine.id);
    expect(plans.map((p) => p.filingId)).not.toContain(other.id);
    expect((await leader.get(`/api/v1/training-plans/${theirPlan.id}`)).statusCode).toBe(404);
    const records = (await leader.get('/api/v1/training-records')).json<{ items: TrainingRecordDto[] }>().items;
    expect(records.every((r) => r.filingId === mine.id)).toBe(true);
    const coverage = (await leader.get('/api/v1/training-coverage')).json<{ items: CoverageRowDto[] }>().items;
    expect(coverage.map((r) => r.filingId)).toEqual([mine.id]);

    // Writes: 404 as for anything outside its scope.
    expect((await leader.post('/api/v1/training-plans', plan(other.id, '越权计划'))).statusCode).toBe(404);
    expect((await leader.post('/api/v1/training-records', record(other.id))).statusCode).toBe(404);
    expect((await leader.post(`/api/v1/training-plans/${theirPlan.id}/submit`, {})).statusCode).toBe(404);
    expect((await t.db.selectFrom('training_plans').select('status').where('id', '=', theirPlan.id).executeTakeFirstOrThrow()).status).toBe(
      'draft',
    );
    // Its own pilot works as before.
    expect((await leader.post('/api/v1/training-records', record(mine.id))).statusCode).toBe(201);
    expect((await leader.post(`/api/v1/training-plans/${own.json<TrainingPlanDto>().id}/submit`, {})).statusCode).toBe(200);
  });

  it('a submitted plan is announced to the administrators of its own department only', async () => {
    const created = await school.post('/api/v1/training-plans', plan(mine.id, '通知范围测试计划'));
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json<TrainingPlanDto>();
    expect((await school.post(`/api/v1/training-plans/${p.id}/submit`, {})).statusCode).toBe(200);
    const titles = async (a: Agent) =>
      (await a.get('/api/v1/notifications?pageSize=100')).json<{ items: { title: string }[] }>().items.map((n) => n.title);
    expect(await titles(deptA)).toContain('培训计划待审核：通知范围测试计划');
    expect(await titles(deptB)).not.toContain('培训计划待审核：通知范围测试计划');
    // The other department cannot open it either.
    expect((await deptB.get(`/api/v1/training-plans/${p.id}`)).statusCode).toBe(404);
  });
});

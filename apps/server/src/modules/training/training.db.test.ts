import {
  TRAINING_FEE_STANDARD,
  type CoverageRowDto,
  type QualificationDto,
  type TrainingPlanDto,
  type TrainingRecordDto,
} from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/password';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { tinyPdf } from '../../db/seed/demo-filings';
import { tinyPng } from '../../test/case-files';
import { postMultipart } from '../../test/exams';
import { demoIds } from '../../test/factories';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { insertUser } from '../accounts/accounts.queries';

let t: TestApp;
let school: Agent;
let dept: Agent;
let gd: Agent;
let pilot: { id: string; department_id: string; province_code: string; city_code: string; school_id: string; certificate_type_id: string };

async function filingOf(schoolId: string, code: string) {
  return t.db
    .selectFrom('filings as f')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 'f.department_id', 'f.province_code', 'f.city_code', 'f.school_id', 'f.certificate_type_id'])
    .where('f.school_id', '=', schoolId)
    .where('ct.code', '=', code)
    .executeTakeFirstOrThrow();
}

const record = (over: Record<string, unknown> = {}) => ({
  filingId: pilot.id,
  kind: 'teacher',
  teacherName: '陈老师',
  course: '1+X 物联网职业技能等级证书师资培训',
  provider: '培训评价组织',
  startDate: '2026-07-10',
  days: 3,
  hours: 24,
  feeFen: 3 * TRAINING_FEE_STANDARD.perPersonDayFen,
  workloadHours: 24,
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  const ids = await demoIds(t.db);
  pilot = await filingOf(ids.gzcp, 'IR-PROG'); // published, approved
  await insertUser(t.db, {
    username: 'gzcp-dept-training',
    displayName: '信息工程学院',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: 'department_admin',
    provinceCode: pilot.province_code,
    cityCode: pilot.city_code,
    schoolId: pilot.school_id,
    departmentId: pilot.department_id,
    orgId: null,
    createdAt: t.clock.now(),
    createdBy: null,
  });
  school = await t.loginAs('gzcp-admin');
  dept = await t.loginAs('gzcp-dept-training');
  gd = await t.loginAs('gd-admin');
});
afterAll(() => t.close());

describe('teacher and assessor training (R9.3)', () => {
  it('粤生态职院〔2023〕18号 第六条（四） the assessor plan goes to the department, then 教务部; steps out of order are refused', async () => {
    const r = await school.post('/api/v1/training-plans', {
      filingId: pilot.id,
      year: 2026,
      kind: 'assessor',
      title: '2026 年考评人员培训计划',
      plannedTrainees: 1,
      content: '组织考评员参加培训评价组织的考评员培训并取得资格',
    });
    expect(r.statusCode, r.body).toBe(201);
    const plan = r.json<TrainingPlanDto>();
    expect(plan.studentScale).toBeGreaterThan(0);
    // 三.4: sized by the scale — too few planned trainees is flagged, not refused.
    expect(plan.undersized).toBe(plan.requiredTrainees > 1);
    // 教务部 cannot approve before the department.
    expect((await school.post(`/api/v1/training-plans/${plan.id}/submit`, {})).statusCode).toBe(200);
    const early = await school.post(`/api/v1/training-plans/${plan.id}/academic_approve`, {});
    expect(early.json().error.code).toBe('TRAINING_PLAN_TRANSITION_INVALID');
    expect(early.json().error.message).toContain('教务部');
    // The school cannot take the department's step.
    expect((await school.post(`/api/v1/training-plans/${plan.id}/department_approve`, {})).statusCode).toBe(403);
    expect((await dept.post(`/api/v1/training-plans/${plan.id}/return`, {})).json().error.code).toBe('TRAINING_PLAN_COMMENT_REQUIRED');
    expect((await dept.post(`/api/v1/training-plans/${plan.id}/department_approve`, {})).statusCode).toBe(200);
    const done = await school.post(`/api/v1/training-plans/${plan.id}/academic_approve`, {});
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<TrainingPlanDto>().status).toBe('approved');
    expect(done.json<TrainingPlanDto>().events.map((e) => e.action)).toEqual(['submit', 'department_approve', 'academic_approve']);
  });

  it('鄂教职成办函〔2021〕7号 三.4 a fee above the national standard is recorded and flagged, not hidden; the filter finds it', async () => {
    const within = await school.post('/api/v1/training-records', record());
    expect(within.statusCode, within.body).toBe(201);
    expect(within.json<TrainingRecordDto>().feeAboveStandard).toBe(false);
    const above = await school.post(
      '/api/v1/training-records',
      record({ teacherName: '黄老师', feeFen: 3 * TRAINING_FEE_STANDARD.perPersonDayFen + 1 }),
    );
    expect(above.statusCode).toBe(201);
    const a = above.json<TrainingRecordDto>();
    expect(a.feeAboveStandard).toBe(true);
    expect(a.standardFen).toBe(3 * TRAINING_FEE_STANDARD.perPersonDayFen);
    const flagged = (await gd.get('/api/v1/training-records?feeAboveStandard=true')).json<{ items: TrainingRecordDto[] }>().items;
    expect(flagged.map((x) => x.id)).toContain(a.id);
    expect(flagged.every((x) => x.feeAboveStandard)).toBe(true);
    const all = (await school.get('/api/v1/training-records')).json<{ items: TrainingRecordDto[] }>().items;
    expect(all.map((x) => x.id)).toEqual(expect.arrayContaining([a.id, within.json<TrainingRecordDto>().id]));
  });

  it('R9.3 a teacher’s X certificate and 考评员 qualification with evidence checked by content; coverage counts them', async () => {
    const before = (await school.get('/api/v1/training-coverage'))
      .json<{ items: CoverageRowDto[] }>()
      .items.find((r) => r.filingId === pilot.id)!;
    expect(before.trainedTeachers).toBeGreaterThanOrEqual(2); // 陈老师, 黄老师 and the demo's
    const fields = {
      teacherName: '周老师',
      kind: 'assessor',
      certificateTypeId: pilot.certificate_type_id,
      number: 'KPY-2026-001',
      issuedOn: '2026-05-01',
    };
    const bad = await postMultipart(school, '/api/v1/teacher-qualifications', fields, { name: 'x.pdf', bytes: Buffer.from('not a pdf') });
    expect(bad.json().error.code).toBe('FILE_NOT_EVIDENCE');
    const ok = await postMultipart(school, '/api/v1/teacher-qualifications', fields, { name: '考评员证.png', bytes: tinyPng() });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<QualificationDto>().kind).toBe('assessor');
    const x = await postMultipart(
      school,
      '/api/v1/teacher-qualifications',
      { ...fields, teacherName: '吴老师', kind: 'x_certificate', level: 'intermediate', number: 'X-1' },
      { name: 'x.pdf', bytes: tinyPdf('x') },
    );
    expect(x.statusCode, x.body).toBe(201);
    const after = (await gd.get('/api/v1/training-coverage'))
      .json<{ items: CoverageRowDto[] }>()
      .items.find((r) => r.filingId === pilot.id)!;
    expect(after.trainedTeachers).toBe(before.trainedTeachers + 1);
    expect(after.qualifiedAssessors).toBe(before.qualifiedAssessors + 1);
    expect(after.short).toBe(after.trainedTeachers < after.requiredTeachers || after.qualifiedAssessors < after.requiredAssessors);
    const shortOnly = (await gd.get('/api/v1/training-coverage?shortOnly=true')).json<{ items: CoverageRowDto[] }>().items;
    expect(shortOnly.every((r) => r.short)).toBe(true);
  });

  it('R9.3 scope: another school, another province see none of it and get 404 on the plan; pilots not approved are refused', async () => {
    const plans = (await school.get('/api/v1/training-plans')).json<{ items: TrainingPlanDto[] }>().items;
    const id = plans[0]!.id;
    const other = await t.loginAs('gdst-admin');
    const hb = await t.loginAs('hb-admin');
    expect((await other.get(`/api/v1/training-plans/${id}`)).statusCode).toBe(404);
    expect((await hb.get(`/api/v1/training-plans/${id}`)).statusCode).toBe(404);
    for (const url of [
      '/api/v1/training-plans',
      '/api/v1/training-records',
      '/api/v1/teacher-qualifications',
      '/api/v1/training-coverage',
    ]) {
      const items = (await hb.get(url)).json<{ items: { schoolId: string }[] }>().items;
      expect(
        items.every((x) => x.schoolId !== pilot.school_id),
        url,
      ).toBe(true);
      const o = (await other.get(url)).json<{ items: { schoolId: string }[] }>().items;
      expect(
        o.every((x) => x.schoolId !== pilot.school_id),
        url,
      ).toBe(true);
    }
    expect((await other.post('/api/v1/training-records', record())).statusCode).toBe(404);
    const ids = await demoIds(t.db);
    const inReview = await filingOf(ids.gzcp, 'SMART-TAX');
    const r = await school.post('/api/v1/training-records', record({ filingId: inReview.id }));
    expect(r.json().error.code).toBe('TRAINING_PILOT_NOT_APPROVED');
  });
});

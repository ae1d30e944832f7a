import { type PolicySubject, type TaskBookDto, citedDocuments, jurisdictionCovers } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

/**
 * Review of issue 18 item 5 against R3.11: what a school is shown of its task book (the shortfalls and their basis)
 * cites no other school's or province's document — the targets are the school's own task book — and no seed file
 * number (“001”) that means nothing to its readers.
 */

let t: TestApp;
let school: Agent;
let province: Agent;
let filingId: string;
let subject: PolicySubject;

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  [school, province] = await Promise.all([t.loginAs('gzcp-admin'), t.loginAs('gd-admin')]);
  const f = await t.db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 's.id as school_id', 's.name', 's.province_code'])
    .where('s.name', '=', '广州城市职业学院')
    .where('ct.code', '=', 'IR-PROG')
    .executeTakeFirstOrThrow();
  filingId = f.id;
  subject = { provinceCode: f.province_code, schoolId: f.school_id, schoolName: f.name };
}, 300_000);
afterAll(() => t.close());

describe('issue 18 #5 (review, R3.11): a task book’s shortfalls cite only what is in force at the school', () => {
  it('广州城市职业学院 (not under 001) is shown no 001 citation in its shortfalls, before and after applying', async () => {
    const res = await school.request('PUT', `/api/v1/pilots/${filingId}/task-book`, {
      targetTrainedTeachers: 50,
      targetExamined: 100_000,
      targetCourses: 5,
      trainedTeachers: 1,
      milestones: [{ title: '考证培训室建设', dueOn: '2026-06-30', doneOn: null }],
      courseMappings: [],
    });
    expect(res.statusCode, res.body).toBe(200);
    const book = res.json<TaskBookDto>();
    expect(book.shortfalls.map((s) => s.code)).toEqual(['trained_teachers', 'candidates_examined', 'courses_mapped', 'milestone']);
    const applied = (await school.post(`/api/v1/pilots/${filingId}/acceptance`, { report: '建设情况总结' })).json<TaskBookDto>();
    expect(applied.recordedShortfalls).toHaveLength(4);
    for (const b of [book, applied, (await province.get(`/api/v1/pilots/${filingId}/task-book`)).json<TaskBookDto>()]) {
      const texts = strings([b.shortfalls, b.recordedShortfalls]);
      const foreign = texts.flatMap((s) => citedDocuments(s).filter((d) => !jurisdictionCovers(d.jurisdiction, subject)));
      expect(foreign.map((d) => d.key)).toEqual([]);
      expect(texts.filter((s) => /(^|[^0-9])00[0-4]\s/.test(s))).toEqual([]);
    }
  });
});

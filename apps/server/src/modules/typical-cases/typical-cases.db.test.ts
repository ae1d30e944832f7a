import { type CaseCollectionDto, type PublicCaseCollectionDto, type TypicalCaseDetailDto, DEFAULT_CASE_CRITERIA } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../db/seed/demo-filings';
import { DAY } from '../../lib/clock';
import { tinyDocx, tinyPng } from '../../test/case-files';
import { postMultipart } from '../../test/exams';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import { remindCaseDeadlines } from './typical-cases.service';

let t: TestApp;
let gd: Agent;
let school: Agent;
let other: Agent;
let collection: CaseCollectionDto;

const section = (s: string) => `${s}：校企共建课程，书证融通。`;
const draft = (over: Record<string, unknown> = {}) => ({
  collectionId: collection.id,
  title: '“岗课赛证”融通的物联网人才培养',
  category: '书证融通（岗课赛证融通）',
  background: section('实施背景'),
  measures: section('工作举措'),
  outcomes: section('特色成效'),
  ...over,
});

const upload = (a: Agent, id: string, kind: 'images' | 'pdf' | 'word', name: string, bytes: Buffer) =>
  postMultipart(a, `/api/v1/typical-cases/${id}/${kind}`, kind === 'images' ? { caption: '机制图' } : {}, { name, bytes });

async function openCollection(deadline: string, title = '2026 年 1+X 典型案例征集'): Promise<CaseCollectionDto> {
  const r = await gd.post('/api/v1/typical-case-collections', {
    title,
    year: 2026,
    deadline,
    categories: ['书证融通（岗课赛证融通）', '校企合作'],
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<CaseCollectionDto>();
}

async function completeCase(a: Agent, over: Record<string, unknown> = {}): Promise<TypicalCaseDetailDto> {
  const r = await a.post('/api/v1/typical-cases', draft(over));
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json<TypicalCaseDetailDto>().id;
  for (const [i, name] of ['a.png', 'b.png'].entries()) expect((await upload(a, id, 'images', name, tinyPng(i))).statusCode).toBe(200);
  expect((await upload(a, id, 'pdf', '盖章扫描件.pdf', tinyPdf('case'))).statusCode).toBe(200);
  const w = await upload(a, id, 'word', '案例.docx', tinyDocx());
  expect(w.statusCode, w.body).toBe(200);
  return w.json<TypicalCaseDetailDto>();
}

beforeAll(async () => {
  t = await createTestApp();
  gd = await t.loginAs('gd-admin');
  school = await t.loginAs('gzcp-admin');
  other = await t.loginAs('gdst-admin');
  collection = await openCollection(chinaDate(new Date(t.clock.now().getTime() + 30 * DAY)));
});
afterAll(() => t.close());

describe('typical cases (R9.2; 粤教职函〔2023〕12号 三（三）, 附件3)', () => {
  it('R9.2 the province opens a collection with a deadline, categories and the default criteria; its schools are told', async () => {
    expect(collection.open).toBe(true);
    expect(collection.criteria).toEqual(DEFAULT_CASE_CRITERIA);
    const n = await t.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select('users.username')
      .where('notifications.kind', '=', 'typical_case_collection')
      .execute();
    expect(n.map((x) => x.username)).toContain('gzcp-admin');
    expect(n.map((x) => x.username)).not.toContain('hb-admin');
  });

  it('附件3 四 / 三（三） each rule is refused with its clause until the case is complete, then it is submitted', async () => {
    const r = await school.post('/api/v1/typical-cases', draft());
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json<TypicalCaseDetailDto>().id;
    expect(r.json<TypicalCaseDetailDto>().problems.map((p) => p.code)).toEqual(['CASE_IMAGE_COUNT', 'CASE_FILES_MISSING']);

    await upload(school, id, 'images', 'a.png', tinyPng(1));
    let s = await school.post(`/api/v1/typical-cases/${id}/submit`);
    expect(s.statusCode).toBe(400);
    expect(s.json().error.code).toBe('CASE_IMAGE_COUNT');
    expect(s.json().error.message).toContain('附件3 四');

    await upload(school, id, 'images', 'b.png', tinyPng(2));
    s = await school.post(`/api/v1/typical-cases/${id}/submit`);
    expect(s.json().error.code).toBe('CASE_FILES_MISSING');
    expect(s.json().error.message).toContain('三（三）');

    // Files are checked by their content: a picture named .docx is not a Word file, a PNG is not the PDF scan.
    const notWord = await upload(school, id, 'word', '案例.docx', tinyPng(3));
    expect(notWord.statusCode).toBe(400);
    expect(notWord.json().error.code).toBe('FILE_NOT_WORD_DOCUMENT');
    expect((await upload(school, id, 'pdf', 'scan.pdf', tinyPng(3))).json().error.code).toBe('FILE_NOT_PDF');
    expect((await upload(school, id, 'images', 'c.png', tinyDocx())).json().error.code).toBe('FILE_NOT_PICTURE');

    expect((await upload(school, id, 'pdf', 'scan.pdf', tinyPdf('scan'))).statusCode).toBe(200);
    expect((await upload(school, id, 'word', '案例.docx', tinyDocx())).statusCode).toBe(200);

    // 附件3 一: 3000 字 — the update that would make it 3001 is refused and the case keeps its text.
    const filler = (n: number) => '字'.repeat(n);
    const base = draft();
    const used = [base.title, base.background, base.outcomes].join('').length; // all CJK or full-width: one each
    const tooLong = await school.request('PUT', `/api/v1/typical-cases/${id}`, {
      ...base,
      collectionId: undefined,
      measures: filler(3001 - used),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('CASE_TOO_LONG');
    expect(tooLong.json().error.message).toContain('附件3 一');
    const exact = await school.request('PUT', `/api/v1/typical-cases/${id}`, {
      ...base,
      collectionId: undefined,
      measures: filler(3000 - used),
    });
    expect(exact.statusCode, exact.body).toBe(200);
    expect(exact.json<TypicalCaseDetailDto>().charCount).toBe(3000);

    // 附件3 四: a fifth picture is refused.
    await upload(school, id, 'images', 'c.png', tinyPng(4));
    await upload(school, id, 'images', 'd.png', tinyPng(5));
    const fifth = await upload(school, id, 'images', 'e.png', tinyPng(6));
    expect(fifth.json().error.code).toBe('CASE_IMAGE_COUNT');

    s = await school.post(`/api/v1/typical-cases/${id}/submit`);
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json<TypicalCaseDetailDto>().status).toBe('submitted');
    // Submitted: no more changes.
    expect((await upload(school, id, 'images', 'x.png', tinyPng(7))).json().error.code).toBe('CASE_NOT_EDITABLE');
  });

  it('三（三） the deadline: the deadline day is open, the day after a complete case is refused with the clause', async () => {
    const today = chinaDate(t.clock.now());
    const c = await openCollection(today, '当日截止的征集');
    const k = await completeCase(school, { collectionId: c.id });
    expect(k.problems).toEqual([]);
    // The next day (moved by the deadline rather than the clock, so the test's sessions stay alive).
    const yesterday = chinaDate(new Date(t.clock.now().getTime() - DAY));
    await t.db.updateTable('typical_case_collections').set({ deadline: yesterday }).where('id', '=', c.id).execute();
    const s = await school.post(`/api/v1/typical-cases/${k.id}/submit`);
    expect(s.statusCode).toBe(409);
    expect(s.json().error.code).toBe('CASE_COLLECTION_CLOSED');
    expect(s.json().error.message).toContain('三（三）');
    expect((await school.post('/api/v1/typical-cases', draft({ collectionId: c.id }))).json().error.code).toBe('CASE_COLLECTION_CLOSED');
  });

  it('R9.2 scope: drafts are the school’s own; another school and another province get 404; lists hold only the scope', async () => {
    const k = await completeCase(school);
    // A draft is not the province's to see yet.
    expect((await gd.get(`/api/v1/typical-cases/${k.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/typical-cases/${k.id}`)).statusCode).toBe(404);
    const hb = await t.loginAs('hb-admin');
    expect((await hb.get(`/api/v1/typical-case-collections/${collection.id}`)).statusCode).toBe(404);
    expect((await school.post(`/api/v1/typical-cases/${k.id}/submit`)).statusCode).toBe(200);
    expect((await hb.get(`/api/v1/typical-cases/${k.id}`)).statusCode).toBe(404);
    expect((await gd.get(`/api/v1/typical-cases/${k.id}`)).statusCode).toBe(200);
    const hbList = (await hb.get('/api/v1/typical-cases')).json<{ items: { provinceCode: string }[] }>().items;
    expect(hbList.every((x) => x.provinceCode === '420000')).toBe(true);
    const otherList = (await other.get('/api/v1/typical-cases')).json<{ items: { schoolName: string }[] }>().items;
    expect(otherList.every((x) => x.schoolName === '广东生态工程职业学院')).toBe(true);
    // Only the province reviews; a school cannot score its own case.
    expect((await school.post(`/api/v1/typical-cases/${k.id}/review`, { scores: {} })).statusCode).toBe(403);
  });

  it('R9.2 the province scores against the criteria, selects, publishes; the public collection and its PDF need no account', async () => {
    const k = await completeCase(school, { title: '校企合作共建 BIM 实训基地', category: '校企合作' });
    expect((await school.post(`/api/v1/typical-cases/${k.id}/submit`)).statusCode).toBe(200);
    expect((await gd.post(`/api/v1/typical-cases/${k.id}/select`, { selected: true })).json().error.code).toBe('CASE_NOT_SCORED');
    const bad = await gd.post(`/api/v1/typical-cases/${k.id}/review`, {
      scores: { typicality: 31, measures: 20, outcomes: 20, presentation: 10 },
    });
    expect(bad.json().error.code).toBe('CASE_SCORES_INVALID');
    const rev = await gd.post(`/api/v1/typical-cases/${k.id}/review`, {
      scores: { typicality: 28, measures: 27, outcomes: 22, presentation: 14 },
      comment: '机制清楚',
    });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(rev.json<TypicalCaseDetailDto>().totalScore).toBe(91);
    const sel = await gd.post(`/api/v1/typical-cases/${k.id}/select`, { selected: true });
    expect(sel.json<TypicalCaseDetailDto>().status).toBe('selected');

    const anon = (url: string) => t.app.inject({ method: 'GET', url });
    // Not public before it is published.
    expect((await anon(`/api/v1/public/typical-case-collections/${collection.id}`)).statusCode).toBe(404);
    expect((await anon(`/api/v1/files/${k.images[0]!.fileId}`)).statusCode).toBe(404);
    const pub = await gd.post(`/api/v1/typical-case-collections/${collection.id}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);

    const c = (await anon(`/api/v1/public/typical-case-collections/${collection.id}`)).json<PublicCaseCollectionDto>();
    expect(c.cases.map((x) => x.id)).toEqual([k.id]);
    expect(c.cases[0]!.images).toHaveLength(2);
    expect(JSON.stringify(c)).not.toMatch(/score|机制清楚/i); // no scores or review comments in public
    expect((await anon(`/api/v1/files/${k.images[0]!.fileId}`)).statusCode).toBe(200);
    // The school's stamped scan stays the school's and the province's.
    expect((await anon(`/api/v1/files/${k.pdf!.fileId}`)).statusCode).toBe(404);
    const pdf = await anon(`/api/v1/public/typical-case-collections/${collection.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain('NotoSans');
    // Published: no more reviews.
    expect((await gd.post(`/api/v1/typical-cases/${k.id}/select`, { selected: false })).json().error.code).toBe('CASE_NOT_REVIEWABLE');
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', k.id).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['typical_case.submit', 'typical_case.review', 'typical_case.select']),
    );
  });
});

describe('typical-case demo data (issue 14 item 7)', () => {
  it('R9.2 广东 has an open collection with a submitted and a selected case with pictures, and a published collection', async () => {
    const cases = (await gd.get('/api/v1/typical-cases?pageSize=100')).json<{
      items: { status: string; imageCount: number; collectionTitle: string }[];
    }>().items;
    const demo = cases.filter((c) => c.collectionTitle === '2026 年广东省 1+X 证书制度试点典型案例征集');
    expect(demo.map((c) => c.status).sort()).toEqual(['selected', 'submitted']);
    expect(demo.every((c) => c.imageCount >= 2)).toBe(true);
    const pub = (await t.app.inject({ method: 'GET', url: '/api/v1/public/typical-case-collections' })).json<{
      items: { caseCount: number }[];
    }>();
    expect(pub.items.some((c) => c.caseCount >= 1)).toBe(true);
  });
});

describe('000 三（三） deadline reminders and decisions of a typical-case collection (issue 14)', () => {
  /** Usernames that hold a notification with the key. */
  const holders = async (key: string) =>
    (
      await t.db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.user_id')
        .select('users.username')
        .where('notifications.dedupe_key', '=', key)
        .orderBy('users.username')
        .execute()
    ).map((r) => r.username);

  it('000 三（三）: before the window nothing; inside it one notification per school that has not submitted; none twice', async () => {
    const start = t.clock.now().getTime();
    const at = (days: number) => new Date(start + days * DAY);
    const c = await openCollection(chinaDate(at(10)), '提醒测试征集');
    // 广州城市职业学院 submits; 广东生态工程职业学院 only drafts.
    const done = await completeCase(school, { collectionId: c.id });
    expect((await school.post(`/api/v1/typical-cases/${done.id}/submit`)).statusCode).toBe(200);
    await completeCase(other, { collectionId: c.id });
    // Every active administrator of an approved 广东 school but 广州城市职业学院's.
    const expected = (
      await t.db
        .selectFrom('users')
        .innerJoin('schools', 'schools.id', 'users.school_id')
        .select('users.username')
        .where('users.role', '=', 'school_admin')
        .where('users.status', '=', 'active')
        .where('schools.province_code', '=', '440000')
        .where('schools.status', '=', 'approved')
        .where('schools.name', '<>', '广州城市职业学院')
        .orderBy('users.username')
        .execute()
    ).map((r) => r.username);
    expect(expected).toContain('gdst-admin');
    const week = `typical_case_deadline:${c.id}:7`;
    const eve = `typical_case_deadline:${c.id}:1`;

    await remindCaseDeadlines(t.db, at(2)); // 8 days left
    expect(await holders(week)).toEqual([]);

    await remindCaseDeadlines(t.db, at(3)); // 7 days left
    const first = await holders(week);
    expect(first).toEqual(expected);
    expect(first).not.toContain('gzcp-admin'); // submitted
    expect(first).not.toContain('hb-admin'); // another province
    const n = await t.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['notifications.kind', 'notifications.title', 'notifications.body', 'notifications.link'])
      .where('notifications.dedupe_key', '=', week)
      .where('users.username', '=', 'gdst-admin')
      .executeTakeFirstOrThrow();
    expect(n).toMatchObject({ kind: 'typical_case_deadline', link: '/typical-cases' });
    expect(n.title).toBe(`典型案例征集“提醒测试征集”将于 ${c.deadline} 截止，贵校尚未报送`);
    expect(n.body).toContain('距截止还有 7 天');

    // The next ticks in the same window write nothing.
    expect(await remindCaseDeadlines(t.db, at(3))).toBe(0);
    await remindCaseDeadlines(t.db, at(5));
    expect(await holders(week)).toEqual(expected);
    expect(await holders(eve)).toEqual([]);

    // 广东生态工程职业学院 submits in between: the eve's reminder goes to the others only, once.
    const late = await completeCase(other, { collectionId: c.id, title: '生态专业书证融通' });
    expect((await other.post(`/api/v1/typical-cases/${late.id}/submit`)).statusCode).toBe(200);
    await remindCaseDeadlines(t.db, at(9)); // 1 day left
    await remindCaseDeadlines(t.db, at(10)); // the deadline day
    expect(await holders(eve)).toEqual(expected.filter((u) => u !== 'gdst-admin'));
    // After the deadline nothing more.
    expect(await remindCaseDeadlines(t.db, at(11))).toBe(0);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['summary'])
      .where('action', '=', 'notification.deadline_reminders')
      .where('target_type', '=', 'typical_case_collection')
      .execute();
    expect(audit.length).toBe(2);
  });

  it('R9.2: the school hears of the province’s decision, selected or not', async () => {
    const c = await openCollection(chinaDate(new Date(t.clock.now().getTime() + 20 * DAY)), '决定通知测试征集');
    const k = await completeCase(school, { collectionId: c.id, title: '未入选的案例' });
    expect((await school.post(`/api/v1/typical-cases/${k.id}/submit`)).statusCode).toBe(200);
    const rev = await gd.post(`/api/v1/typical-cases/${k.id}/review`, {
      scores: { typicality: 10, measures: 10, outcomes: 10, presentation: 5 },
    });
    expect(rev.statusCode, rev.body).toBe(200);
    expect((await gd.post(`/api/v1/typical-cases/${k.id}/select`, { selected: false, comment: '举措不够具体' })).statusCode).toBe(200);
    const decided = await t.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.username', 'notifications.title', 'notifications.body', 'notifications.link'])
      .where('notifications.kind', '=', 'typical_case_decision')
      .where('notifications.link', '=', `/typical-cases/cases/${k.id}`)
      .execute();
    expect(decided.map((d) => d.username)).toEqual(['gzcp-admin']);
    expect(decided[0]).toMatchObject({ title: '典型案例《未入选的案例》未入选', body: '举措不够具体' });
  });
});

import { randomBytes } from 'node:crypto';
import type { FilingDetailDto, ImportErrorDto, PassRateReportDto, ResultImportJobDto } from '@onex/shared';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, demoFilingId } from '../../test/filing-extras';
import {
  type ResultLine,
  type ResultsFixture,
  RESULTS_ORG_USERNAME,
  createExaminedSession,
  csvFile,
  ensureResultsOrgAdmin,
  fixtureIdNumber,
  linesFor,
  xlsxFile,
} from '../../test/results-import';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

const secretKey = randomBytes(32);
let t: TestApp;
let org: Agent, bim: Agent, gzcp: Agent, gd: Agent, hb: Agent;
let seq = 100;

/** A fresh examined session with `count` registered candidates. */
async function session(
  count: number,
  o: { examDate?: string; extraStatuses?: ('proposed' | 'withdrawn')[] } = {},
): Promise<ResultsFixture> {
  const f = await createExaminedSession(t.db, secretKey, { count, seqBase: seq, ...o });
  seq += count + (o.extraStatuses?.length ?? 0);
  return f;
}

function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = `----onex${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(agent: Agent, url: string, bytes: Buffer, name = 'results.csv', fields: Record<string, string> = {}) {
  const m = multipart(fields, { name, bytes });
  return agent.request('POST', url, m.payload, { headers: { 'content-type': m.contentType } });
}
const importFile = (agent: Agent, f: ResultsFixture, bytes: Buffer, name?: string, fields?: Record<string, string>) =>
  upload(agent, `/api/v1/exam-sessions/${f.sessionId}/results`, bytes, name, fields);

function rowErrors(res: LightMyRequestResponse): ImportErrorDto[] {
  expect(res.statusCode, res.body).toBe(422);
  const body = res.json<{ error: { code: string; details: { errors: ImportErrorDto[] } } }>();
  expect(body.error.code).toBe('IMPORT_INVALID');
  return body.error.details.errors;
}

const resultCount = async (sessionId: string) =>
  Number(
    (
      await t.db
        .selectFrom('exam_results')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('session_id', '=', sessionId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const importCount = async (sessionId: string) =>
  (await t.db.selectFrom('result_imports').select('id').where('session_id', '=', sessionId).execute()).length;
const sessionStatus = async (id: string) =>
  (await t.db.selectFrom('exam_sessions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

/** Nothing of a rejected file is written: no import row, no result, the session's status unchanged. */
async function expectNothingWritten(f: ResultsFixture) {
  expect(await resultCount(f.sessionId)).toBe(0);
  expect(await importCount(f.sessionId)).toBe(0);
  expect(await sessionStatus(f.sessionId)).toBe('examined');
}

beforeAll(async () => {
  t = await createTestApp({ secretKey });
  await ensureResultsOrgAdmin(t.db);
  [org, bim, gzcp, gd, hb] = await Promise.all([
    t.loginAs(RESULTS_ORG_USERNAME),
    t.loginAs('org-bim'),
    t.loginAs('gzcp-admin'),
    t.loginAs('gd-admin'),
    t.loginAs('hb-admin'),
  ]);
});
afterAll(async () => t.close());

describe('R5.5 results import (api-v1 POST /exam-sessions/{id}/results)', () => {
  it('imports a valid .xlsx file: every result in one go, the session’s scores entered, one audit row', async () => {
    const f = await session(6);
    const lines = linesFor(f.candidates, (i) => [95, 60, 59.5, 72.5, 0, 100][i]!);
    const res = await importFile(org, f, await xlsxFile(lines), '成绩.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ duplicate: false, rows: 6, passed: 4, failed: 2, kind: 'initial' });
    const results = await t.db
      .selectFrom('exam_results')
      .select(['registration_id', 'score', 'passed', 'import_id'])
      .where('session_id', '=', f.sessionId)
      .execute();
    expect(results).toHaveLength(6);
    const third = results.find((r) => r.registration_id === f.candidates[2]!.registrationId)!;
    expect(third).toMatchObject({ score: '59.5', passed: false, import_id: res.json().importId });
    expect(await sessionStatus(f.sessionId)).toBe('scores_entered');
    const audit = (await auditRows(t.db, 'exam_results.import')).filter((a) => a.target_id === f.sessionId);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.summary)).not.toContain(f.candidates[0]!.idNumber);
  });

  it('imports a valid UTF-8 .csv file', async () => {
    const f = await session(3);
    const res = await importFile(org, f, csvFile(linesFor(f.candidates, (i) => 50 + i * 10)));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ duplicate: false, rows: 3, passed: 2, failed: 1 });
    expect(await resultCount(f.sessionId)).toBe(3);
  });

  it('the same file twice: the first import’s id with duplicate: true, nothing written twice', async () => {
    const f = await session(3);
    const bytes = csvFile(linesFor(f.candidates, () => 80));
    const first = await importFile(org, f, bytes);
    expect(first.statusCode, first.body).toBe(200);
    const auditBefore = (await auditRows(t.db, 'exam_results.import')).length;
    const again = await importFile(org, f, bytes, 'renamed.csv');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ ...first.json(), duplicate: true });
    expect(await resultCount(f.sessionId)).toBe(3);
    expect(await importCount(f.sessionId)).toBe(1);
    expect((await auditRows(t.db, 'exam_results.import')).length).toBe(auditBefore);
  });

  it('one bad row: 422 IMPORT_INVALID naming its row and column, and nothing is written', async () => {
    const f = await session(4);
    const lines = linesFor(f.candidates, () => 70);
    lines[2] = ['居民身份证', f.candidates[2]!.idNumber, f.candidates[2]!.name, 101, '合格'];
    const errors = rowErrors(await importFile(org, f, csvFile(lines)));
    expect(errors).toEqual([{ row: 4, column: '总成绩', code: 'OUT_OF_RANGE', message: expect.stringContaining('0 至 100') }]);
    await expectNothingWritten(f);
  });

  it('reports every bad row of an .xlsx file with the row numbers the spreadsheet shows', async () => {
    const f = await session(5, { extraStatuses: ['proposed'] });
    const [a, b, c, d, e, proposed] = f.candidates as [
      (typeof f.candidates)[0],
      (typeof f.candidates)[0],
      (typeof f.candidates)[0],
      (typeof f.candidates)[0],
      (typeof f.candidates)[0],
      (typeof f.candidates)[0],
    ];
    const lines: ResultLine[] = [
      ['居民身份证', a.idNumber, '张冠李戴', 80, '合格'], // row 2: wrong name
      ['居民身份证', fixtureIdNumber(990), '不存在', 80, '合格'], // row 3: not registered in this session
      ['居民身份证', c.idNumber, c.name, 55, '合格'], // row 4: inconsistent with the pass mark (60)
      ['居民身份证', d.idNumber, d.name, 60, '不合格'], // row 5: inconsistent the other way
      ['驾驶证', e.idNumber, e.name, 70.25, '良好'], // row 6: three problems
      ['居民身份证', b.idNumber.slice(0, 17) + (b.idNumber.endsWith('1') ? '2' : '1'), b.name, 70, '合格'], // row 7: checksum
      ['居民身份证', a.idNumber, a.name, 80, '合格'], // row 8: a second row for candidate a
      ['居民身份证', proposed.idNumber, proposed.name, 80, '合格'], // row 9: proposed, not registered
      ['居民身份证', b.idNumber, b.name, -1, '不合格'], // row 10: negative score
    ];
    const errors = rowErrors(await importFile(org, f, await xlsxFile(lines), 'r.xlsx'));
    const byRow = (row: number) => errors.filter((x) => x.row === row).map((x) => `${x.column}:${x.code}`);
    expect(byRow(2)).toEqual(['姓名:NAME_MISMATCH']);
    expect(byRow(3)).toEqual(['证件号码:NOT_REGISTERED']);
    expect(byRow(4)).toEqual(['考核结果:RESULT_INCONSISTENT']);
    expect(byRow(5)).toEqual(['考核结果:RESULT_INCONSISTENT']);
    expect(byRow(6)).toEqual(['证件类型:INVALID_ID_TYPE', '总成绩:INVALID_SCORE', '考核结果:INVALID_RESULT']);
    expect(byRow(7)).toEqual(['证件号码:INVALID_ID_NUMBER']);
    expect(byRow(8)).toEqual(['证件号码:DUPLICATE_ROW']);
    expect(byRow(9)).toEqual(['证件号码:NOT_REGISTERED']);
    expect(byRow(10)).toEqual(['总成绩:OUT_OF_RANGE']);
    expect(errors.find((x) => x.row === 4)!.message).toContain('低于合格分数线 60 分');
    expect(errors.every((x) => /[\u4e00-\u9fa5]/.test(x.message))).toBe(true);
    await expectNothingWritten(f);
  });

  it('a header without a column is refused naming the column', async () => {
    const f = await session(1);
    const errors = rowErrors(
      await importFile(
        org,
        f,
        csvFile(
          [['居民身份证', f.candidates[0]!.idNumber, f.candidates[0]!.name, 80, '合格']],
          ['证件类型', '证件号码', '姓名', '成绩', '考核结果'],
        ),
      ),
    );
    expect(errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual(['1:成绩:UNKNOWN_COLUMN', '1:总成绩:MISSING_COLUMN']);
    expect(errors[1]!.message).toContain('缺少列“总成绩”');
    await expectNothingWritten(f);
  });

  it('a CSV that is not UTF-8 is refused with a hint; so is an unreadable .xlsx', async () => {
    const f = await session(1);
    const gbk = Buffer.from([0xd6, 0xa4, 0xbc, 0xfe, 0xc0, 0xe0, 0xd0, 0xcd, 0x2c, 0x0d, 0x0a]); // “证件类型,” in GBK
    const res = await importFile(org, f, gbk);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMPORT_FILE_UNREADABLE');
    expect(res.json().error.message).toContain('UTF-8');
    const zip = await importFile(org, f, Buffer.from('PK\u0003\u0004broken'), 'x.xlsx');
    expect(zip.statusCode).toBe(400);
    await expectNothingWritten(f);
  });

  it('candidates with results: a plain import is refused (409); a correction with a note supersedes and keeps history', async () => {
    const f = await session(3);
    const first = await importFile(org, f, csvFile(linesFor(f.candidates, () => 58)));
    expect(first.json()).toMatchObject({ passed: 0, failed: 3 });
    const [c0, c1] = f.candidates as [(typeof f.candidates)[0], (typeof f.candidates)[0]];
    const fix: ResultLine[] = [['居民身份证', c1.idNumber, c1.name, 62, '合格']];

    const plain = await importFile(org, f, csvFile(fix));
    expect(plain.statusCode).toBe(409);
    expect(plain.json().error.code).toBe('RESULTS_EXIST');
    expect(plain.json().error.message).toContain('成绩更正');

    const noNote = await importFile(org, f, csvFile(fix), 'fix.csv', { correction: 'true' });
    expect(noNote.statusCode).toBe(400);

    const res = await importFile(org, f, csvFile(fix), 'fix.csv', { correction: 'true', note: '复核后第 2 题评分有误，更正为 62 分' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ duplicate: false, rows: 1, passed: 1, failed: 0, kind: 'correction' });
    const history = await t.db
      .selectFrom('exam_results')
      .select(['score', 'passed', 'superseded_at', 'superseded_by_import_id', 'import_id'])
      .where('registration_id', '=', c1.registrationId)
      .orderBy('created_at')
      .orderBy('superseded_at')
      .execute();
    expect(history).toHaveLength(2);
    const old = history.find((h) => h.superseded_at !== null)!;
    const current = history.find((h) => h.superseded_at === null)!;
    expect(old).toMatchObject({
      score: '58.0',
      passed: false,
      superseded_by_import_id: res.json().importId,
      import_id: first.json().importId,
    });
    expect(current).toMatchObject({ score: '62.0', passed: true, import_id: res.json().importId });
    // the others keep their results
    const c0Results = await t.db
      .selectFrom('exam_results')
      .select('superseded_at')
      .where('registration_id', '=', c0.registrationId)
      .execute();
    expect(c0Results).toEqual([{ superseded_at: null }]);
    const imp = await t.db.selectFrom('result_imports').selectAll().where('id', '=', res.json().importId).executeTakeFirstOrThrow();
    expect(imp).toMatchObject({ kind: 'correction', correction_note: '复核后第 2 题评分有误，更正为 62 分', status: 'succeeded' });
    expect((await auditRows(t.db, 'exam_results.correct')).some((a) => a.target_id === f.sessionId)).toBe(true);

    const candidates = (await org.get(`/api/v1/exam-sessions/${f.sessionId}/candidates`)).json<{
      items: { candidateId: string; score: number; passed: boolean }[];
    }>();
    expect(candidates.items.find((c) => c.candidateId === c1.registrationId)).toMatchObject({ score: 62, passed: true });
  });

  it('refuses results before the exam has taken place or after publication (409)', async () => {
    const f = await createExaminedSession(t.db, secretKey, { count: 1, seqBase: seq++, status: 'registration_closed' });
    const res = await importFile(org, f, csvFile(linesFor(f.candidates, () => 80)));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('RESULTS_NOT_ACCEPTED');
  });

  it('another organization gets 404; a school gets 403; an API token works without a CSRF header', async () => {
    const f = await session(2);
    const bytes = csvFile(linesFor(f.candidates, () => 90));
    expect((await importFile(bim, f, bytes)).statusCode).toBe(404);
    expect((await bim.get(`/api/v1/exam-sessions/${f.sessionId}/candidates`)).statusCode).toBe(404);
    expect((await bim.post(`/api/v1/exam-sessions/${f.sessionId}/score-publication`)).statusCode).toBe(404);
    expect((await importFile(gzcp, f, bytes)).statusCode).toBe(403);
    expect(await resultCount(f.sessionId)).toBe(0);

    const { token } = (await org.post('/api/v1/api-tokens', { name: '考务系统' })).json<{ token: string }>();
    const bearer = { authorization: `Bearer ${token}` };
    const m = multipart({}, { name: 'results.csv', bytes });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/exam-sessions/${f.sessionId}/results`,
      headers: { ...bearer, 'content-type': m.contentType },
      payload: m.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ duplicate: false, rows: 2, passed: 2 });
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exam-sessions/${f.sessionId}/candidates?page=1&pageSize=1`,
      headers: bearer,
    });
    expect(list.json()).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    const pub = await t.app.inject({ method: 'POST', url: `/api/v1/exam-sessions/${f.sessionId}/score-publication`, headers: bearer });
    expect(pub.statusCode, pub.body).toBe(200);
    // a cookie session without the CSRF header is refused
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/v1/exam-sessions/${f.sessionId}/results`,
      headers: { cookie: org.cookie, 'content-type': m.contentType },
      payload: m.payload,
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('candidates (api-v1 GET /exam-sessions/{id}/candidates)', () => {
  it('lists the registered candidates with full ID numbers for the owning organization, and whether each has a result', async () => {
    const f = await session(3, { extraStatuses: ['withdrawn'] });
    await importFile(org, f, csvFile(linesFor(f.candidates.slice(0, 1), () => 88)));
    const res = await org.get(`/api/v1/exam-sessions/${f.sessionId}/candidates?page=1&pageSize=20`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ items: { candidateId: string; idNumber: string; hasResult: boolean }[]; total: number }>();
    expect(body.total).toBe(3); // the withdrawn one is not a candidate
    const first = body.items.find((c) => c.candidateId === f.candidates[0]!.registrationId)!;
    expect(first).toMatchObject({
      name: f.candidates[0]!.name,
      idType: 'id_card',
      idTypeLabel: '居民身份证',
      idNumber: f.candidates[0]!.idNumber,
      schoolName: '广州城市职业学院',
      hasResult: true,
      score: 88,
      passed: true,
    });
    expect(body.items.filter((c) => !c.hasResult)).toHaveLength(2);
  });
});

describe('score publication (api-v1 POST /exam-sessions/{id}/score-publication)', () => {
  it('scores_entered → scores_published once, with an event and an audit row; then no more imports', async () => {
    const f = await session(2);
    expect((await org.post(`/api/v1/exam-sessions/${f.sessionId}/score-publication`)).statusCode).toBe(409); // nothing entered
    await importFile(org, f, csvFile(linesFor(f.candidates, (i) => (i ? 40 : 90))));
    const res = await org.post(`/api/v1/exam-sessions/${f.sessionId}/score-publication`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sessionId: f.sessionId, status: 'scores_published', candidates: 2, passed: 1 });
    expect(await sessionStatus(f.sessionId)).toBe('scores_published');
    const events = await t.db.selectFrom('exam_session_events').select('action').where('session_id', '=', f.sessionId).execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['enter_scores', 'publish_scores']));
    expect((await auditRows(t.db, 'exam_session.publish_scores')).some((a) => a.target_id === f.sessionId)).toBe(true);
    const again = await org.post(`/api/v1/exam-sessions/${f.sessionId}/score-publication`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SCORES_NOT_PUBLISHABLE');
    const late = await importFile(org, f, csvFile(linesFor(f.candidates, () => 99)), 'late.csv', { correction: 'true', note: '更正' });
    expect(late.json().error.code).toBe('RESULTS_NOT_ACCEPTED');
  });
});

describe('issue 21 item 2: 成绩公示 with candidates without a score needs their number confirmed', () => {
  const url = (f: ResultsFixture) => `/api/v1/exam-sessions/${f.sessionId}/score-publication`;
  /** A session of three candidates, two of them scored (scores_entered, one missing). */
  async function oneMissing() {
    const f = await session(3);
    const res = await importFile(org, f, csvFile(linesFor(f.candidates.slice(0, 2), () => 80)));
    expect(res.statusCode, res.body).toBe(200);
    return f;
  }
  const orgDays = async (orgId: string) =>
    (await t.db.selectFrom('evaluation_orgs').select('publicity_days').where('id', '=', orgId).executeTakeFirstOrThrow()).publicity_days;
  const sessionDays = async (id: string) =>
    (await t.db.selectFrom('exam_sessions').select('publicity_days').where('id', '=', id).executeTakeFirstOrThrow()).publicity_days;

  it('R5.5 the check names the candidates without a score and the default 公示期 (the organization’s setting)', async () => {
    const f = await oneMissing();
    const res = await org.get(url(f));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ candidates: 3, withResult: 2, missing: 1, publicityDays: await orgDays(f.orgId) });
    expect((await bim.get(url(f))).statusCode).toBe(404);
  });

  it('R5.5 without the confirmation, or with another number: 409 naming the count; nothing published', async () => {
    const f = await oneMissing();
    for (const body of [undefined, {}, { confirmMissing: 0 }, { confirmMissing: 2 }]) {
      const res = await org.request('POST', url(f), body);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('MISSING_SCORES_UNCONFIRMED');
      expect(res.json().error.message).toContain('1 名考生尚无成绩');
      expect(res.json().error.details).toMatchObject({ missing: 1 });
    }
    expect(await sessionStatus(f.sessionId)).toBe('scores_entered');
    expect((await auditRows(t.db, 'exam_session.publish_scores')).some((a) => a.target_id === f.sessionId)).toBe(false);
  });

  it('R5.5 with the exact number confirmed: published, the 公示期 chosen kept on the session and audited', async () => {
    const f = await oneMissing();
    const res = await org.request('POST', url(f), { confirmMissing: 1, publicityDays: 7 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'scores_published', candidates: 2, missing: 1, publicityDays: 7 });
    expect(await sessionDays(f.sessionId)).toBe(7);
    const audit = (await auditRows(t.db, 'exam_session.publish_scores')).find((a) => a.target_id === f.sessionId)!;
    expect(audit.summary).toMatchObject({ missing: 1, publicityDays: 7 });
    // The session list shows it (证书发放 reads it from there).
    const list = await org.get(`/api/v1/exam-sessions/${f.sessionId}`);
    expect(list.json()).toMatchObject({ publicityDays: 7, scoresPublishedAt: res.json().scoresPublishedAt });
  });

  it('api-v1 contract kept: every candidate scored, no body → published with the organization’s 公示期', async () => {
    const f = await session(2);
    await importFile(org, f, csvFile(linesFor(f.candidates, () => 70)));
    const res = await org.post(url(f));
    expect(res.statusCode, res.body).toBe(200);
    const days = await orgDays(f.orgId);
    expect(res.json()).toMatchObject({ candidates: 2, passed: 2, missing: 0, publicityDays: days });
    expect(await sessionDays(f.sessionId)).toBe(days);
  });

  it('a 公示期 outside 0–60 days is refused', async () => {
    const f = await oneMissing();
    expect((await org.request('POST', url(f), { confirmMissing: 1, publicityDays: 61 })).statusCode).toBe(400);
  });
});

describe('results import jobs for the UI (preview, queue, progress)', () => {
  async function waitForJob(id: string): Promise<ResultImportJobDto> {
    await t.app.resultImportWorker.idle();
    const res = await org.get(`/api/v1/result-imports/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ResultImportJobDto>();
  }

  it('preview validates and counts without writing; the job then imports with progress', async () => {
    const f = await session(4);
    const bytes = await xlsxFile(linesFor(f.candidates, (i) => 55 + i * 5));
    const url = `/api/v1/exam-sessions/${f.sessionId}/result-imports`;
    const preview = await upload(org, url, bytes, 'r.xlsx', { preview: 'true' });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ preview: true, valid: true, rows: 4, passed: 3, failed: 1, errors: [], duplicateOf: null });
    await expectNothingWritten(f);

    const queued = await upload(org, url, bytes, 'r.xlsx');
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json()).toMatchObject({ status: expect.stringMatching(/queued|running|succeeded/), fileName: 'r.xlsx' });
    const job = await waitForJob(queued.json().id);
    expect(job).toMatchObject({ status: 'succeeded', progress: 100, rows: 4, passed: 3, failed: 1, errors: [] });
    expect(await resultCount(f.sessionId)).toBe(4);
    expect(await sessionStatus(f.sessionId)).toBe('scores_entered');

    // the same file again: the earlier import, nothing queued
    const dup = await upload(org, url, bytes, 'r.xlsx');
    expect(dup.statusCode).toBe(200);
    expect(dup.json()).toMatchObject({ id: job.id, duplicate: true, status: 'succeeded' });
    expect((await org.get(`/api/v1/exam-sessions/${f.sessionId}/result-imports`)).json().items).toHaveLength(1);
    expect((await bim.get(`/api/v1/result-imports/${job.id}`)).statusCode).toBe(404);
  });

  it('a job with bad rows fails with its errors and writes no result; the fixed file then succeeds', async () => {
    const f = await session(2);
    const bad = linesFor(f.candidates, () => 70);
    bad[1] = ['居民身份证', f.candidates[1]!.idNumber, '错名', 70, '合格'];
    const url = `/api/v1/exam-sessions/${f.sessionId}/result-imports`;
    const preview = (await upload(org, url, csvFile(bad), 'bad.csv', { preview: 'true' })).json();
    expect(preview).toMatchObject({ valid: false, totalErrors: 1, errors: [{ row: 3, column: '姓名', code: 'NAME_MISMATCH' }] });
    const queued = await upload(org, url, csvFile(bad), 'bad.csv');
    expect(queued.statusCode).toBe(202);
    const job = await waitForJob(queued.json().id);
    expect(job).toMatchObject({ status: 'failed', errors: [{ row: 3, column: '姓名', code: 'NAME_MISMATCH' }] });
    expect(job.message).toContain('未写入');
    expect(await resultCount(f.sessionId)).toBe(0);

    const fixed = await upload(org, url, csvFile(linesFor(f.candidates, () => 70)), 'fixed.csv');
    expect((await waitForJob(fixed.json().id)).status).toBe('succeeded');
    expect(await resultCount(f.sessionId)).toBe(2);
  });
});

describe('R5.6 pass rates', () => {
  const rates = async (agent: Agent, q: string) => {
    const res = await agent.get(`/api/v1/pass-rates?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PassRateReportDto>();
  };

  it('per session, school, certificate, level, province and year from the current results, within each actor’s scope', async () => {
    const f = await session(5, { examDate: '2024-05-10' });
    // 3 of 5 pass; a correction turns one failure into a pass: 4 of 5 (the superseded result no longer counts)
    await importFile(org, f, csvFile(linesFor(f.candidates, (i) => [90, 80, 70, 50, 40][i]!)));
    await importFile(org, f, csvFile([['居民身份证', f.candidates[3]!.idNumber, f.candidates[3]!.name, 61, '合格']]), 'c.csv', {
      correction: 'true',
      note: '复核更正',
    });
    const bySession = await rates(org, 'groupBy=session&year=2024');
    expect(bySession.items).toEqual([
      {
        key: f.sessionId,
        label: expect.stringContaining('工业机器人应用编程｜中级｜2024-05-10'),
        candidates: 5,
        passed: 4,
        failed: 1,
        rate: 0.8,
      },
    ]);
    expect(bySession.total).toEqual({ candidates: 5, passed: 4, failed: 1, rate: 0.8 });
    expect((await rates(org, 'groupBy=school&year=2024')).items).toEqual([
      { key: f.schoolId, label: '广州城市职业学院', candidates: 5, passed: 4, failed: 1, rate: 0.8 },
    ]);
    expect((await rates(org, 'groupBy=certificate&year=2024')).items).toMatchObject([
      { key: f.certificateTypeId, label: '工业机器人应用编程', rate: 0.8 },
    ]);
    expect((await rates(org, 'groupBy=level&year=2024')).items).toMatchObject([{ key: 'intermediate', label: '中级', candidates: 5 }]);
    expect((await rates(gd, 'groupBy=province&year=2024')).items).toMatchObject([
      { key: '440000', label: '广东省', candidates: 5, passed: 4 },
    ]);
    expect((await rates(gzcp, 'groupBy=year&year=2024')).items).toMatchObject([
      { key: '2024', label: '2024 年', candidates: 5, passed: 4 },
    ]);
    expect((await rates(gzcp, 'groupBy=pilot&year=2024')).items).toMatchObject([{ candidates: 5, passed: 4 }]);
    // other scopes see none of it
    expect((await rates(hb, 'groupBy=school&year=2024')).items).toEqual([]);
    expect((await rates(bim, 'groupBy=school&year=2024')).items).toEqual([]);
    const learner = await t.loginAs('learner1');
    expect((await learner.get('/api/v1/pass-rates')).statusCode).toBe(403);
  });

  it('R3.9: the filing rule reads real results — the previous year’s pass rate of a pilot comes from its imported results', async () => {
    const irPilot = await demoFilingId(t.db, '广州城市职业学院', 'IR-PROG'); // a 2026 pilot
    const f = await session(4, { examDate: '2025-11-15' });
    await importFile(org, f, csvFile(linesFor(f.candidates, (i) => [95, 85, 45, 30][i]!)));
    const detail = (await gzcp.get(`/api/v1/filings/${irPilot}`)).json<FilingDetailDto>();
    expect(detail.passRate.previousYear).toEqual({ year: 2025, candidates: 4, passed: 2, rate: 0.5, belowThreshold: true });
    // issue 18 #0: the 90 % restriction (001 第十二条) binds 广东生态工程职业学院 only; 广东 has adopted no pass-rate rule.
    expect(detail.passRate.restricted).toBe(false);
  });
});

describe('issue 21 item 3: results template pre-filled with the candidates, and the error list', () => {
  const templateOf = (agent: Agent, f: ResultsFixture) => agent.get(`/api/v1/exam-sessions/${f.sessionId}/results-template`);
  async function workbook(bytes: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return wb;
  }

  it('R5.5 round trip: download → fill 总成绩 and 考核结果 → import → every result written', async () => {
    const f = await session(4);
    const res = await templateOf(org, f);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const wb = await workbook(res.rawPayload);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '证件类型', '证件号码', '姓名', '总成绩', '考核结果']);
    // Full ID numbers, as text, for the organization's own candidates; score and result empty, with validation.
    const ids = new Set<string>();
    for (let r = 2; r <= 5; r++) {
      const row = sheet.getRow(r);
      expect(row.getCell(1).value).toBe('居民身份证');
      ids.add(String(row.getCell(2).value));
      expect(row.getCell(4).value).toBeNull();
      expect(row.getCell(4).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100] });
      expect(row.getCell(5).dataValidation).toMatchObject({ type: 'list', formulae: ['"合格,不合格"'] });
    }
    expect(ids).toEqual(new Set(f.candidates.map((c) => c.idNumber)));
    expect(sheet.getRow(6).getCell(2).value).toBeNull();

    for (let r = 2; r <= 5; r++) {
      const s = r === 2 ? 40 : 55 + r * 3; // one below the pass mark (60), three above
      sheet.getRow(r).getCell(4).value = s;
      sheet.getRow(r).getCell(5).value = s >= 60 ? '合格' : '不合格';
    }
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const imported = await importFile(org, f, filled, '成绩.xlsx');
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ rows: 4, passed: 3, failed: 1 });
    expect(await resultCount(f.sessionId)).toBe(4);

    const audit = (await auditRows(t.db, 'exam_results.template_download')).filter((a) => a.target_id === f.sessionId);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.summary)).not.toContain(f.candidates[0]!.idNumber);
  });

  it('R5.5 a template with one score missing is refused as a whole (all or nothing)', async () => {
    const f = await session(2);
    const wb = await workbook((await templateOf(org, f)).rawPayload);
    const sheet = wb.worksheets[0]!;
    sheet.getRow(2).getCell(4).value = 80;
    sheet.getRow(2).getCell(5).value = '合格';
    const res = await importFile(org, f, Buffer.from(await wb.xlsx.writeBuffer()), '成绩.xlsx');
    expect(rowErrors(res).map((e) => e.row)).toContain(3);
    await expectNothingWritten(f);
  });

  it('only the session’s own organization gets the template (another organization, a school: 404 / 403)', async () => {
    const f = await session(1);
    expect((await templateOf(bim, f)).statusCode).toBe(404);
    expect((await templateOf(gzcp, f)).statusCode).toBe(403);
  });

  it('the error list of a refused file downloads as .xlsx: 行, 列, 说明 in Chinese; nothing is written', async () => {
    const f = await session(2);
    const lines = linesFor(f.candidates, () => 80);
    lines[1]![3] = 120;
    const res = await upload(org, `/api/v1/exam-sessions/${f.sessionId}/result-errors`, await xlsxFile(lines), '成绩.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const sheet = (await workbook(res.rawPayload)).worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '行', '列', '说明']);
    expect(sheet.getRow(2).getCell(1).value).toBe(3);
    expect(sheet.getRow(2).getCell(2).value).toBe('总成绩');
    expect(String(sheet.getRow(2).getCell(3).value)).toMatch(/[\u4e00-\u9fff]/);
    await expectNothingWritten(f);
    expect((await upload(bim, `/api/v1/exam-sessions/${f.sessionId}/result-errors`, await xlsxFile(lines), 'x.xlsx')).statusCode).toBe(404);
  });
});

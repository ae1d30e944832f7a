import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../lib/clock';
import { MAX_JOB_ATTEMPTS } from '../../lib/job-worker';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app';
import * as q from './exports.queries';
import { STALE_EXPORT_JOB_MS } from './exports.rules';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON responses are read by path in these tests
type Json = Record<string, any>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A small threshold, so that the demo lists of more than 3 rows are written by export jobs. */
const THRESHOLD = 3;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ exportJobThreshold: THRESHOLD });
});
afterAll(() => t.close());

async function readSheet(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** The list exported, as its user gets it: streamed at once, or through the job (202, wait, download). */
async function exportOf(a: Agent, url: string): Promise<{ sheet: ExcelJS.Worksheet; job: Json | null }> {
  const r = await a.get(`${url}${url.includes('?') ? '&' : '?'}format=xlsx`);
  if (r.statusCode === 200) {
    expect(r.headers['content-type']).toBe(XLSX);
    return { sheet: await readSheet(r.rawPayload), job: null };
  }
  expect(r.statusCode, r.body.slice(0, 300)).toBe(202);
  await t.app.exportWorker.idle();
  const job = (await a.get(`/api/v1/exports/${r.json<Json>().id}`)).json<Json>();
  expect(job.status, job.message).toBe('succeeded');
  const file = await a.get(job.downloadUrl);
  expect(file.statusCode).toBe(200);
  expect(file.headers['content-type']).toBe(XLSX);
  return { sheet: await readSheet(file.rawPayload), job };
}

function dataRows(sheet: ExcelJS.Worksheet, total: number) {
  return total === 0 ? 0 : sheet.actualRowCount - 1;
}

describe('R10.2 an export has exactly the rows of its list, for the same filters and scope', () => {
  it.each([
    ['national', '/api/v1/schools?schoolType=higher'],
    ['gd-admin', '/api/v1/schools'],
    ['gd-admin', '/api/v1/filings'],
    ['gzcp-admin', '/api/v1/learners?kind=pilot_student'],
    ['org-robot', '/api/v1/certificates?status=valid'],
    ['national', '/api/v1/audit-log?action=auth.login'],
    ['national', `/api/v1/schools?q=${encodeURIComponent('职业')}`],
  ])('R10.2 %s %s: rows of the export = the list’s total', async (user, url) => {
    const a = await t.loginAs(user);
    const list = await a.get(`${url}${url.includes('?') ? '&' : '?'}pageSize=1`);
    expect(list.statusCode).toBe(200);
    const total = list.json<Json>().total as number;
    const { sheet, job } = await exportOf(a, url);
    expect(dataRows(sheet, total)).toBe(total);
    if (total > THRESHOLD) {
      expect(job).not.toBeNull();
      expect(job!.total).toBe(total);
      expect(job!.done).toBe(total);
    } else expect(job).toBeNull();
  });
});

describe('R10.2 long exports are jobs with progress, for their requester only', () => {
  it('R10.2 beyond the threshold: 202 with the job; progress; the file; another user 404; the export audited', async () => {
    const national = await t.loginAs('national');
    const total = (await national.get('/api/v1/schools?pageSize=1')).json<Json>().total as number;
    expect(total).toBeGreaterThan(THRESHOLD);

    const r = await national.get('/api/v1/schools?format=xlsx');
    expect(r.statusCode).toBe(202);
    const queued = r.json<Json>();
    expect(queued).toMatchObject({ path: '/api/v1/schools', status: 'queued', total, done: 0, downloadUrl: null });
    expect(Date.parse(queued.expiresAt) - Date.parse(queued.createdAt)).toBe(DAY);

    // Another user (even the national one's peers) never sees the job or its file.
    const gd = await t.loginAs('gd-admin');
    expect((await gd.get(`/api/v1/exports/${queued.id}`)).statusCode).toBe(404);

    await t.app.exportWorker.idle();
    const done = (await national.get(`/api/v1/exports/${queued.id}`)).json<Json>();
    expect(done).toMatchObject({ status: 'succeeded', total, done: total, downloadUrl: `/api/v1/exports/${queued.id}/file` });
    expect((await gd.get(`/api/v1/exports/${queued.id}/file`)).statusCode).toBe(404);
    expect((await gd.get(`/api/v1/exports/${queued.id}`)).statusCode).toBe(404);

    const file = await national.get(done.downloadUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('schools.xlsx');
    const sheet = await readSheet(file.rawPayload);
    expect(sheet.actualRowCount - 1).toBe(total);
    expect(String(sheet.getRow(1).getCell(1).value)).toMatch(/[\u4e00-\u9fa5]/);

    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'list.export')
      .where('target_id', '=', queued.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_username).toBe('national');
    expect(audit[0]!.summary).toMatchObject({ path: '/api/v1/schools', rows: total, jobId: queued.id });
  });

  it('R10.2 a streamed export is audited too, with its path, filters and rows', async () => {
    const gd = await t.loginAs('gd-admin');
    const url = '/api/v1/schools?schoolType=secondary';
    const total = (await gd.get(`${url}&pageSize=1`)).json<Json>().total as number;
    expect(total).toBeLessThanOrEqual(THRESHOLD);
    const r = await gd.get(`${url}&format=xlsx`);
    expect(r.statusCode).toBe(200);
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['summary', 'actor_username', 'province_code'])
      .where('action', '=', 'list.export')
      .where('actor_username', '=', 'gd-admin')
      .orderBy('at', 'desc')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((x) => x.summary)).toContainEqual({
      path: '/api/v1/schools',
      filters: 'schoolType=secondary',
      rows: total,
      format: 'xlsx',
    });
    expect(rows[0]!.province_code).toBe('440000');
  });

  it('R10.2 the file is not ready before the job is done: 409 EXPORT_NOT_READY; a job and its file expire after 24 h', async () => {
    const national = await t.loginAs('national');
    const r = await national.get('/api/v1/audit-log?format=xlsx');
    expect(r.statusCode).toBe(202);
    const id = r.json<Json>().id as string;
    // Not yet claimed by the worker in this turn, or claimed: either way not succeeded before the worker ran.
    const early = await national.get(`/api/v1/exports/${id}/file`);
    if (early.statusCode !== 200) expect(early.json<Json>().error.code).toBe('EXPORT_NOT_READY');
    await t.app.exportWorker.idle();
    const job = await t.db.selectFrom('export_jobs').select(['file_id', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(job.status).toBe('succeeded');

    t.clock.advance(DAY + HOUR);
    const later = await t.loginAs('national'); // the first session has ended by now
    expect((await later.get(`/api/v1/exports/${id}`)).statusCode).toBe(404);
    expect((await later.get(`/api/v1/exports/${id}/file`)).statusCode).toBe(404);
    t.app.exportWorker.kick();
    await t.app.exportWorker.idle();
    expect(await t.db.selectFrom('export_jobs').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    expect(await t.db.selectFrom('files').select('id').where('id', '=', job.file_id!).executeTakeFirst()).toBeUndefined();
  });

  it('R10.2 an API-token client gets the file as api-v1 says; with Prefer: respond-async it gets the job', async () => {
    const org = await t.loginAs('org-robot');
    const { token } = (await org.post('/api/v1/api-tokens', { name: '导出测试' })).json<Json>();
    const bearer = { authorization: `Bearer ${token}` };
    const total = (await org.get('/api/v1/certificates?pageSize=1')).json<Json>().total as number;
    expect(total).toBeGreaterThan(THRESHOLD);

    const file = await t.app.inject({ method: 'GET', url: '/api/v1/certificates?format=xlsx', headers: bearer });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe(XLSX);
    expect((await readSheet(file.rawPayload)).actualRowCount - 1).toBe(total);

    const queued = await t.app.inject({
      method: 'GET',
      url: '/api/v1/certificates?format=xlsx',
      headers: { ...bearer, prefer: 'respond-async' },
    });
    expect(queued.statusCode).toBe(202);
    await t.app.exportWorker.idle();
    const job = await t.app.inject({ method: 'GET', url: `/api/v1/exports/${queued.json<Json>().id}`, headers: bearer });
    expect(job.json<Json>()).toMatchObject({ status: 'succeeded', done: total });
    // The same person signed in sees the job too; it is theirs, not the token's.
    expect((await org.get(`/api/v1/exports/${queued.json<Json>().id}`)).statusCode).toBe(200);
  });

  it('R10.2 a signed-out caller of a public list is never given a job: the export streams', async () => {
    const total = (await t.app.inject({ method: 'GET', url: '/api/v1/public/certificate-types?pageSize=1' })).json<Json>().total;
    expect(total).toBeGreaterThan(THRESHOLD);
    const anonymousAudits = () =>
      t.db.selectFrom('audit_log').select('id').where('action', '=', 'list.export').where('actor_id', 'is', null).execute();
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/public/certificate-types?format=xlsx' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    expect((await readSheet(r.rawPayload)).actualRowCount - 1).toBe(total);
    expect(await anonymousAudits()).toHaveLength(0);
  });
});

describe('R10.2 no cell of an export is a formula', () => {
  it('R10.2 values starting with =, +, - or @ are written as text, streamed or by a job', async () => {
    const values = ['=HYPERLINK("http://evil.example","点我")', '+1+2', '-3+4', '@SUM(A1:A2)'];
    const schools = await t.db.selectFrom('schools').select('id').orderBy('id').limit(4).execute();
    for (const [i, s] of schools.entries()) await t.db.updateTable('schools').set({ name: values[i]! }).where('id', '=', s.id).execute();
    for (const user of ['national', 'gz-admin']) {
      const { sheet } = await exportOf(await t.loginAs(user), '/api/v1/schools');
      const seen = new Set<string>();
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
          if (typeof cell.value === 'string' && values.includes(cell.value)) {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            seen.add(cell.value);
          }
        }),
      );
      if (user === 'national') expect([...seen].sort()).toEqual([...values].sort());
    }
  });
});

describe('R10.2 OpenAPI tells the export job', () => {
  it('R10.2 every list documents its 202 export job, and the job routes are documented', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<Json>();
    for (const p of ['/api/v1/schools', '/api/v1/audit-log', '/api/v1/learners'])
      expect(doc.paths[p].get.responses).toHaveProperty(['202']);
    expect(doc.paths).toHaveProperty(['/api/v1/exports/{id}']);
    expect(doc.paths).toHaveProperty(['/api/v1/exports/{id}/file']);
  });
});

describe('R10.2 the export queue (shared job queries, lib/job.queries.ts)', () => {
  it(`R10.2 a claim passes over an expired export; one left running ${MAX_JOB_ATTEMPTS} times ends failed with its reason`, async () => {
    const national = await t.loginAs('national');
    let now = t.clock.now();
    const job = (at: number, expiresIn: number) =>
      q.insertJob(t.db, {
        requestedBy: national.user.id,
        route: '/api/v1/schools',
        path: '/api/v1/schools',
        params: {},
        query: '',
        total: 1,
        at: new Date(now.getTime() + at),
        expiresAt: new Date(now.getTime() + expiresIn),
      });
    // The expired one is the older: a claim that did not pass over it would take it first.
    const expired = await job(-2 * HOUR, -HOUR);
    const live = await job(-HOUR, DAY);
    // Each claim's process "dies", so the job goes stale and is claimed again until its attempts are spent.
    for (let i = 1; i <= MAX_JOB_ATTEMPTS; i++) {
      const claimed = await q.claimNextJob(t.db, new Date(now.getTime() - STALE_EXPORT_JOB_MS), now, MAX_JOB_ATTEMPTS);
      expect(claimed).toMatchObject({ id: live.id, status: 'running', done: 0, attempts: i });
      now = new Date(now.getTime() + STALE_EXPORT_JOB_MS + 1000);
    }
    expect(await q.claimNextJob(t.db, new Date(now.getTime() - STALE_EXPORT_JOB_MS), now, MAX_JOB_ATTEMPTS)).toBeNull();
    expect(await q.findJob(t.db, live.id)).toMatchObject({
      status: 'failed',
      attempts: MAX_JOB_ATTEMPTS,
      message: expect.stringContaining(`导出已中断 ${MAX_JOB_ATTEMPTS} 次`),
    });
    expect(await q.findJob(t.db, expired.id)).toMatchObject({ status: 'queued', attempts: 0 });
    await t.db.deleteFrom('export_jobs').where('id', 'in', [expired.id, live.id]).execute();
  });
});

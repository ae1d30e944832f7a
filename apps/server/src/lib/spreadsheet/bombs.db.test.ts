import { randomBytes } from 'node:crypto';
import {
  ACCOUNT_IMPORT_COLUMNS,
  DEPOSIT_IMPORT_COLUMNS,
  LEARNER_IMPORT_COLUMNS,
  MAJOR_IMPORT_COLUMNS,
  RESULT_FILE_COLUMNS,
  type ResultImportJobDto,
} from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JOB_ATTEMPTS } from '../job-worker';
import { postMultipart } from '../../test/exams';
import { RESULTS_ORG_USERNAME, type ResultsFixture, createExaminedSession, ensureResultsOrgAdmin } from '../../test/results-import';
import { type BombCorpus, bombCorpus } from '../../test/spreadsheet-bombs';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { STALE_JOB_MS } from '../../modules/results-import/results-import.worker';
import * as q from '../../modules/results-import/results-import.queries';
import * as jq from '../../modules/certificates/certificates.pdf-jobs.queries';

/**
 * Issue 20 item 1 (spreadsheet bombs): every upload path that reads a spreadsheet answers a clear 4xx to a zip bomb,
 * a shared-strings bomb, a sheet of 1,000,000 rows and a file that is not a zip, writes nothing, and the server
 * stays up. Memory and time are measured in bench/bombs.bench.ts, not asserted here.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const secretKey = randomBytes(32);
let t: TestApp;
let org: Agent, school: Agent;
let f: ResultsFixture;
let bombs: Pick<BombCorpus, 'zipBomb' | 'sharedStringsBomb' | 'notZip'>;

beforeAll(async () => {
  t = await createTestApp({ secretKey });
  await ensureResultsOrgAdmin(t.db);
  org = await t.loginAs(RESULTS_ORG_USERNAME);
  school = await t.loginAs('gzcp-admin');
  f = await createExaminedSession(t.db, secretKey, { count: 2, seqBase: 900 });
  // The bombs fire before any header is read: one set serves every path; the long sheets carry each path's header.
  bombs = await bombCorpus({ sheetName: 'Sheet1', header: ['x'], rows: 1 });
}, 120_000);
afterAll(() => t?.close());

/** Rows of every table an import writes to, and of the audit log: the same before and after a refused file. */
async function footprint(): Promise<Record<string, number>> {
  const tables = [
    'audit_log',
    'learners',
    'school_majors',
    'school_major_years',
    'learning_accounts',
    'learning_outcomes',
    'exam_results',
  ] as const;
  const counts = await Promise.all(
    tables.map((name) =>
      t.db
        .selectFrom(name)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  );
  return Object.fromEntries(tables.map((name, i) => [name, Number(counts[i]!.n)]));
}

interface UploadPath {
  name: string;
  agent: () => Agent;
  url: () => string;
  sheetName: string;
  header: readonly string[];
  fields?: Record<string, string>;
}

const PATHS: UploadPath[] = [
  {
    name: 'results (contract)',
    agent: () => org,
    url: () => `/api/v1/exam-sessions/${f.sessionId}/results`,
    sheetName: '成绩',
    header: RESULT_FILE_COLUMNS,
  },
  {
    name: 'results preview',
    agent: () => org,
    url: () => `/api/v1/exam-sessions/${f.sessionId}/result-imports`,
    fields: { preview: 'true' },
    sheetName: '成绩',
    header: RESULT_FILE_COLUMNS,
  },
  { name: 'learners', agent: () => school, url: () => '/api/v1/learners/import', sheetName: '学生名单', header: LEARNER_IMPORT_COLUMNS },
  {
    name: 'majors',
    agent: () => school,
    url: () => `/api/v1/schools/${schoolId}/majors/import`,
    sheetName: '专业数据',
    header: MAJOR_IMPORT_COLUMNS,
  },
  {
    name: 'credit-bank accounts',
    agent: () => school,
    url: () => '/api/v1/learning-accounts/import',
    sheetName: '学习账户',
    header: ACCOUNT_IMPORT_COLUMNS,
  },
  {
    name: 'credit-bank deposits',
    agent: () => school,
    url: () => '/api/v1/learning-outcomes/import',
    sheetName: '学习成果',
    header: DEPOSIT_IMPORT_COLUMNS,
  },
];
let schoolId = '';
beforeAll(async () => {
  schoolId = (await t.db.selectFrom('schools').select('id').where('name', '=', '广州城市职业学院').executeTakeFirstOrThrow()).id;
});

function errorOf(res: { statusCode: number; body: string; json: () => unknown }) {
  const body = res.json() as { error: { code: string; message: string; details: Record<string, unknown> } };
  return body.error;
}

describe('R-issue20.1 spreadsheet bombs against every upload path', () => {
  for (const p of PATHS) {
    it(`${p.name}: a zip bomb, a shared-strings bomb, 1,000,000 rows and a non-zip .xlsx are refused clearly (4xx, a preview its errors) and write nothing`, async () => {
      const before = await footprint();
      const post = (name: string, bytes: Buffer) => postMultipart(p.agent(), p.url(), p.fields ?? {}, { name, bytes, type: XLSX });

      const zip = await post('bomb.xlsx', bombs.zipBomb);
      expect(zip.statusCode, zip.body).toBe(413);
      expect(errorOf(zip)).toMatchObject({
        code: 'SPREADSHEET_TOO_LARGE',
        details: { limit: expect.stringMatching(/^(entry|ratio|total)$/) },
      });
      expect(errorOf(zip).message).toMatch(/解压后超过|压缩比超过/);

      const shared = await post('shared.xlsx', bombs.sharedStringsBomb);
      expect(shared.statusCode, shared.body).toBe(413);
      expect(errorOf(shared)).toMatchObject({
        code: 'SPREADSHEET_TOO_LARGE',
        details: { limit: expect.stringMatching(/^(sharedStrings|ratio)$/) },
      });

      const long = await bombCorpus({ sheetName: p.sheetName, header: [...p.header], inflatedMb: 1 });
      const rows = await post('long.xlsx', long.manyRows);
      // A preview answers 200 with its errors (nothing is written by a preview); the others refuse with 422.
      const rowErrors = p.fields?.preview ? rows.json<{ valid: boolean; errors: unknown[] }>() : errorOf(rows).details;
      expect(rows.statusCode, rows.body).toBe(p.fields?.preview ? 200 : 422);
      expect(rowErrors).toMatchObject({ errors: [{ code: 'TOO_MANY_ROWS' }] });

      const notZip = await post('fake.xlsx', bombs.notZip);
      expect(notZip.statusCode, notZip.body).toBe(400);
      expect(errorOf(notZip).code).toBe('IMPORT_FILE_UNREADABLE');

      expect(await footprint()).toEqual(before);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    }, 120_000);
  }

  it('results job: a queued bomb ends failed with the limit named, writes no result, and the worker goes on', async () => {
    const url = `/api/v1/exam-sessions/${f.sessionId}/result-imports`;
    const queued = await postMultipart(org, url, {}, { name: 'bomb.xlsx', bytes: bombs.sharedStringsBomb, type: XLSX });
    expect(queued.statusCode, queued.body).toBe(202);
    await t.app.resultImportWorker.idle();
    const job = (await org.get(`/api/v1/result-imports/${queued.json<ResultImportJobDto>().id}`)).json<ResultImportJobDto>();
    expect(job).toMatchObject({ status: 'failed', rows: 0 });
    expect(job.message).toMatch(/解压后超过|压缩比超过/);
    const results = await t.db
      .selectFrom('exam_results')
      .select('id')
      .where(
        'registration_id',
        'in',
        f.candidates.map((c) => c.registrationId),
      )
      .execute();
    expect(results).toEqual([]);
  });
});

describe('R-issue20.1 a job that crashed the process is not run forever', () => {
  it(`a results import left running ${MAX_JOB_ATTEMPTS} times ends failed with its reason at the next claim`, async () => {
    const s = await createExaminedSession(t.db, secretKey, { count: 1, seqBase: 950 });
    // Queued, then claimed by "processes" that each stopped while running it (nothing records an outcome).
    const bytes = Buffer.from(`${RESULT_FILE_COLUMNS.join(',')}\n`);
    const queued = await postMultipart(org, `/api/v1/exam-sessions/${s.sessionId}/result-imports`, {}, { name: 'crash.csv', bytes });
    expect(queued.statusCode, queued.body).toBe(202);
    await t.app.resultImportWorker.idle(); // this process's worker ran it: put it back as a crashed run would leave it
    const id = queued.json<ResultImportJobDto>().id;
    await t.db
      .updateTable('result_imports')
      .set({ status: 'queued', attempts: 0, message: null, finished_at: null })
      .where('id', '=', id)
      .execute();
    let now = t.clock.now();
    const claim = () => q.claimNextImport(t.db, now, new Date(now.getTime() - STALE_JOB_MS), MAX_JOB_ATTEMPTS);
    for (let i = 1; i <= MAX_JOB_ATTEMPTS; i++) {
      expect((await claim())?.id).toBe(id);
      now = new Date(now.getTime() + STALE_JOB_MS + 1000); // the claiming process died; the job is stale
    }
    expect(await claim()).toBeNull();
    const row = await t.db.selectFrom('result_imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_JOB_ATTEMPTS });
    expect(row.message).toContain(`已中断 ${MAX_JOB_ATTEMPTS} 次`);
  });

  it(`a batch certificate PDF job left running ${MAX_JOB_ATTEMPTS} times ends failed with its reason at the next claim`, async () => {
    const session = await t.db
      .selectFrom('exam_sessions')
      .select(['id', 'org_id', 'province_code'])
      .where('id', '=', f.sessionId)
      .executeTakeFirstOrThrow();
    let now = t.clock.now();
    const job = await jq.insertJob(t.db, {
      sessionId: session.id,
      orgId: session.org_id,
      provinceCode: session.province_code,
      total: 1,
      at: now,
      by: org.user.id,
    });
    // Queued before any other job (claimed first); each claim's process "dies", so the job goes stale (30 minutes).
    const stale = 31 * 60 * 1000;
    for (let i = 1; i <= MAX_JOB_ATTEMPTS; i++) {
      expect((await jq.claimNextJob(t.db, new Date(now.getTime() - stale), now, MAX_JOB_ATTEMPTS))?.id).toBe(job.id);
      now = new Date(now.getTime() + stale + 1000);
    }
    expect(await jq.claimNextJob(t.db, new Date(now.getTime() - stale), now, MAX_JOB_ATTEMPTS)).toBeNull();
    const row = await t.db.selectFrom('certificate_pdf_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_JOB_ATTEMPTS });
    expect(row.message).toContain(`已中断 ${MAX_JOB_ATTEMPTS} 次`);
  });
});

import jsQR from 'jsqr';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/password';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { demoIds } from '../../test/factories';
import { createExaminedSession } from '../../test/results-import';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app';
import { insertUser } from '../accounts/accounts.queries';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON responses are read by path in these tests
type Json = Record<string, any>;

let t: TestApp;
let learner: Agent;
let org: Agent;
let school: Agent;
let valid: Json;
let revoked: Json;
const secretKey = Buffer.alloc(32, 9);
const PUBLIC_URL = 'https://1x.example.cn';

async function parsePdf<T>(bytes: Buffer, read: (p: PDFParse) => Promise<T>): Promise<T> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return await read(parser);
  } finally {
    await parser.destroy();
  }
}
const pdfText = async (bytes: Buffer) => (await parsePdf(bytes, (p) => p.getText())).text.replace(/\s+/g, '');

/** The QR codes of a PDF's embedded images, decoded (PNG → RGBA → jsQR), page by page. */
async function qrCodes(bytes: Buffer): Promise<string[]> {
  const images = await parsePdf(bytes, (p) => p.getImage({ imageBuffer: true }));
  const out: string[] = [];
  for (const page of images.pages) {
    for (const img of page.images) {
      const png = PNG.sync.read(Buffer.from(img.data));
      const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
      if (code) out.push(code.data);
    }
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp({ secretKey, publicUrl: PUBLIC_URL });
  [learner, org, school] = await Promise.all([t.loginAs('learner1'), t.loginAs('org-robot'), t.loginAs('gzcp-admin')]);
  const mine = (await learner.get('/api/v1/certificates')).json<Json>().items as Json[];
  valid = mine.find((c) => c.status === 'valid')!;
  revoked = mine.find((c) => c.status === 'revoked')!;
  expect(valid && revoked).toBeTruthy();
});
afterAll(() => t.close());

describe('printable certificate (R6.4)', () => {
  it('R6.4 the holder downloads an A4 landscape PDF with the holder’s name, masked ID, certificate and level, organization, number and date', async () => {
    const res = await learner.get(`/api/v1/certificates/${valid.number}/pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment;/);
    const bytes = res.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/); // A4 landscape
    expect(bytes.length).toBeLessThan(1_000_000); // the fonts are subset

    const text = await pdfText(bytes);
    expect(text).toContain('职业技能等级证书');
    expect(text).toContain(valid.holderName);
    expect(text).toContain(valid.number);
    expect(text).toContain(`证件号码：${valid.holderIdMasked}`);
    expect(text).toContain('工业机器人应用编程职业技能等级证书（中级）');
    expect(text).toContain(`培训评价组织：${valid.organization.name}`);
    const [y, m, d] = (valid.issuedOn as string).split('-').map(Number);
    expect(text).toContain(`发证日期：${y}年${m}月${d}日`);
    expect(text).toContain('扫码查验');
    expect(text).not.toContain('已撤销');
    // Never the full ID number.
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });

  it('R6.4 the QR code decodes to the certificate’s public credentials page', async () => {
    const bytes = (await learner.get(`/api/v1/certificates/${valid.number}/pdf`)).rawPayload;
    const codes = await qrCodes(bytes);
    expect(codes).toEqual([`${PUBLIC_URL}/verify/c/${valid.verificationCode}`]);
    expect(codes[0]).toBe(valid.verificationUrl);
  });

  it('R6.4 a revoked certificate’s PDF carries a clear 已撤销 mark with the date and reason', async () => {
    const res = await learner.get(`/api/v1/certificates/${revoked.number}/pdf`);
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload);
    expect(text).toContain(revoked.number);
    expect(text).toContain('已撤销');
    expect(text).toContain(revoked.revocationReason.replace(/\s+/g, ''));
    const [y, m, d] = (revoked.revokedOn as string).split('-').map(Number);
    expect(text).toContain(`本证书已于${y}年${m}月${d}日被发证机构撤销`);
  });

  it('R6.4 the holder’s school and the organization download it; another province’s school and another organization get 404', async () => {
    expect((await school.get(`/api/v1/certificates/${valid.number}/pdf`)).statusCode).toBe(200);
    expect((await org.get(`/api/v1/certificates/${valid.number}/pdf`)).statusCode).toBe(200);

    const ids = await demoIds(t.db);
    const whvc = await t.db
      .selectFrom('schools')
      .select(['province_code', 'city_code'])
      .where('id', '=', ids.whvc)
      .executeTakeFirstOrThrow();
    await insertUser(t.db, {
      username: 'whvc-pdf-admin',
      displayName: '武汉职业技术学院管理员',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      role: 'school_admin',
      provinceCode: whvc.province_code,
      cityCode: whvc.city_code,
      schoolId: ids.whvc,
      departmentId: null,
      orgId: null,
      createdAt: t.clock.now(),
      createdBy: null,
    });
    const otherSchool = await t.loginAs('whvc-pdf-admin');
    const otherOrg = await t.loginAs('org-bim');
    for (const agent of [otherSchool, otherOrg]) {
      const res = await agent.get(`/api/v1/certificates/${valid.number}/pdf`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    // The same 404 as an unknown number; without a session, 401.
    expect((await otherOrg.get(`/api/v1/certificates/${'2026200000000000'}/pdf`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/certificates/${valid.number}/pdf` })).statusCode).toBe(401);
  });
});

describe('batch PDF of a session (R6.4)', () => {
  it('R6.4 the organization queues a job (202), follows its progress, and downloads one page per certificate of the session', async () => {
    const sessionId = valid.sessionId as string;
    const all = (await org.get(`/api/v1/exam-sessions/${sessionId}/certificates?pageSize=200`)).json<Json>();
    expect(all.total).toBeGreaterThan(1);

    const created = await org.post(`/api/v1/exam-sessions/${sessionId}/certificate-pdf-jobs`);
    expect(created.statusCode, created.body).toBe(202);
    const job = created.json<Json>();
    expect(job).toMatchObject({ sessionId, total: all.total, downloadUrl: null });
    expect(['queued', 'running']).toContain(job.status);

    await t.app.certificatePdfWorker.idle();
    const done = (await org.get(`/api/v1/certificate-pdf-jobs/${job.id}`)).json<Json>();
    expect(done).toMatchObject({ status: 'succeeded', total: all.total, done: all.total, message: null });
    expect(done.downloadUrl).toBe(`/api/v1/certificate-pdf-jobs/${job.id}/file`);
    expect((await org.get(`/api/v1/exam-sessions/${sessionId}/certificate-pdf-jobs`)).json<Json>().items[0]).toEqual(done);

    const file = await org.get(done.downloadUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const info = await parsePdf(file.rawPayload, (p) => p.getText());
    expect(info.total).toBe(all.total);
    // Page i is the i-th certificate by number, each with its own QR code; the revoked one is marked.
    const numbers = (all.items as Json[]).map((c) => c.number as string).sort();
    info.pages.forEach((p, i) => expect(p.text.replace(/\s+/g, '')).toContain(numbers[i]));
    const revokedInSession = (all.items as Json[]).filter((c) => c.status === 'revoked');
    expect(revokedInSession.length).toBeGreaterThan(0);
    for (const c of revokedInSession) expect(info.pages[numbers.indexOf(c.number)]!.text).toContain('已撤销');
    const codes = await qrCodes(file.rawPayload);
    expect(new Set(codes)).toEqual(new Set((all.items as Json[]).map((c) => `${PUBLIC_URL}/verify/c/${c.verificationCode}`)));

    // Stored in files (owned by the organization), and the job's creation is audited.
    const row = await t.db.selectFrom('certificate_pdf_jobs').select('file_id').where('id', '=', job.id).executeTakeFirstOrThrow();
    const stored = await t.db
      .selectFrom('files')
      .select(['org_id', 'size', 'mime'])
      .where('id', '=', row.file_id!)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ org_id: valid.organization.id, size: file.rawPayload.length, mime: 'application/pdf' });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'actor_username'])
      .where('action', '=', 'certificate.pdf_job.create')
      .execute();
    expect(audit).toEqual([{ action: 'certificate.pdf_job.create', target_id: sessionId, actor_username: 'org-robot' }]);
    // The stored file is audited too, on behalf of the organization's administrator who queued the job.
    const storedAudit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'actor_username'])
      .where('action', '=', 'certificate.pdf_job.succeed')
      .execute();
    expect(storedAudit).toEqual([{ action: 'certificate.pdf_job.succeed', target_id: sessionId, actor_username: 'org-robot' }]);
  });

  it('R6.4 a job still running is returned (200) instead of a second one; its file is 409 until it is done', async () => {
    const sessionId = valid.sessionId as string;
    const s = await t.db
      .selectFrom('exam_sessions')
      .select(['org_id', 'province_code'])
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    const running = await t.db
      .insertInto('certificate_pdf_jobs')
      .values({
        session_id: sessionId,
        org_id: s.org_id,
        province_code: s.province_code,
        status: 'running',
        total: 3,
        created_at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const again = await org.post(`/api/v1/exam-sessions/${sessionId}/certificate-pdf-jobs`);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(running.id);
    const early = await org.get(`/api/v1/certificate-pdf-jobs/${running.id}/file`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CERTIFICATE_PDF_NOT_READY');
    await t.db
      .updateTable('certificate_pdf_jobs')
      .set({ status: 'failed', finished_at: t.clock.now() })
      .where('id', '=', running.id)
      .execute();
  });

  it('R6.4 another organization gets 404 for the session’s jobs and for a job; a session without certificates is 409', async () => {
    const sessionId = valid.sessionId as string;
    const jobId = (await org.get(`/api/v1/exam-sessions/${sessionId}/certificate-pdf-jobs`)).json<Json>().items[0].id as string;
    const bim = await t.loginAs('org-bim');
    expect((await bim.post(`/api/v1/exam-sessions/${sessionId}/certificate-pdf-jobs`)).statusCode).toBe(404);
    expect((await bim.get(`/api/v1/exam-sessions/${sessionId}/certificate-pdf-jobs`)).statusCode).toBe(404);
    expect((await bim.get(`/api/v1/certificate-pdf-jobs/${jobId}`)).statusCode).toBe(404);
    expect((await bim.get(`/api/v1/certificate-pdf-jobs/${jobId}/file`)).statusCode).toBe(404);
    // A school is not an organization.
    expect((await school.post(`/api/v1/exam-sessions/${sessionId}/certificate-pdf-jobs`)).statusCode).toBe(403);

    const empty = await createExaminedSession(t.db, secretKey, { count: 2, seqBase: 700 });
    const res = await org.post(`/api/v1/exam-sessions/${empty.sessionId}/certificate-pdf-jobs`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CERTIFICATE_PDF_EMPTY');
  });
});

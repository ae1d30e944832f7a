import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function demoFiles() {
  const expert = await t.db.selectFrom('users').select('id').where('username', '=', 'expert1').executeTakeFirstOrThrow();
  const agreement = await t.db.selectFrom('pilot_agreements').select('file_id').executeTakeFirstOrThrow();
  const site = await t.db
    .selectFrom('exam_sites')
    .select('application_file_id')
    .where('application_file_id', 'is not', null)
    .executeTakeFirstOrThrow();
  const consent = await t.db
    .selectFrom('exam_registrations')
    .select('consent_file_id')
    .where('consent_file_id', 'is not', null)
    .executeTakeFirstOrThrow();
  const assigned = await t.db
    .selectFrom('filing_attachments as fa')
    .innerJoin('filing_expert_assignments as a', 'a.filing_id', 'fa.filing_id')
    .select('fa.file_id')
    .where('a.expert_id', '=', expert.id)
    .executeTakeFirstOrThrow();
  return { agreement: agreement.file_id, site: site.application_file_id!, consent: consent.consent_file_id!, assigned: assigned.file_id };
}

describe('R3.6 files take the scope of their record (issue 20 #4)', () => {
  it('an expert gets 404 for a pilot agreement, an exam-site application and a consent form of its province', async () => {
    const f = await demoFiles();
    const expert = await t.loginAs('expert1');
    for (const id of [f.agreement, f.site, f.consent]) {
      const res = await expert.get(`/api/v1/files/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('an expert still downloads the attachments of a filing assigned to it', async () => {
    const f = await demoFiles();
    const res = await (await t.loginAs('expert1')).get(`/api/v1/files/${f.assigned}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
  });

  it('the province administrator keeps reading those files', async () => {
    const f = await demoFiles();
    const gd = await t.loginAs('gd-admin');
    for (const id of [f.agreement, f.site, f.consent]) expect((await gd.get(`/api/v1/files/${id}`)).statusCode).toBe(200);
  });
});

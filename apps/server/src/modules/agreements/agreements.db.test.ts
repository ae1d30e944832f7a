import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../db/seed/demo-filings';
import { DEMO_AGREEMENT_FEE_FEN } from '../../db/seed/demo-exams';
import { AppError } from '../../lib/errors';
import { postMultipart } from '../../test/exams';
import { demoFilingId } from '../../test/filing-extras';
import { demoIds } from '../../test/factories';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { requireAgreement } from './agreements.service';

let t: TestApp;
let gzcp: Agent;
let filingId: string;
beforeAll(async () => {
  t = await createTestApp();
  gzcp = await t.loginAs('gzcp-admin');
  filingId = await demoFilingId(t.db, '广州城市职业学院', 'IR-PROG');
});
afterAll(() => t.close());

const pdf = { name: '协议.pdf', bytes: tinyPdf('agreement'), type: 'application/pdf' };
const post = (agent: Agent, fields: Record<string, string>) => postMultipart(agent, '/api/v1/pilot-agreements', fields, pdf);

describe('pilot agreements (R4.1, R4.2)', () => {
  it('demo: the approved 工业机器人应用编程 pilot has its agreement with a fee under the cap', async () => {
    const list = (await gzcp.get('/api/v1/pilot-agreements')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      filingId,
      certificateType: { name: '工业机器人应用编程' },
      fees: [{ level: 'intermediate', feeFen: DEMO_AGREEMENT_FEE_FEN, capFen: 54000 }],
    });
  });

  it('refuses a fee above the level cap with the cap in the message (R4.2)', async () => {
    const r = await post(gzcp, { filingId, signedOn: '2026-03-01', fees: JSON.stringify([{ level: 'intermediate', feeFen: 56000 }]) });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('FEE_ABOVE_CAP');
    expect(r.json().error.message).toContain('考核费用 560.00 元超过该等级上限 540.00 元');
  });

  it('records an agreement once, for the approved filing, by its school only', async () => {
    // the demo's exam registrations (R5.3) refer to the agreement: detach them first
    await t.db.updateTable('exam_registrations').set({ agreement_id: null }).where('filing_id', '=', filingId).execute();
    await t.db.deleteFrom('pilot_agreements').where('filing_id', '=', filingId).execute();
    await expect(requireAgreement(t.db, filingId)).rejects.toMatchObject({ code: 'AGREEMENT_REQUIRED' });
    const fields = { filingId, signedOn: '2026-03-01', fees: JSON.stringify([{ level: 'intermediate', feeFen: 54000 }]) };
    expect((await post(await t.loginAs('gdst-admin'), fields)).statusCode).toBe(404);
    expect((await post(await t.loginAs('gd-admin'), fields)).statusCode).toBe(403);
    const missingLevel = await post(gzcp, { ...fields, fees: JSON.stringify([{ level: 'junior', feeFen: 100 }]) });
    expect(missingLevel.json().error.code).toBe('FEE_LEVEL_INVALID');
    const r = await post(gzcp, fields);
    expect(r.statusCode).toBe(201);
    expect(r.json().fees).toEqual([{ level: 'intermediate', feeFen: 54000, capFen: 54000 }]);
    expect((await post(gzcp, fields)).json().error.code).toBe('AGREEMENT_EXISTS');
    // the school, the organization's PDF access, the province
    const id = r.json().id as string;
    expect((await (await t.loginAs('gd-admin')).get(`/api/v1/pilot-agreements/${id}`)).statusCode).toBe(200);
    expect((await (await t.loginAs('org-web')).get(`/api/v1/pilot-agreements/${id}`)).statusCode).toBe(404);
    expect((await (await t.loginAs('hb-admin')).get(`/api/v1/pilot-agreements/${id}`)).statusCode).toBe(404);
    expect((await gzcp.get(`/api/v1/files/${r.json().fileId}`)).statusCode).toBe(200);

    const a = await requireAgreement(t.db, filingId, 'intermediate');
    expect(a.fees).toEqual({ intermediate: 54000 });
    const ids = await demoIds(t.db);
    const byCert = await requireAgreement(t.db, { schoolId: ids.gzcp, certificateTypeId: a.certificateTypeId });
    expect(byCert.id).toBe(a.id);
  });

  it('refuses an agreement for a filing not approved', async () => {
    const pending = await demoFilingId(t.db, '广州城市职业学院', 'SMART-TAX');
    const r = await post(gzcp, { filingId: pending, signedOn: '2026-03-01', fees: JSON.stringify([{ level: 'junior', feeFen: 100 }]) });
    expect(r.json().error.code).toBe('FILING_NOT_APPROVED');
  });

  it('without an agreement no student can be registered: AGREEMENT_REQUIRED (no Hubei 三.6 cited to a Guangdong school)', async () => {
    const ids = await demoIds(t.db);
    const other = await t.db.selectFrom('certificate_types').select('id').where('code', '=', 'WEB-FE').executeTakeFirstOrThrow();
    const e = await requireAgreement(t.db, { schoolId: ids.gzcp, certificateTypeId: other.id }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('AGREEMENT_REQUIRED');
    expect((e as AppError).message).toContain('签署试点合作协议前，不得开展试点');
    expect((e as AppError).message).not.toContain('鄂教职成办函');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ORGS, SEED_TYPES, seedCatalog } from '../../db/seed/catalog';
import { demoIds } from '../../test/factories';
import { type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
});
afterAll(() => t.close());

const audits = (action: string, targetId: string) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', targetId).execute();

describe('seed catalog (R1.4)', () => {
  it('loads once: organizations flagged to be confirmed, the demo organizations bound by code, a second run writes nothing', async () => {
    expect(await seedCatalog(t.db)).toBe(0);
    const orgs = await t.db.selectFrom('evaluation_orgs').select(['code', 'name', 'to_be_confirmed']).execute();
    expect(orgs).toHaveLength(SEED_ORGS.length);
    expect(orgs.every((o) => o.to_be_confirmed)).toBe(true);
    const types = await t.db.selectFrom('certificate_types').select(['code', 'org_id', 'status', 'details_to_be_confirmed']).execute();
    expect(types).toHaveLength(SEED_TYPES.length);
    expect(types.find((x) => x.code === 'BIM')!.org_id).toBe(ids.orgBim);
    expect(types.find((x) => x.code === 'WEB-FE')!.org_id).toBe(ids.orgWeb);
    expect(types.every((x) => x.status === 'published' && x.details_to_be_confirmed)).toBe(true);
  });
});

describe('evaluation organizations (R1.3)', () => {
  it('any signed-in user reads organizations and their contacts; the public reads none of the management API', async () => {
    const school = await t.loginAs('gdst-admin');
    const list = (await school.get('/api/v1/evaluation-orgs?pageSize=50')).json();
    expect(list.total).toBe(SEED_ORGS.length);
    expect(list.items.every((o: { allowedActions: string[] }) => o.allowedActions.length === 0)).toBe(true);
    const web = (await school.get(`/api/v1/evaluation-orgs/${ids.orgWeb}`)).json();
    expect(web.contacts.map((c: { contactName: string; email: string }) => [c.contactName, c.email])).toEqual([
      ['龚玉涵', 'shch@ceiaec.org'],
      ['谭志彬', 'tanzhb@ceiaec.org'],
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/evaluation-orgs' })).statusCode).toBe(401);
  });

  it('an organization edits its own profile (audited with its scope); another organization’s → 404; its name → 403', async () => {
    const bim = await t.loginAs('org-bim');
    const res = await bim.request('PATCH', `/api/v1/evaluation-orgs/${ids.orgBim}`, {
      website: 'https://www.example.org',
      shortName: '中科建筑',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ shortName: '中科建筑', allowedActions: ['editProfile', 'manageContacts'] });
    expect(await audits('evaluation_org.update', ids.orgBim)).toEqual([
      expect.objectContaining({ actor_username: 'org-bim', org_id: ids.orgBim }),
    ]);
    expect((await bim.request('PATCH', `/api/v1/evaluation-orgs/${ids.orgWeb}`, { shortName: 'x' })).statusCode).toBe(404);
    const name = await bim.request('PATCH', `/api/v1/evaluation-orgs/${ids.orgBim}`, { name: '改名', toBeConfirmed: false });
    expect(name.statusCode).toBe(403);
    expect(name.json().error.details.fields).toEqual(['name', 'toBeConfirmed']);
    expect(
      (await (await t.loginAs('gd-admin')).request('PATCH', `/api/v1/evaluation-orgs/${ids.orgBim}`, { shortName: 'x' })).statusCode,
    ).toBe(404);
  });

  it('the national administrator creates and confirms organizations; others may not create (403); duplicates → 409', async () => {
    const national = await t.loginAs('national');
    const res = await national.post('/api/v1/evaluation-orgs', { code: 'ORG-NEW', name: '新培训评价组织', postcode: '100000' });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect(res.json()).toMatchObject({ toBeConfirmed: false, contacts: [], allowedActions: ['edit', 'editProfile', 'manageContacts'] });
    expect(await audits('evaluation_org.create', id)).toHaveLength(1);
    expect((await national.post('/api/v1/evaluation-orgs', { code: 'ORG-NEW', name: '另一个' })).json().error.code).toBe(
      'EVALUATION_ORG_TAKEN',
    );
    const confirm = await national.request('PATCH', `/api/v1/evaluation-orgs/${ids.orgWeb}`, { toBeConfirmed: false });
    expect(confirm.json().toBeConfirmed).toBe(false);
    expect((await (await t.loginAs('org-bim')).post('/api/v1/evaluation-orgs', { code: 'ORG-X', name: 'x' })).statusCode).toBe(403);
  });

  it('contacts: an organization manages its own (audited), not another’s (404); a contact’s certificate must be its own', async () => {
    const bim = await t.loginAs('org-bim');
    const base = `/api/v1/evaluation-orgs/${ids.orgBim}/contacts`;
    const bimType = await t.db.selectFrom('certificate_types').select('id').where('code', '=', 'BIM').executeTakeFirstOrThrow();
    const webType = await t.db.selectFrom('certificate_types').select('id').where('code', '=', 'WEB-FE').executeTakeFirstOrThrow();
    const created = await bim.post(base, {
      contactName: '王五',
      mobile: '13800000000',
      email: 'wang@example.org',
      certificateTypeId: bimType.id,
    });
    expect(created.statusCode).toBe(201);
    const contactId = created.json().id;
    expect(created.json()).toMatchObject({ certificateTypeName: '建筑信息模型（BIM）', orgId: ids.orgBim });
    expect((await bim.post(base, { contactName: '赵六', certificateTypeId: webType.id })).statusCode).toBe(400);
    const updated = await bim.request('PATCH', `${base}/${contactId}`, { officePhone: '010-12345678' });
    expect(updated.json().officePhone).toBe('010-12345678');

    const web = await t.loginAs('org-web');
    expect((await web.post(base, { contactName: '越权' })).statusCode).toBe(404);
    expect((await web.request('DELETE', `${base}/${contactId}`)).statusCode).toBe(404);
    expect((await web.request('DELETE', `/api/v1/evaluation-orgs/${ids.orgWeb}/contacts/${contactId}`)).statusCode).toBe(404);

    expect((await bim.request('DELETE', `${base}/${contactId}`)).statusCode).toBe(204);
    for (const action of ['contact_create', 'contact_update', 'contact_delete'])
      expect(await audits(`evaluation_org.${action}`, contactId), action).toEqual([expect.objectContaining({ org_id: ids.orgBim })]);
    const publicDetail = (await t.app.inject({ method: 'GET', url: `/api/v1/public/certificate-types/${bimType.id}` })).json();
    expect(publicDetail.contacts.map((c: { contactName: string }) => c.contactName)).toEqual(['胡晓光', '张建奇']);
  });
});

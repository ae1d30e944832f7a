import { createHash } from 'node:crypto';
import { type PublicCertificateTypeDto, feeCapFen } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TYPES } from '../../db/seed/catalog';
import { demoIds } from '../../test/factories';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { assertSelectableCertificateType } from './catalog.service';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
});
afterAll(() => t.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** A multipart/form-data body with text fields and one file. */
function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) {
  const boundary = `----onex${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(agent: Agent, typeId: string, version: string, file: { name: string; type: string; bytes: Buffer }) {
  const { payload, headers } = multipart({ version }, file);
  return agent.request('POST', `/api/v1/certificate-types/${typeId}/standard-documents`, payload, { headers });
}

async function publicList(query = ''): Promise<{ items: PublicCertificateTypeDto[]; total: number }> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/certificate-types?pageSize=200${query}` });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function typeId(code: string): Promise<string> {
  const r = await t.db.selectFrom('certificate_types').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return r.id;
}

function auditRows(action: string, targetId: string) {
  return t.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', targetId).execute();
}

describe('public catalog (R1.4, R1.2)', () => {
  it('R1.4: lists the 14 seeded certificates without login, with their organizations, majors and levels', async () => {
    const { items, total } = await publicList();
    expect(total).toBe(14);
    expect(items.map((i) => i.name).sort()).toEqual(SEED_TYPES.map((s) => s.name).sort());
    const bim = items.find((i) => i.code === 'BIM')!;
    expect(bim).toMatchObject({ batch: '第一批', status: 'published', organization: { id: ids.orgBim } });
    expect(items.find((i) => i.code === 'WEB-FE')!.organization.id).toBe(ids.orgWeb);
    const robot = items.find((i) => i.name === '工业机器人应用编程')!;
    expect(robot.majors).toEqual([
      { code: '460301', name: '机电一体化技术' },
      { code: '460305', name: '工业机器人技术' },
    ]);
    expect(robot.levels.map((l) => l.level)).toEqual(['junior', 'intermediate', 'senior']);
    expect(items.find((i) => i.name === '传感网应用开发')!.levels.map((l) => l.level)).toEqual(['intermediate']);
  });

  it('R1.2: every level’s shares sum to 1 and its cap is the share-weighted sum (工业机器人应用编程 → 54000 fen)', async () => {
    const { items } = await publicList();
    for (const item of items)
      for (const level of item.levels) {
        expect(level.examForms.reduce((s, f) => s + f.share, 0)).toBeCloseTo(1, 9);
        expect(level.feeCapFen).toBe(feeCapFen(level.examForms));
      }
    expect(items.find((i) => i.code === 'IR-PROG')!.levels[0]!.feeCapFen).toBe(54000);
    expect(items.find((i) => i.code === 'BIM')!.levels[0]!.feeCapFen).toBe(30000);
    expect(items.find((i) => i.code === 'ELDER-CARE')!.levels[0]!.feeCapFen).toBe(38000);
  });

  it('filters by batch, level, organization, major and text', async () => {
    expect((await publicList(`&batch=${encodeURIComponent('第二批')}`)).total).toBe(8);
    expect((await publicList('&batch=B1')).total).toBe(6);
    expect((await publicList('&level=senior')).items.every((i) => i.levels.some((l) => l.level === 'senior'))).toBe(true);
    expect((await publicList(`&orgId=${ids.orgBim}`)).items.map((i) => i.code)).toEqual(['BIM']);
    expect((await publicList(`&major=${encodeURIComponent('社会工作')}`)).items.map((i) => i.code).sort()).toEqual([
      'DEMENTIA-CARE',
      'MATERNAL-CARE',
    ]);
    expect((await publicList('&q=bim')).total).toBe(1);
  });

  it('R1.3: the detail carries the contacts of 003 附件1, batches and majors are public', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/certificate-types/${await typeId('BIM')}` });
    expect(res.statusCode).toBe(200);
    const contacts = res.json().contacts;
    expect(contacts).toEqual([
      expect.objectContaining({
        contactName: '胡晓光',
        officePhone: '0316-5915508',
        mobile: '18611533890',
        email: '511470041@qq.com',
        postcode: '065009',
      }),
      expect.objectContaining({ contactName: '张建奇', officePhone: '010-88390280', mobile: '13366465781', fax: '0316-5915508' }),
    ]);
    const batches = (await t.app.inject({ method: 'GET', url: '/api/v1/public/certificate-batches' })).json().items;
    expect(batches.map((b: { name: string }) => b.name)).toEqual(['第一批', '第二批', '第三批', '第四批']);
    const majors = (await t.app.inject({ method: 'GET', url: `/api/v1/public/majors?q=${encodeURIComponent('工业机器人')}` })).json().items;
    expect(majors).toEqual([expect.objectContaining({ code: '460305', educationLevel: '高职专科', catalogEdition: '2021' })]);
  });
});

describe('certificate types: scope, policy, workflow (R1.1, R1.5)', () => {
  let draftId: string;

  it('an organization edits only its own types: org-web editing a BIM type → 404', async () => {
    const web = await t.loginAs('org-web');
    const res = await web.request('PATCH', `/api/v1/certificate-types/${await typeId('BIM')}`, { description: '越权修改' });
    expect(res.statusCode).toBe(404);
    const school = await t.loginAs('gdst-admin');
    expect((await school.request('PATCH', `/api/v1/certificate-types/${await typeId('BIM')}`, { description: 'x' })).statusCode).toBe(404);
  });

  it('an organization edits its published type’s profile (audited), not its name or levels (403)', async () => {
    const bim = await t.loginAs('org-bim');
    const id = await typeId('BIM');
    const ok = await bim.request('PATCH', `/api/v1/certificate-types/${id}`, {
      description: '建筑信息模型职业技能等级证书',
      targetGroup: '土建类专业学生',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ description: '建筑信息模型职业技能等级证书', allowedActions: ['edit', 'uploadStandardDocument'] });
    expect(await auditRows('certificate_type.update', id)).toHaveLength(1);
    const name = await bim.request('PATCH', `/api/v1/certificate-types/${id}`, { name: '改名' });
    expect(name.statusCode).toBe(403);
    expect(name.json().error.details.fields).toEqual(['name']);
    const levels = await bim.request('PUT', `/api/v1/certificate-types/${id}/levels`, {
      levels: [{ level: 'junior', examForms: [{ form: 'paper', share: 1 }] }],
    });
    expect(levels.statusCode).toBe(403);
  });

  it('an organization creates a draft of its own; invalid shares are refused (R1.2)', async () => {
    const bim = await t.loginAs('org-bim');
    const res = await bim.post('/api/v1/certificate-types', {
      code: 'BIM-ADV',
      name: '建筑信息模型（BIM）进阶',
      batchCode: '第三批',
      majorIds: [],
    });
    expect(res.statusCode).toBe(201);
    draftId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'draft', batch: '第三批', organization: { id: ids.orgBim } });
    expect(res.json().allowedActions).toEqual(['edit', 'editLevels', 'uploadStandardDocument']);
    expect((await publicList()).total).toBe(14);

    const bad = await bim.request('PUT', `/api/v1/certificate-types/${draftId}/levels`, {
      levels: [
        {
          level: 'junior',
          examForms: [
            { form: 'computer', share: 0.4 },
            { form: 'practical_special', share: 0.5 },
          ],
        },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('EXAM_FORMS_INVALID');
    const good = await bim.request('PUT', `/api/v1/certificate-types/${draftId}/levels`, {
      levels: [
        {
          level: 'intermediate',
          examForms: [
            { form: 'computer', share: 0.4 },
            { form: 'practical_special', share: 0.6 },
          ],
          passMark: 60,
        },
      ],
    });
    expect(good.statusCode).toBe(200);
    expect(good.json().levels).toEqual([
      {
        level: 'intermediate',
        examForms: [
          { form: 'computer', share: 0.4 },
          { form: 'practical_special', share: 0.6 },
        ],
        feeCapFen: 54000,
        passMark: 60,
      },
    ]);
    const web = await t.loginAs('org-web');
    expect((await web.get(`/api/v1/certificate-types/${draftId}`)).statusCode).toBe(404);
    expect((await web.post('/api/v1/certificate-types', { code: 'X1', name: 'x', batchCode: 'B1', orgId: ids.orgBim })).statusCode).toBe(
      404,
    );
  });

  it('only the national administrator publishes, suspends and withdraws (org → 403); wrong status → 409', async () => {
    const bim = await t.loginAs('org-bim');
    const national = await t.loginAs('national');
    const tr = (a: Agent, action: string, comment?: string) =>
      a.post(`/api/v1/certificate-types/${draftId}/transitions`, { action, ...(comment && { comment }) });

    expect((await tr(bim, 'publish')).statusCode).toBe(403);
    expect((await tr(national, 'resume')).statusCode).toBe(409);
    const published = await tr(national, 'publish');
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      status: 'published',
      allowedActions: ['suspend', 'withdraw', 'edit', 'editLevels', 'uploadStandardDocument'],
    });
    expect((await publicList()).total).toBe(15);
    const again = await tr(national, 'publish');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', details: { action: 'publish', status: 'published' } });

    expect((await tr(bim, 'suspend', '暂停')).statusCode).toBe(403);
    expect((await tr(national, 'suspend')).json().error.code).toBe('COMMENT_REQUIRED');
    expect((await tr(national, 'suspend', '标准修订中')).json().status).toBe('suspended');
    expect((await publicList()).items.find((i) => i.id === draftId)?.status).toBe('suspended');
    await expect(assertSelectableCertificateType(t.db, draftId)).rejects.toMatchObject({ code: 'CERTIFICATE_TYPE_NOT_SELECTABLE' });
    expect((await tr(national, 'resume')).json().status).toBe('published');
    await expect(assertSelectableCertificateType(t.db, draftId)).resolves.toMatchObject({ id: draftId, orgId: ids.orgBim });

    expect((await tr(bim, 'withdraw', '取消')).statusCode).toBe(403);
    const withdrawn = await tr(national, 'withdraw', '已取消的证书不得再引入');
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', allowedActions: [] });
    expect((await tr(national, 'resume')).statusCode).toBe(409);
    expect((await publicList()).total).toBe(14);
    expect((await national.request('PATCH', `/api/v1/certificate-types/${draftId}`, { description: 'x' })).json().error.code).toBe(
      'CERTIFICATE_TYPE_LOCKED',
    );

    const events = await t.db
      .selectFrom('certificate_type_events')
      .selectAll()
      .where('certificate_type_id', '=', draftId)
      .orderBy('id')
      .execute();
    expect(events.map((e) => `${e.from_status}>${e.to_status}`)).toEqual([
      'draft>published',
      'published>suspended',
      'suspended>published',
      'published>withdrawn',
    ]);
    expect(await auditRows('certificate_type.withdraw', draftId)).toEqual([
      expect.objectContaining({ actor_username: 'national', org_id: ids.orgBim }),
    ]);
  });

  it('R1.5: withdrawn types are not selectable; unknown ones are not found', async () => {
    await expect(assertSelectableCertificateType(t.db, draftId)).rejects.toMatchObject({
      code: 'CERTIFICATE_TYPE_NOT_SELECTABLE',
      status: 409,
      details: { status: 'withdrawn' },
    });
    await expect(assertSelectableCertificateType(t.db, await typeId('WEB-FE'))).resolves.toMatchObject({ name: 'Web 前端开发' });
    await expect(assertSelectableCertificateType(t.db, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('the scoped list: organizations see their own drafts, others only the public catalog; records carry allowedActions', async () => {
    const bim = await t.loginAs('org-bim');
    const r = await bim.post('/api/v1/certificate-types', { code: 'BIM-DRAFT', name: 'BIM 草稿', batchCode: 'B4' });
    const mine = (await bim.get('/api/v1/certificate-types?pageSize=200&status=draft')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([r.json().id]);
    const school = (await (await t.loginAs('gdst-admin')).get('/api/v1/certificate-types?pageSize=200')).json();
    expect(school.total).toBe(14);
    expect(school.items.every((i: { allowedActions: string[] }) => i.allowedActions.length === 0)).toBe(true);
    const all = (await (await t.loginAs('national')).get('/api/v1/certificate-types?pageSize=200')).json();
    expect(all.total).toBe(16);
    expect(all.items.find((i: { code: string }) => i.code === 'BIM-DRAFT').allowedActions).toContain('publish');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/certificate-types' })).statusCode).toBe(401);
    const incomplete = await (
      await t.loginAs('national')
    ).post(`/api/v1/certificate-types/${r.json().id}/transitions`, { action: 'publish' });
    expect(incomplete.json().error.code).toBe('CERTIFICATE_TYPE_INCOMPLETE');
  });
});

describe('standard documents (R1.1) and files', () => {
  it('a non-PDF renamed .pdf is refused by content (400 FILE_NOT_PDF) and nothing is stored', async () => {
    const bim = await t.loginAs('org-bim');
    const before = await t.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await upload(bim, await typeId('BIM'), 'v1.0', {
      name: 'standard.pdf',
      type: 'application/pdf',
      bytes: Buffer.from('PK\u0003\u0004 not a pdf'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('FILE_NOT_PDF');
    const after = await t.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('a PDF is stored with its SHA-256, audited, listed, and downloadable by anyone while the type is published', async () => {
    const bim = await t.loginAs('org-bim');
    const id = await typeId('BIM');
    const res = await upload(bim, id, '2019 版', { name: 'BIM职业技能等级标准.pdf', type: 'application/octet-stream', bytes: PDF });
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(doc).toMatchObject({ version: '2019 版', fileName: 'BIM职业技能等级标准.pdf', size: PDF.length, sha256 });
    const row = await t.db.selectFrom('files').select(['sha256', 'org_id', 'mime']).where('id', '=', doc.fileId).executeTakeFirstOrThrow();
    expect(row).toEqual({ sha256, org_id: ids.orgBim, mime: 'application/pdf' });
    expect(await auditRows('certificate_type.standard_document_upload', id)).toEqual([
      expect.objectContaining({ summary: expect.objectContaining({ sha256, version: '2019 版' }) }),
    ]);
    expect((await upload(bim, id, '2019 版', { name: 'a.pdf', type: 'application/pdf', bytes: PDF })).json().error.code).toBe(
      'STANDARD_DOCUMENT_VERSION_TAKEN',
    );

    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/public/certificate-types/${id}` })).json();
    expect(detail.standardDocuments).toEqual([expect.objectContaining({ id: doc.id, downloadUrl: `/api/v1/files/${doc.fileId}` })]);
    const dl = await t.app.inject({ method: 'GET', url: `/api/v1/files/${doc.fileId}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
  });

  it('a draft’s documents are visible to its organization only; others may not upload (404)', async () => {
    const bim = await t.loginAs('org-bim');
    const draft = (await bim.post('/api/v1/certificate-types', { code: 'BIM-DOC', name: 'BIM 文件草稿', batchCode: 'B4' })).json();
    const doc = (await upload(bim, draft.id, 'v0.1', { name: 'draft.pdf', type: 'application/pdf', bytes: PDF })).json();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${doc.fileId}` })).statusCode).toBe(404);
    expect((await (await t.loginAs('org-web')).get(`/api/v1/files/${doc.fileId}`)).statusCode).toBe(404);
    expect((await bim.get(`/api/v1/files/${doc.fileId}`)).statusCode).toBe(200);
    const web = await t.loginAs('org-web');
    expect((await upload(web, draft.id, 'v9', { name: 'x.pdf', type: 'application/pdf', bytes: PDF })).statusCode).toBe(404);
  });
});

describe('batches', () => {
  it('the national administrator adds a batch (audited); others may not', async () => {
    const national = await t.loginAs('national');
    const res = await national.post('/api/v1/certificate-batches', { code: 'B5', name: '第五批', ordinal: 5 });
    expect(res.statusCode).toBe(201);
    expect((await national.post('/api/v1/certificate-batches', { code: 'B5', name: '第五批', ordinal: 5 })).statusCode).toBe(409);
    expect(
      (await (await t.loginAs('org-bim')).post('/api/v1/certificate-batches', { code: 'B6', name: '第六批', ordinal: 6 })).statusCode,
    ).toBe(403);
    expect(await auditRows('certificate_batch.create', 'B5')).toHaveLength(1);
  });
});

import type { ConsultationDto } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds } from '../../test/factories';
import { type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
});
afterAll(() => t.close());

describe('consultation desk (教职成司函〔2019〕36号 三.5)', () => {
  it('三.5 a school asks an organization; only that organization answers; a published answer is public FAQ without the asker', async () => {
    const school = await t.loginAs('gzcp-admin');
    const asked = await school.post('/api/v1/consultations', { orgId: ids.orgBim, question: 'BIM 中级考核对实训室工位数有何要求？' });
    expect(asked.statusCode, asked.body).toBe(201);
    const q = asked.json<ConsultationDto>();
    expect(q.askerName).toBe('广州城市职业学院');

    const web = await t.loginAs('org-web');
    expect((await web.post(`/api/v1/consultations/${q.id}/answer`, { answer: '无关', publish: true })).statusCode).toBe(404);
    expect((await web.get('/api/v1/consultations')).json<{ items: ConsultationDto[] }>().items.map((x) => x.id)).not.toContain(q.id);
    const other = await t.loginAs('gdst-admin');
    expect((await other.get('/api/v1/consultations')).json<{ items: ConsultationDto[] }>().items.map((x) => x.id)).not.toContain(q.id);

    const bim = await t.loginAs('org-bim');
    const anon = () => t.app.inject({ method: 'GET', url: `/api/v1/public/consultation-faqs?orgId=${ids.orgBim}` });
    const a = await bim.post(`/api/v1/consultations/${q.id}/answer`, {
      answer: '每个考点不少于 30 个工位，详见考核站点建设标准。',
      publish: false,
    });
    expect(a.statusCode, a.body).toBe(200);
    expect((await anon()).json<{ items: { id: string }[] }>().items.map((x) => x.id)).not.toContain(q.id);
    expect((await bim.post(`/api/v1/consultations/${q.id}/answer`, { answer: '再答', publish: false })).json().error.code).toBe(
      'CONSULTATION_ALREADY_ANSWERED',
    );
    expect((await bim.post(`/api/v1/consultations/${q.id}/publish`, { published: true })).statusCode).toBe(200);
    const faq = (await anon()).json<{ items: { id: string; answer: string }[] }>();
    expect(faq.items.find((x) => x.id === q.id)?.answer).toContain('30 个工位');
    expect(JSON.stringify(faq)).not.toContain('广州城市职业学院');
    // The school sees its answer.
    expect(
      (await school.get('/api/v1/consultations')).json<{ items: ConsultationDto[] }>().items.find((x) => x.id === q.id)?.answer,
    ).toBeTruthy();
  });

  it('三.5 a learner asks too and sees only its own questions; a question about another organization’s certificate is refused', async () => {
    const learner = await t.loginAs('learner1');
    const r = await learner.post('/api/v1/consultations', { orgId: ids.orgWeb, question: 'Web 前端开发证书初级考什么？' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json<ConsultationDto>().askerName).toBe('学习者');
    const mine = (await learner.get('/api/v1/consultations')).json<{ items: ConsultationDto[] }>().items;
    expect(mine.every((x) => x.askerRole === 'learner')).toBe(true);
    const bimType = await t.db.selectFrom('certificate_types').select('id').where('org_id', '=', ids.orgBim).executeTakeFirstOrThrow();
    expect(
      (await learner.post('/api/v1/consultations', { orgId: ids.orgWeb, certificateTypeId: bimType.id, question: '这个证书怎么考？' }))
        .statusCode,
    ).toBe(404);
    expect((await (await t.loginAs('gd-admin')).get('/api/v1/consultations')).statusCode).toBe(403);
  });
});

import type { ChangeRequestDto, FilingDetailDto } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLeader } from '../../db/seed/demo-filings';
import { HOUR } from '../../lib/clock';
import { auditRows, demoFilingId, notificationsOf } from '../../test/filing-extras';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
let gd: Agent, hb: Agent, gzcp: Agent, zz: Agent, national: Agent;
let published: string;

const requests = (agent: Agent, id: string) => agent.get(`/api/v1/filings/${id}/change-requests`);
const propose = (agent: Agent, id: string, body: unknown) => agent.post(`/api/v1/filings/${id}/change-requests`, body);
const decide = (agent: Agent, id: string, body: unknown) => agent.post(`/api/v1/filing-change-requests/${id}/decision`, body);

beforeAll(async () => {
  t = await createTestApp();
  [gd, hb, gzcp, zz, national] = await Promise.all([
    t.loginAs('gd-admin'),
    t.loginAs('hb-admin'),
    t.loginAs('gzcp-admin'),
    t.loginAs('zz-admin'),
    t.loginAs('national'),
  ]);
  published = await demoFilingId(t.db, '广州城市职业学院', 'IR-PROG');
});
afterAll(async () => t.close());

describe('R3.7 change requests after approval (粤生态职院〔2023〕18号 第七条)', () => {
  it('the approved filing stays frozen: a section edit is 409, only a change request changes it', async () => {
    const res = await gzcp.request('PUT', `/api/v1/filings/${published}/sections/leader`, demoLeader('林晓燕'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('FILING_LOCKED');
  });

  it('lists the demo request as pending for the province, scoped (another province sees none)', async () => {
    const mine = await gd.get('/api/v1/filing-change-requests?status=pending');
    expect(mine.statusCode, mine.body).toBe(200);
    const items = mine.json<{ items: ChangeRequestDto[] }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ filingId: published, status: 'submitted', kinds: ['leader'], sections: ['leader'] });
    expect(items[0]!.allowedActions).toEqual(['accept', 'refuse']);
    expect((await hb.get('/api/v1/filing-change-requests?status=pending')).json().total).toBe(0);
    expect((await national.get('/api/v1/filing-change-requests')).json().items[0].allowedActions).toEqual([]);
    expect((await zz.get('/api/v1/filing-change-requests')).json().total).toBe(0);
  });

  it('one pending request at a time (409); the province refuses with a reason (400 without one)', async () => {
    const again = await propose(gzcp, published, { sections: { leader: demoLeader('王强') }, reason: '调整' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CHANGE_REQUEST_PENDING');
    const pending = (await requests(gzcp, published)).json<{ items: ChangeRequestDto[] }>().items[0]!;
    expect(pending.allowedActions).toEqual([]);
    const noReason = await decide(gd, pending.id, { decision: 'refuse' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('COMMENT_REQUIRED');
    const refused = await decide(gd, pending.id, { decision: 'refuse', comment: '请附原负责人的工作交接说明后重新提交。' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', decidedBy: '广东省教育厅 1+X 办公室' });
    const twice = await decide(gd, pending.id, { decision: 'accept' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CHANGE_REQUEST_DECIDED');
    const leader = (await gzcp.get(`/api/v1/filings/${published}`)).json<FilingDetailDto>().sections.leader;
    expect(leader?.name).toBe('陈志刚'); // a refused request changes nothing
    expect((await notificationsOf(t.db, 'gzcp-admin')).some((n) => n.kind === 'change_request_decided')).toBe(true);
  });

  it('validates the proposed sections with the complete section schemas (400 with field paths)', async () => {
    const res = await propose(gzcp, published, { sections: { leader: { name: '林晓燕' } }, reason: '负责人调动' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('body.sections.leader.title');
    expect((await propose(gzcp, published, { sections: {}, reason: 'x' })).statusCode).toBe(400);
    expect((await propose(gzcp, published, { sections: { basics: {} }, reason: 'x' })).statusCode).toBe(400);
  });

  it('scope and roles: another school 404, another province 404, the province itself 403, an unapproved filing 409', async () => {
    const body = { sections: { leader: demoLeader('林晓燕') }, reason: '负责人调动' };
    expect((await propose(zz, published, body)).statusCode).toBe(404);
    expect((await propose(hb, published, body)).statusCode).toBe(404);
    expect((await propose(gd, published, body)).statusCode).toBe(403);
    const inReview = await demoFilingId(t.db, '广州城市职业学院', 'SMART-TAX');
    const early = await propose(gzcp, inReview, body);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CHANGE_REQUEST_NOT_ALLOWED');
    const rejected = await demoFilingId(t.db, '广州城市职业学院', 'E-SHOP');
    expect((await propose(gzcp, rejected, body)).statusCode).toBe(409);
  });

  it('accepting writes the new leader and plan into the filing in the same transaction, with a filing event and audit rows', async () => {
    t.clock.advance(HOUR);
    const before = (await gzcp.get(`/api/v1/filings/${published}`)).json<FilingDetailDto>();
    const rows = before.sections.plan.rows.map((r) => ({ ...r, plannedTrainees: r.plannedTrainees + 10 }));
    const created = await propose(gzcp, published, {
      sections: { leader: demoLeader('林晓燕'), plan: { rows } },
      reason: '原负责人工作调动；第二年扩大培训规模。',
    });
    expect(created.statusCode, created.body).toBe(201);
    const cr = created.json<ChangeRequestDto>();
    expect(cr).toMatchObject({
      status: 'submitted',
      kinds: ['schedule', 'leader'],
      sections: ['plan', 'leader'],
      requestedBy: '广州城市职业学院教务处',
    });
    const provinceNotes = await notificationsOf(t.db, 'gd-admin');
    expect(provinceNotes.some((n) => n.kind === 'change_request_submitted' && n.link === `/filings/${published}`)).toBe(true);

    expect((await decide(hb, cr.id, { decision: 'accept' })).statusCode).toBe(404);
    expect((await decide(gzcp, cr.id, { decision: 'accept' })).statusCode).toBe(403);
    expect((await decide(national, cr.id, { decision: 'accept' })).statusCode).toBe(403);
    const accepted = await decide(gd, cr.id, { decision: 'accept', comment: '同意变更，予以备案。' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('recorded');

    const after = (await gzcp.get(`/api/v1/filings/${published}`)).json<FilingDetailDto>();
    expect(after.status).toBe('published');
    expect(after.sections.leader?.name).toBe('林晓燕');
    expect(after.plannedTrainees).toBe(before.plannedTrainees + 10 * rows.length);
    const event = after.timeline.find((e) => e.action === 'change_recorded')!;
    expect(event).toMatchObject({ fromStatus: 'published', toStatus: 'published', opinion: '同意变更，予以备案。' });
    expect(event.details).toMatchObject({ changeRequestId: cr.id });

    const history = (await requests(gzcp, published)).json<{ items: ChangeRequestDto[] }>().items;
    expect(history.map((h) => h.status)).toEqual(['recorded', 'refused']);
    expect(await auditRows(t.db, 'filing.change_request')).toHaveLength(1);
    expect(await auditRows(t.db, 'filing.change_request_accept')).toHaveLength(1);
    expect(await auditRows(t.db, 'filing.change_request_refuse')).toHaveLength(1);
    expect((await requests(hb, published)).statusCode).toBe(404);
  });
});

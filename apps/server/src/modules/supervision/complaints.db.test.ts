import { ERRORS } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../lib/clock';
import { type TestApp, createTestApp } from '../../test/test-app';
import { escalateOverdueComplaints } from './complaints.service';

let t: TestApp;
let ids: { zz: string; gzcp: string; org: string; cert: string };
let ipSeq = 0;
beforeAll(async () => {
  t = await createTestApp({ publicRateLimit: { max: 10, windowSeconds: 60 } });
  const school = (name: string) => t.db.selectFrom('schools').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  ids = {
    zz: (await school('广州市轻工职业学校')).id,
    gzcp: (await school('广州城市职业学院')).id,
    org: (await t.db.selectFrom('evaluation_orgs').select('id').where('code', '=', 'ORG-BIM').executeTakeFirstOrThrow()).id,
    cert: (await t.db.selectFrom('certificate_types').select('id').limit(1).executeTakeFirstOrThrow()).id,
  };
});
afterAll(() => t.close());

/** Each filing from its own address, so the per-address limit is tested only where it is meant to be. */
function file(body: Record<string, unknown>, remoteAddress = `203.0.113.${++ipSeq}`) {
  return t.app.inject({ method: 'POST', url: '/api/v1/public/complaints', remoteAddress, payload: body });
}
const base = { category: 'overcharging', content: '考核费用超过国家规定的上限标准，并要求学生购买指定教材。' };
async function fileOk(subjectType: string, subjectId: string, extra: Record<string, unknown> = {}) {
  const r = await file({ ...base, subjectType, subjectId, ...extra });
  expect(r.statusCode, r.body).toBe(201);
  const { trackingCode } = r.json<{ trackingCode: string }>();
  return t.db.selectFrom('complaints').selectAll().where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow();
}

describe('R8.5 complaints: filing and routing', () => {
  it('routes a 中职 to its city, a 高职 to its province, an organization and a certificate to the national administrator', async () => {
    expect(await fileOk('school', ids.zz)).toMatchObject({
      level: 'city',
      province_code: '440000',
      city_code: '440100',
      status: 'received',
    });
    expect(await fileOk('school', ids.gzcp)).toMatchObject({ level: 'province', province_code: '440000', city_code: null });
    expect(await fileOk('organization', ids.org)).toMatchObject({ level: 'national', province_code: null, city_code: null });
    expect(await fileOk('certificateType', ids.cert)).toMatchObject({ level: 'national', subject_type: 'certificateType' });
  });

  it('answers a tracking code with the contract fields; the deadline is 15 working days; the handler is notified', async () => {
    const c = await fileOk('school', ids.gzcp);
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/public/complaints/${c.tracking_code.toLowerCase()}` });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      trackingCode: c.tracking_code,
      category: 'overcharging',
      status: 'received',
      filedAt: c.filed_at.toISOString(),
      deadline: c.deadline,
    });
    expect(c.tracking_code.length).toBeGreaterThanOrEqual(12);
    const notes = await t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.link', '=', `/complaints/${c.id}`)
      .execute();
    expect(notes.map((n) => n.username)).toEqual(['gd-admin']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/complaints/ABCDEFGHJKLMNPQR' })).statusCode).toBe(404);
  });

  it('validates: unknown subject, short content, control characters; script text is stored as plain text', async () => {
    const unknown = await file({ ...base, subjectType: 'school', subjectId: ids.org });
    expect(unknown.statusCode).toBe(400);
    expect((await file({ ...base, subjectType: 'school', subjectId: ids.zz, content: '太贵' })).statusCode).toBe(400);
    expect((await file({ ...base, subjectType: 'school', subjectId: ids.zz, content: '收费过高\u0007请核查处理谢谢' })).statusCode).toBe(
      400,
    );
    const script = '<script>alert(1)</script> 学校强制报考并收取培训费';
    const c = await fileOk('school', ids.zz, { category: 'forced_registration', content: script });
    expect(c.content).toBe(script);
  });

  it('is rate-limited per client address (11th in a minute → 429 RATE_LIMITED)', async () => {
    for (let i = 0; i < 10; i++)
      expect((await file({ ...base, subjectType: 'school', subjectId: ids.zz }, '192.0.2.200')).statusCode).toBe(201);
    const limited = await file({ ...base, subjectType: 'school', subjectId: ids.zz }, '192.0.2.200');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', message: ERRORS.RATE_LIMITED.zh });
    expect((await file({ ...base, subjectType: 'school', subjectId: ids.zz }, '192.0.2.201')).statusCode).toBe(201);
  });
});

describe('R8.5 complaints: handling, scope and contact data', () => {
  it('the contact is sealed at rest, shown to the handler only, masked for the province; outside scope is 404', async () => {
    const c = await fileOk('school', ids.zz, { contactName: '王小明', contactPhone: '13812345678' });
    expect(c.contact_phone_sealed).not.toContain('1381234');
    const gz = await t.loginAs('gz-admin');
    const mine = await gz.get(`/api/v1/complaints/${c.id}`);
    expect(mine.json()).toMatchObject({
      contactName: '王小明',
      contactPhone: '13812345678',
      contactVisible: true,
      allowedActions: ['accept', 'transfer', 'close'],
    });
    const gd = await t.loginAs('gd-admin');
    const theirs = await gd.get(`/api/v1/complaints/${c.id}`);
    expect(theirs.json()).toMatchObject({ contactName: '王**', contactPhone: '138****5678', contactVisible: false, allowedActions: [] });
    expect((await gd.post(`/api/v1/complaints/${c.id}/transitions`, { action: 'accept' })).statusCode).toBe(403);
    const hb = await t.loginAs('hb-admin');
    expect((await hb.get(`/api/v1/complaints/${c.id}`)).statusCode).toBe(404);
    expect((await hb.get('/api/v1/complaints?pageSize=200')).json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    const prov = await fileOk('school', ids.gzcp);
    expect((await gz.get(`/api/v1/complaints/${prov.id}`)).statusCode).toBe(404);
    expect((await (await t.loginAs('gzcp-admin')).get('/api/v1/complaints')).statusCode).toBe(403);
  });

  it('accept → reply → close; the reply is public by tracking code; every step is audited', async () => {
    const c = await fileOk('school', ids.gzcp);
    const gd = await t.loginAs('gd-admin');
    const act = (body: unknown) => gd.post(`/api/v1/complaints/${c.id}/transitions`, body);
    expect((await act({ action: 'reply', comment: '已核查' })).statusCode).toBe(409);
    expect((await act({ action: 'accept' })).json().status).toBe('in_progress');
    expect((await act({ action: 'reply' })).statusCode).toBe(400);
    expect((await act({ action: 'reply', comment: '经核查，学校已退还多收费用。' })).json().status).toBe('replied');
    const noVerdict = await act({ action: 'close', comment: '投诉人无异议' });
    expect(noVerdict.statusCode).toBe(400);
    expect(noVerdict.json().error.code).toBe('COMPLAINT_VERDICT_REQUIRED');
    expect((await act({ action: 'close', comment: '投诉人无异议', verdict: 'maybe' })).statusCode).toBe(400);
    const closed = (await act({ action: 'close', comment: '投诉人无异议', verdict: 'partly_upheld' })).json();
    expect(closed).toMatchObject({ status: 'closed', verdict: 'partly_upheld' });
    expect(closed.events.map((e: { action: string }) => e.action)).toEqual(['file', 'accept', 'reply', 'close']);
    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/public/complaints/${c.tracking_code}` });
    expect(pub.json()).toMatchObject({ status: 'closed', reply: '经核查，学校已退还多收费用。', verdict: 'partly_upheld' });
    const listed = (await gd.get('/api/v1/complaints?status=closed&pageSize=200')).json().items.find((i: { id: string }) => i.id === c.id);
    expect(listed.verdict).toBe('partly_upheld');
    const closeAudit = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('target_id', '=', c.id)
      .where('action', '=', 'complaint.close')
      .executeTakeFirstOrThrow();
    expect(closeAudit.summary).toMatchObject({ verdict: 'partly_upheld' });
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', c.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['complaint.file', 'complaint.accept', 'complaint.reply', 'complaint.close']);
  });

  it('a transfer moves the complaint to another administrator with a reason and a new deadline', async () => {
    const c = await fileOk('school', ids.gzcp);
    const gd = await t.loginAs('gd-admin');
    expect(
      (await gd.post(`/api/v1/complaints/${c.id}/transitions`, { action: 'transfer', target: { level: 'city', cityCode: '440100' } }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await gd.post(`/api/v1/complaints/${c.id}/transitions`, {
          action: 'transfer',
          comment: '同级',
          target: { level: 'province', provinceCode: '440000' },
        })
      ).statusCode,
    ).toBe(400);
    const moved = await gd.post(`/api/v1/complaints/${c.id}/transitions`, {
      action: 'transfer',
      comment: '属地管理，转广州市',
      target: { level: 'city', cityCode: '440100' },
    });
    expect(moved.json()).toMatchObject({ level: 'city', cityCode: '440100', status: 'received', allowedActions: [] });
    const gz = await t.loginAs('gz-admin');
    expect((await gz.get(`/api/v1/complaints/${c.id}`)).json().allowedActions).toContain('accept');
  });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('IEND'),
  Buffer.alloc(4),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(40), Buffer.from([0xff, 0xd9])]);

/** A multipart body with the given files, each under the field `file`. */
function multipart(files: { name: string; bytes: Buffer; type?: string }[]) {
  const boundary = '----complaint-test-boundary';
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
function attach(code: string, files: { name: string; bytes: Buffer; type?: string }[], remoteAddress = `198.51.100.${++ipSeq}`) {
  return t.app.inject({ method: 'POST', url: `/api/v1/public/complaints/${code}/attachments`, remoteAddress, ...multipart(files) });
}

describe('R8.5 complaint attachments', () => {
  it('R8.5 the complainant attaches up to 3 PDF/PNG/JPEG files, checked by content and size; only the handler lists and downloads them', async () => {
    const c = await fileOk('school', ids.zz);
    // Checked by content: a script named .png is refused, and nothing of that upload is kept.
    const fake = await attach(c.tracking_code, [
      { name: 'ok.pdf', bytes: PDF },
      { name: 'photo.png', bytes: Buffer.from('<svg onload="alert(1)"/>'), type: 'image/png' },
    ]);
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('COMPLAINT_ATTACHMENT_TYPE');
    const big = await attach(c.tracking_code, [{ name: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024), PDF]) }]);
    expect(big.statusCode).toBe(413);
    expect((await attach('ABCDEFGHJKLMNPQR', [{ name: 'a.pdf', bytes: PDF }])).statusCode).toBe(404);

    const ok = await attach(c.tracking_code.toLowerCase(), [
      { name: '收费单据.pdf', bytes: PDF },
      { name: '../../照片.png', bytes: PNG },
    ]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().items.map((a: { name: string; mime: string }) => [a.name, a.mime])).toEqual([
      ['收费单据.pdf', 'application/pdf'],
      ['照片.png', 'image/png'],
    ]);
    // A fourth file would pass the cap of 3.
    const more = await attach(c.tracking_code, [
      { name: 'a.jpg', bytes: JPEG },
      { name: 'b.jpg', bytes: JPEG },
    ]);
    expect(more.statusCode).toBe(409);
    expect(more.json().error.code).toBe('COMPLAINT_ATTACHMENTS_CLOSED');
    expect((await attach(c.tracking_code, [{ name: 'a.jpg', bytes: JPEG }])).statusCode).toBe(201);

    const gz = await t.loginAs('gz-admin'); // the handler (a 中职 school: its city)
    const detail = (await gz.get(`/api/v1/complaints/${c.id}`)).json();
    const atts = detail.attachments as { id: string; mime: string }[];
    expect(atts.map((a) => a.mime).sort()).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    const first = atts.find((a) => a.mime === 'application/pdf')!.id;
    const dl = await gz.get(`/api/v1/complaints/${c.id}/attachments/${first}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(PDF)).toBe(true);

    // In scope but not the handler (the province), out of scope (another province), another complaint's id: 404.
    const gd = await t.loginAs('gd-admin');
    expect((await gd.get(`/api/v1/complaints/${c.id}`)).json().attachments).toEqual([]);
    expect((await gd.get(`/api/v1/complaints/${c.id}/attachments/${first}`)).statusCode).toBe(404);
    const hb = await t.loginAs('hb-admin');
    expect((await hb.get(`/api/v1/complaints/${c.id}/attachments/${first}`)).statusCode).toBe(404);
    const other = await fileOk('school', ids.zz);
    expect((await gz.get(`/api/v1/complaints/${other.id}/attachments/${first}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/complaints/${c.id}/attachments/${first}` })).statusCode).toBe(401);
    // Never in the general files store, where a scope could reach it.
    expect(await t.db.selectFrom('files').select('id').where('id', '=', first).executeTakeFirst()).toBeUndefined();
  });

  it('R8.5 attachments are closed once the complaint is accepted or an hour after filing', async () => {
    const c = await fileOk('school', ids.zz);
    const gz = await t.loginAs('gz-admin');
    await gz.post(`/api/v1/complaints/${c.id}/transitions`, { action: 'accept' });
    expect((await attach(c.tracking_code, [{ name: 'a.pdf', bytes: PDF }])).statusCode).toBe(409);
    const late = await fileOk('school', ids.zz);
    await t.db
      .updateTable('complaints')
      .set({ filed_at: new Date(t.clock.now().getTime() - 2 * 3600_000) })
      .where('id', '=', late.id)
      .execute();
    expect((await attach(late.tracking_code, [{ name: 'a.pdf', bytes: PDF }])).statusCode).toBe(409);
  });
});

describe('R8.5 complaints: overdue escalation', () => {
  it('an overdue city complaint goes to the province, then to the national administrator, with notifications', async () => {
    const c = await fileOk('school', ids.zz);
    const gz = await t.loginAs('gz-admin');
    await gz.post(`/api/v1/complaints/${c.id}/transitions`, { action: 'accept' });
    expect(await escalateOverdueComplaints(t.db, t.clock.now())).toBe(0);
    const later = new Date(t.clock.now().getTime() + 30 * DAY);
    const n = await escalateOverdueComplaints(t.db, later);
    expect(n).toBeGreaterThanOrEqual(1);
    const row = await t.db.selectFrom('complaints').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ level: 'province', province_code: '440000', city_code: null, escalations: 1, status: 'in_progress' });
    expect(row.deadline > c.deadline).toBe(true);
    const gd = await t.loginAs('gd-admin');
    const listed = (await gd.get('/api/v1/complaints?pageSize=200')).json().items.find((i: { id: string }) => i.id === c.id);
    expect(listed).toMatchObject({ level: 'province', escalations: 1 });
    expect((await gz.get(`/api/v1/complaints/${c.id}`)).statusCode).toBe(404);
    const note = await t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.title'])
      .where('n.link', '=', `/complaints/${c.id}`)
      .where('n.title', 'like', '逾期%')
      .execute();
    expect(note.map((x) => x.username)).toEqual(['gd-admin']);
    await escalateOverdueComplaints(t.db, new Date(later.getTime() + 30 * DAY));
    const top = await t.db.selectFrom('complaints').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(top).toMatchObject({ level: 'national', escalations: 2 });
    expect(await escalateOverdueComplaints(t.db, new Date(later.getTime() + 90 * DAY))).toBe(0);
    t.clock.set(new Date(later.getTime() + 90 * DAY)); // the list's "overdue" is by the app's clock
    const overdue = await (await t.loginAs('national')).get('/api/v1/complaints?overdue=true&pageSize=200');
    expect(overdue.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', c.id)
      .where('action', '=', 'complaint.escalate')
      .execute();
    expect(audit).toHaveLength(2);
  });
});

describe('R8.5 the public complaint form finds what it can name', () => {
  it('R8.5 approved schools, organizations and certificate types by a part of their name, without an account; an empty search is refused', async () => {
    const find = (type: string, q: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/public/complaint-subjects?type=${type}&q=${encodeURIComponent(q)}`,
        remoteAddress: '10.9.9.9',
      });
    const schools = (await find('school', '广州城市')).json().items as { id: string; name: string }[];
    expect(schools.map((s) => s.name)).toEqual(['广州城市职业学院']);
    const types = (await find('certificateType', '工业机器人')).json().items as { name: string }[];
    expect(types.length).toBeGreaterThan(0);
    expect((await find('school', '%')).json().items).toEqual([]); // the search text is matched literally
    expect((await find('school', '')).statusCode).toBe(400);
    expect((await find('person', '李')).statusCode).toBe(400);
  });
});

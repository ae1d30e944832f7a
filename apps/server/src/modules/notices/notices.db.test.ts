import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../lib/clock';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let ipSeq = 0;
const anon = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, remoteAddress: `203.0.113.${++ipSeq}`, ...(payload === undefined ? {} : { payload: payload as object }) });

function multipart(name: string, bytes: Buffer) {
  const boundary = '----notice-test-boundary';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const upload = (a: Agent, name: string, bytes: Buffer) => {
  const m = multipart(name, bytes);
  return a.request('POST', '/api/v1/notice-attachments', m.payload, { headers: m.headers });
};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const DOCX = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from('[Content_Types].xml word/document.xml' + ' '.repeat(100), 'latin1'),
  Buffer.from([0x50, 0x4b, 0x05, 0x06]),
  Buffer.alloc(18),
]);

describe('R9.1 notices: publishing, sanitizing, attachments, public page', () => {
  it('R9.1 the national administrator publishes a public notice: body sanitized, attachments checked by content, listed without an account', async () => {
    const national = await t.loginAs('national');
    const bad = await upload(national, 'notice.docx', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('FILE_NOT_NOTICE_ATTACHMENT');
    const pdf = await upload(national, '附件1.pdf', PDF);
    const docx = await upload(national, '附件2.docx', DOCX);
    expect(pdf.statusCode).toBe(201);
    expect(docx.json().mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const res = await national.post('/api/v1/notices', {
      title: '关于公布第四批职业技能等级证书的通知',
      category: 'policy',
      bodyHtml: '<p onmouseover="x()">正文<script>document.cookie</script></p><img src=x onerror=alert(1)>',
      isPublic: true,
      attachmentIds: [pdf.json().id, docx.json().id],
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect(res.json().bodyHtml).toBe('<p>正文</p><img src="x" />');

    const list = await anon('GET', '/api/v1/public/notices?level=national&q=第四批');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({ id, level: 'national', category: 'policy', publishedAt: expect.any(String) }),
    ]);
    expect(list.json().items[0]).not.toHaveProperty('provinceCode');
    const detail = (await anon('GET', `/api/v1/public/notices/${id}`)).json();
    expect(detail.bodyHtml).not.toMatch(/script|onerror|onmouseover/);
    expect(detail.attachments.map((a: { name: string }) => a.name)).toEqual(['附件1.pdf', '附件2.docx']);
    // The attachment of a public notice downloads without an account.
    expect((await anon('GET', `/api/v1/files/${pdf.json().id}`)).statusCode).toBe(200);
    // Attachments are the account's own, used once.
    const again = await national.post('/api/v1/notices', {
      title: '重复附件',
      category: 'policy',
      bodyHtml: '<p>x</p>',
      isPublic: true,
      attachmentIds: [pdf.json().id],
    });
    expect(again.json().error.code).toBe('NOTICE_ATTACHMENT_INVALID');
  });

  it('R9.1 an internal notice is not public: 404 without an account, visible to the roles and region it addresses only', async () => {
    const hb = await t.loginAs('hb-admin');
    const res = await hb.post('/api/v1/notices', {
      title: '湖北省内部通知',
      category: 'announcement',
      bodyHtml: '<p>内部</p>',
      isPublic: false,
      audience: { roles: ['school_admin'] },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect((await anon('GET', `/api/v1/public/notices/${id}`)).statusCode).toBe(404);
    expect((await (await t.loginAs('gd-admin')).get(`/api/v1/notices/${id}`)).statusCode).toBe(404);
    expect((await (await t.loginAs('zz-admin')).get(`/api/v1/notices/${id}`)).statusCode).toBe(404);
    const gzList = (await (await t.loginAs('gz-admin')).get('/api/v1/notices?pageSize=200')).json();
    expect(gzList.items.map((n: { id: string }) => n.id)).not.toContain(id);
    // Without an audience an internal notice is refused.
    const none = await hb.post('/api/v1/notices', { title: '无对象', category: 'announcement', bodyHtml: '<p>x</p>', isPublic: false });
    expect(none.json().error.code).toBe('NOTICE_AUDIENCE_REQUIRED');
  });

  it('003 函36号 三.5: an organization publishes 标准解读 of its own certificate, not a policy or another organization’s', async () => {
    const orgBim = await t.loginAs('org-bim');
    const own = await t.db
      .selectFrom('certificate_types as c')
      .innerJoin('evaluation_orgs as o', 'o.id', 'c.org_id')
      .select('c.id')
      .where('o.code', '=', 'ORG-BIM')
      .executeTakeFirstOrThrow();
    const other = await t.db
      .selectFrom('certificate_types as c')
      .innerJoin('evaluation_orgs as o', 'o.id', 'c.org_id')
      .select('c.id')
      .where('o.code', '=', 'ORG-WEB')
      .executeTakeFirstOrThrow();
    const body = { title: 'BIM 标准解读', bodyHtml: '<p>解读</p>', isPublic: true };
    expect(
      (await orgBim.post('/api/v1/notices', { ...body, category: 'standard_interpretation', certificateTypeId: own.id })).statusCode,
    ).toBe(201);
    const policy = await orgBim.post('/api/v1/notices', { ...body, category: 'policy', certificateTypeId: own.id });
    expect(policy.json().error.code).toBe('NOTICE_CATEGORY_NOT_ALLOWED');
    const foreign = await orgBim.post('/api/v1/notices', { ...body, category: 'fee_notice', certificateTypeId: other.id });
    expect(foreign.json().error.code).toBe('NOTICE_CATEGORY_NOT_ALLOWED');
    expect((await (await t.loginAs('zz-admin')).post('/api/v1/notices', { ...body, category: 'policy' })).statusCode).toBe(403);
  });
});

describe('000 三(二) forwarding and read receipts', () => {
  it('000 三(二) 广东 forwards to its cities, 广州 to its schools; the sender sees who has read it', async () => {
    const gd = await t.loginAs('gd-admin');
    const gz = await t.loginAs('gz-admin');
    const zz = await t.loginAs('zz-admin');
    const gzcp = await t.loginAs('gzcp-admin');
    const id = (
      await gd.post('/api/v1/notices', {
        title: '关于报送典型案例的通知',
        category: 'announcement',
        bodyHtml: '<p>请转发至中职学校</p>',
        isPublic: false,
        audience: { roles: ['municipal_admin'] },
      })
    ).json().id;
    // Before forwarding, a school does not see it; the city cannot forward yet.
    expect((await zz.get(`/api/v1/notices/${id}`)).statusCode).toBe(404);
    expect((await gz.post(`/api/v1/notices/${id}/forward`, {})).json().error.code).toBe('NOTICE_NOT_FORWARDABLE');
    const toCities = await gd.post(`/api/v1/notices/${id}/forward`, {});
    expect(toCities.statusCode).toBe(200);
    expect(toCities.json().forwarded).toBeGreaterThanOrEqual(21);
    // The city reads it (its receipt) and forwards it to its 中职 schools by default.
    const opened = (await gz.get(`/api/v1/notices/${id}`)).json();
    expect(opened.canForward).toBe(true);
    expect((await gz.post(`/api/v1/notices/${id}/forward`, {})).json().forwarded).toBe(1); // 广州市轻工职业学校
    // A higher-vocational school of the city is not a default recipient.
    expect((await gzcp.get(`/api/v1/notices/${id}`)).statusCode).toBe(404);
    const zzList = (await zz.get('/api/v1/notices?unread=true&pageSize=200')).json();
    expect(zzList.items.find((n: { id: string }) => n.id === id)).toMatchObject({ read: false });
    let receipts = (await gd.get(`/api/v1/notices/${id}/receipts`)).json();
    const zzRow = () => receipts.items.find((r: { recipientName: string }) => r.recipientName === '广州市轻工职业学校');
    expect(zzRow()).toMatchObject({ recipientKind: 'school', readAt: null });
    expect(receipts.items.find((r: { recipientId: string }) => r.recipientId === '440100')).toMatchObject({
      forwardedOn: true,
      readBy: '广州市教育局',
    });
    // The school opens it: the sender sees the receipt.
    expect((await zz.get(`/api/v1/notices/${id}`)).statusCode).toBe(200);
    receipts = (await gd.get(`/api/v1/notices/${id}/receipts`)).json();
    expect(zzRow().readAt).not.toBeNull();
    expect(zzRow().readBy).toBe('广州市轻工职业学校教务处');
    expect(receipts.unread).toBe(receipts.items.length - receipts.read);
    // The city sees its schools' receipts only; another province and a school see none.
    const gzReceipts = (await gz.get(`/api/v1/notices/${id}/receipts`)).json();
    expect(gzReceipts.items.every((r: { recipientKind: string }) => r.recipientKind === 'school')).toBe(true);
    expect((await (await t.loginAs('hb-admin')).get(`/api/v1/notices/${id}/receipts`)).statusCode).toBe(404);
    expect((await zz.get(`/api/v1/notices/${id}/receipts`)).statusCode).toBe(403);
    // The school was notified of the forwarded notice.
    const note = await t.db
      .selectFrom('notifications')
      .select('title')
      .where('user_id', '=', zz.user.id)
      .where('kind', '=', 'notice_forwarded')
      .execute();
    expect(note.map((n) => n.title)).toContain('地市转发通知：关于报送典型案例的通知');
  });

  it('000 三(二) the demo: 广东’s notice forwarded to 广州’s schools, some unread', async () => {
    const gd = await t.loginAs('gd-admin');
    const list = (await gd.get('/api/v1/notices?q=本年度')).json();
    const receipts = (await gd.get(`/api/v1/notices/${list.items[0].id}/receipts`)).json();
    expect(receipts.read).toBeGreaterThanOrEqual(2);
    expect(receipts.unread).toBeGreaterThan(0);
    expect((await anon('GET', '/api/v1/public/notices?level=national')).json().total).toBeGreaterThanOrEqual(1);
  });
});

describe('R9.4 公示 with objections (001 第九条)', () => {
  it('R9.4 an approved filing is displayed N days; an objection becomes a linked complaint; it closes by itself', async () => {
    const gd = await t.loginAs('gd-admin');
    const filing = await t.db
      .selectFrom('filings')
      .select('id')
      .where('decision', '=', 'approved')
      .where('province_code', '=', '440000')
      .executeTakeFirstOrThrow();
    const notApproved = await t.db
      .selectFrom('filings')
      .select('id')
      .where('decision', 'is', null)
      .where('province_code', '=', '440000')
      .executeTakeFirst();
    if (notApproved)
      expect((await gd.post('/api/v1/publicity', { subjectType: 'filing', subjectId: notApproved.id, days: 5 })).json().error.code).toBe(
        'PUBLICITY_SUBJECT_NOT_ELIGIBLE',
      );
    expect(
      (await (await t.loginAs('hb-admin')).post('/api/v1/publicity', { subjectType: 'filing', subjectId: filing.id, days: 5 })).statusCode,
    ).toBe(404);
    const res = await gd.post('/api/v1/publicity', { subjectType: 'filing', subjectId: filing.id, days: 5 });
    expect(res.statusCode).toBe(201);
    const item = res.json();
    expect(item.status).toBe('open');
    expect((await gd.post('/api/v1/publicity', { subjectType: 'filing', subjectId: filing.id, days: 5 })).json().error.code).toBe(
      'PUBLICITY_ALREADY_EXISTS',
    );
    const pub = await anon('GET', `/api/v1/public/publicity/${item.id}`);
    expect(pub.json().rows).toHaveLength(1);
    const obj = await anon('POST', `/api/v1/public/publicity/${item.id}/objections`, { content: '该校实训条件与申报材料不符，请核查。' });
    expect(obj.statusCode).toBe(201);
    const complaint = await t.db
      .selectFrom('complaints as c')
      .innerJoin('publicity_objections as o', 'o.complaint_id', 'c.id')
      .select(['c.subject_type', 'c.tracking_code', 'o.item_id'])
      .where('c.tracking_code', '=', obj.json().trackingCode)
      .executeTakeFirstOrThrow();
    expect(complaint).toMatchObject({ subject_type: 'school', item_id: item.id });
    expect((await gd.get('/api/v1/publicity?status=open')).json().items.find((p: { id: string }) => p.id === item.id).objections).toBe(1);
    // Day 5 is the last day; on day 6 it is closed, by itself, and objections are refused.
    t.clock.advance(4 * DAY);
    expect((await anon('GET', `/api/v1/public/publicity/${item.id}`)).json().status).toBe('open');
    t.clock.advance(1 * DAY);
    expect((await anon('GET', `/api/v1/public/publicity/${item.id}`)).json().status).toBe('closed');
    const late = await anon('POST', `/api/v1/public/publicity/${item.id}/objections`, { content: '公示期结束后的异议内容。' });
    expect(late.json().error.code).toBe('PUBLICITY_NOT_OPEN');
    expect((await anon('GET', '/api/v1/public/publicity?status=closed')).json().items.map((p: { id: string }) => p.id)).toContain(item.id);
    t.clock.advance(-5 * DAY);
  });

  it('R9.4 a session’s issued-certificate list is displayed without ID numbers; scope of the list', async () => {
    const cert = await t.db
      .selectFrom('certificates as c')
      .innerJoin('exam_sessions as e', 'e.id', 'c.session_id')
      .innerJoin('evaluation_orgs as o', 'o.id', 'e.org_id')
      .select(['c.session_id', 'c.holder_id_masked', 'o.code', 'e.province_code', 'e.org_id', 'e.certificate_type_id'])
      .where('c.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!cert) return;
    const org = await t.loginAs('national');
    const other = await t.loginAs(cert.code === 'ORG-BIM' ? 'org-web' : 'org-bim');
    expect(
      (await other.post('/api/v1/publicity', { subjectType: 'session_certificates', subjectId: cert.session_id, days: 7 })).statusCode,
    ).toBe(404);
    const res = await org.post('/api/v1/publicity', { subjectType: 'session_certificates', subjectId: cert.session_id, days: 7 });
    expect(res.statusCode, res.body).toBe(201);
    const body = JSON.stringify((await anon('GET', `/api/v1/public/publicity/${res.json().id}`)).json());
    expect(body).not.toContain(cert.holder_id_masked);
    expect(body).not.toMatch(/\d{17}[\dXx]/);
    expect((await other.get('/api/v1/publicity')).json().items.map((p: { id: string }) => p.id)).not.toContain(res.json().id);
    expect((await (await t.loginAs('zz-admin')).get('/api/v1/publicity')).statusCode).toBe(403);
    // A typical case is not the organization's to display.
    expect((await org.post('/api/v1/publicity', { subjectType: 'typical_case', subjectId: cert.session_id, days: 7 })).statusCode).toBe(
      404,
    );
  });

  it('R9.2 R9.4 a selected typical case goes on display by its province; a case not selected does not', async () => {
    const cases = await t.db.selectFrom('typical_cases').select(['id', 'status', 'title']).where('province_code', '=', '440000').execute();
    const selected = cases.find((c) => c.status === 'selected')!;
    const other = cases.find((c) => c.status !== 'selected')!;
    const gd = await t.loginAs('gd-admin');
    const res = await gd.post('/api/v1/publicity', { subjectType: 'typical_case', subjectId: selected.id, days: 5 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().title).toContain(selected.title);
    expect((await gd.post('/api/v1/publicity', { subjectType: 'typical_case', subjectId: other.id, days: 5 })).statusCode).toBe(409);
    const hb = await t.loginAs('hb-admin');
    expect((await hb.post('/api/v1/publicity', { subjectType: 'typical_case', subjectId: selected.id, days: 5 })).statusCode).toBe(404);
  });
});

describe('issue 14 item 3: the 公示 page picks the item from the eligible ones of its scope', () => {
  type Candidates = { items: { id: string; label: string; detail: string; displayed: boolean }[] };
  const candidates = async (a: Agent, subjectType: string, q?: string) => {
    const res = await a.get(`/api/v1/publicity/candidates?subjectType=${subjectType}${q ? `&q=${encodeURIComponent(q)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Candidates>().items;
  };
  const sorted = (xs: string[]) => [...xs].sort();

  it('issue 14 item 3: approved filings of the province; those on display are marked; narrowed by a school', async () => {
    const gd = await t.loginAs('gd-admin');
    const approved = await t.db
      .selectFrom('filings')
      .select('id')
      .where('decision', '=', 'approved')
      .where('status', 'in', ['approved', 'published'])
      .where('province_code', '=', '440000')
      .execute();
    const items = await candidates(gd, 'filing');
    expect(items.length).toBeGreaterThan(0);
    expect(sorted(items.map((i) => i.id))).toEqual(sorted(approved.map((f) => f.id)).slice(0, 50));
    const onDisplay = await t.db.selectFrom('publicity_items').select('subject_id').where('subject_type', '=', 'filing').execute();
    for (const i of items) expect(i.displayed).toBe(onDisplay.some((p) => p.subject_id === i.id));
    // Narrowed by a school's name (the label starts with it); nothing for a name no school has.
    const school = items[0]!.label.split('（')[0]!;
    expect((await candidates(gd, 'filing', school)).map((i) => i.id)).toContain(items[0]!.id);
    expect((await candidates(gd, 'filing', school)).every((i) => i.label.startsWith(school))).toBe(true);
    expect(await candidates(gd, 'filing', '没有这所学校')).toEqual([]);
    // Another province sees none of 广东's; an organization has no filings to display.
    const hbItems = await candidates(await t.loginAs('hb-admin'), 'filing');
    expect(hbItems.some((i) => approved.some((f) => f.id === i.id))).toBe(false);
    expect(await candidates(await t.loginAs('org-bim'), 'filing')).toEqual([]);
  });

  it('issue 14 item 3: selected typical cases of the province only, each accepted when opened; none for another province or an organization', async () => {
    const selected = await t.db
      .selectFrom('typical_cases')
      .select('id')
      .where('status', '=', 'selected')
      .where('province_code', '=', '440000')
      .execute();
    const gd = await t.loginAs('gd-admin');
    const gdItems = await candidates(gd, 'typical_case');
    expect(sorted(gdItems.map((i) => i.id))).toEqual(sorted(selected.map((c) => c.id)));
    expect(gdItems.every((i) => i.label.includes('《'))).toBe(true);
    // One that is not on display yet is accepted when opened, and is then marked.
    const free = gdItems.find((i) => !i.displayed)!;
    const res = await gd.post('/api/v1/publicity', { subjectType: 'typical_case', subjectId: free.id, days: 3 });
    expect(res.statusCode, res.body).toBe(201);
    expect((await candidates(gd, 'typical_case')).find((i) => i.id === free.id)!.displayed).toBe(true);
    expect(await candidates(await t.loginAs('hb-admin'), 'typical_case')).toEqual([]);
    expect(await candidates(await t.loginAs('org-bim'), 'typical_case')).toEqual([]);
  });

  it('issue 14 item 3: sessions with issued certificates, an organization its own; a school may not ask; a bad type is 400', async () => {
    const sessions = await t.db
      .selectFrom('certificates as c')
      .innerJoin('exam_sessions as e', 'e.id', 'c.session_id')
      .innerJoin('evaluation_orgs as o', 'o.id', 'e.org_id')
      .select(['e.id', 'o.code'])
      .where('c.revoked_at', 'is', null)
      .distinct()
      .execute();
    const national = await candidates(await t.loginAs('national'), 'session_certificates');
    expect(sorted(national.map((i) => i.id))).toEqual(sorted(sessions.map((s) => s.id)).slice(0, 50));
    expect(national.every((i) => /已颁发 \d+ 张证书/.test(i.detail))).toBe(true);
    const bim = await candidates(await t.loginAs('org-bim'), 'session_certificates');
    expect(sorted(bim.map((i) => i.id))).toEqual(sorted(sessions.filter((s) => s.code === 'ORG-BIM').map((s) => s.id)));
    expect((await (await t.loginAs('zz-admin')).get('/api/v1/publicity/candidates?subjectType=filing')).statusCode).toBe(403);
    expect((await (await t.loginAs('gd-admin')).get('/api/v1/publicity/candidates?subjectType=notice')).statusCode).toBe(400);
  });
});

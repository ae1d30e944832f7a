import { SEED_POLICY_DOCUMENTS, creditCodeCheckChar, jurisdictionCovers } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { demoIds } from '../../test/factories';

let t: TestApp;
let gd: Agent, hb: Agent;

const code = (base17: string) => base17 + creditCodeCheckChar(base17)!;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const PASSWORD = 'Xuexiao#2026ok';
const GD = { provinceCode: '440000', schoolId: null, schoolName: null };

const registration = (o: Record<string, unknown> = {}) => ({
  name: '深圳智造职业技术学院',
  creditCode: code('12440300455811111'),
  schoolType: 'higher',
  provinceCode: '440000',
  cityCode: '440300',
  flags: ['provincial_model'],
  address: '深圳市南山区',
  contactName: '陈老师',
  contactPhone: '0755-26000000',
  leadingBody: '1+X 证书制度试点工作领导小组',
  leadingBodyHead: '林校长',
  responsibleDepartment: '教务处',
  responsiblePerson: '黄处长',
  adminUsername: 'szzz-admin',
  adminDisplayName: '深圳智造教务处',
  adminPassword: PASSWORD,
  ...o,
});

/** A multipart body: the registration JSON part and an optional proof file. */
function form(data: unknown, proof: { name: string; bytes: Buffer } | null = { name: '办学许可证.pdf', bytes: PDF }) {
  const boundary = `----onex${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="registration"\r\n\r\n${JSON.stringify(data)}\r\n`),
  ];
  if (proof)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="proof"; filename="${encodeURIComponent(proof.name)}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      proof.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let client = 0;
/** Each submission from its own client address: the public form is rate-limited per address. */
const submit = (data: unknown, proof?: { name: string; bytes: Buffer } | null) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/school-registrations', remoteAddress: `10.28.0.${++client}`, ...form(data, proof) });
const status = (trackingCode: string) => t.app.inject({ method: 'GET', url: `/api/v1/public/school-registrations/${trackingCode}` });
const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

beforeAll(async () => {
  t = await createTestApp();
  [gd, hb] = await Promise.all([t.loginAs('gd-admin'), t.loginAs('hb-admin')]);
});
afterAll(() => t.close());

describe('R2.1 schools register themselves (002 四.3 自主进行注册申报)', () => {
  let id: string;
  let trackingCode: string;

  it('R2.1 a school registers without an account: pending, proof stored, its administrator account created disabled, province told', async () => {
    const res = await submit(registration());
    expect(res.statusCode, res.body).toBe(201);
    ({ id, trackingCode } = res.json());
    const school = (await gd.get(`/api/v1/schools/${id}`)).json();
    expect(school).toMatchObject({ status: 'pending', provinceCode: '440000', cityCode: '440300', flags: ['provincial_model'] });
    expect(school.allowedActions).toEqual(['update', 'approve', 'return']);
    expect(school.registration).toMatchObject({
      leadingBody: '1+X 证书制度试点工作领导小组',
      leadingBodyHead: '林校长',
      responsibleDepartment: '教务处',
      responsiblePerson: '黄处长',
      applicantUsername: 'szzz-admin',
      returnReason: null,
    });
    const proof = await gd.get(`/api/v1/files/${school.registration.proofFileId}`);
    expect(proof.statusCode).toBe(200);
    expect(proof.rawPayload.equals(PDF)).toBe(true);
    const user = await t.db
      .selectFrom('users')
      .select(['role', 'status', 'school_id'])
      .where('username', '=', 'szzz-admin')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ role: 'school_admin', status: 'disabled', school_id: id });
    expect((await login('szzz-admin', PASSWORD)).json().error.code).toBe('ACCOUNT_DISABLED');
    const notes = (await gd.get('/api/v1/notifications?pageSize=50')).json().items as { kind: string; title: string; link: string }[];
    expect(notes.find((n) => n.kind === 'school_registration' && n.link === `/schools/${id}`)).toMatchObject({
      title: expect.stringContaining('深圳智造职业技术学院'),
    });
    // hb-admin is not told of a Guangdong school.
    const hbNotes = (await hb.get('/api/v1/notifications?pageSize=50')).json().items as { link: string }[];
    expect(hbNotes.map((n) => n.link)).not.toContain(`/schools/${id}`);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'summary', 'province_code']).where('target_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['school.self_register']);
    expect(JSON.stringify(audit[0]!.summary)).not.toContain(PASSWORD);
    expect(JSON.stringify(audit[0]!.summary)).not.toContain(trackingCode);
    expect((await status(trackingCode)).json()).toMatchObject({
      status: 'pending',
      schoolName: '深圳智造职业技术学院',
      adminUsername: 'szzz-admin',
    });
  });

  it('R3.11 (review): the province is told in words that cite no other province’s notice and no seed file number', async () => {
    const notes = (await gd.get('/api/v1/notifications?pageSize=50')).json().items as {
      kind: string;
      title: string;
      body: string;
      link: string;
    }[];
    const note = notes.find((n) => n.kind === 'school_registration' && n.link === `/schools/${id}`)!;
    expect(note.body).toContain('深圳智造职业技术学院');
    const local = SEED_POLICY_DOCUMENTS.filter((d) => d.jurisdiction.level !== 'national' && !jurisdictionCovers(d.jurisdiction, GD));
    expect(local.filter((d) => `${note.title}${note.body}`.includes(d.number)).map((d) => d.key)).toEqual([]);
    expect(`${note.title}${note.body}`).not.toMatch(/(^|[^0-9])00[0-4]\s/);
  });

  it('R2.1 another province cannot see, approve or return it (404); it is not in its list', async () => {
    expect((await hb.get(`/api/v1/schools/${id}`)).statusCode).toBe(404);
    expect((await hb.post(`/api/v1/schools/${id}/approval`)).statusCode).toBe(404);
    expect((await hb.post(`/api/v1/schools/${id}/return`, { reason: '不属于本省' })).statusCode).toBe(404);
    const list = (await hb.get('/api/v1/schools?status=pending&pageSize=200')).json();
    expect(list.items.map((s: { id: string }) => s.id)).not.toContain(id);
    const gz = await t.loginAs('gz-admin');
    expect((await gz.post(`/api/v1/schools/${id}/return`, { reason: 'x 市' })).statusCode).toBe(403);
  });

  it('R2.1 the province returns it with a reason; the applicant reads the reason by its code and resubmits', async () => {
    const ret = await gd.post(`/api/v1/schools/${id}/return`, { reason: '证明材料不清晰，请上传盖章的办学许可证' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', allowedActions: ['update'] });
    expect((await gd.post(`/api/v1/schools/${id}/approval`)).json().error.code).toBe('SCHOOL_NOT_PENDING');
    expect((await status(trackingCode)).json()).toMatchObject({
      status: 'returned',
      returnReason: '证明材料不清晰，请上传盖章的办学许可证',
    });
    const applicant = await t.db.selectFrom('users').select('id').where('username', '=', 'szzz-admin').executeTakeFirstOrThrow();
    const told = await t.db.selectFrom('notifications').select(['body']).where('user_id', '=', applicant.id).execute();
    expect(told[0]!.body).toContain('证明材料不清晰');
    const { adminUsername: _u, adminDisplayName: _d, adminPassword: _p, ...school } = registration();
    const again = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/public/school-registrations/${trackingCode}`,
      ...form({ ...school, contactName: '陈主任' }, { name: 'license.pdf', bytes: PDF }),
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'pending', returnReason: null });
    const twice = await t.app.inject({ method: 'PUT', url: `/api/v1/public/school-registrations/${trackingCode}`, ...form(school, null) });
    expect(twice.json().error.code).toBe('SCHOOL_REGISTRATION_NOT_RETURNED');
  });

  it('R2.1 approval by its province enables the administrator account and tells it; only now can it log in', async () => {
    const ok = await gd.post(`/api/v1/schools/${id}/approval`, { comment: '材料齐全' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('approved');
    const res = await login('szzz-admin', PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const admin = await t.loginAs('szzz-admin', PASSWORD);
    const own = (await admin.get(`/api/v1/schools/${id}`)).json();
    expect(own).toMatchObject({ status: 'approved', contactName: '陈主任' });
    const notes = (await admin.get('/api/v1/notifications?pageSize=50')).json().items as { title: string }[];
    expect(notes.map((n) => n.title)).toEqual(expect.arrayContaining(['院校注册已审核通过', '院校注册申报被退回']));
    expect((await status(trackingCode)).json().status).toBe('approved');
  });

  it('R2.1 the proof is checked by content; bad codes, 技工学校, wrong city, duplicates and taken usernames are refused', async () => {
    const other = (o: Record<string, unknown> = {}) =>
      registration({ name: '另一所职业学院', creditCode: code('12440300455822222'), adminUsername: 'other-admin', ...o });
    const fake = await submit(other(), { name: 'proof.pdf', bytes: Buffer.from('<html>not a pdf</html>') });
    expect(fake.json().error.code).toBe('FILE_NOT_EVIDENCE');
    expect(await t.db.selectFrom('users').select('id').where('username', '=', 'other-admin').executeTakeFirst()).toBeUndefined();
    expect((await submit(other(), null)).json().error.code).toBe('FILE_REQUIRED');
    const typo = await submit(other({ creditCode: '124403004558222229' }));
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.details.fields[0]).toMatchObject({ path: 'body.creditCode', message: expect.stringContaining('校验位') });
    expect((await submit(other({ schoolType: 'technical_school' }))).json().error.code).toBe('SCHOOL_TYPE_NOT_ELIGIBLE');
    expect((await submit(other({ cityCode: '420100' }))).json().error.details.fields).toEqual([
      { path: 'cityCode', message: '所选城市不属于该省份' },
    ]);
    expect((await submit(registration({ adminUsername: 'other-admin' }))).json().error.code).toBe('SCHOOL_ALREADY_REGISTERED');
    expect((await submit(other({ adminUsername: 'gd-admin' }))).json().error.code).toBe('USERNAME_TAKEN');
    expect((await submit(other({ adminPassword: '123' }))).json().error.code).toBe('PASSWORD_WEAK');
    expect((await submit(other({ leadingBody: '' }))).json().error.details.fields[0].path).toBe('body.leadingBody');
    expect((await submit(other())).statusCode).toBe(201);
  });

  it('R2.1 a school whose registration is not approved cannot open a filing (409 SCHOOL_NOT_APPROVED)', async () => {
    const ids = await demoIds(t.db);
    await t.db.updateTable('schools').set({ status: 'pending' }).where('id', '=', ids.gdst).execute();
    try {
      const gdst = await t.loginAs('gdst-admin');
      const res = await gdst.post('/api/v1/filings', {
        roundId: crypto.randomUUID(),
        certificateTypeId: crypto.randomUUID(),
        departmentId: ids.gdstDept,
        levels: ['junior'],
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('SCHOOL_NOT_APPROVED');
    } finally {
      await t.db.updateTable('schools').set({ status: 'approved' }).where('id', '=', ids.gdst).execute();
    }
  });
});

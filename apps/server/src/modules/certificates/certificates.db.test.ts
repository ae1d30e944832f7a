import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateNumber } from '@onex/shared';
import { hashPassword } from '../../auth/password';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { DAY } from '../../lib/clock';
import { verifyProof } from '../../lib/vc/data-integrity';
import { didWebDocumentUrl } from '../../lib/vc/did-web';
import { decodePublicKeyMultibase } from '../../lib/vc/multikey';
import { statusBit } from '../../lib/vc/status-list';
import { createPublishedSession } from '../../test/certificates';
import { demoIds } from '../../test/factories';
import { ensureResultsOrgAdmin, RESULTS_ORG_USERNAME } from '../../test/results-import';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app';
import { insertUser } from '../accounts/accounts.queries';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON responses are read by path in these tests
type Json = Record<string, any>;

let t: TestApp;
let org: Agent;
const secretKey = Buffer.alloc(32, 7);

beforeAll(async () => {
  t = await createTestApp({ secretKey, verifyRateLimitMax: 1000 });
  await ensureResultsOrgAdmin(t.db);
  org = await t.loginAs(RESULTS_ORG_USERNAME);
});
afterAll(() => t.close());

/** Verifies a credential offline with the keys its issuer's did:web document publishes. */
async function verifyWithPublishedKeys(credential: Json): Promise<boolean> {
  const did = (typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id) as string;
  const issuer = (await t.app.inject({ method: 'GET', url: new URL(didWebDocumentUrl(did)).pathname })).json<Json>();
  const keys = new Map<string, string>(issuer.verificationMethod.map((m: Json) => [m.id, m.publicKeyMultibase]));
  return verifyProof(credential, (vm) => (keys.has(vm) ? decodePublicKeyMultibase(keys.get(vm)!) : null)).verified;
}

describe('issuance (R6.1, R6.5)', () => {
  it('R6.1 issues to every passed candidate once: a second call issues nothing (idempotent), each holder’s account gets one deposit', async () => {
    const f = await createPublishedSession(t.db, secretKey, { scores: [90, 55, 72, 60, 30], seqBase: 100, publishedAt: t.clock.now() });
    const first = await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ issued: 3, alreadyIssued: 0 });
    const again = await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`);
    expect(again.json()).toEqual({ issued: 0, alreadyIssued: 3 });

    const list = (await org.get(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).json<Json>();
    expect(list.total).toBe(3);
    for (const c of list.items) {
      expect(c.number).toMatch(/^\d{4}2\d{10}[0-9A-Z]$/);
      expect(c.verificationCode.length).toBeGreaterThanOrEqual(16);
      expect(c.status).toBe('valid');
    }
    expect(new Set(list.items.map((c: Json) => c.holderName))).toEqual(new Set(['赵一', '孙三', '李四']));
    // R6.5: deposited in the holders' learning accounts, in the same transaction, once.
    const deposits = await t.db
      .selectFrom('learning_outcomes as o')
      .innerJoin('certificates as c', 'c.id', 'o.certificate_id')
      .select(['o.account_id', 'o.outcome_type'])
      .where('c.session_id', '=', f.sessionId)
      .execute();
    expect(deposits).toHaveLength(3);
    expect(new Set(deposits.map((d) => d.account_id)).size).toBe(3);
    expect(deposits.every((d) => d.outcome_type === 'certificate')).toBe(true);
  });

  it('R6.1 refused with 409 SESSION_NOT_READY before scores are published and during the publicity period', async () => {
    const f = await createPublishedSession(t.db, secretKey, { scores: [80], seqBase: 200, publishedAt: t.clock.now() });
    await t.db.updateTable('exam_sessions').set({ status: 'scores_entered' }).where('id', '=', f.sessionId).execute();
    const early = await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('SESSION_NOT_READY');

    await t.db.updateTable('exam_sessions').set({ status: 'scores_published' }).where('id', '=', f.sessionId).execute();
    expect((await org.request('PUT', '/api/v1/certificate-settings', { publicityDays: 5 })).statusCode).toBe(200);
    const during = await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`);
    expect(during.statusCode).toBe(409);
    // The refusal says when the publicity period ends.
    const published = (
      await t.db.selectFrom('exam_sessions').select('scores_published_at').where('id', '=', f.sessionId).executeTakeFirstOrThrow()
    ).scores_published_at!;
    expect(during.json().error.details.issuableFrom).toBe(new Date(published.getTime() + 5 * DAY).toISOString());
    expect(early.json().error.details.issuableFrom).toBeNull();
    t.clock.advance(5 * DAY + 1000);
    org = await t.loginAs(RESULTS_ORG_USERNAME); // the session expired meanwhile
    expect((await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).json()).toEqual({ issued: 1, alreadyIssued: 0 });
    await org.request('PUT', '/api/v1/certificate-settings', { publicityDays: 0 });
  });

  it('another organization gets 404 for the session and its certificates', async () => {
    const f = await createPublishedSession(t.db, secretKey, { scores: [80], seqBase: 300, publishedAt: t.clock.now() });
    const bim = await t.loginAs('org-bim');
    expect((await bim.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).statusCode).toBe(404);
    expect((await bim.get(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).statusCode).toBe(404);
  });
});

describe('verification, credentials, revocation (R6.2, R6.3)', () => {
  let number = '';
  let code = '';
  let name = '';
  beforeAll(async () => {
    const f = await createPublishedSession(t.db, secretKey, { scores: [88, 91], seqBase: 400, publishedAt: t.clock.now() });
    await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`);
    const c = (await org.get(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).json<Json>().items[0];
    number = c.number;
    code = c.verificationCode;
    name = c.holderName;
  });

  it('R6.2 verifies by number + name without an account; the ID number is masked', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/certificates/verify?number=${number}&name=${encodeURIComponent(name)}`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<Json>();
    expect(body.result).toBe('valid');
    expect(body.certificate).toMatchObject({ number, holderName: name, level: 'intermediate', certificateTypeName: '工业机器人应用编程' });
    expect(body.certificate.holderIdMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(body.certificate.verificationUrl).toBe(`https://1x.example.cn/verify/c/${code}`);
    expect(JSON.stringify(body)).not.toMatch(/\d{17}[\dX]/);
  });

  it('R6.2 an unknown number and a wrong name get the same 404; a typo in the number is a 400 before any lookup', async () => {
    const unknown = certificateNumber(2026, 'intermediate', 9_999_999_999);
    const a = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/certificates/verify?number=${unknown}&name=${encodeURIComponent(name)}`,
    });
    const b = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/certificates/verify?number=${number}&name=${encodeURIComponent('张三')}`,
    });
    expect(a.statusCode).toBe(404);
    expect(b.statusCode).toBe(404);
    const strip = (r: typeof a) => ({ ...r.json<Json>().error, requestId: undefined });
    expect(strip(a)).toEqual(strip(b));
    expect(strip(a).code).toBe('CERTIFICATE_NOT_FOUND');
    const typo = number.slice(0, 5) + (number[5] === '1' ? '2' : '1') + number.slice(6);
    const c = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/certificates/verify?number=${typo}&name=${encodeURIComponent(name)}`,
    });
    expect(c.statusCode).toBe(400);
    expect(c.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('R6.1 the QR code’s credential is a signed OpenBadgeCredential that verifies with the issuer’s published key', async () => {
    const res = (await t.app.inject({ method: 'GET', url: `/api/v1/public/credentials/${code}` })).json<Json>();
    expect(res.result).toBe('valid');
    const vc = res.credential;
    expect(vc['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.issuer.type).toEqual(['Profile']);
    expect(vc.credentialSubject.type).toEqual(['AchievementSubject']);
    expect(vc.credentialSubject.identifier[1]).toMatchObject({
      hashed: true,
      identityHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/),
    });
    expect(vc.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    expect(vc.proof).toEqual([
      expect.objectContaining({
        '@context': vc['@context'],
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-jcs-2022',
        proofPurpose: 'assertionMethod',
      }),
    ]);
    expect(await verifyWithPublishedKeys(vc)).toBe(true);
    const tampered = structuredClone(vc);
    tampered.credentialSubject.name = '王五';
    expect(await verifyWithPublishedKeys(tampered)).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/credentials/${'1'.repeat(22)}` })).statusCode).toBe(404);
    // The verify page's file check of a valid credential: every check passes.
    const check = (await t.app.inject({ method: 'POST', url: '/api/v1/public/credential-checks', payload: vc })).json<Json>();
    expect(check).toMatchObject({
      valid: true,
      legacyFormat: false,
      checks: { format: true, signature: true, issuerKnown: true, trustList: true, notRevoked: true },
    });
    expect(check.certificate.number).toBe(number);
  });

  it('R6.1 after key rotation new credentials use the new key and old ones still verify (the old key stays published)', async () => {
    const before = (await t.app.inject({ method: 'GET', url: `/api/v1/public/credentials/${code}` })).json<Json>().credential;
    const rotated = await org.post('/api/v1/issuer-keys/rotation');
    expect(rotated.statusCode).toBe(200);
    const keys = rotated.json<Json>().keys;
    expect(keys.filter((k: Json) => k.status === 'active')).toHaveLength(1);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    const f = await createPublishedSession(t.db, secretKey, { scores: [70], seqBase: 500, publishedAt: t.clock.now() });
    await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`);
    const c = (await org.get(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).json<Json>().items[0];
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/public/credentials/${c.verificationCode}` })).json<Json>().credential;
    expect(after.proof[0].verificationMethod).not.toBe(before.proof[0].verificationMethod);
    expect(await verifyWithPublishedKeys(before)).toBe(true);
    expect(await verifyWithPublishedKeys(after)).toBe(true);
  });

  it('R6.3 the organization revokes with a reason: verification and the signed status list show it at once', async () => {
    const other = await t.loginAs('org-bim');
    expect((await other.post(`/api/v1/certificates/${number}/revocation`, { reason: '测试撤销' })).statusCode).toBe(404);
    const res = await org.post(`/api/v1/certificates/${number}/revocation`, { reason: '考核违规，取消成绩' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('revoked');
    expect((await org.post(`/api/v1/certificates/${number}/revocation`, { reason: '再次撤销' })).json().error.code).toBe(
      'CERTIFICATE_ALREADY_REVOKED',
    );
    // The audit row carries the certificate's scope facts, the city too (a municipal administrator finds it).
    const audited = await t.db
      .selectFrom('audit_log as a')
      .innerJoin('certificates as c', (j) => j.on(sql`c.id::text`, '=', sql.ref('a.target_id')))
      .select(['a.city_code', 'c.city_code as certificate_city'])
      .where('a.action', '=', 'certificate.revoke')
      .where('c.number', '=', number)
      .executeTakeFirstOrThrow();
    expect(audited.city_code).not.toBeNull();
    expect(audited.city_code).toBe(audited.certificate_city);

    const v = (
      await t.app.inject({ method: 'GET', url: `/api/v1/public/certificates/verify?number=${number}&name=${encodeURIComponent(name)}` })
    ).json<Json>();
    expect(v.result).toBe('revoked');
    expect(v.certificate.revocationReason).toBe('考核违规，取消成绩');
    expect(v.certificate.revokedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const vc = (await t.app.inject({ method: 'GET', url: `/api/v1/public/credentials/${code}` })).json<Json>().credential;
    const listRes = await t.app.inject({ method: 'GET', url: new URL(vc.credentialStatus.statusListCredential).pathname });
    const list = listRes.json<Json>();
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.credentialSubject).toMatchObject({ type: 'BitstringStatusList', statusPurpose: 'revocation' });
    expect(await verifyWithPublishedKeys(list)).toBe(true);
    expect(statusBit(list.credentialSubject.encodedList, Number(vc.credentialStatus.statusListIndex))).toBe(true);
    expect(statusBit(list.credentialSubject.encodedList, Number(vc.credentialStatus.statusListIndex) + 1)).toBe(false);

    // The verify page's file check: signature fine, issuer known, revoked.
    const check = (await t.app.inject({ method: 'POST', url: '/api/v1/public/credential-checks', payload: vc })).json<Json>();
    expect(check.checks).toEqual({ format: true, signature: true, issuerKnown: true, trustList: true, notRevoked: false });
    expect(check.valid).toBe(false);
    const tampered = { ...vc, validFrom: '2020-01-01T00:00:00Z' };
    const bad = (await t.app.inject({ method: 'POST', url: '/api/v1/public/credential-checks', payload: tampered })).json<Json>();
    expect(bad.checks).toEqual({ format: true, issuerKnown: true, signature: false, trustList: true, notRevoked: null });
    expect(bad.message).toMatch(/签名校验失败.*未检查撤销状态/);
  });
});

describe('rate limit (R6.2)', () => {
  it('R6.2 public verification is limited per client address with a Chinese 429; another address is not affected', async () => {
    const limited = await createTestApp({ verifyRateLimitMax: 3 });
    try {
      const url = `/api/v1/public/certificates/verify?number=${certificateNumber(2026, 'junior', 1)}&name=x`;
      const from = (ip: string) => limited.app.inject({ method: 'GET', url, remoteAddress: ip });
      for (let i = 0; i < 3; i++) expect((await from('10.0.0.1')).statusCode).toBe(404);
      const over = await from('10.0.0.1');
      expect(over.statusCode).toBe(429);
      expect(over.json().error).toMatchObject({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
      expect((await from('10.0.0.2')).statusCode).toBe(404);
    } finally {
      await limited.close();
    }
  });
});

describe('holders and scope (R6.1, R6.2)', () => {
  it('demo data: learner1 holds at least two certificates, one revoked; sees only their own', async () => {
    const learner = await t.loginAs('learner1');
    const mine = (await learner.get('/api/v1/certificates')).json<Json>();
    expect(mine.total).toBeGreaterThanOrEqual(2);
    expect(mine.items.every((c: Json) => c.holderName === '李明')).toBe(true);
    expect(mine.items.some((c: Json) => c.status === 'revoked')).toBe(true);
    expect(mine.items.some((c: Json) => c.status === 'valid')).toBe(true);
    const someoneElse = await t.db.selectFrom('certificates').select('number').where('holder_name', '!=', '李明').executeTakeFirstOrThrow();
    expect((await learner.get(`/api/v1/certificates/${someoneElse.number}`)).statusCode).toBe(404);
    const school = await t.loginAs('gzcp-admin');
    expect((await school.get(`/api/v1/certificates/${someoneElse.number}`)).statusCode).toBe(200);
    const otherSchool = await t.loginAs('gdst-admin');
    expect((await otherSchool.get(`/api/v1/certificates/${someoneElse.number}`)).statusCode).toBe(404);
    const hb = await t.loginAs('hb-admin');
    expect((await hb.get('/api/v1/certificates')).json().total).toBe(0);
  });

  it('scope of the other roles: the city sees its schools’ certificates, department staff their school’s, experts none', async () => {
    const gzcp = (await demoIds(t.db)).gzcp;
    const dept = await t.db.selectFrom('departments').select('id').where('school_id', '=', gzcp).executeTakeFirstOrThrow();
    await insertUser(t.db, {
      username: 'gzcp-dept-cert',
      displayName: '广州城市职业学院信息技术学院',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      role: 'department_admin',
      provinceCode: null,
      cityCode: null,
      schoolId: gzcp,
      departmentId: dept.id,
      orgId: null,
      createdAt: t.clock.now(),
      createdBy: null,
    });
    const ofSchool = await t.db.selectFrom('certificates').select('number').where('school_id', '=', gzcp).executeTakeFirstOrThrow();
    for (const username of ['gz-admin', 'gzcp-dept-cert']) {
      const agent = await t.loginAs(username);
      expect((await agent.get(`/api/v1/certificates/${ofSchool.number}`)).statusCode, username).toBe(200);
      expect((await agent.get('/api/v1/certificates')).json().total, username).toBeGreaterThan(0);
    }
    const expert = await t.loginAs('expert1');
    expect((await expert.get('/api/v1/certificates')).json().total).toBe(0);
    expect((await expert.get(`/api/v1/certificates/${ofSchool.number}`)).statusCode).toBe(404);
  });

  it('the certificate list: each scope’s total counts exactly its certificates (with filters); pages run newest first, then by number', async () => {
    const gzcp = (await demoIds(t.db)).gzcp;
    const gz = await t.db.selectFrom('schools').select(['province_code', 'city_code']).where('id', '=', gzcp).executeTakeFirstOrThrow();
    const resultsOrg = await t.db
      .selectFrom('users')
      .select('org_id')
      .where('username', '=', RESULTS_ORG_USERNAME)
      .executeTakeFirstOrThrow();
    const count = async (where: (qb: ReturnType<typeof all>) => ReturnType<typeof all>) =>
      Number(
        (
          await where(all())
            .select((e) => e.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const all = () => t.db.selectFrom('certificates');
    const cases: [string, Agent, (qb: ReturnType<typeof all>) => ReturnType<typeof all>][] = [
      ['national', await t.loginAs('national'), (qb) => qb],
      ['gd-admin', await t.loginAs('gd-admin'), (qb) => qb.where('province_code', '=', gz.province_code)],
      ['gz-admin', await t.loginAs('gz-admin'), (qb) => qb.where('city_code', '=', gz.city_code)],
      ['gzcp-admin', await t.loginAs('gzcp-admin'), (qb) => qb.where('school_id', '=', gzcp)],
      [RESULTS_ORG_USERNAME, org, (qb) => qb.where('org_id', '=', resultsOrg.org_id)],
    ];
    for (const [who, agent, scope] of cases) {
      const expected = await count(scope);
      expect(expected, who).toBeGreaterThan(0);
      expect((await agent.get('/api/v1/certificates?pageSize=1')).json().total, who).toBe(expected);
      const revoked = await count((qb) => scope(qb).where('revoked_at', 'is not', null));
      expect((await agent.get('/api/v1/certificates?status=revoked&pageSize=1')).json().total, who).toBe(revoked);
      expect((await agent.get('/api/v1/certificates?status=valid&pageSize=1')).json().total, who).toBe(expected - revoked);
    }
    const national = cases[0]![1];
    const order = await all().select(['number', 'issued_on']).orderBy('issued_on', 'desc').orderBy('number').execute();
    const paged: string[] = [];
    for (let page = 1; paged.length < order.length; page++) {
      const items = (await national.get(`/api/v1/certificates?page=${page}&pageSize=7`)).json<Json>().items as Json[];
      expect(items.length).toBeGreaterThan(0);
      paged.push(...items.map((c) => c.number as string));
    }
    expect(paged).toEqual(order.map((c) => c.number));
  });

  it('share links: 30–180 days, open without the name, end at expiry or when the holder revokes them', async () => {
    let learner = await t.loginAs('learner1');
    const cert = (await learner.get('/api/v1/certificates?status=valid')).json<Json>().items[0];
    expect((await learner.post(`/api/v1/certificates/${cert.number}/share-links`, { days: 29 })).statusCode).toBe(400);
    expect((await learner.post(`/api/v1/certificates/${cert.number}/share-links`, { days: 181 })).statusCode).toBe(400);
    const school = await t.loginAs('gzcp-admin');
    expect((await school.post(`/api/v1/certificates/${cert.number}/share-links`, { days: 30 })).statusCode).toBe(404);

    const link = (await learner.post(`/api/v1/certificates/${cert.number}/share-links`, { days: 30 })).json<Json>();
    const path = `/api/v1/public/share-links/${new URL(link.url).pathname.split('/').pop()}`;
    const open = await t.app.inject({ method: 'GET', url: path });
    expect(open.statusCode).toBe(200);
    expect(open.json().certificate.number).toBe(cert.number);
    t.clock.advance(30 * DAY + 1000);
    const expired = await t.app.inject({ method: 'GET', url: path });
    expect(expired.statusCode).toBe(404);
    expect(expired.json().error.code).toBe('SHARE_LINK_NOT_FOUND');
    learner = await t.loginAs('learner1');

    const link2 = (await learner.post(`/api/v1/certificates/${cert.number}/share-links`, { days: 180 })).json<Json>();
    const path2 = `/api/v1/public/share-links/${new URL(link2.url).pathname.split('/').pop()}`;
    expect((await t.app.inject({ method: 'GET', url: path2 })).statusCode).toBe(200);
    const revoked = await learner.post(`/api/v1/share-links/${link2.id}/revocation`);
    expect(revoked.json().active).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: path2 })).statusCode).toBe(404);
  });
});

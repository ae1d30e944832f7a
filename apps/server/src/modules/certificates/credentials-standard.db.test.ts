import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyOffline } from '../../lib/vc/offline-verify';
import { createPublishedSession, makeBatchLegacy } from '../../test/certificates';
import { dbVerify, documentLoader } from '../../test/digital-bazaar';
import { ensureResultsOrgAdmin, RESULTS_ORG_USERNAME } from '../../test/results-import';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON responses are read by path in these tests
type Json = Record<string, any>;

/**
 * Issue 12 (R6.6): the platform's credentials, status lists and trust list as an independent, widely used verifier
 * stack (Digital Bazaar) reads them — offline, with JSON-LD contexts from npm and the platform's documents resolved
 * through the app (did:web → /issuers/{id}/did.json).
 */

let t: TestApp;
let org: Agent;
let loader: ReturnType<typeof documentLoader>;
const secretKey = Buffer.alloc(32, 9);

beforeAll(async () => {
  t = await createTestApp({ secretKey, verifyRateLimitMax: 10_000 });
  await ensureResultsOrgAdmin(t.db);
  org = await t.loginAs(RESULTS_ORG_USERNAME);
  loader = documentLoader(t.app, t.config.publicUrl);
});
afterAll(() => t.close());

async function issueSession(scores: number[], seqBase: number) {
  const f = await createPublishedSession(t.db, secretKey, { scores, seqBase, publishedAt: t.clock.now() });
  expect((await org.post(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).statusCode).toBe(200);
  const items = (await org.get(`/api/v1/exam-sessions/${f.sessionId}/certificates`)).json<Json>().items as Json[];
  return { sessionId: f.sessionId, items };
}
const credentialOf = async (code: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/public/credentials/${code}` })).json<Json>().credential as Json;
const check = async (credential: Json) =>
  (await t.app.inject({ method: 'POST', url: '/api/v1/public/credential-checks', payload: credential })).json<Json>();

describe('R6.6 Digital Bazaar’s verifier accepts the platform’s credentials', () => {
  it('R6.6 a fresh credential verifies, with its Bitstring status; a tampered one is rejected', async () => {
    const { items } = await issueSession([88, 91], 7100);
    const vc = await credentialOf(items[0]!.verificationCode);
    const r = await dbVerify(vc, loader, { now: t.clock.now() });
    expect(r.error, JSON.stringify(r.error)).toBeUndefined();
    expect(r.verified).toBe(true);
    expect(r.statusResult?.verified).toBe(true);
    const tampered = structuredClone(vc);
    tampered.credentialSubject.name = '王五';
    expect((await dbVerify(tampered, loader, { now: t.clock.now() })).verified).toBe(false);
  });

  it('R6.6 a revoked credential: its proof verifies and its status list (verified too) has its bit set', async () => {
    const { items } = await issueSession([75], 7200);
    expect((await org.post(`/api/v1/certificates/${items[0]!.number}/revocation`, { reason: '核查发现代考' })).statusCode).toBe(200);
    const vc = await credentialOf(items[0]!.verificationCode);
    const r = (await dbVerify(vc, loader, { now: t.clock.now() })) as Json;
    // Digital Bazaar reports a genuine credential whose status it could read as verified, with the bit in statusResult.
    expect(r.verified).toBe(true);
    expect(r.results[0].verified).toBe(true); // the proof itself verifies …
    expect(r.statusResult.verified).toBe(true); // … the status list is genuine …
    expect(r.statusResult.results[0].status).toBe(true); // … and its bit says revoked
    const list = (await t.app.inject({ method: 'GET', url: new URL(vc.credentialStatus.statusListCredential).pathname })).json<Json>();
    expect(list.proof[0]['@context']).toEqual(list['@context']);
    expect((await dbVerify(list, loader, { now: t.clock.now() })).verified).toBe(true);
  });

  it('R6.6 after key rotation, the credential signed by the old key still verifies (the did document keeps it)', async () => {
    const { items } = await issueSession([66], 7300);
    const before = await credentialOf(items[0]!.verificationCode);
    expect((await org.post('/api/v1/issuer-keys/rotation')).statusCode).toBe(200);
    const { items: later } = await issueSession([67], 7400);
    const after = await credentialOf(later[0]!.verificationCode);
    expect(after.proof[0].verificationMethod).not.toBe(before.proof[0].verificationMethod);
    for (const vc of [before, after]) expect((await dbVerify(vc, loader, { now: t.clock.now() })).verified).toBe(true);
  });

  it('R6.6 the issuer is a did:web controller document, the same at the api-v1 path, with assertionMethod', async () => {
    const { items } = await issueSession([70], 7500);
    const vc = await credentialOf(items[0]!.verificationCode);
    const orgId = vc.issuer.id.split(':').pop();
    const did = (await t.app.inject({ method: 'GET', url: `/issuers/${orgId}/did.json` })).json<Json>();
    const api = (await t.app.inject({ method: 'GET', url: `/api/v1/public/issuers/${orgId}` })).json<Json>();
    expect(did).toEqual(api);
    expect(did.id).toBe(`did:web:1x.example.cn:issuers:${orgId}`);
    expect(did['@context'][0]).toBe('https://www.w3.org/ns/did/v1');
    expect(did.assertionMethod).toEqual(did.verificationMethod.map((m: Json) => m.id));
    expect(did.verificationMethod.map((m: Json) => m.id)).toContain(vc.proof[0].verificationMethod);
  });

  it('R6.6 the learner’s wallet copy carries a second, eddsa-rdfc-2022 proof that Digital Bazaar’s rdfc suite verifies', async () => {
    const learner = await t.loginAs('learner1');
    const mine = (await learner.get('/api/v1/certificates')).json<Json>().items.find((c: Json) => c.status === 'valid');
    const res = await learner.post(`/api/v1/certificates/${mine.number}/wallet-credential`);
    expect(res.statusCode, res.body).toBe(200);
    const copy = res.json<Json>();
    expect(copy.proof.map((p: Json) => p.cryptosuite)).toEqual(['eddsa-jcs-2022', 'eddsa-rdfc-2022']);
    const rdfc = await dbVerify(copy, loader, { suite: 'rdfc', now: t.clock.now() });
    expect(rdfc.error, JSON.stringify(rdfc.error)).toBeUndefined();
    expect(rdfc.verified).toBe(true);
    expect((await dbVerify(copy, loader, { suite: 'jcs', now: t.clock.now() })).verified).toBe(true);
    // Made once: the second request returns the same text; nobody else may ask for it.
    expect((await learner.post(`/api/v1/certificates/${mine.number}/wallet-credential`)).body).toBe(res.body);
    expect((await org.post(`/api/v1/certificates/${mine.number}/wallet-credential`)).statusCode).toBe(404);
  });
});

describe('R6.6 the national trust list and offline verification', () => {
  it('R6.6 the trust list is signed by the platform’s did:web and verifies with Digital Bazaar; it lists every organization', async () => {
    const { items } = await issueSession([80], 7600);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/public/trust-list' })).json<Json>();
    expect(list.issuer.id).toBe('did:web:1x.example.cn');
    expect((await dbVerify(list, loader, { now: t.clock.now() })).verified).toBe(true);
    const orgs = await t.db.selectFrom('evaluation_orgs').select('id').execute();
    expect(list.credentialSubject.issuers).toHaveLength(orgs.length);
    const vc = await credentialOf(items[0]!.verificationCode);
    const issuer = list.credentialSubject.issuers.find((i: Json) => i.id === vc.issuer.id);
    expect(issuer.verificationMethod.some((k: Json) => k.id === vc.proof[0].verificationMethod && !k.validUntil)).toBe(true);
  });

  it('R6.6 an employer verifies offline with the trust list and status list files; the command prints a Chinese verdict', async () => {
    const { items } = await issueSession([93], 7700);
    const vc = await credentialOf(items[0]!.verificationCode);
    const trustList = (await t.app.inject({ method: 'GET', url: '/api/v1/public/trust-list' })).json<Json>();
    const statusList = (
      await t.app.inject({ method: 'GET', url: new URL(vc.credentialStatus.statusListCredential).pathname })
    ).json<Json>();
    const now = t.clock.now();
    expect(verifyOffline(vc, trustList, { statusList, now })).toMatchObject({ valid: true });
    const tampered = { ...vc, validFrom: '2020-01-01T00:00:00Z' };
    expect(verifyOffline(tampered, trustList, { statusList, now }).lines.join('\n')).toMatch(/签名校验失败/);
    const forgedList = structuredClone(trustList);
    forgedList.credentialSubject.issuers[0].name = '冒名机构';
    expect(verifyOffline(vc, forgedList, { now }).lines.join('\n')).toMatch(/信任列表的签名无效/);
    expect(verifyOffline(vc, trustList, { now, platformKey: 'z6MkOther' }).valid).toBe(false);

    const dir = mkdtempSync(path.join(tmpdir(), 'onex-verify-'));
    const file = (name: string, doc: Json) => {
      writeFileSync(path.join(dir, name), JSON.stringify(doc));
      return path.join(dir, name);
    };
    const run = promisify(execFile);
    const cli = path.resolve(import.meta.dirname, '../../cli/verify-credential.ts');
    const args = [
      '--import',
      'tsx',
      cli,
      file('c.json', vc),
      '--trust-list',
      file('t.json', trustList),
      '--status-list',
      file('s.json', statusList),
    ];
    const ok = await run(process.execPath, args);
    expect(ok.stdout).toMatch(/结论：电子证书有效/);
    const bad = await run(process.execPath, [
      '--import',
      'tsx',
      cli,
      file('x.json', tampered),
      '--trust-list',
      path.join(dir, 't.json'),
    ]).catch((e: { code: number; stdout: string }) => e);
    expect((bad as { code: number }).code).toBe(1);
    expect((bad as { stdout: string }).stdout).toMatch(/签名校验失败/);
  });
});

describe('issue 12: credentials of the old format are re-signed, not lost', () => {
  it('R6.6 the job re-signs a legacy batch with the current key; the holder’s old copy still checks, as 旧格式', async () => {
    const { sessionId, items } = await issueSession([81, 82], 7800);
    const batchId = await makeBatchLegacy(t.db, t.config, sessionId, t.clock.now());
    const old = await credentialOf(items[0]!.verificationCode);
    expect(old.proof.verificationMethod).toMatch(/\/api\/v1\/public\/issuers\//); // the old shape, as a wallet holds it
    expect((await dbVerify(old, loader, { now: t.clock.now() })).verified).toBe(false); // what the outside check found

    t.app.credentialResignWorker.kick();
    await t.app.credentialResignWorker.idle();
    const batch = await t.db.selectFrom('credential_batches').select('format').where('id', '=', batchId).executeTakeFirstOrThrow();
    expect(batch.format).toBe(2);
    for (const c of items) {
      const vc = await credentialOf(c.verificationCode);
      expect(vc.issuer.id).toMatch(/^did:web:/);
      expect((await dbVerify(vc, loader, { now: t.clock.now() })).verified).toBe(true);
    }
    const oldCheck = await check(old);
    expect(oldCheck).toMatchObject({ valid: true, legacyFormat: true });
    expect(oldCheck.message).toMatch(/旧格式.*重新下载/);
    const audited = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'credential.resign')
      .where('target_id', '=', batchId)
      .execute();
    expect(audited).toHaveLength(1);
  });
});

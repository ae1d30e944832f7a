import { randomBytes, randomUUID } from 'node:crypto';
import { type CertificateLevel, idCardCheckChar } from '@onex/shared';
import type { Db } from '../db/types';
import { hashPassword } from '../auth/password';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { protectIdNumber } from '../lib/personal-id';
import { accountsForLearners, depositOutcomes } from '../modules/learning-accounts/ledger';

/**
 * Test fixtures of the credit bank (issue 7). Certificates are issued by the certificates feature; these tests need
 * certificates of chosen types, levels, dates and revocation, so `createTestCertificate` inserts a minimal certificate
 * row (with the exam records its foreign keys need) and deposits it exactly as issuance does (key `certificate:<id>`).
 */

/** A valid 居民身份证 number born in 1998 (no demo or results fixture learner is), distinct per `seq`. */
export function creditBankIdNumber(seq: number): string {
  const first17 = `440105${String(19980101 + (seq % 28))}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

export async function gzcp(db: Db, name = '广州城市职业学院') {
  return db.selectFrom('schools').select(['id', 'province_code', 'city_code']).where('name', '=', name).executeTakeFirstOrThrow();
}

/** A learner account user (password DEMO_PASSWORD) to bind to a learner, for logging in as the learner. */
export async function createLearnerUser(db: Db, username: string, displayName: string): Promise<string> {
  const r = await db
    .insertInto('users')
    .values({
      username,
      display_name: displayName,
      password_hash: await hashPassword(DEMO_PASSWORD),
      role: 'learner',
      province_code: '440000',
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function majorOf(db: Db, schoolId: string, code: string) {
  return db
    .selectFrom('school_majors')
    .select(['id', 'department_id', 'name'])
    .where('school_id', '=', schoolId)
    .where('major_code', '=', code)
    .executeTakeFirstOrThrow();
}

/** A pilot student of 广州城市职业学院 in the given major (default 560301 机电一体化技术), with its learning account. */
export async function createTestLearner(
  db: Db,
  secretKey: Buffer,
  o: { seq: number; name?: string; majorCode?: string; userId?: string | null; school?: string },
): Promise<{ learnerId: string; accountId: string; idNumber: string }> {
  const school = await gzcp(db, o.school);
  const major = await majorOf(db, school.id, o.majorCode ?? '560301');
  const idNumber = creditBankIdNumber(o.seq);
  const now = new Date();
  const l = await db
    .insertInto('learners')
    .values({
      kind: 'pilot_student',
      user_id: o.userId ?? null,
      school_id: school.id,
      province_code: school.province_code,
      city_code: school.city_code,
      department_id: major.department_id,
      school_major_id: major.id,
      name: o.name ?? `学分测试${o.seq}`,
      id_type: 'id_card',
      ...protectIdNumber(secretKey, idNumber),
      activated_at: o.userId ? now : null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const accounts = await accountsForLearners(db, [l.id], 'learner', now, null);
  return { learnerId: l.id, accountId: accounts.get(l.id)!, idNumber };
}

/**
 * A certificate of `typeCode` × `level` held by the learner, issued on `issuedOn` (revoked on `revokedOn` when given),
 * deposited into its account with the outcome catalog's credits. Returns the certificate and its ledger entry.
 */
export async function createTestCertificate(
  db: Db,
  o: { learnerId: string; typeCode: string; level: CertificateLevel; issuedOn?: string; revokedOn?: string | null },
): Promise<{ certificateId: string; entryId: string; accountId: string; number: string }> {
  const issuedOn = o.issuedOn ?? '2026-06-30';
  const now = new Date();
  const type = await db
    .selectFrom('certificate_types')
    .select(['id', 'org_id', 'name'])
    .where('code', '=', o.typeCode)
    .executeTakeFirstOrThrow();
  const org = await db.selectFrom('evaluation_orgs').select('name').where('id', '=', type.org_id).executeTakeFirstOrThrow();
  const learner = await db
    .selectFrom('learners')
    .select(['id', 'name', 'school_id', 'province_code', 'city_code', 'id_number_last4'])
    .where('id', '=', o.learnerId)
    .executeTakeFirstOrThrow();
  const province = learner.province_code ?? '440000';
  const city = learner.city_code ?? '440100';
  const site = await db
    .insertInto('exam_sites')
    .values({
      org_id: type.org_id,
      school_id: learner.school_id,
      province_code: province,
      city_code: city,
      certificate_type_id: type.id,
      name: '学分银行测试考核站点',
      address: '广州',
      capacity: 100,
      status: 'approved',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await db
    .insertInto('exam_sessions')
    .values({
      org_id: type.org_id,
      certificate_type_id: type.id,
      level: o.level,
      exam_site_id: site.id,
      province_code: province,
      city_code: city,
      exam_date: issuedOn,
      exam_form: 'computer',
      capacity: 100,
      registration_opens_at: new Date('2020-01-01T00:00:00Z'),
      registration_closes_at: new Date('2020-02-01T00:00:00Z'),
      status: 'closed',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const reg = await db
    .insertInto('exam_registrations')
    .values({
      session_id: session.id,
      learner_id: learner.id,
      school_id: learner.school_id,
      province_code: province,
      org_id: type.org_id,
      status: 'registered',
      consent_at: now,
      consent_via: 'learner',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const imp = await db
    .insertInto('result_imports')
    .values({
      session_id: session.id,
      org_id: type.org_id,
      province_code: province,
      file_sha256: randomBytes(32).toString('hex'),
      file_name: 'test.xlsx',
      status: 'succeeded',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const result = await db
    .insertInto('exam_results')
    .values({
      registration_id: reg.id,
      session_id: session.id,
      province_code: province,
      score: '80.0',
      passed: true,
      import_id: imp.id,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const keyNo = await db
    .selectFrom('issuer_keys')
    .select((eb) => eb.fn.max('key_no').as('n'))
    .where('org_id', '=', type.org_id)
    .executeTakeFirstOrThrow();
  const key = await db
    .insertInto('issuer_keys')
    .values({
      org_id: type.org_id,
      key_no: Number(keyNo.n ?? 0) + 1,
      public_key_multibase: `zTest${randomUUID()}`,
      private_key_enc: 'test',
      status: 'retired',
      created_at: now,
      retired_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const list = await db
    .insertInto('status_lists')
    .values({ org_id: type.org_id, size: 131072, next_index: 1, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const number = `${issuedOn.slice(0, 4)}${{ junior: 1, intermediate: 2, senior: 3 }[o.level]}${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}T`;
  const credential = { type: ['VerifiableCredential', 'OpenBadgeCredential'], credentialSubject: { name: learner.name }, test: true };
  // A batch of one whose template is the whole (test) credential, as for certificates issued before 0012.
  const batch = await db
    .insertInto('credential_batches')
    .values({ org_id: type.org_id, session_id: session.id, issuer_key_id: key.id, template: JSON.stringify(credential), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const cert = await db
    .insertInto('certificates')
    .values({
      number,
      verification_code: randomBytes(16).toString('hex'),
      registration_id: reg.id,
      result_id: result.id,
      session_id: session.id,
      learner_id: learner.id,
      org_id: type.org_id,
      certificate_type_id: type.id,
      level: o.level,
      school_id: learner.school_id,
      province_code: province,
      holder_name: learner.name,
      holder_id_masked: `4401**********${learner.id_number_last4}`,
      issued_on: issuedOn,
      issuer_key_id: key.id,
      status_list_id: list.id,
      status_index: 0,
      batch_id: batch.id,
      created_at: now,
      ...(o.revokedOn ? { revoked_at: new Date(`${o.revokedOn}T08:00:00Z`), revoked_on: o.revokedOn, revocation_reason: '测试撤销' } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const outcome = await db
    .selectFrom('credit_outcomes')
    .select(['id', 'name', 'credits', 'hours'])
    .where('certificate_type_id', '=', type.id)
    .where('level', '=', o.level)
    .executeTakeFirstOrThrow();
  const accounts = await accountsForLearners(db, [learner.id], 'certificate', now, null);
  const accountId = accounts.get(learner.id)!;
  await depositOutcomes(
    db,
    [
      {
        accountId,
        outcomeType: 'certificate',
        name: outcome.name,
        level: o.level,
        credits: Number(outcome.credits),
        hours: outcome.hours,
        recordedOn: issuedOn,
        source: org.name,
        sourceKind: 'certificate_issuance',
        idempotencyKey: `certificate:${cert.id}`,
        certificateId: cert.id,
        creditOutcomeId: outcome.id,
        schoolId: learner.school_id,
        provinceCode: province,
      },
    ],
    now,
    null,
  );
  const entry = await db
    .selectFrom('learning_outcomes')
    .select('id')
    .where('idempotency_key', '=', `certificate:${cert.id}`)
    .executeTakeFirstOrThrow();
  return { certificateId: cert.id, entryId: entry.id, accountId, number };
}

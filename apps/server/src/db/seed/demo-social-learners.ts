import { createHash } from 'node:crypto';
import { DEMO_PASSWORD, idCardCheckChar } from '@onex/shared';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../auth/password';
import { protectIdNumber } from '../../lib/personal-id';
import { seal } from '../../lib/secret-box';
import { applicableFeeCap } from '../../modules/policies/fee-caps';
import { issueInTransaction } from '../../modules/certificates/certificates.service';
import { sessionForIssuance } from '../../modules/certificates/certificates.queries';
import { chinaDate } from '../../modules/exam-sessions/exam-sessions.service';
import { LEARNER_PHONE_PURPOSE } from '../../modules/learners/learners.service';
import { accountsForLearners } from '../../modules/learning-accounts/ledger';
import type { DB } from '../schema';
import { DEMO_AGREEMENT_FEE_FEN } from './demo-exams';
import { tinyPdf } from './demo-filings';

/**
 * Demo of the social learners' channel (issue 17 items 1 and 9), inside seedDemo's transaction after certificates:
 * - org-robot publishes its fee for social candidates of 工业机器人应用编程 中级 (at most the level's cap);
 * - `social1` (王社会, a social learner: phone sealed, consent recorded) applied, uploaded photo and ID scan, paid, was
 *   confirmed, examined (82 分) and certified — the certificate is in its learning account like a student's;
 * - `social2` (赵自学) has paid for the open session and waits for org-robot to confirm;
 * - a 社会考生专场 whose exam is today and whose registration is still open, so a new social learner can go from
 *   registration to certificate in one sitting (e2e/social-learner.test.ts).
 * Idempotent: does nothing when `social1` exists.
 */

type Trx = Kysely<DB>;
const DAY = 24 * 3600_000;
const DOCUMENT_PURPOSE = 'social-document';

/** A minimal PNG (signature, IHDR, IEND) standing for a photo. */
const DEMO_PHOTO = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR', 'latin1'),
  Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde]),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('IEND', 'latin1'),
  Buffer.from([0xae, 0x42, 0x60, 0x82]),
]);

function demoIdNumber(seq: number): string {
  const first17 = `440104198${seq}0615${String(300 + seq).padStart(3, '0')}`.slice(0, 17);
  return first17 + idCardCheckChar(first17);
}

export async function seedDemoSocialLearners(trx: Trx, now: Date, secretKey: Buffer, publicUrl: string): Promise<void> {
  if (await trx.selectFrom('users').select('id').where('username', '=', 'social1').executeTakeFirst()) return;
  const ct = await trx.selectFrom('certificate_types').select(['id', 'org_id']).where('code', '=', 'IR-PROG').executeTakeFirst();
  if (!ct) return;
  const site = await trx
    .selectFrom('exam_sites')
    .select(['id', 'province_code', 'city_code'])
    .where('certificate_type_id', '=', ct.id)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  const cap = (await applicableFeeCap(trx, 'national', ct.id, 'intermediate'))?.capFen;
  if (!site || cap === undefined) return;
  const orgUser = await trx.selectFrom('users').select('id').where('username', '=', 'org-robot').executeTakeFirst();
  const by = orgUser?.id ?? null;
  const feeFen = Math.min(cap, 48000);
  await trx
    .insertInto('social_exam_fees')
    .values({
      certificate_type_id: ct.id,
      level: 'intermediate',
      org_id: ct.org_id,
      fee_fen: feeFen,
      cap_fen: cap,
      published_at: new Date(now.getTime() - 90 * DAY),
      published_by: by,
    })
    .onConflict((oc) => oc.columns(['certificate_type_id', 'level']).doNothing())
    .execute();
  // Issue 17 item 6: the organization's 收费公告 of the level (院校试点 = the demo agreement's fee; 社会考生 the same).
  const published = new Date(now.getTime() - 90 * DAY);
  await trx
    .insertInto('org_fee_notices')
    .values({
      org_id: ct.org_id,
      certificate_type_id: ct.id,
      level: 'intermediate',
      school_fee_fen: Math.min(cap, DEMO_AGREEMENT_FEE_FEN),
      social_fee_fen: feeFen,
      cap_fen: cap,
      effective_on: chinaDate(published),
      note: '考核费用含考核组织、阅卷及证书制作费用；院校试点学生考核费用由学校支付，不向学生收取。',
      published_at: published,
      published_by: by,
    })
    .execute();

  const session = async (o: { examAt: Date; opens: Date; closes: Date; status: 'registration_open' | 'closed'; capacity: number }) =>
    (
      await trx
        .insertInto('exam_sessions')
        .values({
          org_id: ct.org_id,
          certificate_type_id: ct.id,
          level: 'intermediate',
          exam_site_id: site.id,
          province_code: site.province_code,
          city_code: site.city_code,
          exam_date: chinaDate(o.examAt),
          exam_form: 'computer',
          capacity: o.capacity,
          registration_opens_at: o.opens,
          registration_closes_at: o.closes,
          status: o.status,
          scores_published_at: o.status === 'closed' ? new Date(o.examAt.getTime() + 10 * DAY) : null,
          created_at: new Date(o.opens.getTime() - 5 * DAY),
          created_by: by,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const learner = async (username: string, name: string, seq: number, phone: string, at: Date) => {
    const user = await trx
      .insertInto('users')
      .values({ username, display_name: name, password_hash: passwordHash, role: 'learner', created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const l = await trx
      .insertInto('learners')
      .values({
        kind: 'social',
        user_id: user.id,
        name,
        id_type: 'id_card',
        ...protectIdNumber(secretKey, demoIdNumber(seq)),
        activated_at: at,
        created_at: at,
        phone_sealed: seal(secretKey, LEARNER_PHONE_PURPOSE, Buffer.from(phone)),
        phone_last4: phone.slice(-4),
        privacy_consent_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await accountsForLearners(trx, [l.id], 'learner', at, null);
    return l.id;
  };

  const application = async (o: {
    learnerId: string;
    sessionId: string;
    at: Date;
    status: 'submitted' | 'confirmed';
    registrationId?: string;
  }) => {
    const a = await trx
      .insertInto('social_applications')
      .values({
        learner_id: o.learnerId,
        session_id: o.sessionId,
        org_id: ct.org_id,
        province_code: site.province_code,
        city_code: site.city_code,
        status: o.status,
        fee_fen: feeFen,
        cap_fen: cap,
        paid_fen: feeFen,
        paid_at: new Date(o.at.getTime() + 3600_000),
        payment_ref: `WX${chinaDate(o.at).replaceAll('-', '')}${o.learnerId.slice(0, 6).toUpperCase()}`,
        registration_id: o.registrationId ?? null,
        created_at: o.at,
        decided_at: o.status === 'confirmed' ? new Date(o.at.getTime() + DAY) : null,
        decided_by: o.status === 'confirmed' ? by : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [kind, bytes, name, mime] of [
      ['photo', DEMO_PHOTO, '证件照.png', 'image/png'],
      ['id_scan', tinyPdf('ID card scan (demo)'), '身份证扫描件.pdf', 'application/pdf'],
    ] as const)
      await trx
        .insertInto('social_application_documents')
        .values({
          application_id: a.id,
          kind,
          file_name: name,
          mime,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          content_sealed: seal(secretKey, DOCUMENT_PURPOSE, bytes),
          created_at: o.at,
        })
        .execute();
  };

  // social1: examined two months ago, passed, certified.
  const examAt = new Date(now.getTime() - 60 * DAY);
  const pastSession = await session({
    examAt,
    opens: new Date(examAt.getTime() - 40 * DAY),
    closes: new Date(examAt.getTime() - 10 * DAY),
    status: 'closed',
    capacity: 30,
  });
  const appliedAt = new Date(examAt.getTime() - 30 * DAY);
  const social1 = await learner('social1', '王社会', 1, '13800001111', new Date(appliedAt.getTime() - DAY));
  const reg = await trx
    .insertInto('exam_registrations')
    .values({
      session_id: pastSession,
      learner_id: social1,
      school_id: null,
      province_code: site.province_code,
      org_id: ct.org_id,
      proposed_by: by,
      status: 'registered',
      consent_at: new Date(appliedAt.getTime() + 3600_000),
      consent_via: 'learner',
      fee_fen: feeFen,
      payer: 'learner',
      created_at: new Date(appliedAt.getTime() + DAY),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await application({ learnerId: social1, sessionId: pastSession, at: appliedAt, status: 'confirmed', registrationId: reg.id });
  const enteredAt = new Date(examAt.getTime() + 5 * DAY);
  const imp = await trx
    .insertInto('result_imports')
    .values({
      session_id: pastSession,
      org_id: ct.org_id,
      province_code: site.province_code,
      file_sha256: createHash('sha256').update(`demo-social-${pastSession}`).digest('hex'),
      file_name: '社会考生专场成绩.xlsx',
      status: 'succeeded',
      rows: 1,
      passed: 1,
      progress: 100,
      created_at: enteredAt,
      created_by: by,
      started_at: enteredAt,
      finished_at: enteredAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('exam_results')
    .values({
      registration_id: reg.id,
      session_id: pastSession,
      province_code: site.province_code,
      score: '82.0',
      passed: true,
      import_id: imp.id,
      created_at: enteredAt,
    })
    .execute();
  const s = await sessionForIssuance(trx, pastSession, true);
  if (s) await issueInTransaction(trx, { secretKey, publicUrl }, s, new Date(examAt.getTime() + 20 * DAY), by);

  // A 社会考生专场 today, registration still open: social2 has paid and waits for confirmation.
  const today = await session({
    examAt: now,
    opens: new Date(now.getTime() - 7 * DAY),
    closes: new Date(now.getTime() + 12 * 3600_000),
    status: 'registration_open',
    capacity: 30,
  });
  const social2 = await learner('social2', '赵自学', 2, '13900002222', new Date(now.getTime() - 3 * DAY));
  await application({ learnerId: social2, sessionId: today, at: new Date(now.getTime() - 2 * DAY), status: 'submitted' });
}

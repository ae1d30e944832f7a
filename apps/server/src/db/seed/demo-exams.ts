import { createHash } from 'node:crypto';
import { type ExamSessionStatus, idCardCheckChar } from '@onex/shared';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../auth/password';
import { decryptIdNumber, protectIdNumber } from '../../lib/personal-id';
import { refreshCertificatePassRates } from '../../modules/pass-rates/pass-rates.queries';
import type { DB } from '../schema';
import { tinyPdf } from './demo-filings';
import { notifyConsentRequests } from '../../modules/notifications/notifications.service';

/**
 * Demo data of issue 5 (exams), inside seedDemo's transaction, in sections that build on each other:
 *   1. Agreements and learners (R4.1, R4.2; learners): the approved pilot's agreement, ~40 pilot students and learner1.
 *   2. Exam sites and sessions — added by the exam-sessions feature.
 *   3. Registrations, results and settlements — added by the registrations and results-import features
 *      (a session with results, a second session with consented registrations and no results).
 * Every section returns what later sections need through `DemoExamsContext`.
 */

type Trx = Kysely<DB>;

export interface DemoExamsContext {
  now: Date;
  secretKey: Buffer;
  /** 广州城市职业学院 */
  school: { id: string; province: string; city: string } | null;
  /** The approved 工业机器人应用编程 pilot of 广州城市职业学院 and its agreement. */
  pilot: { filingId: string; certificateTypeId: string; orgId: string; agreementId: string; levelFeeFen: number } | null;
  /** Pilot students of the school (learner ids), learner1 first. */
  learnerIds: string[];
  /**
   * Section 2 (exam sites, sessions, registrations): the shared site at 广州城市职业学院 and the sessions of
   * 工业机器人应用编程 中级 owned by the organization (account `org-robot`): `examined` (registered candidates with
   * consent, learner1 among them; results come from the results import), `registered` (registration closed, ~30
   * registered candidates, no results) and `open` (registration open; learner1 and a few others proposed, awaiting consent).
   */
  exams?: { siteId: string; examinedSessionId: string; registeredSessionId: string; openSessionId: string };
}

/** Negotiated 中级 fee of the demo agreement: 480.00 元, under the level's cap of 540.00 元 (机考 40 % + 特殊实操 60 %). */
export const DEMO_AGREEMENT_FEE_FEN = 48000;

/** learner1's ID number (a valid GB 11643 number, invented for the demo). */
export const LEARNER1_ID_NUMBER = demoIdNumber('440104', '20050315', '123');

/** A valid 居民身份证 number from an address code, a birth date (YYYYMMDD) and a 3-digit sequence. */
export function demoIdNumber(area: string, birth: string, seq: string): string {
  const first17 = `${area}${birth}${seq}`;
  return first17 + idCardCheckChar(first17);
}

const SURNAMES = ['陈', '林', '黄', '张', '李', '王', '吴', '刘', '蔡', '杨', '郑', '梁', '谢', '何', '许', '罗', '邓', '冯', '曾', '彭'];
const GIVEN_NAMES = [
  '浩然',
  '子涵',
  '宇轩',
  '欣怡',
  '梓豪',
  '诗琪',
  '俊杰',
  '雨桐',
  '嘉豪',
  '晓彤',
  '志强',
  '佳怡',
  '伟健',
  '婉婷',
  '家乐',
];
const AREAS = ['440106', '440104', '440111', '440112', '440113', '440114', '440115', '441302', '440604', '445102'];

export async function seedDemoExams(trx: Trx, now: Date, secretKey: Buffer): Promise<DemoExamsContext> {
  const ctx: DemoExamsContext = { now, secretKey, school: null, pilot: null, learnerIds: [] };
  await seedAgreementsAndLearners(trx, ctx);
  // ---- 2. Exam sites and sessions (exam-sessions feature): add here ----
  await seedSitesSessionsAndRegistrations(trx, ctx);
  // ---- 3. Registrations, results, settlements (registrations / results-import features): add here ----
  await seedResults(trx, ctx);
  return ctx;
}

// ---- 1. Agreements and learners ----

async function seedAgreementsAndLearners(trx: Trx, ctx: DemoExamsContext): Promise<void> {
  const school = await trx
    .selectFrom('schools')
    .select(['id', 'province_code', 'city_code'])
    .where('name', '=', '广州城市职业学院')
    .executeTakeFirst();
  if (!school) return;
  ctx.school = { id: school.id, province: school.province_code, city: school.city_code };
  const admin = await trx.selectFrom('users').select('id').where('username', '=', 'gzcp-admin').executeTakeFirst();

  const filing = await trx
    .selectFrom('filings as f')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 'f.certificate_type_id', 'f.province_code', 'f.city_code', 'ct.org_id'])
    .where('f.school_id', '=', school.id)
    .where('ct.code', '=', 'IR-PROG')
    .where('f.decision', '=', 'approved')
    .executeTakeFirst();
  if (filing) {
    const bytes = tinyPdf('IR-PROG pilot agreement');
    const file = await trx
      .insertInto('files')
      .values({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        mime: 'application/pdf',
        original_name: '工业机器人应用编程试点合作协议.pdf',
        bytes,
        created_at: ctx.now,
        created_by: admin?.id ?? null,
        province_code: filing.province_code,
        school_id: school.id,
        org_id: filing.org_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agreement = await trx
      .insertInto('pilot_agreements')
      .values({
        filing_id: filing.id,
        school_id: school.id,
        org_id: filing.org_id,
        certificate_type_id: filing.certificate_type_id,
        province_code: filing.province_code,
        city_code: filing.city_code,
        signed_on: '2026-03-02',
        file_id: file.id,
        note: '按公益性原则协商确定考核费用（鄂教职成办函〔2021〕7号 三.5）',
        created_at: ctx.now,
        created_by: admin?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // cap of 中级: 0.4 × 300 元 + 0.6 × 700 元 = 540 元
    await trx
      .insertInto('pilot_agreement_fees')
      .values({ agreement_id: agreement.id, level: 'intermediate', fee_fen: DEMO_AGREEMENT_FEE_FEN, cap_fen: 54000 })
      .execute();
    ctx.pilot = {
      filingId: filing.id,
      certificateTypeId: filing.certificate_type_id,
      orgId: filing.org_id,
      agreementId: agreement.id,
      levelFeeFen: DEMO_AGREEMENT_FEE_FEN,
    };
  }

  const majors = await trx
    .selectFrom('school_majors')
    .select(['id', 'major_code', 'department_id'])
    .where('school_id', '=', school.id)
    .where('major_code', 'in', ['560301', '560309'])
    .orderBy('major_code')
    .execute();
  const majorAt = (i: number) => (majors.length ? majors[i % majors.length]! : null);
  const base = {
    kind: 'pilot_student' as const,
    school_id: school.id,
    province_code: school.province_code,
    city_code: school.city_code,
    created_at: ctx.now,
    created_by: admin?.id ?? null,
  };

  // learner1 (李明): an activated pilot student of 广州城市职业学院.
  const learner1 = await trx.selectFrom('users').select('id').where('username', '=', 'learner1').executeTakeFirst();
  if (learner1) {
    const m = majorAt(0);
    const r = await trx
      .insertInto('learners')
      .values({
        ...base,
        user_id: learner1.id,
        department_id: m?.department_id ?? null,
        school_major_id: m?.id ?? null,
        class_name: '工业机器人2301班',
        name: '李明',
        id_type: 'id_card',
        ...protectIdNumber(ctx.secretKey, LEARNER1_ID_NUMBER),
        poverty_registered: false,
        activated_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ctx.learnerIds.push(r.id);
  }

  // 40 pilot students in two classes, every seventh one 建档立卡; not yet activated (codes are handed out by the school).
  for (let i = 0; i < 40; i++) {
    const m = majorAt(i);
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN_NAMES[(i * 7) % GIVEN_NAMES.length]!;
    const birth = `200${4 + (i % 3)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + ((i * 3) % 28)).padStart(2, '0')}`;
    const idNumber = demoIdNumber(AREAS[i % AREAS.length]!, birth, String(100 + i * 7).padStart(3, '0'));
    const r = await trx
      .insertInto('learners')
      .values({
        ...base,
        user_id: null,
        department_id: m?.department_id ?? null,
        school_major_id: m?.id ?? null,
        class_name: i % 2 === 0 ? '工业机器人2301班' : '机电一体化2302班',
        name,
        id_type: 'id_card',
        ...protectIdNumber(ctx.secretKey, idNumber),
        poverty_registered: i % 7 === 3,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ctx.learnerIds.push(r.id);
  }
}

// ---- 2. Exam sites, sessions and voluntary registrations (R5.1–R5.4) ----

/** The demo org_admin of 北京赛育达科教有限责任公司, the organization of 工业机器人应用编程 (password Demo@2026). */
export const DEMO_ROBOT_ORG_USERNAME = 'org-robot';

const DAY = 24 * 3600_000;
const isoDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function seedSitesSessionsAndRegistrations(trx: Trx, ctx: DemoExamsContext): Promise<void> {
  const { school, pilot } = ctx;
  if (!school || !pilot) return;
  const now = ctx.now;
  const admin = await trx.selectFrom('users').select('id').where('username', '=', 'gzcp-admin').executeTakeFirst();
  const existing = await trx.selectFrom('users').select('id').where('username', '=', DEMO_ROBOT_ORG_USERNAME).executeTakeFirst();
  const org =
    existing ??
    (await trx
      .insertInto('users')
      .values({
        username: DEMO_ROBOT_ORG_USERNAME,
        display_name: '工业机器人应用编程证书培训评价组织',
        password_hash: await hashPassword('Demo@2026'),
        role: 'org_admin',
        org_id: pilot.orgId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  const orgUserId = org?.id ?? null;

  const file = async (title: string, name: string, orgId: string | null) => {
    const bytes = tinyPdf(title);
    const r = await trx
      .insertInto('files')
      .values({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        mime: 'application/pdf',
        original_name: name,
        bytes,
        created_at: now,
        created_by: admin?.id ?? null,
        province_code: school.province,
        school_id: school.id,
        org_id: orgId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  };

  // An approved, open-shared site (R5.1): listed in 广东's register of shared sites.
  const site = await trx
    .insertInto('exam_sites')
    .values({
      org_id: pilot.orgId,
      school_id: school.id,
      province_code: school.province,
      city_code: school.city,
      certificate_type_id: pilot.certificateTypeId,
      name: '广州城市职业学院工业机器人应用编程考核站点',
      address: '广州市白云区广从八路 1 号 实训楼 B201',
      capacity: 60,
      application_file_id: await file('IR-PROG exam site application', '考核站点申请表.pdf', pilot.orgId),
      status: 'approved',
      open_shared: true,
      reason: '场地、设备与考务人员符合考核站点建设要求',
      created_at: new Date(now.getTime() - 120 * DAY),
      created_by: admin?.id ?? null,
      decided_at: new Date(now.getTime() - 110 * DAY),
      decided_by: orgUserId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const PATH: ExamSessionStatus[] = ['planned', 'registration_open', 'registration_closed', 'examined'];
  const ACTIONS = ['open_registration', 'close_registration', 'mark_examined'];
  const session = async (o: { examDay: number; opens: number; closes: number; status: ExamSessionStatus; capacity: number }) => {
    const r = await trx
      .insertInto('exam_sessions')
      .values({
        org_id: pilot.orgId,
        certificate_type_id: pilot.certificateTypeId,
        level: 'intermediate',
        exam_site_id: site.id,
        province_code: school.province,
        city_code: school.city,
        exam_date: isoDay(new Date(now.getTime() + o.examDay * DAY)),
        exam_form: 'practical_special',
        capacity: o.capacity,
        registration_opens_at: new Date(now.getTime() + o.opens * DAY),
        registration_closes_at: new Date(now.getTime() + o.closes * DAY),
        status: o.status,
        created_at: new Date(now.getTime() + (o.opens - 10) * DAY),
        created_by: orgUserId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const steps = PATH.indexOf(o.status);
    for (let i = 0; i < steps; i++) {
      const at = i === 0 ? o.opens : i === 1 ? o.closes : o.examDay;
      await trx
        .insertInto('exam_session_events')
        .values({
          session_id: r.id,
          province_code: school.province,
          action: ACTIONS[i]!,
          from_status: PATH[i]!,
          to_status: PATH[i + 1]!,
          comment: null,
          actor_id: orgUserId,
          at: new Date(now.getTime() + at * DAY),
        })
        .execute();
    }
    return r.id;
  };
  const examined = await session({ examDay: -30, opens: -75, closes: -45, status: 'examined', capacity: 40 });
  // Examined a few days ago, registered with consent, no results yet: a results import can be tried at once (api-v1 demo data).
  const registered = await session({ examDay: -3, opens: -40, closes: -10, status: 'examined', capacity: 40 });
  const open = await session({ examDay: 45, opens: -1, closes: 25, status: 'registration_open', capacity: 40 });

  const learners = await trx
    .selectFrom('learners')
    .select(['id', 'poverty_registered', 'user_id'])
    .where('id', 'in', ctx.learnerIds.length ? ctx.learnerIds : ['00000000-0000-0000-0000-000000000000'])
    .execute();
  const byId = new Map(learners.map((l) => [l.id, l]));
  const consentScan = await file('IR-PROG paper consent forms', '考生本人签字报名同意书.pdf', null);

  // Consent: learners with an account consented in it (learner1); the others signed a paper consent (R5.3).
  const register = async (sessionId: string, ids: string[], consentDay: number, status: 'registered' | 'proposed') => {
    const rows = ids
      .map((id) => byId.get(id))
      .filter((l) => l !== undefined)
      .map((l) => {
        const viaLearner = l.user_id !== null;
        return {
          session_id: sessionId,
          learner_id: l.id,
          school_id: school.id,
          filing_id: pilot.filingId,
          agreement_id: pilot.agreementId,
          province_code: school.province,
          org_id: pilot.orgId,
          proposed_by: admin?.id ?? null,
          status,
          consent_at: status === 'registered' ? new Date(now.getTime() + consentDay * DAY) : null,
          consent_via: status === 'registered' ? (viaLearner ? ('learner' as const) : ('paper' as const)) : null,
          consent_file_id: status === 'registered' && !viaLearner ? consentScan : null,
          fee_fen: pilot.levelFeeFen,
          fee_exempt: l.poverty_registered,
          created_at: new Date(now.getTime() + (consentDay - 1) * DAY),
        };
      });
    if (rows.length) await trx.insertInto('exam_registrations').values(rows).execute();
  };
  const ids = ctx.learnerIds;
  await register(examined, ids.slice(0, 20), -60, 'registered'); // learner1 + 19
  await register(registered, ids.slice(8, 38), -10, 'registered'); // 30 candidates, no results yet (the last 3 students have no exam yet: R4.3 warning)
  await register(open, [ids[0]!, ...ids.slice(36, 41)].filter(Boolean), 0, 'proposed'); // learner1 is asked to consent
  // …and told so, as a proposal through the service tells it (issue 21 #1: the bell shows the waiting consent).
  const proposed = await trx
    .selectFrom('exam_registrations')
    .select('id')
    .where('session_id', '=', open)
    .where('status', '=', 'proposed')
    .execute();
  await notifyConsentRequests(
    trx,
    now,
    proposed.map((r) => r.id),
  );

  // Invigilation by the host school's department (R5.4).
  const dept = await trx.selectFrom('departments').select('id').where('school_id', '=', school.id).orderBy('name').executeTakeFirst();
  for (const [name, role, fee] of [
    ['王建国', 'chief', 30000],
    ['陈晓燕', 'invigilator', 20000],
    ['刘志远', 'patrol', 15000],
  ] as const) {
    await trx
      .insertInto('exam_invigilations')
      .values({
        session_id: examined,
        school_id: school.id,
        department_id: dept?.id ?? null,
        province_code: school.province,
        invigilator_name: name,
        role,
        fee_fen: fee,
        created_at: new Date(now.getTime() - 35 * DAY),
        created_by: admin?.id ?? null,
      })
      .execute();
  }
  ctx.exams = { siteId: site.id, examinedSessionId: examined, registeredSessionId: registered, openSessionId: open };
}

// ---- 3. Results (R5.5) of the examined session, published (成绩公示) ----

/**
 * Scores of the examined demo session, by candidate (learner1 first): 2 of 20 below the pass mark of 60 — a pass
 * rate of 90 %, at the R3.9 threshold, so that next year’s demo filings are not restricted.
 */
export const DEMO_SCORES = [86.5, 72, 91, 58.5, 66, 80, 77.5, 45, 93, 61, 70, 88, 69, 75, 82.5, 68, 90, 64, 79, 71];

async function seedResults(trx: Trx, ctx: DemoExamsContext): Promise<void> {
  if (!ctx.exams || !ctx.pilot) return;
  const sessionId = ctx.exams.examinedSessionId;
  const session = await trx
    .selectFrom('exam_sessions as s')
    .leftJoin('certificate_levels as cl', (j) =>
      j.onRef('cl.certificate_type_id', '=', 's.certificate_type_id').onRef('cl.level', '=', 's.level'),
    )
    .select(['s.id', 's.org_id', 's.province_code', 's.exam_date', 's.created_by', 'cl.pass_mark'])
    .where('s.id', '=', sessionId)
    .executeTakeFirstOrThrow();
  const candidates = await trx
    .selectFrom('exam_registrations as r')
    .innerJoin('learners as l', 'l.id', 'r.learner_id')
    .select(['r.id', 'l.id as learner_id', 'l.name', 'l.id_number_enc'])
    .where('r.session_id', '=', sessionId)
    .where('r.status', '=', 'registered')
    .execute();
  const order = new Map(ctx.learnerIds.map((id, i) => [id, i]));
  candidates.sort((a, b) => (order.get(a.learner_id) ?? 0) - (order.get(b.learner_id) ?? 0));
  const passMark = session.pass_mark === null ? 60 : Number(session.pass_mark);
  const rows = candidates.map((c, i) => {
    const score = DEMO_SCORES[i % DEMO_SCORES.length]!;
    return {
      registrationId: c.id,
      name: c.name,
      idNumber: decryptIdNumber(ctx.secretKey, c.id_number_enc),
      score,
      passed: score >= passMark,
    };
  });
  if (!rows.length) return;

  // The file the organization uploaded: a UTF-8 CSV with the contract's header row.
  const csv = [
    '证件类型,证件号码,姓名,总成绩,考核结果',
    ...rows.map((r) => `居民身份证,${r.idNumber},${r.name},${r.score},${r.passed ? '合格' : '不合格'}`),
  ].join('\r\n');
  const bytes = Buffer.from(`\uFEFF${csv}\r\n`, 'utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const DAY_MS = 24 * 3600_000;
  const enteredAt = new Date(ctx.now.getTime() - 20 * DAY_MS);
  const publishedAt = new Date(ctx.now.getTime() - 18 * DAY_MS);
  const file = await trx
    .insertInto('files')
    .values({
      sha256,
      size: bytes.length,
      mime: 'text/csv',
      original_name: '工业机器人应用编程中级成绩.csv',
      bytes,
      created_at: enteredAt,
      created_by: session.created_by,
      province_code: session.province_code,
      org_id: session.org_id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const passed = rows.filter((r) => r.passed).length;
  const imp = await trx
    .insertInto('result_imports')
    .values({
      session_id: sessionId,
      org_id: session.org_id,
      province_code: session.province_code,
      file_sha256: sha256,
      file_name: '工业机器人应用编程中级成绩.csv',
      file_id: file.id,
      kind: 'initial',
      status: 'succeeded',
      rows: rows.length,
      passed,
      failed: rows.length - passed,
      progress: 100,
      created_at: enteredAt,
      created_by: session.created_by,
      started_at: enteredAt,
      finished_at: enteredAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('exam_results')
    .values(
      rows.map((r) => ({
        registration_id: r.registrationId,
        session_id: sessionId,
        province_code: session.province_code,
        score: r.score.toFixed(1),
        passed: r.passed,
        import_id: imp.id,
        created_at: enteredAt,
      })),
    )
    .execute();
  await trx
    .updateTable('exam_sessions')
    .set({ status: 'scores_published', scores_published_at: publishedAt, updated_at: publishedAt })
    .where('id', '=', sessionId)
    .execute();
  await trx
    .insertInto('exam_session_events')
    .values([
      {
        session_id: sessionId,
        province_code: session.province_code,
        action: 'enter_scores',
        from_status: 'examined',
        to_status: 'scores_entered',
        comment: null,
        actor_id: session.created_by,
        at: enteredAt,
      },
      {
        session_id: sessionId,
        province_code: session.province_code,
        action: 'publish_scores',
        from_status: 'scores_entered',
        to_status: 'scores_published',
        comment: null,
        actor_id: session.created_by,
        at: publishedAt,
      },
    ])
    .execute();
  // The pass rates the filing rule R3.9 reads (as a results import refreshes them).
  await refreshCertificatePassRates(trx, ctx.pilot.certificateTypeId, Number(String(session.exam_date).slice(0, 4)));
}

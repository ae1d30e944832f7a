import { createHash } from 'node:crypto';
import { idCardCheckChar } from '@onex/shared';
import type { Kysely } from 'kysely';
import { protectIdNumber } from '../../lib/personal-id';
import type { DB } from '../schema';
import { tinyPdf } from './demo-filings';

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
  // ---- 3. Registrations, results, settlements (registrations / results-import features): add here ----
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

import { createHash } from 'node:crypto';
import { type CertificateLevel, DEFAULT_REVIEW_CRITERIA, type FilingStatus, idCardCheckChar } from '@onex/shared';
import type { Kysely } from 'kysely';
import { protectIdNumber } from '../../lib/personal-id';
import { applicableFeeCap } from '../../modules/policies/fee-caps';
import type { DB } from '../schema';
import type { DemoExamsContext } from './demo-exams';
import { demoCourseSupport, demoFeasibility, demoLeader, demoOpinions, demoOverview, demoTeam, tinyPdf } from './demo-filings';

/**
 * Demo of issue 17 items 5–7 in 湖北 (420000), inside seedDemo's transaction after the exams, so that 广东's demo
 * facts stay as they were:
 * - 湖北's own fee caps (a provincial document with a `fee_caps` rule), below the national caps form by form (R1.2,
 *   教职成〔2019〕6号 四（一）): the caps of 武汉职业技术学院 are 湖北's;
 * - a published 2026 round of 湖北 with two approved pilots of 武汉职业技术学院, each with the warning of 002 四.4
 *   (原则上不再新增前两批证书试点单位) answered by the school and overridden by the province with a reason (item 7);
 * - 工业机器人应用编程: its agreement was terminated by the province with a reason (002 三.6 情况恶劣的要坚决停止合作);
 * - Web 前端开发: its agreement is in force under 湖北's cap, and the pilot is exactly at its approved scale (2
 *   registered candidates in an open session at the school's own site): one more registration is refused.
 * Idempotent: nothing is written when 湖北's demo round exists.
 */

type Trx = Kysely<DB>;
const DAY = 86_400_000;

export const HUBEI_DEMO_ROUND = '2026 年湖北省 1+X 证书制度试点申报（演示）';
/** 湖北's demo caps per exam form (fen): 90 % of the national caps. */
export const HUBEI_DEMO_CAPS_FEN = { paper: 18000, computer: 27000, practical_general: 45000, practical_special: 63000 } as const;
export const HUBEI_DEMO_CAPS_DOCUMENT = '湖北省职业技能等级证书考核收费上限（演示）';
/** The approved scale of 武汉职业技术学院's 工业机器人应用编程 pilot: exactly its registered candidates. */
export const HUBEI_DEMO_SCALE = 2;
export const HUBEI_TERMINATION_REASON =
  '培训评价组织未按协议组织考核并向学生收取培训费用，情况恶劣，坚决停止合作（鄂教职成办函〔2021〕7号 三.6）';

const iso = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export async function seedDemoFeePolicy(trx: Trx, ctx: DemoExamsContext): Promise<void> {
  if (await trx.selectFrom('filing_rounds').select('id').where('name', '=', HUBEI_DEMO_ROUND).executeTakeFirst()) return;
  const whvc = await trx
    .selectFrom('schools')
    .select(['id', 'name', 'province_code', 'city_code'])
    .where('name', '=', '武汉职业技术学院')
    .executeTakeFirst();
  const hb = await trx.selectFrom('users').select(['id', 'role', 'display_name']).where('username', '=', 'hb-admin').executeTakeFirst();
  const types = await trx
    .selectFrom('certificate_types')
    .select(['id', 'code', 'org_id'])
    .where('code', 'in', ['WEB-FE', 'IR-PROG'])
    .execute();
  if (!whvc || !hb || types.length < 2) return;
  const now = ctx.now;

  // 1. 湖北's own caps, below the national ones.
  const doc = await trx
    .insertInto('policy_documents')
    .values({
      level: 'province',
      province_code: whvc.province_code,
      school_id: null,
      number: HUBEI_DEMO_CAPS_DOCUMENT,
      title: '湖北省教育厅关于职业技能等级证书考核收费上限的通知（演示）',
      issuer: '湖北省教育厅',
      created_by: hb.id,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('policy_rules')
    .values({
      document_id: doc.id,
      kind: 'fee_caps',
      clause: '二（考核收费不高于国家上限的 90%）',
      severity: null,
      params: JSON.stringify(HUBEI_DEMO_CAPS_FEN),
      created_by: hb.id,
      created_at: now,
    })
    .execute();

  // 2. 湖北's published round and two approved pilots of 武汉职业技术学院.
  const round = await trx
    .insertInto('filing_rounds')
    .values({
      province_code: whvc.province_code,
      name: HUBEI_DEMO_ROUND,
      year: 2026,
      type: 'centralized',
      status: 'results_published',
      school_submission_deadline: new Date(now.getTime() - 120 * DAY),
      municipal_review_deadline: null,
      provincial_review_deadline: new Date(now.getTime() - 100 * DAY),
      admitted_batch_codes: ['B3', 'B4'],
      major_catalog_edition: '2021',
      review_criteria: JSON.stringify(DEFAULT_REVIEW_CRITERIA),
      rule_overrides: '{}',
      description: '依据鄂教职成办函〔2021〕7号：本批次以第三批、第四批证书为主，原则上不再新增前两批证书试点单位。',
      created_at: new Date(now.getTime() - 150 * DAY),
      created_by: hb.id,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const admin = await trx
    .selectFrom('users')
    .select(['id'])
    .where('school_id', '=', whvc.id)
    .where('role', '=', 'school_admin')
    .executeTakeFirst();
  const submittedAt = new Date(now.getTime() - 125 * DAY);
  const decidedAt = new Date(now.getTime() - 105 * DAY);
  const date = iso(submittedAt);

  const pilot = async (code: 'WEB-FE' | 'IR-PROG', majorCode: string, schoolReason: string, provinceReason: string) => {
    const ct = types.find((t) => t.code === code)!;
    const major = await trx
      .selectFrom('school_majors as m')
      .leftJoin('school_major_years as y', (j) => j.onRef('y.school_major_id', '=', 'm.id').on('y.year', '=', 2026))
      .select(['m.id', 'm.major_code', 'm.name', 'm.department_id', 'y.enrolled_students', 'y.full_time_teachers'])
      .where('m.school_id', '=', whvc.id)
      .where('m.major_code', '=', majorCode)
      .executeTakeFirstOrThrow();
    const leader = demoLeader();
    const filing = await trx
      .insertInto('filings')
      .values({
        round_id: round.id,
        province_code: whvc.province_code,
        city_code: whvc.city_code,
        school_id: whvc.id,
        department_id: major.department_id,
        certificate_type_id: ct.id,
        year: 2026,
        levels: ['intermediate'],
        needs_municipal_review: false,
        status: 'published',
        decision: 'approved',
        decision_comment: '同意试点',
        leader: JSON.stringify(leader),
        team: JSON.stringify(demoTeam()),
        overview: JSON.stringify(demoOverview(code)),
        opinions: JSON.stringify(demoOpinions(date)),
        course_support: JSON.stringify(demoCourseSupport(code)),
        feasibility: JSON.stringify(demoFeasibility(leader.name, [{ name: major.name, headcount: 40 }], date)),
        return_comments: '{}',
        // 002 四.4: the school's reason, and the province's override with its own (issue 17 item 7)
        warning_reasons: JSON.stringify({ early_batch_new_pilot: schoolReason }),
        warning_decisions: JSON.stringify({
          early_batch_new_pilot: { accepted: true, reason: provinceReason, decidedAt: decidedAt.toISOString(), decidedBy: hb.display_name },
        }),
        created_at: new Date(submittedAt.getTime() - 5 * DAY),
        created_by: admin?.id ?? null,
        updated_at: now,
        submitted_at: submittedAt,
        decided_at: decidedAt,
        published_at: new Date(decidedAt.getTime() + 3 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('filing_majors')
      .values({
        filing_id: filing.id,
        province_code: whvc.province_code,
        school_major_id: major.id,
        major_code: major.major_code,
        major_name: major.name,
        enrolled_students: major.enrolled_students ?? 0,
        full_time_teachers: major.full_time_teachers ?? 0,
        planned_trainees: 40,
        sort_order: 0,
      })
      .execute();
    const events: [string, FilingStatus, FilingStatus, Date, string | null, object][] = [
      ['submit', 'draft', 'submitted', submittedAt, null, { warningReasons: { early_batch_new_pilot: schoolReason } }],
      ['accept_for_review', 'submitted', 'provincial_review', new Date(submittedAt.getTime() + 2 * DAY), null, {}],
      [
        'approve',
        'provincial_review',
        'approved',
        decidedAt,
        '同意试点',
        { decision: 'approved', warningDecisions: { early_batch_new_pilot: { accepted: true, reason: provinceReason } } },
      ],
      ['publish', 'approved', 'published', new Date(decidedAt.getTime() + 3 * DAY), null, {}],
    ];
    for (const [action, from, to, at, opinion, details] of events)
      await trx
        .insertInto('filing_events')
        .values({
          filing_id: filing.id,
          province_code: whvc.province_code,
          action,
          from_status: from,
          to_status: to,
          opinion,
          details: JSON.stringify(details),
          actor_id: action === 'submit' ? (admin?.id ?? null) : hb.id,
          actor_role: action === 'submit' ? 'school_admin' : 'province_admin',
          actor_name: action === 'submit' ? '武汉职业技术学院教务处' : hb.display_name,
          at,
        })
        .execute();
    return { filingId: filing.id, ct };
  };

  const agreement = async (p: { filingId: string; ct: { id: string; org_id: string } }, feeFen: number, signedOn: string) => {
    const cap = (await applicableFeeCap(trx, { schoolId: whvc.id }, p.ct.id, 'intermediate' as CertificateLevel))!.capFen;
    const bytes = tinyPdf(`whvc ${p.ct.id} agreement`);
    const file = await trx
      .insertInto('files')
      .values({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        mime: 'application/pdf',
        original_name: '试点合作协议.pdf',
        bytes,
        created_at: now,
        created_by: admin?.id ?? null,
        province_code: whvc.province_code,
        school_id: whvc.id,
        org_id: p.ct.org_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await trx
      .insertInto('pilot_agreements')
      .values({
        filing_id: p.filingId,
        school_id: whvc.id,
        org_id: p.ct.org_id,
        certificate_type_id: p.ct.id,
        province_code: whvc.province_code,
        city_code: whvc.city_code,
        signed_on: signedOn,
        file_id: file.id,
        note: '考核费用不高于湖北省收费上限及培训评价组织收费公告',
        created_at: new Date(decidedAt.getTime() + 10 * DAY),
        created_by: admin?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('pilot_agreement_fees')
      .values({ agreement_id: a.id, level: 'intermediate', fee_fen: Math.min(feeFen, cap), cap_fen: cap })
      .execute();
    return { id: a.id, feeFen: Math.min(feeFen, cap) };
  };

  // 工业机器人应用编程: agreement terminated by the province (三.6), history kept.
  const robot = await pilot('IR-PROG', '610202', '本校已建成工业机器人实训中心，可承担考核', '实训条件充分，同意新增试点');
  const robotAgreement = await agreement(robot, 45000, iso(new Date(decidedAt.getTime() + 8 * DAY)));
  const terminatedAt = new Date(now.getTime() - 20 * DAY);
  await trx
    .updateTable('pilot_agreements')
    .set({ status: 'terminated', status_reason: HUBEI_TERMINATION_REASON, status_changed_at: terminatedAt, status_changed_by: hb.id })
    .where('id', '=', robotAgreement.id)
    .execute();
  await trx
    .insertInto('pilot_agreement_events')
    .values({
      agreement_id: robotAgreement.id,
      province_code: whvc.province_code,
      action: 'terminate',
      from_status: 'in_force',
      to_status: 'terminated',
      reason: HUBEI_TERMINATION_REASON,
      actor_id: hb.id,
      at: terminatedAt,
    })
    .execute();

  // Web 前端开发: agreement in force under 湖北's cap; the pilot exactly at its approved scale, its 2 candidates
  // registered in the open session at the school's own site (full: no seat for anyone else either).
  const web = await pilot(
    'WEB-FE',
    '610205',
    '本校软件技术专业与区域互联网企业合作紧密，企业急需 Web 前端开发人才',
    '该校为国家示范校、双高校，专业基础好，同意新增试点，规模按年度计划核定',
  );
  const webAgreement = await agreement(web, 25000, iso(new Date(decidedAt.getTime() + 8 * DAY)));
  const orgUser = await trx.selectFrom('users').select('id').where('username', '=', 'org-web').executeTakeFirst();
  const pdf = async (label: string, name: string, orgId: string | null) => {
    const bytes = tinyPdf(label);
    return (
      await trx
        .insertInto('files')
        .values({
          sha256: createHash('sha256').update(bytes).digest('hex'),
          size: bytes.length,
          mime: 'application/pdf',
          original_name: name,
          bytes,
          created_at: now,
          created_by: admin?.id ?? null,
          province_code: whvc.province_code,
          school_id: whvc.id,
          org_id: orgId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  };
  const site = await trx
    .insertInto('exam_sites')
    .values({
      org_id: web.ct.org_id,
      school_id: whvc.id,
      province_code: whvc.province_code,
      city_code: whvc.city_code,
      certificate_type_id: web.ct.id,
      name: '武汉职业技术学院 Web 前端开发考核站点',
      address: '武汉市洪山区关山大道 463 号 信息楼 305',
      capacity: 40,
      application_file_id: await pdf('WEB-FE exam site application', '考核站点申请表.pdf', web.ct.org_id),
      status: 'approved',
      open_shared: false,
      reason: '机房与考务人员符合考核站点建设要求',
      created_at: new Date(now.getTime() - 90 * DAY),
      created_by: admin?.id ?? null,
      decided_at: new Date(now.getTime() - 80 * DAY),
      decided_by: orgUser?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const examDate = iso(new Date(now.getTime() + 40 * DAY));
  const session = await trx
    .insertInto('exam_sessions')
    .values({
      org_id: web.ct.org_id,
      certificate_type_id: web.ct.id,
      level: 'intermediate',
      exam_site_id: site.id,
      province_code: whvc.province_code,
      city_code: whvc.city_code,
      exam_date: examDate,
      exam_form: 'computer',
      capacity: HUBEI_DEMO_SCALE,
      registration_opens_at: new Date(now.getTime() - 5 * DAY),
      registration_closes_at: new Date(now.getTime() + 20 * DAY),
      status: 'registration_open',
      created_at: new Date(now.getTime() - 10 * DAY),
      created_by: orgUser?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('exam_session_events')
    .values({
      session_id: session.id,
      province_code: whvc.province_code,
      action: 'open_registration',
      from_status: 'planned',
      to_status: 'registration_open',
      comment: null,
      actor_id: orgUser?.id ?? null,
      at: new Date(now.getTime() - 5 * DAY),
    })
    .execute();
  const major = await trx
    .selectFrom('school_majors')
    .select(['id', 'department_id'])
    .where('school_id', '=', whvc.id)
    .where('major_code', '=', '610205')
    .executeTakeFirstOrThrow();
  const consent = await pdf('whvc paper consent forms', '考生本人签字报名同意书.pdf', null);
  for (const [i, name] of ['周子轩', '吴思远'].entries()) {
    const first17 = `42011120050${i + 3}1${i + 2}${510 + i * 3}`;
    const learner = await trx
      .insertInto('learners')
      .values({
        kind: 'pilot_student',
        school_id: whvc.id,
        province_code: whvc.province_code,
        city_code: whvc.city_code,
        department_id: major.department_id,
        school_major_id: major.id,
        class_name: '软件技术2401班',
        name,
        id_type: 'id_card',
        ...protectIdNumber(ctx.secretKey, first17 + idCardCheckChar(first17)),
        created_at: new Date(now.getTime() - 60 * DAY),
        created_by: admin?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('exam_registrations')
      .values({
        session_id: session.id,
        learner_id: learner.id,
        school_id: whvc.id,
        filing_id: web.filingId,
        agreement_id: webAgreement.id,
        province_code: whvc.province_code,
        org_id: web.ct.org_id,
        proposed_by: admin?.id ?? null,
        status: 'registered',
        consent_at: new Date(now.getTime() - 2 * DAY),
        consent_via: 'paper',
        consent_file_id: consent,
        fee_fen: webAgreement.feeFen,
        fee_exempt: false,
        created_at: new Date(now.getTime() - 3 * DAY),
      })
      .execute();
  }
  await trx.updateTable('filings').set({ approved_scale: HUBEI_DEMO_SCALE }).where('id', '=', web.filingId).execute();
  await trx
    .insertInto('filing_scale_events')
    .values({
      filing_id: web.filingId,
      province_code: whvc.province_code,
      from_scale: null,
      to_scale: HUBEI_DEMO_SCALE,
      reason: `${examDate.slice(0, 4)} 年度考核规模按年度计划核定`,
      actor_id: hb.id,
      at: decidedAt,
    })
    .execute();
}

import { changeKindsOf } from '@onex/shared';
import type { Kysely } from 'kysely';
import { notify } from '../../modules/notifications/notifications.service';
import type { DB } from '../schema';
import { demoLeader } from './demo-filings';

/**
 * Demo data after approval (R3.7, R3.11), on top of the demo filings: a pending change request (new project leader)
 * of 广州城市职业学院's published filing, a few notifications for gzcp-admin, gz-admin and expert1, and a pass-rate
 * restriction (R3.9) of 广东生态工程职业学院's WEB-FE filing.
 */
export async function seedDemoFilingExtras(trx: Kysely<DB>, now: Date): Promise<void> {
  const published = await trx
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 'f.province_code', 'f.city_code', 'f.school_id', 'ct.name as certificate_name'])
    .where('s.name', '=', '广州城市职业学院')
    .where('f.status', '=', 'published')
    .where('f.decision', '=', 'approved')
    .executeTakeFirst();
  if (!published) return; // no demo filings (no seed catalog)
  const users = await trx
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', ['gzcp-admin', 'gz-admin', 'gd-admin', 'expert1'])
    .execute();
  const id = (u: string) => users.find((x) => x.username === u)!.id;
  const leader = {
    ...demoLeader('林晓燕'),
    title: '副教授',
    post: '机电工程学院副院长',
    yearsOfWork: 15,
    achievements: '主持省级工业机器人技术专业教学资源库建设；指导学生获全国职业院校技能大赛工业机器人技术应用赛项二等奖。',
  };
  await trx
    .insertInto('filing_change_requests')
    .values({
      filing_id: published.id,
      province_code: published.province_code,
      city_code: published.city_code,
      school_id: published.school_id,
      kinds: changeKindsOf(['leader']),
      reason: '原项目负责人陈志刚因工作调动离开机电工程学院，拟由林晓燕副教授接任试点负责人（粤生态职院〔2023〕18号 第七条）。',
      proposed: JSON.stringify({ leader }),
      requested_at: now,
      requested_by: id('gzcp-admin'),
    })
    .execute();
  const link = `/filings/${published.id}`;
  const filingOf = async (school: string, code: string) => {
    const f = await trx
      .selectFrom('filings as f')
      .innerJoin('schools as s', 's.id', 'f.school_id')
      .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
      .select('f.id')
      .where('s.name', '=', school)
      .where('ct.code', '=', code)
      .executeTakeFirst();
    return f ? `/filings/${f.id}` : null;
  };
  const notices: [string, string, string, string | null][] = [
    ['gzcp-admin', 'filing_published', `广州城市职业学院“${published.certificate_name}”备案结果已公布：审核通过`, link],
    ['gzcp-admin', 'change_request_submitted', `“${published.certificate_name}”试点的变更申请已提交，待省级审核`, link],
    [
      'gz-admin',
      'filing_awaits_municipal',
      '广州市轻工职业学校“Web 前端开发”备案已提交，待地市初审',
      await filingOf('广州市轻工职业学校', 'WEB-FE'),
    ],
    ['expert1', 'filing_expert_assigned', '请评审广州城市职业学院“智能财税”备案', await filingOf('广州城市职业学院', 'SMART-TAX')],
  ];
  // The province hears of every filing waiting in its review (issue 21 #1: the bell and 待办 agree for gd-admin).
  const inReview = await trx
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 's.name as school', 'ct.name as certificate'])
    .where('f.status', '=', 'provincial_review')
    .where('f.province_code', '=', '440000')
    .orderBy('s.name')
    .execute();
  for (const f of inReview)
    notices.push(['gd-admin', 'filing_awaits_province', `${f.school}“${f.certificate}”备案进入省级评审`, `/filings/${f.id}`]);
  for (const [username, kind, title, l] of notices) await notify(trx, now, { to: { userIds: [id(username)] }, kind, title, link: l });
  await seedDemoPassRateRestriction(trx);
}

/**
 * R3.9: 广东生态工程职业学院's 2025 Web 前端开发 pilot passed 30 of 40 candidates (75 %, below 90 %), so its 2026
 * WEB-FE filing is restricted until 广东 overrides it with a reason (the 通过率 page's list of restrictions).
 */
async function seedDemoPassRateRestriction(trx: Kysely<DB>): Promise<void> {
  const row = await trx
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.school_id', 'f.certificate_type_id', 'f.year'])
    .where('s.name', '=', '广东生态工程职业学院')
    .where('ct.code', '=', 'WEB-FE')
    .executeTakeFirst();
  if (!row) return;
  await trx
    .insertInto('certificate_pass_rates')
    .values({ school_id: row.school_id, certificate_type_id: row.certificate_type_id, year: row.year - 1, candidates: 40, passed: 30 })
    .onConflict((oc) => oc.columns(['school_id', 'certificate_type_id', 'year']).doNothing())
    .execute();
}

import { DEFAULT_INSPECTION_ITEMS, DRAW_ALGORITHM } from '@onex/shared';
import type { Kysely } from 'kysely';
import { seal } from '../../lib/secret-box';
import { addWorkingDays, newTrackingCode, routeComplaint } from '../../modules/supervision/complaints.rules';
import { insertComplaint, insertEvent, subjectOf } from '../../modules/supervision/complaints.queries';
import { drawIds, newSeed } from '../../modules/supervision/draws.rules';
import { reportingTick } from '../../modules/supervision/reporting.service';
import type { DB } from '../schema';

const DAY = 86_400_000;
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Supervision demo (issue 13): complaints in every state, the weekly report of departments with submitted, late and
 * missed reports (广州城市职业学院's pilot ends up flagged), an inspection with a rectification in progress, and a
 * published random draw.
 */
export async function seedDemoSupervision(db: Kysely<DB>, now: Date, secretKey: Buffer): Promise<void> {
  const id = (table: 'schools' | 'evaluation_orgs', col: 'name' | 'code', v: string) =>
    db
      .selectFrom(table)
      .select('id')
      .where(col, '=', v)
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const zz = await id('schools', 'name', '广州市轻工职业学校');
  const gzcp = await id('schools', 'name', '广州城市职业学院');
  const org = await id('evaluation_orgs', 'code', 'ORG-BIM');
  const gdAdmin = await db.selectFrom('users').select('id').where('username', '=', 'gd-admin').executeTakeFirstOrThrow();

  const complaints = [
    {
      type: 'school' as const,
      subject: zz,
      category: 'forced_registration' as const,
      status: 'received' as const,
      daysAgo: 1,
      content: '学校要求全班学生必须报考职业技能等级证书，不报考不能毕业。',
    },
    {
      type: 'school' as const,
      subject: gzcp,
      category: 'training_fee_charged' as const,
      status: 'in_progress' as const,
      daysAgo: 5,
      content: '试点专业向学生收取培训费每人 800 元。',
    },
    {
      type: 'organization' as const,
      subject: org,
      category: 'bundled_sales' as const,
      status: 'replied' as const,
      daysAgo: 12,
      content: '报考时被要求购买指定教材和线上课程。',
      reply: '经核查，已责令培训评价组织停止捆绑销售并退还费用。',
    },
    {
      type: 'organization' as const,
      subject: org,
      category: 'overcharging' as const,
      status: 'closed' as const,
      daysAgo: 30,
      content: '考核费高于协议标准。',
      reply: '经核查，考核费符合协议标准，已向投诉人说明。',
      verdict: 'not_upheld' as const,
    },
  ];
  for (const c of complaints) {
    const at = new Date(now.getTime() - c.daysAgo * DAY);
    const subject = (await subjectOf(db, c.type, c.subject))!;
    const route = routeComplaint({ subjectType: c.type, ...subject });
    const row = await insertComplaint(db, {
      trackingCode: newTrackingCode(),
      category: c.category,
      subjectType: c.type,
      subjectId: c.subject,
      subject,
      content: c.content,
      contactNameSealed: seal(secretKey, 'complaint-contact', Buffer.from('张同学')),
      contactPhoneSealed: seal(secretKey, 'complaint-contact', Buffer.from('13800138000')),
      ...route,
      deadline: addWorkingDays(chinaDay(at), 15),
      at,
      clientIp: null,
    });
    await insertEvent(db, { complaintId: row.id, at, actorId: null, action: 'file', from: null, to: 'received', ...route, comment: null });
    if (c.status !== 'received')
      await db
        .updateTable('complaints')
        .set({ status: c.status, reply: c.reply ?? null, verdict: 'verdict' in c ? c.verdict : null, updated_at: at })
        .where('id', '=', row.id)
        .execute();
  }

  // Weekly report of departments (001 第五条 工作周报), from six weeks ago, due on Sunday.
  const type = await db
    .insertInto('report_types')
    .values({
      name: '1+X 证书试点工作周报（演示）',
      level: 'province',
      province_code: '440000',
      reporter_kind: 'department',
      period: 'weekly',
      deadline_days: 0,
      starts_on: chinaDay(new Date(now.getTime() - 42 * DAY)),
      fields: JSON.stringify([
        { key: 'progress', label: '本周工作进展', type: 'textarea', required: true },
        { key: 'trained', label: '本周培训人次', type: 'number', required: false },
        { key: 'problems', label: '存在问题', type: 'textarea', required: false },
      ]),
      required: true,
      miss_threshold: 3,
      created_at: now,
      created_by: gdAdmin.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await reportingTick(db, now); // duties for every approved 广东 pilot
  const duties = await db
    .selectFrom('report_duties')
    .select(['id', 'due_date'])
    .where('report_type_id', '=', type.id)
    .orderBy('period_start')
    .execute();
  const [onTime, late] = duties;
  const answers = JSON.stringify({ progress: '完成 BIM 师资培训与实训室布置', trained: 36 });
  if (onTime)
    await db
      .updateTable('report_duties')
      .set({ status: 'accepted', answers, submitted_at: new Date(`${onTime.due_date}T09:00:00+08:00`), late: false })
      .where('id', '=', onTime.id)
      .execute();
  if (late) {
    // Filed the day after its due date (or now, if that is sooner): counted late.
    const dayAfter = new Date(new Date(`${late.due_date}T09:00:00+08:00`).getTime() + DAY);
    const submittedAt = dayAfter < now ? dayAfter : now;
    await db
      .updateTable('report_duties')
      .set({ status: 'submitted', answers, submitted_at: submittedAt, late: true })
      .where('id', '=', late.id)
      .execute();
  }
  await reportingTick(db, now); // the four missed weeks since flag the pilot

  // An inspection with a rectification in progress.
  const pilot = await db
    .selectFrom('filings')
    .selectAll()
    .where('school_id', '=', gzcp)
    .where('status', '=', 'published')
    .where('decision', '=', 'approved')
    .executeTakeFirst();
  if (pilot) {
    const insp = await db
      .insertInto('inspections')
      .values({
        filing_id: pilot.id,
        province_code: pilot.province_code,
        city_code: pilot.city_code,
        school_id: pilot.school_id,
        title: '2026 年 1+X 试点建设情况检查',
        inspector_level: 'province',
        planned_on: chinaDay(new Date(now.getTime() - 10 * DAY)),
        items: JSON.stringify(DEFAULT_INSPECTION_ITEMS),
        status: 'rectifying',
        created_at: new Date(now.getTime() - 10 * DAY),
        created_by: gdAdmin.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('inspection_findings')
      .values([
        {
          inspection_id: insp.id,
          item_key: 'progress',
          finding: '试点按计划推进，已完成首批考核。',
          issue: false,
          file_ids: '[]',
          created_at: now,
          created_by: gdAdmin.id,
        },
        {
          inspection_id: insp.id,
          item_key: 'funds',
          finding: '培训经费未单独列支，部分支出凭证不全。',
          issue: true,
          file_ids: '[]',
          created_at: now,
          created_by: gdAdmin.id,
        },
      ])
      .execute();
    await db
      .insertInto('rectification_orders')
      .values({
        inspection_id: insp.id,
        round: 1,
        requirement: '30 日内单独列支培训经费并补齐支出凭证。',
        deadline: chinaDay(new Date(now.getTime() + 20 * DAY)),
        created_at: now,
      })
      .execute();
  }

  // 双随机一公开: the province's pool and a published draw.
  const pool: { id: string; name: string; school_id: string | null }[] = [];
  for (const [name, schoolId] of [
    ['林督导', null],
    ['黄督导', null],
    ['何督导', null],
    ['陈老师（广州城市职业学院）', gzcp],
  ] as const)
    pool.push(
      await db
        .insertInto('inspectors')
        .values({ name, province_code: '440000', school_id: schoolId, created_at: now, created_by: gdAdmin.id })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  const candidates = await db
    .selectFrom('schools')
    .select(['id', 'name'])
    .where('province_code', '=', '440000')
    .where(
      'id',
      'in',
      db.selectFrom('filings').select('school_id').where('decision', '=', 'approved').where('status', 'in', ['approved', 'published']),
    )
    .execute();
  if (candidates.length > 0) {
    const seed = newSeed();
    const candidateIds = candidates.map((c) => c.id).sort();
    const selected = drawIds(seed, 'targets', candidateIds, 1);
    const eligible = pool
      .filter((p) => !(p.school_id && selected.includes(p.school_id)))
      .map((p) => p.id)
      .sort();
    const inspectors = drawIds(seed, 'inspectors', eligible, 2);
    await db
      .insertInto('inspection_draws')
      .values({
        title: '2026 年广东省 1+X 证书试点“双随机”抽查（第一批）',
        province_code: '440000',
        pool_kind: 'school',
        filters: JSON.stringify({ provinceCode: '440000' }),
        seed,
        algorithm: DRAW_ALGORITHM,
        candidate_ids: JSON.stringify(candidateIds),
        inspector_pool_ids: JSON.stringify(eligible),
        selected: JSON.stringify(selected.map((s) => ({ id: s, name: candidates.find((c) => c.id === s)!.name }))),
        inspectors: JSON.stringify(inspectors.map((i) => ({ id: i, name: pool.find((p) => p.id === i)!.name }))),
        excluded_inspectors: JSON.stringify(
          pool
            .filter((p) => p.school_id && selected.includes(p.school_id))
            .map((p) => ({
              id: p.id,
              name: p.name,
              linkedTo: { id: p.school_id!, name: candidates.find((c) => c.id === p.school_id)!.name },
            })),
        ),
        drawn_at: now,
        drawn_by: gdAdmin.id,
        published_at: now,
      })
      .execute();
  }
}

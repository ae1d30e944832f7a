import { DEFAULT_FACTOR_WEIGHTS, type FundCategory, STUDENT_TRAINING_FEE_RULE } from '@onex/shared';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../modules/audit/audit.service';
import * as q from '../../modules/funds/funds.queries';
import { computeShares, prohibitedUse } from '../../modules/funds/funds.rules';
import type { DB } from '../schema';

/**
 * Special funds (issue 15): 广州城市职业学院's approved pilot 工业机器人应用编程 gets a budget for its year, approved through
 * 二级学院 → 教务部 → 校领导 (001 第十三条), spending in four categories, exam-service fee income, one correction, and
 * two refused attempts in the audit log: paying a loan's interest (a prohibited use of 001 第十一条, which binds 广东)
 * and recording a training fee charged to pilot students; 广东 publishes a factor-method allocation among its schools
 * with approved pilots.
 */
const yuan = (y: number) => Math.round(y * 100);
const LINES: { category: FundCategory; amountFen: number }[] = [
  { category: 'teacher_training', amountFen: yuan(80_000) },
  { category: 'equipment', amountFen: yuan(300_000) },
  { category: 'certification', amountFen: yuan(60_000) },
  { category: 'materials', amountFen: yuan(50_000) },
  { category: 'other', amountFen: yuan(10_000) },
];
const SPENDING: { category: FundCategory; amountFen: number; date: string; payee: string; purpose: string }[] = [
  {
    category: 'teacher_training',
    amountFen: yuan(12_800),
    date: '03-15',
    payee: '广东省职业技术教育学会',
    purpose: '4 名教师参加工业机器人应用编程师资培训',
  },
  { category: 'equipment', amountFen: yuan(156_000), date: '04-20', payee: '广州某智能装备有限公司', purpose: '工业机器人实训工作站 2 套' },
  {
    category: 'certification',
    amountFen: yuan(24_000),
    date: '06-25',
    payee: '工业机器人应用编程证书培训评价组织',
    purpose: '中级考核费用（50 人，学校 100% 支付）',
  },
  { category: 'materials', amountFen: yuan(8_600), date: '05-10', payee: '机械工业出版社', purpose: '书证融通教材与实训指导书' },
];

export async function seedDemoFunds(trx: Kysely<DB>, now: Date): Promise<void> {
  const f = await trx
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select(['f.id', 'f.year'])
    .where('s.name', '=', '广州城市职业学院')
    .where('ct.code', '=', 'IR-PROG')
    .where('f.decision', '=', 'approved')
    .executeTakeFirst();
  if (!f) return; // no demo filings
  const pilot = (await q.findPilot(trx, f.id))!;
  const admin = await trx.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'gzcp-admin').executeTakeFirstOrThrow();
  const ctx = { actor: null, requestId: 'demo', clientIp: null };
  const scope = { provinceCode: pilot.province_code, cityCode: pilot.city_code, schoolId: pilot.school_id };
  const audit = (action: string, targetType: string, targetId: string, summary: Record<string, unknown>) =>
    recordAudit(trx, ctx, now, { action, targetType, targetId, summary, scope });

  const budgetId = (await q.insertBudget(trx, { pilot, year: f.year, at: now, by: admin.id, lines: LINES }))!;
  await audit('fund_budget.create', 'fund_budget', budgetId, { year: f.year, lines: LINES });
  const chain = [
    { action: 'submit', from: 'draft', to: 'submitted', actor: admin.display_name, comment: null },
    {
      action: 'department_approve',
      from: 'submitted',
      to: 'department_approved',
      actor: '机电工程学院（演示）',
      comment: '二级学院审核同意',
    },
    {
      action: 'academic_approve',
      from: 'department_approved',
      to: 'academic_approved',
      actor: admin.display_name,
      comment: '教务部审核同意',
    },
    {
      action: 'leader_approve',
      from: 'academic_approved',
      to: 'approved',
      actor: `${admin.display_name}（录入主管校领导审批）`,
      comment: '主管校领导审批同意',
    },
  ] as const;
  for (const c of chain) {
    await q.setBudgetStatus(trx, budgetId, c.from, c.to, now);
    await q.insertBudgetEvent(trx, {
      budgetId,
      action: c.action,
      from: c.from,
      to: c.to,
      actorId: null,
      actorName: c.actor,
      comment: c.comment,
      at: now,
    });
    await audit(`fund_budget.${c.action}`, 'fund_budget', budgetId, { from: c.from, to: c.to, actor: c.actor });
  }
  const budget = (await q.findBudget(trx, budgetId))!;
  const entry = (e: Omit<q.NewEntry, 'budget' | 'evidenceFileId' | 'feeSettlementId' | 'at' | 'by'>) =>
    q.insertEntry(trx, { ...e, budget, evidenceFileId: null, feeSettlementId: null, at: now, by: admin.id });
  const ids: string[] = [];
  for (const s of SPENDING) {
    const id = await entry({
      kind: 'spending',
      category: s.category,
      incomeSource: null,
      amountFen: -s.amountFen,
      date: `${f.year}-${s.date}`,
      counterparty: s.payee,
      purpose: s.purpose,
      reversesEntryId: null,
      reason: null,
    });
    ids.push(id);
    await audit('fund_entry.spend', 'fund_entry', id, { category: s.category, amountFen: s.amountFen, payee: s.payee });
  }
  // A duplicate invoice entered twice, corrected by a reversing entry.
  const dup = await entry({
    kind: 'spending',
    category: 'materials',
    incomeSource: null,
    amountFen: -yuan(8_600),
    date: `${f.year}-05-10`,
    counterparty: '机械工业出版社',
    purpose: '书证融通教材与实训指导书',
    reversesEntryId: null,
    reason: null,
  });
  const rev = await entry({
    kind: 'reversal',
    category: 'materials',
    incomeSource: null,
    amountFen: yuan(8_600),
    date: `${f.year}-05-10`,
    counterparty: '机械工业出版社',
    purpose: '冲正：书证融通教材与实训指导书',
    reversesEntryId: dup,
    reason: '同一发票重复录入',
  });
  await audit('fund_entry.spend', 'fund_entry', dup, { category: 'materials', amountFen: yuan(8_600) });
  await audit('fund_entry.reverse', 'fund_entry', rev, { reverses: dup, reason: '同一发票重复录入' });
  const income = await entry({
    kind: 'income',
    category: null,
    incomeSource: 'exam_service_fee',
    amountFen: yuan(6_000),
    date: `${f.year}-07-05`,
    counterparty: '工业机器人应用编程证书培训评价组织',
    purpose: '考务服务费（粤生态职院〔2023〕18号 第十四条所述类型的收入）',
    reversesEntryId: null,
    reason: null,
  });
  await audit('fund_entry.income', 'fund_entry', income, { source: 'exam_service_fee', amountFen: yuan(6_000) });
  // A refused attempt to pay a loan's interest from the fund: 广东 is bound by 001 第十一条 (the same rule the service
  // applies, so the demo shows what the service would have recorded).
  const attempt = { amountFen: yuan(3_200), payee: '某商业银行广州分行', purpose: '实训楼建设贷款利息' };
  const hit = prohibitedUse({ name: budget.school_name, provinceCode: budget.school_province_code }, attempt);
  if (hit)
    await audit('fund_entry.refuse_prohibited', 'fund_budget', budgetId, {
      use: hit.code,
      clause: hit.source.clause,
      amountFen: attempt.amountFen,
      payee: attempt.payee,
      purpose: attempt.purpose,
    });
  await audit('fund_entry.refuse_student_fee', 'fund_budget', budgetId, {
    clause: STUDENT_TRAINING_FEE_RULE.clause,
    binding: false,
    amountFen: yuan(300),
    remitter: '试点学生',
    purpose: '考前培训费',
  });

  // 广东's factor-method allocation among its schools with approved pilots, published.
  const facts = await q.allocationFacts(trx, pilot.province_code, f.year);
  const shares = computeShares(yuan(1_000_000), DEFAULT_FACTOR_WEIGHTS, facts);
  const gd = await trx.selectFrom('users').select('id').where('username', '=', 'gd-admin').executeTakeFirstOrThrow();
  const allocationId = await q.insertAllocation(
    trx,
    { provinceCode: pilot.province_code, year: f.year, totalFen: yuan(1_000_000), weights: DEFAULT_FACTOR_WEIGHTS, at: now, by: gd.id },
    shares.map((s) => ({
      schoolId: s.schoolId,
      factors: { facts: s.facts, normalized: s.normalized, score: s.score },
      computedFen: s.shareFen,
    })),
  );
  await q.publishAllocation(trx, allocationId, now);
  await recordAudit(trx, ctx, now, {
    action: 'fund_allocation.publish',
    targetType: 'fund_allocation',
    targetId: allocationId,
    summary: { year: f.year, totalFen: yuan(1_000_000), schools: shares.length },
    scope: { provinceCode: pilot.province_code },
  });
}

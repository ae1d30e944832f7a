import { z } from 'zod';
import type { WorkflowTransition } from './catalog';
import { text } from './input';

/**
 * Special funds (专项经费, R4.5–R4.6): budgets per approved pilot and year with lines by category, the approval chain,
 * an append-only ledger, prohibited uses, income, and the province's factor-method allocation.
 *
 * Rules carry the document they come from and where they apply (`FundJurisdiction`): 001 is the internal rule of
 * 广东生态工程职业学院 (粤生态职院〔2023〕18号), 002 is Hubei's (鄂教职成办函〔2021〕7号), 003 is national (教职成〔2019〕6号).
 */

export type FundJurisdiction = { kind: 'national' } | { kind: 'province'; provinceCode: string } | { kind: 'school'; schoolName: string };

export interface FundSource {
  /** The document and clause, as quoted in messages. */
  clause: string;
  jurisdiction: FundJurisdiction;
}

const GDST = '广东生态工程职业学院';
const DOC_001 = '粤生态职院〔2023〕18号';
const DOC_002 = '鄂教职成办函〔2021〕7号';

export const FUND_CATEGORIES = ['teacher_training', 'equipment', 'certification', 'materials', 'other'] as const;
export type FundCategory = (typeof FUND_CATEGORIES)[number];

/** Budget categories (labels, not restrictions) with the clause that names them. */
export const FUND_CATEGORY_RULES: Record<FundCategory, { label: string; source: FundSource }> = {
  teacher_training: { label: '师资培训', source: { clause: `${DOC_001} 第十一条`, jurisdiction: { kind: 'national' } } },
  equipment: {
    label: '设备采购',
    source: { clause: `${DOC_001} 第十一条；${DOC_002} 三.5（实训设备购置）`, jurisdiction: { kind: 'national' } },
  },
  certification: {
    label: '证书考核',
    source: { clause: `${DOC_001} 第十一条；${DOC_002} 三.5（考核组织）`, jurisdiction: { kind: 'national' } },
  },
  materials: {
    label: '教材与资源建设',
    source: { clause: `${DOC_002} 三.3（课证融通课程与资源建设）；教职成〔2019〕6号 三（教材）`, jurisdiction: { kind: 'national' } },
  },
  other: { label: '其他', source: { clause: `${DOC_001} 第十一条（“等”）`, jurisdiction: { kind: 'national' } } },
};

/**
 * Prohibited uses. Only 001 第十一条 names them among our seeds, and it states them as following (根据) the national
 * notice 教财厅函〔2020〕12号 and 广东省教育厅's notice on the 现代职业教育质量提升计划专项资金 — neither text is among
 * the seeds. Whichever of the two the prohibitions come from binds every school of 广东, so they apply in 广东 (440000);
 * another province adopting them adds a row with its own jurisdiction (or `national` once 教财厅函〔2020〕12号 is a seed).
 * A spending entry declares its use (`use`); the purpose text is also screened for the keywords.
 */
export const FUND_PROHIBITED_USES = [
  { code: 'debt_repayment', label: '偿还债务', keywords: ['偿还债务', '还债', '还贷'] },
  { code: 'interest', label: '支付利息', keywords: ['支付利息', '利息'] },
  { code: 'external_investment', label: '对外投资', keywords: ['对外投资', '投资入股'] },
  { code: 'cover_other_projects', label: '弥补其他项目资金缺口', keywords: ['弥补其他项目', '其他项目缺口', '其他项目资金缺口'] },
  { code: 'management_fee', label: '提取工作经费或管理经费', keywords: ['工作经费', '管理经费', '管理费'] },
].map((u) => ({
  ...u,
  source: {
    clause: `${DOC_001} 第十一条（依据教财厅函〔2020〕12号及广东省教育厅专项资金使用管理通知）：严禁将专项资金用于偿还债务、支付利息、对外投资、弥补其他项目缺口等，不得从专项资金中提取工作经费或管理经费`,
    jurisdiction: { kind: 'province', provinceCode: '440000' } as FundJurisdiction,
  },
}));
export const FUND_PROHIBITED_USE_CODES = [
  'debt_repayment',
  'interest',
  'external_investment',
  'cover_other_projects',
  'management_fee',
] as const;
export type FundProhibitedUse = (typeof FUND_PROHIBITED_USE_CODES)[number];

/** Income sources; a training fee charged to pilot students is never recorded (002 三.5, Hubei). */
export const FUND_INCOME_SOURCES = ['exam_service_fee', 'provincial_allocation', 'student_training_fee'] as const;
export type FundIncomeSource = (typeof FUND_INCOME_SOURCES)[number];
export const FUND_INCOME_SOURCE_LABELS: Record<FundIncomeSource, string> = {
  exam_service_fee: '培训评价组织支付的考务服务费',
  provincial_allocation: '省级奖补资金',
  student_training_fee: '向试点学生收取的培训费',
};
export const EXAM_SERVICE_FEE_SOURCE: FundSource = {
  clause: `${DOC_001} 第十四条：培训组织支付给学校的考务服务类费用纳入学校1+X证书试点专项经费`,
  jurisdiction: { kind: 'school', schoolName: GDST },
};
export const STUDENT_TRAINING_FEE_RULE: FundSource = {
  clause: `${DOC_002} 三.5：不得直接或委托其他机构向试点专业学生收取培训费`,
  jurisdiction: { kind: 'province', provinceCode: '420000' },
};
/** Only pilots in the programme receive its funds (national). */
export const PILOT_ONLY_RULE: FundSource = {
  clause: '教职成〔2019〕6号 四（四）：凡未纳入 1+X 证书制度试点范围的培训、评价、认证等，不享受试点有关经费支持',
  jurisdiction: { kind: 'national' },
};

/** Whether a rule applies to a school. */
export function fundRuleApplies(j: FundJurisdiction, school: { name: string; provinceCode: string }): boolean {
  if (j.kind === 'national') return true;
  if (j.kind === 'province') return j.provinceCode === school.provinceCode;
  return j.schoolName === school.name;
}

// ---- budgets and their approval chain (001 第十三条) ----

export const BUDGET_STATUSES = ['draft', 'submitted', 'department_approved', 'academic_approved', 'approved', 'returned'] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];
export const BUDGET_ACTIONS = ['submit', 'department_approve', 'academic_approve', 'leader_approve', 'return'] as const;
export type BudgetAction = (typeof BUDGET_ACTIONS)[number];

/**
 * 001 第十三条: 提出资金预算方案，报二级学院（部）及教务部审核，报主管校领导审批. The school (or the department) drafts
 * and edits the lines, then submits (报); the department administrator approves first (or returns it); the school
 * administrator acts as 教务部 second and, for the school leader, third (the platform has no separate leader role; the
 * step is recorded as the leader's approval with who entered it). The department's step is the department administrator's
 * only, so one account never approves alone; 教务部 or the leader may return the budget with a comment. Lines change
 * only while draft or returned.
 */
export const BUDGET_TRANSITIONS: readonly WorkflowTransition<BudgetStatus, BudgetAction>[] = [
  {
    action: 'submit',
    from: ['draft', 'returned'],
    to: 'submitted',
    roles: ['school_admin', 'department_admin'],
    commentRequired: false,
  },
  {
    action: 'department_approve',
    from: ['submitted'],
    to: 'department_approved',
    roles: ['department_admin'],
    commentRequired: false,
  },
  { action: 'return', from: ['submitted'], to: 'returned', roles: ['department_admin'], commentRequired: true },
  { action: 'academic_approve', from: ['department_approved'], to: 'academic_approved', roles: ['school_admin'], commentRequired: false },
  { action: 'leader_approve', from: ['academic_approved'], to: 'approved', roles: ['school_admin'], commentRequired: false },
  { action: 'return', from: ['department_approved', 'academic_approved'], to: 'returned', roles: ['school_admin'], commentRequired: true },
];
export function budgetTransition(action: BudgetAction, from: BudgetStatus) {
  return BUDGET_TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
}
export const BUDGET_EDITABLE: readonly BudgetStatus[] = ['draft', 'returned'];

/**
 * The approval 001 第十三条 names for a budget (二级学院（部）及教务部审核，主管校领导审批) is also the approval a
 * spending beyond a line needs: a budget adjustment (预算调整) — lines reallocated or raised — goes through the same
 * chain (BUDGET_TRANSITIONS), and only once the leader approved it do the new lines hold. Applied everywhere, like the chain.
 */
export const BUDGET_APPROVAL_RULE: FundSource = {
  clause: `${DOC_001} 第十三条：提出资金预算方案，报二级学院（部）及教务部审核，报主管校领导审批`,
  jurisdiction: { kind: 'national' },
};

const fen = z.number().int().min(0).max(100_000_000_000);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const budgetLinesSchema = z
  .array(z.object({ category: z.enum(FUND_CATEGORIES), amountFen: fen }))
  .min(1)
  .max(FUND_CATEGORIES.length)
  .refine((ls) => new Set(ls.map((l) => l.category)).size === ls.length, '每个类别只能填写一行');

export const budgetInputSchema = z.object({
  filingId: z.string().uuid(),
  year: z.number().int().min(2019).max(2100),
  lines: budgetLinesSchema,
});
export const budgetLinesInputSchema = z.object({ lines: budgetLinesSchema });
export const budgetActionSchema = z.object({ comment: text().max(500).optional() });
/** A budget adjustment of an approved budget: the new lines (every line as it should stand) and why. */
export const budgetAdjustmentInputSchema = z.object({ lines: budgetLinesSchema, reason: text().min(2, '请填写调整理由').max(500) });

const budgetEventSchema = z.object({
  action: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  actor: z.string(),
  comment: z.string().nullable(),
  at: z.string(),
});
export const budgetAdjustmentSchema = z.object({
  id: z.string(),
  budgetId: z.string(),
  status: z.enum(BUDGET_STATUSES),
  reason: z.string(),
  lines: z.array(z.object({ category: z.enum(FUND_CATEGORIES), amountFen: z.number().int() })),
  events: z.array(budgetEventSchema),
  allowedActions: z.array(z.string()),
  createdAt: z.string(),
});
export type BudgetAdjustmentDto = z.infer<typeof budgetAdjustmentSchema>;

export const fundLineSchema = z.object({
  category: z.enum(FUND_CATEGORIES),
  budgetFen: z.number().int(),
  spentFen: z.number().int(),
  remainingFen: z.number().int(),
});
export type FundLineDto = z.infer<typeof fundLineSchema>;

export const budgetSchema = z.object({
  id: z.string(),
  filing: z.object({ id: z.string(), certificateTypeName: z.string() }),
  school: z.object({ id: z.string(), name: z.string() }),
  departmentId: z.string(),
  year: z.number().int(),
  status: z.enum(BUDGET_STATUSES),
  lines: z.array(fundLineSchema),
  totalBudgetFen: z.number().int(),
  spentFen: z.number().int(),
  incomeFen: z.number().int(),
  /** The sum of all ledger entries (income positive, spending negative). */
  balanceFen: z.number().int(),
  events: z.array(budgetEventSchema),
  allowedActions: z.array(z.string()),
  /** Budget adjustments of the approved budget, oldest first (at most one open at a time). */
  adjustments: z.array(budgetAdjustmentSchema),
});
export type BudgetDto = z.infer<typeof budgetSchema>;

export const budgetQuerySchema = z.object({
  schoolId: z.string().uuid().optional(),
  filingId: z.string().uuid().optional(),
  year: z.coerce.number().int().optional(),
});

// ---- ledger ----

export const FUND_ENTRY_KINDS = ['spending', 'income', 'reversal'] as const;
export type FundEntryKind = (typeof FUND_ENTRY_KINDS)[number];

export const spendingInputSchema = z.object({
  category: z.enum(FUND_CATEGORIES),
  /** The declared use: a budget category, or one of the prohibited uses (then refused, and the refusal audited). */
  use: z.union([z.enum(FUND_CATEGORIES), z.enum(FUND_PROHIBITED_USE_CODES)]).optional(),
  amountFen: fen.min(1),
  date: isoDate,
  payee: text().min(1).max(200),
  purpose: text().min(1).max(500),
  evidenceFileId: z.string().uuid().optional(),
});
export const incomeInputSchema = z.object({
  source: z.enum(FUND_INCOME_SOURCES),
  amountFen: fen.min(1),
  date: isoDate,
  /** Who remitted the money (an organization, the provincial department). */
  remitter: text().min(1).max(200),
  purpose: text().min(1).max(500),
  feeSettlementId: z.string().uuid().optional(),
  evidenceFileId: z.string().uuid().optional(),
});
export const reversalInputSchema = z.object({ reason: text().min(2).max(500) });

export const fundEntrySchema = z.object({
  id: z.string(),
  budgetId: z.string(),
  kind: z.enum(FUND_ENTRY_KINDS),
  category: z.enum(FUND_CATEGORIES).nullable(),
  incomeSource: z.enum(FUND_INCOME_SOURCES).nullable(),
  /** Signed: income positive, spending negative, a reversal the negation of the entry it reverses. */
  amountFen: z.number().int(),
  date: z.string(),
  counterparty: z.string(),
  purpose: z.string(),
  evidenceFileId: z.string().nullable(),
  feeSettlementId: z.string().nullable(),
  reversesEntryId: z.string().nullable(),
  reversedBy: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type FundEntryDto = z.infer<typeof fundEntrySchema>;

// ---- provincial allocation by factor method (002 三.5, R4.6) ----

/**
 * The factors of 002 三.5 (试点工作推进情况、培训及考证规模、证书等级) plus the pass rate, each computed from facts the
 * platform holds (see funds.rules.ts on the server for the formula).
 */
export const FUND_FACTORS = ['progress', 'training_scale', 'exam_scale', 'certificate_levels', 'pass_rate'] as const;
export type FundFactor = (typeof FUND_FACTORS)[number];
export const FUND_FACTOR_LABELS: Record<FundFactor, { zh: string; fact: string }> = {
  progress: { zh: '试点工作推进情况', fact: '已批准且未终止的试点项目数' },
  training_scale: { zh: '培训规模', fact: '试点项目计划培训人数之和' },
  exam_scale: { zh: '考证规模', fact: '考核报名（已报名）人数' },
  certificate_levels: { zh: '证书等级', fact: '已颁证书按等级加权（初级 1、中级 2、高级 3）' },
  pass_rate: { zh: '考核通过率', fact: '当前考核结果中通过人数 / 参考人数' },
};
export interface FactorWeight {
  factor: FundFactor;
  weight: number;
}
export const DEFAULT_FACTOR_WEIGHTS: FactorWeight[] = [
  { factor: 'progress', weight: 30 },
  { factor: 'training_scale', weight: 20 },
  { factor: 'exam_scale', weight: 20 },
  { factor: 'certificate_levels', weight: 20 },
  { factor: 'pass_rate', weight: 10 },
];

export const factorWeightsSchema = z
  .array(z.object({ factor: z.enum(FUND_FACTORS), weight: z.number().min(0).max(1000) }))
  .min(1)
  .max(FUND_FACTORS.length)
  .refine((ws) => new Set(ws.map((w) => w.factor)).size === ws.length, '每个因素只能填写一次')
  .refine((ws) => ws.some((w) => w.weight > 0), '至少一个因素的权重须大于 0');

export const allocationInputSchema = z.object({
  year: z.number().int().min(2019).max(2100),
  totalFen: z.number().int().min(0).max(1_000_000_000_000),
  weights: factorWeightsSchema,
  /** The national administrator names the province; a provincial administrator allocates its own. */
  provinceCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export const shareAdjustSchema = z.object({
  schoolId: z.string().uuid(),
  amountFen: z.number().int().min(0).max(1_000_000_000_000),
  reason: text().min(2).max(500),
});

export const allocationShareSchema = z.object({
  school: z.object({ id: z.string(), name: z.string() }),
  /** Raw facts, normalised values (0–1) per factor, the weighted score and the share of the total. */
  facts: z.record(z.string(), z.number()),
  normalized: z.record(z.string(), z.number()),
  score: z.number(),
  computedFen: z.number().int(),
  adjustedFen: z.number().int().nullable(),
  adjustReason: z.string().nullable(),
  finalFen: z.number().int(),
});
export const allocationSchema = z.object({
  id: z.string(),
  provinceCode: z.string(),
  year: z.number().int(),
  totalFen: z.number().int(),
  weights: z.array(z.object({ factor: z.enum(FUND_FACTORS), weight: z.number() })),
  status: z.enum(['draft', 'published']),
  formula: z.string(),
  /** The sum of final shares; after adjustments it may differ from the total (shown, never hidden). */
  finalTotalFen: z.number().int(),
  shares: z.array(allocationShareSchema),
  publishedAt: z.string().nullable(),
});
export type AllocationDto = z.infer<typeof allocationSchema>;

// ---- views (R4.5): budget, spent, balance by category and year, per pilot, school or province ----

export const FUND_SUMMARY_LEVELS = ['pilot', 'school', 'province'] as const;
export const fundSummaryQuerySchema = z.object({
  level: z.enum(FUND_SUMMARY_LEVELS).default('school'),
  schoolId: z.string().uuid().optional(),
  year: z.coerce.number().int().optional(),
});
export const fundSummaryRowSchema = z.object({
  /** pilot: the filing id; school: the school id; province: the province code. */
  key: z.string(),
  label: z.string(),
  year: z.number().int(),
  lines: z.array(fundLineSchema),
  totalBudgetFen: z.number().int(),
  spentFen: z.number().int(),
  incomeFen: z.number().int(),
  balanceFen: z.number().int(),
});
export type FundSummaryRowDto = z.infer<typeof fundSummaryRowSchema>;

// ---- overdue exam-fee settlements (002 三.5: 已完成考核工作的试点院校应及时完成考核费用结算) ----

export const overdueSettlementSchema = z.object({
  settlementId: z.string(),
  school: z.object({ id: z.string(), name: z.string() }),
  organization: z.object({ id: z.string(), name: z.string() }),
  certificateTypeName: z.string(),
  examDate: z.string(),
  dueFen: z.number().int(),
  daysSinceExam: z.number().int(),
});
export type OverdueSettlementDto = z.infer<typeof overdueSettlementSchema>;

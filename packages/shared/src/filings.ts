import { z } from 'zod';
import { text as inputText, calendarDate } from './input';
import {
  CERTIFICATE_LEVELS,
  CERTIFICATE_LEVEL_LABELS,
  type CertificateLevel,
  type CertificateTypeStatus,
  type WorkflowTransition,
} from './catalog';
import type { Role } from './roles';
import { passRateFlagSchema } from './pass-rates';
import { MAX_OFF_CAMPUS_BASES, type SchoolType, offCampusBaseSchema, trainingRoomSchema } from './schools';

/**
 * Pilot project filing and review (R3): rounds, the filing (000 附件1 备案表, 附件2 论证报告) section by section,
 * attachments, the rules checked at submission (data, with their source clauses), the review workflow (a table),
 * and the contracts of the filing endpoints.
 */

// ---- Rounds (R3.1) ----

export const FILING_ROUND_TYPES = ['centralized', 'rolling'] as const;
export type FilingRoundType = (typeof FILING_ROUND_TYPES)[number];
export const FILING_ROUND_TYPE_LABELS: Record<FilingRoundType, { zh: string; en: string }> = {
  centralized: { zh: '集中备案', en: 'Centralized filing' },
  rolling: { zh: '日常备案', en: 'Rolling filing' },
};

export const FILING_ROUND_STATUSES = ['draft', 'open', 'closed', 'results_published'] as const;
export type FilingRoundStatus = (typeof FILING_ROUND_STATUSES)[number];
export const FILING_ROUND_STATUS_LABELS: Record<FilingRoundStatus, { zh: string; en: string }> = {
  draft: { zh: '未开放', en: 'Draft' },
  open: { zh: '开放申报', en: 'Open' },
  closed: { zh: '已截止', en: 'Closed' },
  results_published: { zh: '结果已公布', en: 'Results published' },
};

/** Round status changes by the province: draft → open ⇄ closed; results_published only via publication. */
export const FILING_ROUND_ACTIONS = ['open', 'close', 'reopen'] as const;
export type FilingRoundAction = (typeof FILING_ROUND_ACTIONS)[number];
export const FILING_ROUND_TRANSITIONS: readonly WorkflowTransition<FilingRoundStatus, FilingRoundAction>[] = [
  { action: 'open', from: ['draft'], to: 'open', roles: ['province_admin'], commentRequired: false },
  { action: 'close', from: ['open'], to: 'closed', roles: ['province_admin'], commentRequired: false },
  { action: 'reopen', from: ['closed'], to: 'open', roles: ['province_admin'], commentRequired: false },
];

export const reviewCriterionSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,31}$/, '指标代码须为小写字母开头的字母、数字或下划线'),
  name: inputText().min(1).max(50),
  weight: z.number().int().min(1).max(100),
});
export type ReviewCriterion = z.infer<typeof reviewCriterionSchema>;
export const reviewCriteriaSchema = z
  .array(reviewCriterionSchema)
  .min(1)
  .max(20)
  .refine((cs) => new Set(cs.map((c) => c.key)).size === cs.length, { message: '评审指标代码不能重复' })
  .refine((cs) => cs.reduce((s, c) => s + c.weight, 0) === 100, { message: '评审指标权重之和须等于 100' });

/** Default review criteria of a new round: the three parts of 备案表 and the 论证报告. Provinces edit them. */
export const DEFAULT_REVIEW_CRITERIA: readonly ReviewCriterion[] = [
  { key: 'fit', name: '证书与专业（群）契合度', weight: 30 },
  { key: 'team', name: '项目团队与师资', weight: 25 },
  { key: 'facilities', name: '教学设备场地', weight: 20 },
  { key: 'feasibility', name: '论证充分性与课证融通', weight: 25 },
];

/** Weighted total of one expert's scores (0–100 each) over the round's criteria, two decimals. */
export function weightedTotal(criteria: readonly ReviewCriterion[], scores: Readonly<Record<string, number>>): number {
  const total = criteria.reduce((s, c) => s + (scores[c.key] ?? 0) * c.weight, 0) / 100;
  return Math.round(total * 100) / 100;
}

// ---- Attachments (R3.4) ----

export const FILING_ATTACHMENT_KINDS = ['filing_form_scan', 'feasibility_report_scan', 'work_plan', 'cooperation_agreement'] as const;
export type FilingAttachmentKind = (typeof FILING_ATTACHMENT_KINDS)[number];
export const FILING_ATTACHMENT_LABELS: Record<FilingAttachmentKind, { zh: string; en: string }> = {
  filing_form_scan: { zh: '盖章项目备案表（PDF 扫描件）', en: 'Stamped filing form (PDF scan)' },
  feasibility_report_scan: { zh: '盖章论证报告（PDF 扫描件）', en: 'Stamped feasibility report (PDF scan)' },
  work_plan: { zh: '试点工作方案（一证一方案）', en: 'Pilot work plan (one per certificate)' },
  cooperation_agreement: { zh: '试点合作协议', en: 'Pilot cooperation agreement' },
};

// ---- Sections of the filing (R3.2 = 000 附件1, R3.3 = 000 附件2) ----

const text = (max: number) => inputText().min(1).max(max);
const count = z.number().int().min(0).max(1_000_000);
const years = z.number().int().min(0).max(70);
const percent = z.number().min(0).max(100);
const isoDate = calendarDate;

/** 基本信息: level(s) and declaring department (the certificate is fixed when the filing is created). */
export const basicsSectionSchema = z.object({
  levels: z
    .array(z.enum(CERTIFICATE_LEVELS))
    .min(1)
    .max(3)
    .refine((ls) => new Set(ls).size === ls.length, { message: '等级不能重复' }),
  departmentId: z.string().uuid(),
  /** The account of the project leader (试点负责人), optional: it gives that account access. */
  projectLeaderUserId: z.string().uuid().nullable().optional(),
  /** R3.5: the exam fee the school plans to charge per level (fen), checked against the level's cap at submission. */
  plannedFeesFen: z.partialRecord(z.enum(CERTIFICATE_LEVELS), z.number().int().min(0).max(10_000_000)).optional(),
});

/** 一、申报计划: one row per major; figures prefilled from the school's major figures of the year. */
export const planRowSchema = z.object({
  schoolMajorId: z.string().uuid(),
  enrolledStudents: count,
  fullTimeTeachers: count,
  plannedTrainees: count,
});
export const planSectionSchema = z.object({
  rows: z
    .array(planRowSchema)
    .min(1)
    .max(20)
    .refine((rs) => new Set(rs.map((r) => r.schoolMajorId)).size === rs.length, { message: '同一专业只能填写一行' }),
});

/** 二、项目团队情况 — 项目负责人. */
export const leaderSectionSchema = z.object({
  name: text(50),
  title: text(50),
  post: text(50),
  yearsOfWork: years,
  achievements: text(3000),
});

export const teamMemberSchema = z.object({
  name: text(50),
  title: text(50),
  post: text(50),
  yearsOfWork: years,
  role: text(200),
});
/** 二、项目团队情况 — 项目人员. */
export const teamSectionSchema = z.object({ members: z.array(teamMemberSchema).min(1).max(50) });

/** 三、申报项目的专业概况: 建设成果, 师资队伍, 教学设备场地. */
export const overviewSectionSchema = z.object({
  achievements: text(5000),
  teachers: z.object({
    fullTime: count,
    partTime: count,
    seniorTitle: count,
    /** 双师型教师占专职教师的比例, percent. */
    dualQualifiedRatio: percent,
    /** 行业企业专家占教学团队的比例, percent. */
    industryExpertRatio: percent,
    nationalInnovationTeam: z.boolean(),
  }),
  facilities: z.object({
    trainingRooms: z.array(trainingRoomSchema).min(1).max(50),
    offCampusBases: z.array(offCampusBaseSchema).max(MAX_OFF_CAMPUS_BASES),
    lastYearUsage: count,
    notes: inputText().max(2000).optional(),
  }),
});

export const opinionSchema = z.object({ text: text(2000), signer: text(50), date: isoDate });
/** 申报单位意见 and 主管部门意见 (签字盖章, 年月日). */
export const opinionsSectionSchema = z.object({ declaringUnit: opinionSchema, competentDepartment: opinionSchema });

/** 课程支撑 (001 第八条（四）): the courses that carry the certificate's content. */
export const supportingCourseSchema = z.object({
  name: text(100),
  schoolMajorId: z.string().uuid().optional(),
  credits: z.number().min(0).max(100).optional(),
  hours: z.number().int().min(0).max(10000).optional(),
  note: inputText().max(500).optional(),
});
export const courseSupportSectionSchema = z.object({ courses: z.array(supportingCourseSchema).min(1).max(50) });

export const feasibilityExpertSchema = z.object({
  name: text(50),
  /** 所在单位 */
  unit: text(100),
  /** 职称或职务 */
  titleOrPost: text(50),
  signed: z.boolean(),
});
/** 000 附件2 论证报告. The project name (certificate + level) comes from the filing itself. */
export const feasibilitySectionSchema = z.object({
  leaderName: text(50),
  fundingSource: text(200),
  responsibleDepartment: text(100),
  date: isoDate,
  place: text(100),
  majors: z
    .array(z.object({ name: text(100), headcount: count }))
    .min(1)
    .max(3),
  experts: z.array(feasibilityExpertSchema).min(3).max(15),
  conclusion: text(5000),
});

export const FILING_SECTIONS = ['basics', 'plan', 'leader', 'team', 'overview', 'opinions', 'courseSupport', 'feasibility'] as const;
export type FilingSection = (typeof FILING_SECTIONS)[number];
export const FILING_SECTION_LABELS: Record<FilingSection, { zh: string; en: string }> = {
  basics: { zh: '基本信息（证书等级、申报部门）', en: 'Basics' },
  plan: { zh: '一、申报计划', en: 'Plan' },
  leader: { zh: '二、项目负责人情况', en: 'Project leader' },
  team: { zh: '二、项目人员', en: 'Team' },
  overview: { zh: '三、申报项目的专业概况', en: 'Major overview' },
  opinions: { zh: '申报单位意见、主管部门意见', en: 'Opinions' },
  courseSupport: { zh: '课程支撑', en: 'Course support' },
  feasibility: { zh: '论证报告', en: 'Feasibility report' },
};

/** The complete schema of each section: what submission requires. */
export const FILING_SECTION_SCHEMAS = {
  basics: basicsSectionSchema,
  plan: planSectionSchema,
  leader: leaderSectionSchema,
  team: teamSectionSchema,
  overview: overviewSectionSchema,
  opinions: opinionsSectionSchema,
  courseSupport: courseSupportSectionSchema,
  feasibility: feasibilitySectionSchema,
} as const satisfies Record<FilingSection, z.ZodType>;

export type BasicsSection = z.infer<typeof basicsSectionSchema>;
export type PlanSection = z.infer<typeof planSectionSchema>;
export type LeaderSection = z.infer<typeof leaderSectionSchema>;
export type TeamSection = z.infer<typeof teamSectionSchema>;
export type OverviewSection = z.infer<typeof overviewSectionSchema>;
export type OpinionsSection = z.infer<typeof opinionsSectionSchema>;
export type CourseSupportSection = z.infer<typeof courseSupportSectionSchema>;
export type FeasibilitySection = z.infer<typeof feasibilitySectionSchema>;

/**
 * Drafts are saved section by section over several sittings and may be partial: a draft section is any JSON
 * object (≤ 64 KB) whose present fields have the right types; completeness is checked by `missingFilingFields`
 * (filing-completeness.ts), the one rule of the server's 'sections_complete' and the web's filing wizard.
 * Only `basics` and `plan` (which change columns and rows) must be complete to be saved.
 */
export const draftSectionSchema = z.record(z.string(), z.unknown());

/**
 * The fields still missing or invalid in one section, as `path: message` lines (empty: complete).
 * @deprecated Completeness is `missingFilingFields` (filing-completeness.ts); this stays for callers of one section.
 */
export function sectionProblems(section: FilingSection, value: unknown): string[] {
  if (value === null || value === undefined) return [`${FILING_SECTION_LABELS[section].zh}：未填写`];
  const r = FILING_SECTION_SCHEMAS[section].safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${FILING_SECTION_LABELS[section].zh} ${i.path.join('.')}：${i.message}`);
}

// ---- Rules (R3.5): data with sources; evaluated purely over facts ----

export type RuleSeverity = 'block' | 'warn';

export interface FilingRuleDef {
  id: FilingRuleId;
  severity: RuleSeverity;
  params: Record<string, unknown>;
  /** The clause the rule comes from, quoted in every failure message. */
  source: string;
  description: string;
}

export const FILING_RULE_IDS = [
  'certificate_published',
  'batch_admitted',
  'round_open',
  'one_pilot_per_major',
  'min_candidates',
  'course_support',
  'level_for_school_type',
  'pass_rate',
  'sections_complete',
  'attachments_present',
  'fee_cap',
  'early_batch_new_pilot',
] as const;
export type FilingRuleId = (typeof FILING_RULE_IDS)[number];

const ALL_LEVELS: readonly CertificateLevel[] = CERTIFICATE_LEVELS;

/**
 * The rules, with defaults; where they apply and what they cite is `filingRulesFor` (policies.ts). 原则上 rules are warnings (a reason from the school, a decision by the reviewer);
 * the others block. A province overrides severity or parameters per round (`FilingRound.ruleOverrides`).
 * Level by school type: 教职成〔2019〕6号 lets 中职 and 高职 choose 初级/中级/高级 and 本科层次/应用型本科/开放大学
 * "根据专业实际情况选择", so by default every type may file every level; a province narrows it as a parameter.
 */
export const FILING_RULES: readonly FilingRuleDef[] = [
  {
    id: 'certificate_published',
    severity: 'block',
    params: {},
    source: '',
    description: '证书须在已发布的职业技能等级证书目录中',
  },
  {
    id: 'batch_admitted',
    severity: 'block',
    params: {},
    source: '',
    description: '证书所属批次须为本轮备案接受的批次',
  },
  {
    id: 'round_open',
    severity: 'block',
    params: {},
    source: '',
    description: '本轮备案须处于开放状态且未过学校提交截止时间',
  },
  {
    id: 'one_pilot_per_major',
    severity: 'warn',
    params: { maxPerMajorPerYear: 1 },
    source: '',
    description: '原则上每个专业每年限申报 1 个证书试点',
  },
  {
    id: 'min_candidates',
    severity: 'warn',
    params: { minCandidates: 30 },
    source: '',
    description: '证书试点申报的考证人数原则上不低于 30 人',
  },
  {
    id: 'course_support',
    severity: 'block',
    params: {},
    source: '',
    description: '证书试点申报需有与职业技能等级标准相关的课程支撑',
  },
  {
    id: 'level_for_school_type',
    severity: 'block',
    params: {
      allowedLevels: {
        secondary: ALL_LEVELS,
        higher: ALL_LEVELS,
        undergrad_pilot: ALL_LEVELS,
        applied_undergrad: ALL_LEVELS,
        open_university: ALL_LEVELS,
      } satisfies Record<SchoolType, readonly CertificateLevel[]>,
    },
    source: '',
    description: '申报等级须为本类院校可申报的等级',
  },
  {
    id: 'pass_rate',
    severity: 'block',
    params: { minPassRate: 0.9 },
    source: '',
    description: '上一年度证书通过率低于 90% 的试点，限制下一年度试点申报（省级可予以特批）',
  },
  {
    id: 'sections_complete',
    severity: 'block',
    params: {},
    source: '',
    description: '备案表与论证报告各栏须填写完整',
  },
  {
    id: 'attachments_present',
    severity: 'block',
    params: {},
    source: '',
    description: '须上传盖章备案表、盖章论证报告、试点工作方案及试点合作协议',
  },
  {
    id: 'fee_cap',
    severity: 'block',
    params: {},
    source: '',
    description: '各等级拟收取的考核费用不得超过该等级的收费上限',
  },
  {
    // Issue 17 item 7: where in force, certificates of these batches are admitted in principle only for schools
    // already piloting them (the batch rule leaves them to this warning instead of blocking them). Inert by
    // default: the document that gives the rule names the batches (002 四.4: B1, B2).
    id: 'early_batch_new_pilot',
    severity: 'warn',
    params: { earlyBatchCodes: [] },
    source: '',
    description: '原则上不再新增前两批证书的试点院校（已开展该证书试点的院校不受此限）',
  },
];

export const ruleOverrideSchema = z.object({
  severity: z.enum(['block', 'warn']).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});
/** A round's overrides, keyed by rule id; unknown ids are refused. */
export const ruleOverridesSchema = z.partialRecord(z.enum(FILING_RULE_IDS), ruleOverrideSchema);
export type RuleOverrides = z.infer<typeof ruleOverridesSchema>;

/**
 * The rules in force for a round: the rules of the school (`filingRulesFor` in policies.ts: only those its province,
 * itself or the nation gives, each citing its own document) with the province's overrides of the round applied.
 */
export function effectiveRules<R extends FilingRuleDef>(
  overrides: RuleOverrides = {},
  base: readonly R[] = FILING_RULES as readonly R[],
): R[] {
  return base.map((r) => {
    const o = overrides[r.id];
    return o ? { ...r, severity: o.severity ?? r.severity, params: { ...r.params, ...o.params } } : r;
  });
}

/** What the rules look at; gathered by the server, evaluated here. */
export interface FilingFacts {
  now: string;
  round: {
    status: FilingRoundStatus;
    type: FilingRoundType;
    schoolSubmissionDeadline: string | null;
    admittedBatchCodes: readonly string[];
  };
  certificate: { name: string; status: CertificateTypeStatus; batchCode: string };
  schoolType: SchoolType;
  levels: readonly CertificateLevel[];
  plannedTrainees: number;
  /** Per major of the plan: other non-rejected filings of the same school major in the same year. */
  majorsWithOtherPilots: readonly { majorName: string; otherPilots: number }[];
  courseCount: number;
  /** Previous year's pass rate of this school × certificate (0–1), null without data. */
  previousPassRate: number | null;
  passRateOverridden: boolean;
  sectionProblems: readonly string[];
  missingAttachments: readonly FilingAttachmentKind[];
  /** R3.5: the planned fee of each level of the filing (null: not given) and its cap (fen). */
  plannedFees?: readonly { level: CertificateLevel; feeFen: number | null; capFen: number }[];
  /** Issue 17 item 7: the school already pilots this certificate (another approved pilot of it, not ended). */
  alreadyPilotingCertificate?: boolean;
}

export interface RuleResult {
  ruleId: FilingRuleId;
  severity: RuleSeverity;
  passed: boolean;
  /** Chinese, ending with the source clause. */
  message: string;
  source: string;
  details?: Record<string, unknown>;
}

type Check = (f: FilingFacts, params: Record<string, unknown>) => { passed: boolean; why: string; details?: Record<string, unknown> };

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

const CHECKS: Record<FilingRuleId, Check> = {
  certificate_published: (f) => ({
    passed: f.certificate.status === 'published',
    why: `证书“${f.certificate.name}”不在已发布的证书目录中`,
  }),
  batch_admitted: (f, p) => {
    // A batch left to the early-batch rule (a warning where it is in force) is not blocked here.
    const deferred = Array.isArray(p.deferredBatchCodes) ? (p.deferredBatchCodes as unknown[]) : [];
    return {
      passed: f.round.admittedBatchCodes.includes(f.certificate.batchCode) || deferred.includes(f.certificate.batchCode),
      why: `证书“${f.certificate.name}”所属批次不在本轮备案接受的批次中`,
      details: { batchCode: f.certificate.batchCode, admitted: f.round.admittedBatchCodes },
    };
  },
  early_batch_new_pilot: (f, p) => {
    const early = Array.isArray(p.earlyBatchCodes) ? (p.earlyBatchCodes as unknown[]) : [];
    const isEarly = early.includes(f.certificate.batchCode);
    return {
      passed: !isEarly || f.alreadyPilotingCertificate === true,
      why: `证书“${f.certificate.name}”属于前两批证书，本校尚未开展该证书试点，原则上不再新增前两批证书试点单位`,
      details: { batchCode: f.certificate.batchCode, earlyBatchCodes: early, alreadyPiloting: f.alreadyPilotingCertificate === true },
    };
  },
  round_open: (f) => {
    const deadline = f.round.schoolSubmissionDeadline;
    const past = f.round.type === 'centralized' && deadline !== null && Date.parse(f.now) > Date.parse(deadline);
    return {
      passed: f.round.status === 'open' && !past,
      why: past ? `本轮备案的学校提交截止时间（${deadline}）已过` : '本轮备案未开放',
      details: { deadline },
    };
  },
  one_pilot_per_major: (f, p) => {
    const max = num(p.maxPerMajorPerYear, 1);
    const over = f.majorsWithOtherPilots.filter((m) => m.otherPilots + 1 > max);
    return {
      passed: over.length === 0,
      why: `专业${over.map((m) => `“${m.majorName}”`).join('、')}本年度已有其他证书试点申报（原则上每个专业限 ${max} 个）`,
      details: { majors: over },
    };
  },
  min_candidates: (f, p) => {
    const min = num(p.minCandidates, 30);
    return {
      passed: f.plannedTrainees >= min,
      why: `申请培训人数合计 ${f.plannedTrainees} 人，低于 ${min} 人`,
      details: { plannedTrainees: f.plannedTrainees, min },
    };
  },
  course_support: (f) => ({ passed: f.courseCount > 0, why: '未填写支撑本证书的课程' }),
  level_for_school_type: (f, p) => {
    const table = (p.allowedLevels ?? {}) as Partial<Record<SchoolType, readonly CertificateLevel[]>>;
    const allowed = table[f.schoolType] ?? ALL_LEVELS;
    const refused = f.levels.filter((l) => !allowed.includes(l));
    return {
      passed: refused.length === 0,
      why: `本类院校不可申报所选等级（${refused.join('、')}）`,
      details: { refused, allowed },
    };
  },
  pass_rate: (f, p) => {
    const min = num(p.minPassRate, 0.9);
    const low = f.previousPassRate !== null && f.previousPassRate < min;
    return {
      passed: !low || f.passRateOverridden,
      why: `上一年度本证书通过率为 ${((f.previousPassRate ?? 0) * 100).toFixed(1)}%，低于 ${min * 100}%，且未获省级特批`,
      details: { previousPassRate: f.previousPassRate, min },
    };
  },
  sections_complete: (f) => ({
    passed: f.sectionProblems.length === 0,
    why: `备案表或论证报告尚未填写完整（${f.sectionProblems.length} 处）`,
    details: { problems: f.sectionProblems },
  }),
  fee_cap: (f) => {
    // A level without a planned fee is not checked here; its cap still binds the agreement (R4.2).
    const over = (f.plannedFees ?? []).filter((x) => x.feeFen !== null && x.feeFen > x.capFen);
    const yuan = (fen: number) => (fen / 100).toFixed(2);
    return {
      passed: over.length === 0,
      why: over
        .map((x) => `${CERTIFICATE_LEVEL_LABELS[x.level].zh}拟收取考核费用 ${yuan(x.feeFen!)} 元超过该等级上限 ${yuan(x.capFen)} 元`)
        .join('；'),
      details: { over },
    };
  },
  attachments_present: (f) => ({
    passed: f.missingAttachments.length === 0,
    why: `缺少附件：${f.missingAttachments.map((k) => FILING_ATTACHMENT_LABELS[k].zh).join('、')}`,
    details: { missing: f.missingAttachments },
  }),
};

/** Runs every rule in force over the facts; pure. */
export function evaluateFilingRules(facts: FilingFacts, rules: readonly FilingRuleDef[] = FILING_RULES): RuleResult[] {
  // Issue 17 item 7: where the early-batch rule is in force, its batches are its business (a warning), not the batch rule's.
  const early = rules.find((r) => r.id === 'early_batch_new_pilot')?.params.earlyBatchCodes;
  const deferredBatchCodes = Array.isArray(early) ? early : [];
  return rules.map((r) => {
    const params = r.id === 'batch_admitted' ? { ...r.params, deferredBatchCodes } : r.params;
    const c = CHECKS[r.id](facts, params);
    const message = c.passed ? r.description : `${c.why}（${r.source}）`;
    return { ruleId: r.id, severity: r.severity, passed: c.passed, message, source: r.source, ...(c.details && { details: c.details }) };
  });
}

export const blockingFailures = (results: readonly RuleResult[]) => results.filter((r) => !r.passed && r.severity === 'block');
export const warningFailures = (results: readonly RuleResult[]) => results.filter((r) => !r.passed && r.severity === 'warn');

/** The warnings that still need a reason from the school. */
export function warningsWithoutReason(results: readonly RuleResult[], reasons: Readonly<Record<string, string>>): FilingRuleId[] {
  return warningFailures(results)
    .filter((r) => !reasons[r.ruleId]?.trim())
    .map((r) => r.ruleId);
}

// ---- Workflow (R3.6): a table ----

export const FILING_STATUSES = [
  'draft',
  'submitted',
  'municipal_review',
  'provincial_review',
  'approved',
  'rejected',
  'returned',
  'published',
] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
export const FILING_STATUS_LABELS: Record<FilingStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  municipal_review: { zh: '地市初审中', en: 'Municipal review' },
  provincial_review: { zh: '省级评审中', en: 'Provincial review' },
  approved: { zh: '已通过（待公布）', en: 'Approved (unpublished)' },
  rejected: { zh: '未通过（待公布）', en: 'Rejected (unpublished)' },
  returned: { zh: '退回修改', en: 'Returned for revision' },
  published: { zh: '结果已公布', en: 'Published' },
};

export const FILING_ACTIONS = [
  'submit',
  'accept_for_review',
  'municipal_approve',
  'municipal_return',
  'assign_experts',
  'expert_score',
  'approve',
  'reject',
  'return',
  'publish',
] as const;
export type FilingAction = (typeof FILING_ACTIONS)[number];
export const FILING_ACTION_LABELS: Record<FilingAction, { zh: string; en: string }> = {
  submit: { zh: '提交', en: 'Submit' },
  accept_for_review: { zh: '受理', en: 'Accept for review' },
  municipal_approve: { zh: '初审通过', en: 'Municipal approval' },
  municipal_return: { zh: '初审退回', en: 'Municipal return' },
  assign_experts: { zh: '分配评审专家', en: 'Assign experts' },
  expert_score: { zh: '专家评分', en: 'Expert scoring' },
  approve: { zh: '审核通过', en: 'Approve' },
  reject: { zh: '审核不通过', en: 'Reject' },
  return: { zh: '退回修改', en: 'Return for revision' },
  publish: { zh: '公布结果', en: 'Publish' },
};

/** Which filings a transition applies to: 中职 (municipal review, 000 §二(三)), the others, or any. */
export type FilingPath = 'secondary' | 'other' | 'any';

export interface FilingTransition extends WorkflowTransition<FilingStatus, FilingAction> {
  path: FilingPath;
}

/**
 * The review workflow. Submission is the school's (教务部 is the 归口管理部门 that organizes all filings,
 * 001 第四条; the stamped form is the school's, 000 §二(二)); departments and project leaders prepare drafts.
 * `submitted` waits to be accepted (受理) by the first reviewer: the city for 中职, the province otherwise.
 * assign_experts and expert_score keep the status (they are events of the provincial review).
 * approved / rejected stay invisible to the school until the province publishes the round's results.
 */
export const FILING_TRANSITIONS: readonly FilingTransition[] = [
  { action: 'submit', from: ['draft', 'returned'], to: 'submitted', roles: ['school_admin'], commentRequired: false, path: 'any' },
  {
    action: 'accept_for_review',
    from: ['submitted'],
    to: 'municipal_review',
    roles: ['municipal_admin'],
    commentRequired: false,
    path: 'secondary',
  },
  {
    action: 'accept_for_review',
    from: ['submitted'],
    to: 'provincial_review',
    roles: ['province_admin'],
    commentRequired: false,
    path: 'other',
  },
  {
    action: 'municipal_approve',
    from: ['municipal_review'],
    to: 'provincial_review',
    roles: ['municipal_admin'],
    commentRequired: false,
    path: 'secondary',
  },
  {
    action: 'municipal_return',
    from: ['submitted', 'municipal_review'],
    to: 'returned',
    roles: ['municipal_admin'],
    commentRequired: true,
    path: 'secondary',
  },
  {
    action: 'assign_experts',
    from: ['provincial_review'],
    to: 'provincial_review',
    roles: ['province_admin'],
    commentRequired: false,
    path: 'any',
  },
  { action: 'expert_score', from: ['provincial_review'], to: 'provincial_review', roles: ['expert'], commentRequired: true, path: 'any' },
  { action: 'approve', from: ['provincial_review'], to: 'approved', roles: ['province_admin'], commentRequired: false, path: 'any' },
  { action: 'reject', from: ['provincial_review'], to: 'rejected', roles: ['province_admin'], commentRequired: true, path: 'any' },
  {
    action: 'return',
    from: ['submitted', 'provincial_review'],
    to: 'returned',
    roles: ['province_admin'],
    commentRequired: true,
    path: 'any',
  },
  { action: 'publish', from: ['approved', 'rejected'], to: 'published', roles: ['province_admin'], commentRequired: false, path: 'any' },
];

const pathMatches = (p: FilingPath, secondary: boolean) => p === 'any' || (p === 'secondary') === secondary;

/**
 * The transition an action takes from a status for a filing on the given path, or undefined (409).
 * `return` from `submitted` by the province applies only to non-中职 filings (the city handles 中职 first).
 */
export function filingTransition(action: FilingAction, from: FilingStatus, secondary: boolean): FilingTransition | undefined {
  return FILING_TRANSITIONS.find(
    (t) =>
      t.action === action &&
      t.from.includes(from) &&
      pathMatches(t.path, secondary) &&
      !(action === 'return' && from === 'submitted' && secondary),
  );
}

/** Whether a role may take an action at all (403 when not). */
export const roleMayTake = (role: Role, action: FilingAction) =>
  FILING_TRANSITIONS.some((t) => t.action === action && t.roles.includes(role));

/** Statuses in which the school edits sections and attachments. */
export const EDITABLE_FILING_STATUSES: readonly FilingStatus[] = ['draft', 'returned'];
/** Statuses that count as a pilot of the year for the one-pilot-per-major rule (everything not rejected). */
export const isLivePilot = (status: FilingStatus, decision: 'approved' | 'rejected' | null) =>
  status !== 'rejected' && decision !== 'rejected';

/** What the school sees as the status: the decision stays hidden until publication (000 §二, 002 §四.2). */
export function visibleStatus(status: FilingStatus, seesUnpublishedDecision: boolean): FilingStatus {
  if (seesUnpublishedDecision) return status;
  return status === 'approved' || status === 'rejected' ? 'provincial_review' : status;
}

export const FILING_UI_ACTIONS = [...FILING_ACTIONS, 'edit', 'uploadAttachment'] as const;
export type FilingUiAction = (typeof FILING_UI_ACTIONS)[number];

// ---- Contracts ----

export const filingStatusSchema = z.enum(FILING_STATUSES);
export const filingActionSchema = z.enum(FILING_ACTIONS);
export const filingSectionSchema = z.enum(FILING_SECTIONS);
export const filingAttachmentKindSchema = z.enum(FILING_ATTACHMENT_KINDS);
export const filingRoundStatusSchema = z.enum(FILING_ROUND_STATUSES);
export const filingRoundTypeSchema = z.enum(FILING_ROUND_TYPES);

const roundFields = {
  name: inputText().min(1).max(100),
  year: z.number().int().min(2000).max(2100),
  type: filingRoundTypeSchema,
  schoolSubmissionDeadline: z.string().datetime({ offset: true }).nullable().optional(),
  municipalReviewDeadline: z.string().datetime({ offset: true }).nullable().optional(),
  provincialReviewDeadline: z.string().datetime({ offset: true }).nullable().optional(),
  admittedBatchCodes: z.array(inputText().min(1).max(16)).min(1).max(20),
  majorCatalogEdition: inputText().min(1).max(16),
  reviewCriteria: reviewCriteriaSchema.optional(),
  ruleOverrides: ruleOverridesSchema.optional(),
  requiredAttachments: z.array(filingAttachmentKindSchema).max(FILING_ATTACHMENT_KINDS.length).optional(),
  description: inputText().max(5000).nullable().optional(),
};
export const createFilingRoundSchema = z.object(roundFields).refine((r) => r.type === 'rolling' || !!r.schoolSubmissionDeadline, {
  message: '集中备案须设置学校提交截止时间',
  path: ['schoolSubmissionDeadline'],
});
export type CreateFilingRoundRequest = z.infer<typeof createFilingRoundSchema>;
export const updateFilingRoundSchema = z.object(roundFields).partial();
export type UpdateFilingRoundRequest = z.infer<typeof updateFilingRoundSchema>;
export const filingRoundTransitionSchema = z.object({ action: z.enum(FILING_ROUND_ACTIONS) });

export const filingRoundSchema = z.object({
  id: z.string(),
  provinceCode: z.string(),
  name: z.string(),
  year: z.number().int(),
  type: filingRoundTypeSchema,
  status: filingRoundStatusSchema,
  schoolSubmissionDeadline: z.string().nullable(),
  municipalReviewDeadline: z.string().nullable(),
  provincialReviewDeadline: z.string().nullable(),
  admittedBatchCodes: z.array(z.string()),
  majorCatalogEdition: z.string(),
  reviewCriteria: z.array(reviewCriterionSchema),
  ruleOverrides: ruleOverridesSchema,
  requiredAttachments: z.array(filingAttachmentKindSchema),
  description: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Server time, for countdowns. */
  now: z.string(),
  /** Open and before the school deadline. */
  acceptingSubmissions: z.boolean(),
  allowedActions: z.array(z.enum([...FILING_ROUND_ACTIONS, 'edit', 'publish'])),
});
export type FilingRoundDto = z.infer<typeof filingRoundSchema>;

export const filingRoundQuerySchema = z.object({
  status: filingRoundStatusSchema.optional(),
  year: z.coerce.number().int().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const createFilingSchema = z.object({
  roundId: z.string().uuid(),
  certificateTypeId: z.string().uuid(),
  departmentId: z.string().uuid(),
  levels: basicsSectionSchema.shape.levels,
  /** School majors of the plan; their figures are prefilled from the school's major figures. */
  schoolMajorIds: z.array(z.string().uuid()).max(20).optional(),
});
export type CreateFilingRequest = z.infer<typeof createFilingSchema>;

export const planRowDtoSchema = planRowSchema.extend({ majorCode: z.string(), majorName: z.string() });

export const filingAttachmentSchema = z.object({
  id: z.string(),
  kind: filingAttachmentKindSchema,
  version: z.number().int(),
  fileId: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  downloadUrl: z.string(),
});
export type FilingAttachmentDto = z.infer<typeof filingAttachmentSchema>;

export const ruleResultSchema = z.object({
  ruleId: z.enum(FILING_RULE_IDS),
  severity: z.enum(['block', 'warn']),
  passed: z.boolean(),
  message: z.string(),
  source: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export const ruleReportSchema = z.object({
  results: z.array(ruleResultSchema),
  blocking: z.number().int(),
  warnings: z.number().int(),
  /** Time of evaluation. */
  at: z.string(),
});
export type RuleReportDto = z.infer<typeof ruleReportSchema>;

export const warningDecisionSchema = z.object({ accepted: z.boolean(), reason: inputText().min(1).max(1000) });
export const filingEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  fromStatus: filingStatusSchema,
  toStatus: filingStatusSchema,
  opinion: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  at: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type FilingEventDto = z.infer<typeof filingEventSchema>;

export const expertAssignmentSchema = z.object({
  expertId: z.string(),
  expertName: z.string(),
  assignedAt: z.string(),
  scores: z.record(z.string(), z.number()).nullable(),
  weightedTotal: z.number().nullable(),
  opinion: z.string().nullable(),
  scoredAt: z.string().nullable(),
});
export type ExpertAssignmentDto = z.infer<typeof expertAssignmentSchema>;

export const filingSummarySchema = z.object({
  id: z.string(),
  roundId: z.string(),
  roundName: z.string(),
  year: z.number().int(),
  provinceCode: z.string(),
  cityCode: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  schoolType: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  certificateTypeId: z.string(),
  certificateTypeName: z.string(),
  levels: z.array(z.enum(CERTIFICATE_LEVELS)),
  /** The status as this actor may see it (a school sees approved/rejected only after publication). */
  status: filingStatusSchema,
  decision: z.enum(['approved', 'rejected']).nullable(),
  needsMunicipalReview: z.boolean(),
  majorCount: z.number().int(),
  plannedTrainees: z.number().int(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(FILING_UI_ACTIONS)),
});
export type FilingSummaryDto = z.infer<typeof filingSummarySchema>;

const sectionValue = z.record(z.string(), z.unknown()).nullable();
/** The authenticity pledge of the last submission: who, when, the words pledged and their basis for the school. */
export const filingPledgeSchema = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.string(),
  at: z.string(),
  text: z.string(),
  source: z.string(),
});
export type FilingPledgeDto = z.infer<typeof filingPledgeSchema>;

export const filingDetailSchema = filingSummarySchema.extend({
  projectLeaderUserId: z.string().nullable(),
  /** R3.5: the exam fee planned per level (fen), checked against the level's cap at submission. */
  plannedFeesFen: z.partialRecord(z.enum(CERTIFICATE_LEVELS), z.number()).optional(),
  pledge: filingPledgeSchema.nullable().optional(),
  decisionComment: z.string().nullable(),
  sections: z.object({
    plan: z.object({ rows: z.array(planRowDtoSchema) }),
    leader: sectionValue,
    team: sectionValue,
    overview: sectionValue,
    opinions: sectionValue,
    courseSupport: sectionValue,
    feasibility: sectionValue,
  }),
  attachments: z.array(filingAttachmentSchema),
  /** Older versions of each attachment kind, newest first. */
  attachmentHistory: z.array(filingAttachmentSchema),
  warningReasons: z.record(z.string(), z.string()),
  warningDecisions: z.record(z.string(), warningDecisionSchema.extend({ decidedAt: z.string(), decidedBy: z.string() })),
  returnComments: z.record(z.string(), z.string()),
  ruleReportAtSubmission: ruleReportSchema.nullable(),
  /** Province admins and (own only) experts; null for others. */
  expertAssignments: z.array(expertAssignmentSchema).nullable(),
  reviewCriteria: z.array(reviewCriterionSchema),
  timeline: z.array(filingEventSchema),
  /** R3.9: pass-rate flag of this pilot and the restriction of this filing (pass-rates module). */
  passRate: passRateFlagSchema,
});
export type FilingDetailDto = z.infer<typeof filingDetailSchema>;

export const filingQuerySchema = z.object({
  roundId: z.string().uuid().optional(),
  status: filingStatusSchema.optional(),
  certificateTypeId: z.string().uuid().optional(),
  schoolId: z.string().uuid().optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  year: z.coerce.number().int().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type FilingQuery = z.infer<typeof filingQuerySchema>;

/** POST /filings/{id}/transitions: one body for every action; the fields an action needs are checked by the server. */
export const filingTransitionRequestSchema = z.object({
  action: filingActionSchema.exclude(['publish']),
  comment: inputText().max(2000).optional(),
  /** submit: a reason per failed warning rule. */
  warningReasons: z.record(z.string(), inputText().max(1000)).optional(),
  /** approve / reject: the reviewer's decision per warning the school gave a reason for. */
  warningDecisions: z.record(z.string(), warningDecisionSchema).optional(),
  /** return / municipal_return: comments per section. */
  sectionComments: z.partialRecord(filingSectionSchema, inputText().max(2000)).optional(),
  /** assign_experts */
  expertIds: z.array(z.string().uuid()).min(1).max(20).optional(),
  /** expert_score: 0–100 per criterion key of the round. */
  scores: z.record(z.string(), z.number().min(0).max(100)).optional(),
  /** submit: the submitter's authenticity pledge (对材料真实性负责), required to submit; recorded with who and when. */
  pledge: z.boolean().optional(),
});
export type FilingTransitionRequest = z.infer<typeof filingTransitionRequestSchema>;

import { z } from 'zod';
import { CERTIFICATE_LEVELS, EXAM_FORMS, NATIONAL_FEE_CAPS_FEN, type ExamForm } from './catalog';
import { lowerCaps } from './fee-notices';
import { FILING_RULES, FILING_RULE_IDS, type FilingRuleDef, type FilingRuleId, type RuleSeverity } from './filings';
import { int4, text } from './input';
import { SCHOOL_TYPES } from './schools';

/**
 * Policies as data with a jurisdiction (issue 18 item 0). A rule, a notice text or a default applies only inside the
 * jurisdiction of the document it comes from and cites that document:
 * - national: `003` (教职成〔2019〕6号 and 教职成司函〔2019〕36号, as forwarded in 003);
 * - provincial: `000` 粤教职函〔2023〕12号 (广东, 440000), `002` 鄂教职成办函〔2021〕7号 (湖北, 420000);
 * - school: `001` 粤生态职院〔2023〕18号 (广东生态工程职业学院 only), `004` 广州城市职业学院第二批试点工作方案 (that school only).
 * The one exception: the four fee caps of `001` 第十七条 are the only caps the seeds give, so they stay the default of
 * every school, labelled {@link DEFAULT_FEE_CAP_LABEL}, until a province sets its own (a `fee_caps` rule).
 * A province or a school adds its own documents and rules (stored by the server, merged here).
 */

export const POLICY_LEVELS = ['national', 'province', 'school'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];
export const POLICY_LEVEL_LABELS: Record<PolicyLevel, { zh: string; en: string }> = {
  national: { zh: '国家', en: 'National' },
  province: { zh: '省级', en: 'Provincial' },
  school: { zh: '学校', en: 'School' },
};

/** Where a document applies. A school is named by id (documents added on the platform) or by name (the seeds). */
export type Jurisdiction =
  | { level: 'national' }
  | { level: 'province'; provinceCode: string }
  | { level: 'school'; provinceCode: string; schoolId?: string; schoolName?: string };

export interface PolicyDocument {
  /** `000`…`004` for the seeds, the row id for documents added on the platform. */
  key: string;
  /** 文号 (or the title's short form when the document has none). */
  number: string;
  title: string;
  issuer: string;
  jurisdiction: Jurisdiction;
  builtIn: boolean;
}

export const SEED_POLICY_DOCUMENTS: readonly PolicyDocument[] = [
  {
    key: '003',
    number: '教职成〔2019〕6号',
    title: '关于在院校实施“学历证书+若干职业技能等级证书”制度试点方案（含教职成司函〔2019〕36号 关于做好首批1+X证书制度试点工作的通知）',
    issuer: '教育部等四部门',
    jurisdiction: { level: 'national' },
    builtIn: true,
  },
  {
    key: '000',
    number: '粤教职函〔2023〕12号',
    title: '广东省教育厅关于做好2023年“学历证书+若干职业技能等级证书”制度实施工作的通知',
    issuer: '广东省教育厅',
    jurisdiction: { level: 'province', provinceCode: '440000' },
    builtIn: true,
  },
  {
    key: '002',
    number: '鄂教职成办函〔2021〕7号',
    title: '省教育厅办公室关于做好2021年1+X证书制度试点工作的通知',
    issuer: '湖北省教育厅办公室',
    jurisdiction: { level: 'province', provinceCode: '420000' },
    builtIn: true,
  },
  {
    key: '001',
    number: '粤生态职院〔2023〕18号',
    title: '广东生态工程职业学院1+X证书制度试点工作管理办法（试行）',
    issuer: '广东生态工程职业学院',
    jurisdiction: { level: 'school', provinceCode: '440000', schoolName: '广东生态工程职业学院' },
    builtIn: true,
  },
  {
    key: '004',
    number: '广州城市职业学院第二批1+X证书制度试点工作方案',
    title: '广州城市职业学院第二批1+X证书制度试点工作方案',
    issuer: '广州城市职业学院',
    jurisdiction: { level: 'school', provinceCode: '440000', schoolName: '广州城市职业学院' },
    builtIn: true,
  },
];

/** The school whose rules are asked for. */
export interface PolicySubject {
  provinceCode: string;
  schoolId: string | null;
  schoolName: string | null;
}

/** Whether a document's jurisdiction holds the subject (a province-only subject: national and that province). */
export function jurisdictionCovers(j: Jurisdiction, s: PolicySubject): boolean {
  if (j.level === 'national') return true;
  if (j.level === 'province') return j.provinceCode === s.provinceCode;
  if (j.provinceCode !== s.provinceCode) return false;
  return (j.schoolId !== undefined && j.schoolId === s.schoolId) || (j.schoolName !== undefined && j.schoolName === s.schoolName);
}

export const citationText = (doc: PolicyDocument, clause: string) => `${doc.number} ${clause}`.trim();

// ---- rule sources ----

/** The kinds of rule a document can carry: the filing rules of R3.5 and the fee caps. */
export const POLICY_RULE_KINDS = [...FILING_RULE_IDS, 'fee_cap', 'fee_caps'] as const;
export type PolicyRuleKind = (typeof POLICY_RULE_KINDS)[number];

/** One document's basis for a rule, optionally with its own severity and parameters. */
export interface RuleSource {
  doc: string;
  clause: string;
  severity?: RuleSeverity;
  params?: Record<string, unknown>;
}

/** The seeds' basis of each filing rule. A rule without a source covering the school does not apply to it. */
export const SEED_RULE_SOURCES: Readonly<Record<FilingRuleId | 'fee_cap', readonly RuleSource[]>> = {
  certificate_published: [
    { doc: '003', clause: '二（二）（职业技能等级证书及标准由培训评价组织开发，经遴选公布）' },
    { doc: '000', clause: '一、证书范围' },
    { doc: '002', clause: '一、试点证书' },
  ],
  batch_admitted: [
    { doc: '000', clause: '一、证书范围（教育部已公布的四批次证书）' },
    { doc: '002', clause: '四.4（本批次以第三批、第四批证书为主）' },
  ],
  // Issue 17 item 7: a 原则上 rule of 湖北 only — a warning the reviewer may override, not a block.
  early_batch_new_pilot: [
    { doc: '002', clause: '四.4（原则上不再新增前两批证书试点单位）', severity: 'warn', params: { earlyBatchCodes: ['B1', 'B2'] } },
  ],
  round_open: [
    { doc: '000', clause: '三（二）（集中备案截止时间）' },
    { doc: '002', clause: '四.4（平台填报截至日期）' },
  ],
  one_pilot_per_major: [{ doc: '001', clause: '第八条（二）', severity: 'warn', params: { maxPerMajorPerYear: 1 } }],
  min_candidates: [{ doc: '001', clause: '第八条（三）', severity: 'warn', params: { minCandidates: 30 } }],
  course_support: [
    { doc: '003', clause: '二（三）（将证书培训内容有机融入专业人才培养方案，优化课程设置）' },
    { doc: '002', clause: '三.3（深入推进课证融通）' },
    { doc: '001', clause: '第八条（四）' },
    { doc: '004', clause: '四（一）（证书融入专业人才培养）' },
  ],
  level_for_school_type: [{ doc: '003', clause: '二（三）（院校可结合初级、中级、高级职业技能等级开展培训评价）' }],
  pass_rate: [{ doc: '001', clause: '第十二条', params: { minPassRate: 0.9 } }],
  sections_complete: [
    { doc: '000', clause: '二（二）、附件1、附件2' },
    { doc: '002', clause: '四.3（在平台填报试点申报信息）' },
  ],
  attachments_present: [
    { doc: '000', clause: '二（二）（盖章备案表、论证报告）' },
    { doc: '002', clause: '三.6、四.3（试点工作方案、试点合作协议）' },
  ],
  fee_cap: [{ doc: '002', clause: '三.5（考核费用标准不得高于国家规定的上限标准）' }],
};

/** A rule added on the platform by a province or a school (or the national level) to one of its documents. */
export interface CustomPolicyRule {
  id: string;
  documentId: string;
  kind: PolicyRuleKind;
  clause: string;
  severity: RuleSeverity | null;
  params: Record<string, unknown>;
}

/** The documents and rules in force for a subject: the seeds' plus those added on the platform. */
export interface PolicySet {
  documents: readonly PolicyDocument[];
  rules: readonly CustomPolicyRule[];
}

const LEVEL_ORDER: Record<PolicyLevel, number> = { national: 0, province: 1, school: 2 };

/** The documents whose jurisdiction holds the subject, national first, the school's last. */
export function documentsFor(subject: PolicySubject, custom: readonly PolicyDocument[] = []): PolicyDocument[] {
  return [...SEED_POLICY_DOCUMENTS, ...custom]
    .filter((d) => jurisdictionCovers(d.jurisdiction, subject))
    .sort((a, b) => LEVEL_ORDER[a.jurisdiction.level] - LEVEL_ORDER[b.jurisdiction.level]);
}

function sourcesFor(kind: PolicyRuleKind, subject: PolicySubject, set: PolicySet): { doc: PolicyDocument; source: RuleSource }[] {
  const docs = documentsFor(subject, set.documents);
  const byKey = new Map(docs.map((d) => [d.key, d]));
  const seed = kind === 'fee_caps' ? [] : (SEED_RULE_SOURCES[kind] ?? []);
  const added: RuleSource[] = set.rules
    .filter((r) => r.kind === kind)
    .map((r) => ({ doc: r.documentId, clause: r.clause, ...(r.severity && { severity: r.severity }), params: r.params }));
  return [...seed, ...added]
    .filter((s) => byKey.has(s.doc))
    .map((source) => ({ doc: byKey.get(source.doc)!, source }))
    .sort((a, b) => LEVEL_ORDER[a.doc.jurisdiction.level] - LEVEL_ORDER[b.doc.jurisdiction.level]);
}

/** A filing rule as it applies to one school: its citations are only those of documents in force there. */
export interface AppliedFilingRule extends FilingRuleDef {
  citations: { doc: string; number: string; level: PolicyLevel; clause: string }[];
}

/**
 * The filing rules in force for a school (R3.5): a rule applies when a document in force there gives it; its
 * severity and parameters are the most specific document's (school over province over nation), its `source` cites
 * exactly those documents.
 */
export function filingRulesFor(subject: PolicySubject, set: PolicySet = { documents: [], rules: [] }): AppliedFilingRule[] {
  const out: AppliedFilingRule[] = [];
  for (const base of FILING_RULES) {
    const found = sourcesFor(base.id, subject, set);
    // The fee cap applies everywhere: the default caps (001 第十七条) are every school's until its province sets its own.
    if (found.length === 0 && base.id !== 'fee_cap') continue;
    let severity = base.severity;
    let params = { ...base.params };
    for (const { source } of found) {
      if (source.severity) severity = source.severity;
      if (source.params) params = { ...params, ...source.params };
    }
    const citations = found.map(({ doc, source }) => ({
      doc: doc.key,
      number: doc.number,
      level: doc.jurisdiction.level,
      clause: source.clause,
    }));
    const source = citations.map((c) => `${c.number} ${c.clause}`);
    if (base.id === 'fee_cap') source.push(feeCapsFor(subject, set).label);
    out.push({ ...base, severity, params, source: source.join('；'), citations });
  }
  return out;
}

/** The filing rules a province configures for its rounds: national and its own documents (schools add theirs). */
export const filingRulesForProvince = (provinceCode: string, set?: PolicySet) =>
  filingRulesFor({ provinceCode, schoolId: null, schoolName: null }, set);

// ---- fee caps (R1.2, R3.5, R4.2) ----

export const DEFAULT_FEE_CAP_LABEL = '试点期间成本上限（据 001 第十七条）';

export interface FeeCaps {
  capsFen: Readonly<Record<ExamForm, number>>;
  /** The label shown with every cap and in every over-cap message. */
  label: string;
  /** The document of a province's own caps; null for the default. */
  doc: string | null;
}

export const feeCapsParamsSchema = z.object(
  Object.fromEntries(EXAM_FORMS.map((f) => [f, z.number().int().min(0).max(10_000_000)])) as Record<ExamForm, z.ZodNumber>,
);

/**
 * The caps of a school: a province's own `fee_caps` rule (the most specific one) replaces the default, which is the
 * four caps of `001` 第十七条 — the only caps the seeds give, so the default of every school, labelled as such.
 * A province may only lower them (issue 17 item 6, R1.2): its caps are applied form by form as the lower of its own
 * and the default, so a cap stored above the default can never raise one.
 */
export function feeCapsFor(subject: PolicySubject, set: PolicySet = { documents: [], rules: [] }): FeeCaps {
  const own = sourcesFor('fee_caps', subject, set).filter(({ doc }) => doc.jurisdiction.level !== 'school');
  const last = own[own.length - 1];
  const parsed = last && feeCapsParamsSchema.safeParse(last.source.params);
  if (last && parsed?.success)
    return {
      capsFen: lowerCaps(parsed.data as Record<ExamForm, number>, NATIONAL_FEE_CAPS_FEN),
      label: `${last.doc.number} ${last.source.clause}`,
      doc: last.doc.key,
    };
  return { capsFen: NATIONAL_FEE_CAPS_FEN, label: DEFAULT_FEE_CAP_LABEL, doc: null };
}

/** The citation of the fee-cap check of a school: its province's basis when there is one, and the caps' label. */
export function feeCapCitation(subject: PolicySubject, set: PolicySet = { documents: [], rules: [] }): string {
  const caps = feeCapsFor(subject, set);
  const basis = sourcesFor('fee_cap', subject, set).map(({ doc, source }) => citationText(doc, source.clause));
  return [...basis, caps.label].join('；');
}

// ---- texts shown to a school or its learners ----

export const POLICY_TEXT_KEYS = ['consent_notice', 'authenticity_pledge', 'annual_plan_hint', 'change_request_hint'] as const;
export type PolicyTextKey = (typeof POLICY_TEXT_KEYS)[number];

interface TextVariant {
  /** null: the platform's own wording, citing nothing. */
  doc: string | null;
  clause: string;
  zh: string;
}

/** Each text's wording per document; the most specific variant in force is shown, the platform's otherwise. */
export const SEED_POLICY_TEXTS: Readonly<Record<PolicyTextKey, readonly TextVariant[]>> = {
  consent_notice: [
    {
      doc: null,
      clause: '',
      zh: '学校推荐你参加以下考核。是否参加由你本人决定，不同意不会影响你的学业。考核费用由学校支付的，不向你收取。',
    },
    {
      doc: '002',
      clause: '三.2、三.5',
      zh: '学校推荐你参加以下考核。是否参加由你本人决定（遵循学生自愿参与的原则），不同意不会影响你的学业；试点期间不得将是否获得证书作为毕业标准。',
    },
    {
      doc: '001',
      clause: '第十九条（三）、第十二条',
      zh: '学校推荐你参加以下考核。是否参加由你本人决定，不同意不会影响你的学业（不得强制或变相强制学生参加培训或考核）；考核费用由学校全额支付。',
    },
  ],
  authenticity_pledge: [
    { doc: null, clause: '', zh: '本人承诺：所填报的备案材料及上传的附件真实、准确、完整，并对材料的真实性负责。' },
    {
      doc: '001',
      clause: '第五条（二）',
      zh: '本人承诺：按照省教育厅要求开展试点申报，所填报的备案材料及上传的附件真实、准确、完整，并对材料的真实性负责。',
    },
  ],
  annual_plan_hint: [
    {
      doc: null,
      clause: '',
      zh: '往年已获批的试点证书，填报本年度拟考证人数，或沿用上年度计划；不再继续试点的证书选择“不再继续（试点结束）”。',
    },
    {
      doc: '002',
      clause: '四.4',
      zh: '2019-2020 年已获批试点证书的院校，需填报本年度证书申报计划（拟考证人数），沿用上年度计划的须纳入本年度总体申报计划；不再继续试点的证书不申报计划即可。',
    },
  ],
  change_request_hint: [
    {
      doc: null,
      clause: '',
      zh: '备案审核通过后，建设内容、进度安排以及试点负责人如需调整，须提交书面变更申请，经省级教育行政部门同意后备案。',
    },
    {
      doc: '001',
      clause: '第七条',
      zh: '建设内容、进度安排以及试点负责人经省教育厅审核通过后，不得随意调整；确需调整的，须提交书面申请报省教育厅备案。',
    },
  ],
};

export interface PolicyText {
  key: PolicyTextKey;
  zh: string;
  /** The citation, empty for the platform's own wording. */
  source: string;
  doc: string | null;
}

/** The wording of a text for a school: the most specific document in force that gives one, else the platform's. */
export function policyTextFor(key: PolicyTextKey, subject: PolicySubject, custom: readonly PolicyDocument[] = []): PolicyText {
  const docs = documentsFor(subject, custom);
  const rank = new Map(docs.map((d, i) => [d.key, i]));
  let best: { v: TextVariant; doc: PolicyDocument | null; rank: number } | null = null;
  for (const v of SEED_POLICY_TEXTS[key]) {
    if (v.doc === null) {
      if (!best) best = { v, doc: null, rank: -1 };
      continue;
    }
    const r = rank.get(v.doc);
    if (r === undefined) continue;
    if (!best || r > best.rank) best = { v, doc: docs[r]!, rank: r };
  }
  const { v, doc } = best!;
  return {
    key,
    zh: doc ? `${v.zh}（${citationText(doc, v.clause)}）` : v.zh,
    source: doc ? citationText(doc, v.clause) : '',
    doc: doc?.key ?? null,
  };
}

export const policyTextsFor = (subject: PolicySubject, custom: readonly PolicyDocument[] = []) =>
  Object.fromEntries(POLICY_TEXT_KEYS.map((k) => [k, policyTextFor(k, subject, custom)])) as Record<PolicyTextKey, PolicyText>;

// ---- the cancellation grounds, per school ----

/**
 * The clause a cancellation cites for a school (R8.3): the grounds are worded by `001` 第十九条, which binds its school
 * only; elsewhere the cancellation rests on the national supervision of the pilots (`003` 二（七）).
 */
export function cancellationClauseFor(clause001: string, subject: PolicySubject): string {
  const doc001 = SEED_POLICY_DOCUMENTS.find((d) => d.key === '001')!;
  if (jurisdictionCovers(doc001.jurisdiction, subject)) return clause001;
  return `${SEED_POLICY_DOCUMENTS.find((d) => d.key === '003')!.number} 二（七）（建立健全监督、管理与服务机制）`;
}

// ---- finding citations in any text ----

/**
 * Every document number the seeds know, to find a citation in any text (tests walk the texts a school is shown and
 * check each number found belongs to a document in force there).
 */
export function citedDocuments(textValue: string, custom: readonly PolicyDocument[] = []): PolicyDocument[] {
  return [...SEED_POLICY_DOCUMENTS, ...custom].filter((d) => textValue.includes(d.number) || textValue.includes(`据 ${d.key} `));
}

// ---- contracts (api-v1 "Policies", additive) ----

export const policyJurisdictionSchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('national') }),
  z.object({ level: z.literal('province'), provinceCode: z.string().regex(/^\d{6}$/) }),
  z.object({ level: z.literal('school'), schoolId: z.string().uuid() }),
]);

export const createPolicyDocumentSchema = z.object({
  number: text(100).min(1, '请填写文号'),
  title: text(300).min(1, '请填写标题'),
  issuer: text(100).min(1, '请填写发文单位'),
  jurisdiction: policyJurisdictionSchema,
});
export type CreatePolicyDocumentRequest = z.infer<typeof createPolicyDocumentSchema>;

export const createPolicyRuleSchema = z.object({
  kind: z.enum(POLICY_RULE_KINDS),
  clause: text(200).min(1, '请填写条款'),
  severity: z.enum(['block', 'warn']).nullable().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type CreatePolicyRuleRequest = z.infer<typeof createPolicyRuleSchema>;

/**
 * The parameters each kind of rule can carry (what the filing checks read), so that a document cannot store parameters
 * that break the checks of every school it covers: unknown keys and wrong types are refused when the rule is added.
 */
const noParams = z.object({}).strict();
export const POLICY_RULE_PARAMS_SCHEMAS: Readonly<Record<PolicyRuleKind, z.ZodType>> = {
  certificate_published: noParams,
  batch_admitted: noParams,
  round_open: noParams,
  one_pilot_per_major: z
    .object({ maxPerMajorPerYear: int4(1, 100) })
    .partial()
    .strict(),
  min_candidates: z
    .object({ minCandidates: int4(0, 100_000) })
    .partial()
    .strict(),
  course_support: noParams,
  level_for_school_type: z
    .object({ allowedLevels: z.partialRecord(z.enum(SCHOOL_TYPES), z.array(z.enum(CERTIFICATE_LEVELS)).max(CERTIFICATE_LEVELS.length)) })
    .partial()
    .strict(),
  pass_rate: z
    .object({ minPassRate: z.number().min(0, '不能小于 0').max(1, '通过率以 0–1 的小数表示（如 0.9）') })
    .partial()
    .strict(),
  sections_complete: noParams,
  attachments_present: noParams,
  fee_cap: noParams,
  early_batch_new_pilot: z
    .object({ earlyBatchCodes: z.array(text(20).min(1)).max(20) })
    .partial()
    .strict(),
  fee_caps: feeCapsParamsSchema,
};

/**
 * Whether a rule of a school's own document would relax what the nation or the school's province makes blocking
 * (a school's rules add to those above it, they never lift them): a warning in place of a blocking rule, or other
 * parameters for it.
 */
export function schoolRuleRelaxes(
  rule: { kind: PolicyRuleKind; severity: RuleSeverity | null; params: Record<string, unknown> },
  provinceCode: string,
  set: PolicySet,
): boolean {
  if (rule.kind === 'fee_caps') return false; // refused for school documents on its own
  const above = filingRulesForProvince(provinceCode, set).find((r) => r.id === rule.kind);
  if (!above || above.severity !== 'block') return false;
  return rule.severity === 'warn' || Object.keys(rule.params).length > 0;
}

export const policyDocumentDtoSchema = z.object({
  key: z.string(),
  number: z.string(),
  title: z.string(),
  issuer: z.string(),
  level: z.enum(POLICY_LEVELS),
  provinceCode: z.string().nullable(),
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
  builtIn: z.boolean(),
  rules: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      clause: z.string(),
      severity: z.enum(['block', 'warn']).nullable(),
      params: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type PolicyDocumentDto = z.infer<typeof policyDocumentDtoSchema>;

export const effectivePoliciesDtoSchema = z.object({
  subject: z.object({ provinceCode: z.string(), schoolId: z.string().nullable(), schoolName: z.string().nullable() }),
  documents: z.array(policyDocumentDtoSchema),
  filingRules: z.array(
    z.object({
      id: z.string(),
      severity: z.enum(['block', 'warn']),
      params: z.record(z.string(), z.unknown()),
      description: z.string(),
      source: z.string(),
    }),
  ),
  feeCaps: z.object({ capsFen: z.record(z.string(), z.number()), label: z.string(), doc: z.string().nullable() }),
  texts: z.record(z.string(), z.object({ key: z.string(), zh: z.string(), source: z.string(), doc: z.string().nullable() })),
});
export type EffectivePoliciesDto = z.infer<typeof effectivePoliciesDtoSchema>;

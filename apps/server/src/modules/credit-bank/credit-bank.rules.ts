import {
  COURSE_CATEGORY_LABELS,
  COURSE_GROUP_LABELS,
  COURSE_GROUP_OF,
  type ConversionRefusal,
  type CourseCategory,
  type CourseGroup,
  type RuleShape,
  ruleShape,
} from '@onex/shared';

/**
 * Credit conversion (R7.2, R7.4) as a pure function over facts: a school's published recognition rules for the
 * learner's major, the learner's outcomes, the school's caps and excluded categories, what was converted before, and
 * the date of application. It proposes every conversion the rules allow and explains, in Chinese, every one they do
 * not (outcome missing, outcome already used, certificate revoked, outcome too old, rule not in force, course
 * excluded, course already exempted, cap reached). Credits are computed in tenths (integers) so caps never suffer
 * from floating point.
 */

export interface RuleCourseFacts {
  courseId: string;
  code: string;
  name: string;
  category: CourseCategory;
  /** Credits granted by the rule for this course, and the grade recorded. */
  credits: number;
  grade: string;
  /** The school never exempts this course. */
  exemptible: boolean;
}

export interface RuleFacts {
  id: string;
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  maxOutcomeAgeYears: number | null;
  /** Catalog outcomes (certificate type × level) the rule requires, all of them. */
  outcomes: { creditOutcomeId: string; name: string }[];
  courses: RuleCourseFacts[];
}

/** One outcome entry of the learner's account that carries a catalog outcome (a certificate). */
export interface OutcomeFacts {
  id: string;
  creditOutcomeId: string;
  name: string;
  /** When the outcome was obtained (a certificate's issue date). */
  obtainedOn: string;
  /** A revoked certificate stays in the account but never converts. */
  revokedOn: string | null;
  /** Used by an earlier approved conversion (e.g. "2026-03-01 批准的学分转换申请"), or null. */
  usedBy: string | null;
}

export interface CapFacts {
  professionalCapPercent: number;
  publicCapPercent: number;
  excludedCategories: readonly CourseCategory[];
  /** Credits of the learner's programme (its major's courses and the school-wide ones) by group. */
  programmeCredits: Record<CourseGroup, number>;
  /** Credits already converted at this school (approved exemptions) by group. */
  convertedCredits: Record<CourseGroup, number>;
  /** Courses already exempted (course id → how, for the explanation). */
  exemptCourses: ReadonlyMap<string, string>;
}

export interface ProposedItem {
  ruleId: string;
  ruleCode: string;
  ruleName: string;
  shape: RuleShape;
  course: { id: string; code: string; name: string; category: CourseCategory };
  outcomes: { id: string; name: string }[];
  credits: number;
  grade: string;
  verdict: 'allowed' | 'refused';
  reason: ConversionRefusal | null;
  explanation: string;
}

export interface Proposal {
  items: ProposedItem[];
  allowedCredits: number;
  caps: Record<CourseGroup, { percent: number; programmeCredits: number; limit: number; converted: number }>;
}

const tenths = (v: number) => Math.round(v * 10);
const fromTenths = (t: number) => t / 10;
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** The credit limit of a group in tenths: ⌊percent × programme credits⌋ to one decimal (never rounds a cap up). */
export function capLimitTenths(percent: number, programmeCredits: number): number {
  return Math.floor((tenths(programmeCredits) * Math.round(percent * 100)) / 10_000 + 1e-9);
}

/** The date `years` years before an ISO date (29 Feb → 28 Feb). */
function yearsBefore(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) - years;
  const md = iso.slice(5);
  return `${y}-${md === '02-29' ? '02-28' : md}`;
}

interface Pick {
  chosen: OutcomeFacts[];
  refusal: { reason: ConversionRefusal; explanation: string } | null;
}

/** For each outcome the rule requires, the learner's best usable entry; or why none is usable. */
function pickOutcomes(rule: RuleFacts, byOutcome: Map<string, OutcomeFacts[]>, usedNow: Map<string, string>, appliedOn: string): Pick {
  const chosen: OutcomeFacts[] = [];
  const missing: string[] = [];
  let refusal: Pick['refusal'] = null;
  const oldest = rule.maxOutcomeAgeYears ? yearsBefore(appliedOn, rule.maxOutcomeAgeYears) : null;
  for (const need of rule.outcomes) {
    const held = byOutcome.get(need.creditOutcomeId) ?? [];
    if (!held.length) {
      missing.push(need.name);
      continue;
    }
    const usable = held.find((o) => !o.revokedOn && !o.usedBy && !usedNow.has(o.id) && (!oldest || o.obtainedOn >= oldest));
    if (usable) {
      chosen.push(usable);
      continue;
    }
    if (refusal) continue;
    // Explain with the most telling fact of the entries held: revoked, then used, then too old.
    const revoked = held.find((o) => o.revokedOn);
    const used = held.find((o) => o.usedBy || usedNow.has(o.id));
    if (revoked && held.every((o) => o.revokedOn)) {
      refusal = {
        reason: 'certificate_revoked',
        explanation: `证书“${revoked.name}”已于 ${revoked.revokedOn} 撤销，撤销的证书保留在学习账户中但不能用于学分转换`,
      };
    } else if (used) {
      const where = used.usedBy ?? `本次申请的规则 ${usedNow.get(used.id)}`;
      refusal = {
        reason: 'outcome_used',
        explanation: `学习成果“${used.name}”已用于${where}，每项学习成果只能转换一次`,
      };
    } else {
      const old = held.find((o) => !o.revokedOn) ?? held[0]!;
      refusal = {
        reason: 'outcome_too_old',
        explanation: `学习成果“${old.name}”取得于 ${old.obtainedOn}，规则 ${rule.code} 要求在申请日（${appliedOn}）前 ${rule.maxOutcomeAgeYears} 年内取得`,
      };
    }
  }
  if (!refusal && missing.length)
    refusal = {
      reason: 'outcome_missing',
      explanation: `规则 ${rule.code} 须同时具备：${rule.outcomes.map((o) => `“${o.name}”`).join('、')}；尚缺 ${missing.map((m) => `“${m}”`).join('、')}`,
    };
  return { chosen, refusal };
}

/**
 * Proposes the conversions of one application. Rules are tried in the given order (the school's order: by code);
 * an outcome a rule uses is not offered to later rules, a course exempted once is not exempted again, and the caps
 * count what earlier rules of the same application convert.
 */
export function proposeConversions(input: {
  rules: readonly RuleFacts[];
  outcomes: readonly OutcomeFacts[];
  caps: CapFacts;
  appliedOn: string;
}): Proposal {
  const { rules, caps, appliedOn } = input;
  const byOutcome = new Map<string, OutcomeFacts[]>();
  for (const o of [...input.outcomes].sort((a, b) => a.obtainedOn.localeCompare(b.obtainedOn) || a.id.localeCompare(b.id))) {
    const list = byOutcome.get(o.creditOutcomeId) ?? [];
    list.push(o);
    byOutcome.set(o.creditOutcomeId, list);
  }
  const converted: Record<CourseGroup, number> = {
    professional: tenths(caps.convertedCredits.professional),
    public: tenths(caps.convertedCredits.public),
  };
  const limits: Record<CourseGroup, number> = {
    professional: capLimitTenths(caps.professionalCapPercent, caps.programmeCredits.professional),
    public: capLimitTenths(caps.publicCapPercent, caps.programmeCredits.public),
  };
  const percent: Record<CourseGroup, number> = { professional: caps.professionalCapPercent, public: caps.publicCapPercent };
  const exempt = new Map(caps.exemptCourses);
  const usedNow = new Map<string, string>();
  const items: ProposedItem[] = [];
  let allowed = 0;

  for (const rule of rules) {
    // A rule is about the learner only when it holds at least one of the rule's outcomes.
    if (!rule.outcomes.some((o) => byOutcome.has(o.creditOutcomeId))) continue;
    const shape = ruleShape(rule.outcomes.length, rule.courses.length);
    const base = { ruleId: rule.id, ruleCode: rule.code, ruleName: rule.name, shape };
    const notInForce = (rule.validFrom && appliedOn < rule.validFrom) || (rule.validTo && appliedOn > rule.validTo);
    const pick = pickOutcomes(rule, byOutcome, usedNow, appliedOn);
    const ruleRefusal: Pick['refusal'] = notInForce
      ? {
          reason: 'rule_not_effective',
          explanation: `规则 ${rule.code} 的有效期为 ${rule.validFrom ?? '不限'} 至 ${rule.validTo ?? '不限'}，申请日期 ${appliedOn} 不在有效期内`,
        }
      : pick.refusal;
    const outcomes = ruleRefusal
      ? rule.outcomes.flatMap((need) => (byOutcome.get(need.creditOutcomeId) ?? []).slice(0, 1)).map((o) => ({ id: o.id, name: o.name }))
      : pick.chosen.map((o) => ({ id: o.id, name: o.name }));
    let usedByRule = false;
    for (const c of rule.courses) {
      const course = { id: c.courseId, code: c.code, name: c.name, category: c.category };
      const item = { ...base, course, outcomes, credits: c.credits, grade: c.grade };
      const refuse = (reason: ConversionRefusal, explanation: string) => items.push({ ...item, verdict: 'refused', reason, explanation });
      if (ruleRefusal) {
        refuse(ruleRefusal.reason, ruleRefusal.explanation);
        continue;
      }
      const already = exempt.get(c.courseId);
      if (already) {
        refuse('course_already_exempt', `课程“${c.name}”已经免修（${already}），不再重复转换`);
        continue;
      }
      if (caps.excludedCategories.includes(c.category)) {
        refuse('course_excluded', `课程“${c.name}”属于“${COURSE_CATEGORY_LABELS[c.category].zh}”，本校规定该类课程不予转换或免修`);
        continue;
      }
      if (!c.exemptible) {
        refuse('course_excluded', `课程“${c.name}”为本校规定不可免修的课程`);
        continue;
      }
      const group = COURSE_GROUP_OF[c.category];
      const add = tenths(c.credits);
      if (converted[group] + add > limits[group]) {
        const label = COURSE_GROUP_LABELS[group].zh;
        refuse(
          group === 'professional' ? 'cap_professional' : 'cap_public',
          `本校规定转换学分不超过本专业${label}总学分（${fmt(caps.programmeCredits[group])} 学分）的 ${fmt(percent[group])}%，即 ${fmt(fromTenths(limits[group]))} 学分；` +
            `已转换 ${fmt(fromTenths(converted[group]))} 学分，本项 ${fmt(c.credits)} 学分将超出上限`,
        );
        continue;
      }
      converted[group] += add;
      allowed += add;
      exempt.set(c.courseId, `本次申请的规则 ${rule.code}`);
      usedByRule = true;
      items.push({
        ...item,
        verdict: 'allowed',
        reason: null,
        explanation: `依据规则 ${rule.code}“${rule.name}”，以${outcomes.map((o) => `“${o.name}”`).join('、')}免修“${c.name}”，计 ${fmt(c.credits)} 学分，成绩记为 ${c.grade}`,
      });
    }
    if (usedByRule) for (const o of pick.chosen) usedNow.set(o.id, rule.code);
  }

  const capOf = (g: CourseGroup) => ({
    percent: percent[g],
    programmeCredits: caps.programmeCredits[g],
    limit: fromTenths(limits[g]),
    converted: fromTenths(tenths(caps.convertedCredits[g])),
  });
  return { items, allowedCredits: fromTenths(allowed), caps: { professional: capOf('professional'), public: capOf('public') } };
}

/** The preview of one rule for one learner: the same evaluation with that rule alone. */
export function previewRule(rule: RuleFacts, outcomes: readonly OutcomeFacts[], caps: CapFacts, appliedOn: string): ProposedItem[] {
  return proposeConversions({ rules: [rule], outcomes, caps, appliedOn }).items;
}

import type { ReportField, ReportPeriod } from '@onex/shared';

export interface Period {
  start: string;
  end: string;
  due: string;
}

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (s: string, n: number) => {
  const d = day(s);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
};

export interface PeriodRule {
  period: ReportPeriod;
  startsOn: string;
  deadlineDays: number;
  dueDates: readonly string[];
}

/**
 * The reporting periods of a report type that have begun by `today` (China dates): weeks Monday–Sunday from the
 * week of `startsOn`, calendar months from its month, or for `by_date` one period ending on each due date. A weekly
 * or monthly report is due `deadlineDays` after its period ends; a dated one on its date.
 */
export function periodsUntil(r: PeriodRule, today: string): Period[] {
  const out: Period[] = [];
  if (r.period === 'by_date') {
    let start = r.startsOn;
    for (const d of [...r.dueDates].sort()) {
      if (start > today) break;
      out.push({ start, end: d, due: d });
      start = plusDays(d, 1);
    }
    return out;
  }
  let start: string;
  if (r.period === 'weekly') {
    const wd = day(r.startsOn).getUTCDay(); // Monday = 1 … Sunday = 0
    start = plusDays(r.startsOn, -((wd + 6) % 7));
  } else start = `${r.startsOn.slice(0, 7)}-01`;
  while (start <= today) {
    let end: string;
    if (r.period === 'weekly') end = plusDays(start, 6);
    else {
      const d = day(start);
      d.setUTCMonth(d.getUTCMonth() + 1);
      end = plusDays(iso(d), -1);
    }
    out.push({ start, end, due: plusDays(end, r.deadlineDays) });
    start = plusDays(end, 1);
  }
  return out;
}

/** Missed: not filed (pending, or returned and not filed again) once its due date has passed. */
export function isMissed(d: { status: string; dueDate: string }, today: string): boolean {
  return (d.status === 'pending' || d.status === 'returned') && d.dueDate < today;
}

/** Late: filed on a China date after the due date. */
export const isLate = (submittedDay: string, dueDate: string) => submittedDay > dueDate;

/** The latest run of consecutive missed reports among those already due, in period order. */
export function trailingMisses(duties: readonly { status: string; dueDate: string; periodStart: string }[], today: string): number {
  const due = duties.filter((d) => d.dueDate < today).sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  let run = 0;
  for (const d of due) run = isMissed(d, today) ? run + 1 : 0;
  return run;
}

export interface MissRule {
  clause: string;
  jurisdiction: string;
  text: string;
}

/**
 * Rules as data with their jurisdiction: 001 is the school rule of 广东生态工程职业学院 (its 第十九条（一）: "连续三次不
 * 填报省厅要求报送的材料"). It binds that school only; for every other pilot the flag cites the report type's own rule
 * (its threshold, set by the province or the national administrator that defined it) — no seed gives a provincial
 * or national wording of this ground.
 */
export const SCHOOL_MISS_RULES: readonly (MissRule & { schoolName: string; threshold: number })[] = [
  {
    schoolName: '广东生态工程职业学院',
    threshold: 3,
    clause: '粤生态职院〔2023〕18号 第十九条（一）',
    jurisdiction: '院校制度：广东生态工程职业学院',
    text: '推进试点工作不力、进展缓慢，连续三次不填报省厅要求报送的材料',
  },
];

export function missRuleFor(
  schoolName: string,
  type: { name: string; level: 'national' | 'province'; provinceCode: string | null; missThreshold: number },
): MissRule & { threshold: number } {
  const school = SCHOOL_MISS_RULES.find((r) => r.schoolName === schoolName);
  if (school) return school;
  const who = type.level === 'national' ? '国家管理员' : `省级管理员（${type.provinceCode}）`;
  return {
    threshold: type.missThreshold,
    clause: `报送类型“${type.name}”的规则：连续 ${type.missThreshold} 次未报送`,
    jurisdiction: `${who}设定`,
    text: `连续 ${type.missThreshold} 次未按要求报送`,
  };
}

/** Checks a report's answers against its form: required fields present, numbers numeric, no unknown keys. */
export function answerErrors(
  fields: readonly ReportField[],
  answers: Record<string, string | number>,
): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  for (const key of Object.keys(answers))
    if (!fields.some((f) => f.key === key)) errors.push({ path: `body.answers.${key}`, message: '表单中没有该字段' });
  for (const f of fields) {
    const v = answers[f.key];
    const empty = v === undefined || (typeof v === 'string' && v.trim() === '');
    if (empty) {
      if (f.required) errors.push({ path: `body.answers.${f.key}`, message: `请填写“${f.label}”` });
    } else if (f.type === 'number' && !Number.isFinite(typeof v === 'number' ? v : Number(v)))
      errors.push({ path: `body.answers.${f.key}`, message: `“${f.label}”须为数字` });
  }
  return errors;
}

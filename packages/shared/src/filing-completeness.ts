import type { z } from 'zod';
import { FILING_SECTION_LABELS, FILING_SECTION_SCHEMAS, type FilingSection } from './filings';

/**
 * Which required fields of a filing (000 附件1 备案表, 附件2 论证报告, 001 第八条（四）课程支撑) are still missing —
 * ONE pure function used by the server's 'sections_complete' rule (R3.5) and by the filing wizard's step marks and
 * summary (R3.4), so the two cannot disagree.
 */

type Label = { zh: string; en: string };

/** Chinese/English label of each field, by path with list indexes as `*` (the labels of the paper form). */
export const FILING_FIELD_LABELS: Record<string, Label> = {
  'basics.levels': { zh: '证书等级', en: 'Certificate level(s)' },
  'plan.rows': { zh: '拟申报专业（至少 1 个）', en: 'Majors (at least 1)' },
  'leader.name': { zh: '项目负责人姓名', en: 'Leader name' },
  'leader.title': { zh: '项目负责人职称', en: 'Leader title' },
  'leader.post': { zh: '项目负责人职务', en: 'Leader post' },
  'leader.yearsOfWork': { zh: '项目负责人参加工作年限', en: 'Leader years of work' },
  'leader.achievements': { zh: '项目负责人主要成果', en: 'Leader achievements' },
  'team.members': { zh: '项目人员（至少 1 人）', en: 'Team members (at least 1)' },
  'team.members.*.name': { zh: '项目人员姓名', en: 'Member name' },
  'team.members.*.title': { zh: '项目人员职称', en: 'Member title' },
  'team.members.*.post': { zh: '项目人员职务', en: 'Member post' },
  'team.members.*.yearsOfWork': { zh: '项目人员参加工作年限', en: 'Member years of work' },
  'team.members.*.role': { zh: '项目分工', en: 'Member role' },
  'overview.achievements': { zh: '证书对应专业的建设成果', en: 'Achievements of the major' },
  'overview.teachers.fullTime': { zh: '可参与证书培训的专任教师数', en: 'Full-time teachers' },
  'overview.teachers.partTime': { zh: '兼职教师数', en: 'Part-time teachers' },
  'overview.teachers.seniorTitle': { zh: '高级职称教师数', en: 'Senior-title teachers' },
  'overview.teachers.dualQualifiedRatio': { zh: '双师型教师占专职教师的比例', en: 'Dual-qualified ratio' },
  'overview.teachers.industryExpertRatio': { zh: '行业企业专家占教学团队的比例', en: 'Industry-expert ratio' },
  'overview.teachers.nationalInnovationTeam': { zh: '是否入选国家级职业教育教师教学创新团队', en: 'National innovation team' },
  'overview.facilities.trainingRooms': { zh: '校内实训室（至少 1 间）', en: 'Training rooms (at least 1)' },
  'overview.facilities.trainingRooms.*.name': { zh: '实训室名称', en: 'Training room name' },
  'overview.facilities.trainingRooms.*.areaM2': { zh: '实训室面积', en: 'Training room area' },
  'overview.facilities.trainingRooms.*.workstations': { zh: '实训室工位数', en: 'Workstations' },
  'overview.facilities.offCampusBases': { zh: '校外实训基地', en: 'Off-campus bases' },
  'overview.facilities.offCampusBases.*.name': { zh: '校外实训基地名称', en: 'Off-campus base name' },
  'overview.facilities.lastYearUsage': { zh: '上年使用情况（人次）', en: 'Last year usage' },
  'opinions.declaringUnit.text': { zh: '申报单位意见', en: 'Declaring unit opinion' },
  'opinions.declaringUnit.signer': { zh: '申报单位意见签字人', en: 'Declaring unit signer' },
  'opinions.declaringUnit.date': { zh: '申报单位意见日期', en: 'Declaring unit date' },
  'opinions.competentDepartment.text': { zh: '主管部门意见', en: 'Competent department opinion' },
  'opinions.competentDepartment.signer': { zh: '主管部门意见签字人', en: 'Competent department signer' },
  'opinions.competentDepartment.date': { zh: '主管部门意见日期', en: 'Competent department date' },
  'courseSupport.courses': { zh: '支撑课程（至少 1 门）', en: 'Supporting courses (at least 1)' },
  'courseSupport.courses.*.name': { zh: '课程名称', en: 'Course name' },
  'feasibility.leaderName': { zh: '论证报告项目负责人', en: 'Report leader' },
  'feasibility.fundingSource': { zh: '资金来源', en: 'Funding source' },
  'feasibility.responsibleDepartment': { zh: '承担部门', en: 'Responsible department' },
  'feasibility.date': { zh: '论证日期', en: 'Date of the review' },
  'feasibility.place': { zh: '论证地点', en: 'Place of the review' },
  'feasibility.majors': { zh: '参与专业（1–3 个）', en: 'Participating majors (1–3)' },
  'feasibility.majors.*.name': { zh: '参与专业名称', en: 'Major name' },
  'feasibility.majors.*.headcount': { zh: '参与专业人数', en: 'Major headcount' },
  'feasibility.experts': { zh: '专家组成员（至少 3 人）', en: 'Expert panel (at least 3)' },
  'feasibility.experts.*.name': { zh: '专家姓名', en: 'Expert name' },
  'feasibility.experts.*.unit': { zh: '专家所在单位', en: 'Expert unit' },
  'feasibility.experts.*.titleOrPost': { zh: '专家职称或职务', en: 'Expert title or post' },
  'feasibility.experts.*.signed': { zh: '专家签字', en: 'Expert signed' },
  'feasibility.conclusion': { zh: '论证意见', en: 'Conclusion' },
};

/** One missing (or invalid) required field. `path` is the form path: section first, list indexes as numbers. */
export interface MissingField {
  section: FilingSection;
  path: (string | number)[];
  label: Label;
  /** 1-based row of a list item, for "第 2 行". */
  row?: number;
  message: string;
}

/** What the completeness check reads: the filing's levels, plan rows and stored JSON sections. */
export interface FilingSectionsInput {
  levels: readonly string[];
  planRows: readonly unknown[];
  sections: {
    leader: unknown;
    team: unknown;
    overview: unknown;
    opinions: unknown;
    courseSupport: unknown;
    feasibility: unknown;
  };
}

/** JSON sections checked by schema, in the order of the paper form. */
export const JSON_FILING_SECTIONS = ['leader', 'team', 'overview', 'opinions', 'courseSupport', 'feasibility'] as const;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema at a path of an object schema (through objects and arrays), or undefined. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let s: unknown = schema;
  for (const k of path) {
    const def = (s as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; innerType?: unknown } }).def;
    if (!def) return undefined;
    if (def.type === 'optional' || def.type === 'nullable') {
      s = def.innerType;
      const inner = (s as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
      if (!inner) return undefined;
      s = inner.type === 'object' ? inner.shape?.[String(k)] : inner.type === 'array' ? inner.element : undefined;
    } else if (def.type === 'object') s = def.shape?.[String(k)];
    else if (def.type === 'array') s = def.element;
    else return undefined;
    if (!s) return undefined;
  }
  return s as z.ZodType;
}

function valueAt(v: unknown, path: readonly PropertyKey[]): unknown {
  let x = v;
  for (const k of path) x = isObj(x) || Array.isArray(x) ? (x as Record<PropertyKey, unknown>)[k as string] : undefined;
  return x;
}

/**
 * The issues of a value against a schema, field by field: a missing nested object is checked as `{}`, so each of
 * its required fields is reported (not the object as a whole).
 */
function fieldIssues(schema: z.ZodType, value: unknown, base: (string | number)[] = []): { path: (string | number)[]; message: string }[] {
  const r = schema.safeParse(value);
  if (r.success) return [];
  const out: { path: (string | number)[]; message: string }[] = [];
  for (const i of r.error.issues) {
    const path = i.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const sub = path.length ? schemaAt(schema, path) : undefined;
    const at = valueAt(value, path);
    if (
      path.length &&
      (at === undefined || at === null) &&
      sub &&
      (sub as { def?: { type?: string } }).def?.type === 'object' &&
      i.code === 'invalid_type'
    ) {
      out.push(...fieldIssues(sub, {}, [...base, ...path]));
    } else out.push({ path: [...base, ...path], message: i.message });
  }
  return out;
}

function labelOf(section: FilingSection, path: (string | number)[]): Label {
  const key = [section, ...path.map((p) => (typeof p === 'number' ? '*' : p))].join('.');
  return FILING_FIELD_LABELS[key] ?? { zh: `${FILING_SECTION_LABELS[section].zh} ${path.join('.')}`, en: key };
}

/**
 * Every required field still missing (or invalid) in a filing, in the order of the paper form; [] when complete.
 * Pure; a section that is null or `{}` reports each of its required fields.
 */
export function missingFilingFields(input: FilingSectionsInput): MissingField[] {
  const out: MissingField[] = [];
  if (input.levels.length === 0)
    out.push({ section: 'basics', path: ['levels'], label: FILING_FIELD_LABELS['basics.levels']!, message: '请选择证书等级' });
  if (input.planRows.length === 0)
    out.push({ section: 'plan', path: ['rows'], label: FILING_FIELD_LABELS['plan.rows']!, message: '请至少填写一个专业' });
  for (const section of JSON_FILING_SECTIONS) {
    const value = input.sections[section] ?? {};
    for (const { path, message } of fieldIssues(FILING_SECTION_SCHEMAS[section], value)) {
      const rowIndex = path.findIndex((p) => typeof p === 'number');
      out.push({
        section,
        path,
        label: labelOf(section, path),
        ...(rowIndex >= 0 ? { row: (path[rowIndex] as number) + 1 } : {}),
        message,
      });
    }
  }
  return out;
}

/** A missing field as one line, e.g. `二、项目人员 第 1 行 项目人员姓名：未填写或有误`. */
export function missingFieldLine(m: MissingField): string {
  return `${FILING_SECTION_LABELS[m.section].zh}${m.row ? ` 第 ${m.row} 行` : ''} ${m.label.zh}：未填写或有误`;
}

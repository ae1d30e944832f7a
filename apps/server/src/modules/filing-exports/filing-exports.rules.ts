import {
  CERTIFICATE_LEVEL_LABELS,
  type CertificateLevel,
  SCHOOL_FLAG_LABELS,
  SCHOOL_TYPE_LABELS,
  type SchoolFlag,
  type SchoolType,
} from '@onex/shared';

/** The columns of 003 附件1 试点院校汇总表, exactly. */
export const SUMMARY_COLUMNS = [
  '序号',
  '试点院校名称',
  '学校类型',
  '参与试点证书及等级',
  '参与试点专业数量',
  '参与试点专业名称',
  '参与试点学生规模',
  '备注',
] as const;

export interface SummaryInput {
  school_id: string;
  school_name: string;
  school_type: SchoolType;
  flags: readonly SchoolFlag[];
  certificate_name: string;
  levels: readonly CertificateLevel[];
  majors: readonly { school_major_id: string; major_name: string; planned_trainees: number }[];
}

export type SummaryRow = [number, string, string, string, number, string, number, string];

/**
 * One row per school (in the order given): its certificates with levels joined with 、, its distinct majors, the
 * sum of 申请培训人数, and in 备注 the school's recognitions (003 附件1 注5).
 */
export function summaryRows(filings: readonly SummaryInput[]): SummaryRow[] {
  const bySchool = new Map<string, SummaryInput[]>();
  for (const f of filings) bySchool.set(f.school_id, [...(bySchool.get(f.school_id) ?? []), f]);
  return [...bySchool.values()].map((fs, i) => {
    const first = fs[0]!;
    const majors = new Map<string, string>();
    for (const m of fs.flatMap((f) => f.majors)) majors.set(m.school_major_id, m.major_name);
    return [
      i + 1,
      first.school_name,
      SCHOOL_TYPE_LABELS[first.school_type].zh,
      fs.map((f) => `${f.certificate_name}（${f.levels.map((l) => CERTIFICATE_LEVEL_LABELS[l].zh).join('、')}）`).join('、'),
      majors.size,
      [...majors.values()].join('、'),
      fs.reduce((s, f) => s + f.majors.reduce((t, m) => t + m.planned_trainees, 0), 0),
      first.flags.map((x) => SCHOOL_FLAG_LABELS[x].zh).join('、'),
    ];
  });
}

/** The title above the header, like the seed's 汇总表. */
export const summaryTitle = (year: number, provinceName: string | null) => `${year}年${provinceName ?? ''}1+X证书制度试点院校汇总表`;

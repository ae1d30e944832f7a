import type { StatisticsFigures, StatisticsRow } from '@onex/shared';

/** A summary row grouped twice (the 动态报送 report's certificate × level): `sub` and `subLabel` are '' without a second grouping. */
export interface BreakdownRow extends StatisticsRow {
  sub: string;
  subLabel: string;
}

/** The figure columns of the 动态报送 report, after the row's own columns (序号, name…). */
export const REPORT_FIGURE_COLUMNS = [
  '试点项目数',
  '计划考证人数',
  '报名人数',
  '参考人数',
  '合格人数',
  '通过率',
  '发证数',
  '撤销数',
] as const;

export type ReportCell = string | number | null;

/** The title above the header, like the 汇总表 family's (`2026年广东省1+X证书制度试点工作动态报送表`). */
export const reportTitle = (year: number, provinceName: string | null) => `${year}年${provinceName ?? '全国'}1+X证书制度试点工作动态报送表`;

/** 填报日期 as written on the forms: 2026年12月6日. */
export function formDate(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A row's figures in column order; `withPilots` false leaves 试点项目数 and 计划考证人数 empty (they are per certificate, not per level). */
export function figureCells(f: StatisticsFigures, withPilots = true): ReportCell[] {
  return [
    withPilots ? f.pilots : null,
    withPilots ? f.plannedCandidates : null,
    f.registeredCandidates,
    f.examinedCandidates,
    f.passed,
    f.passRate === null ? '—' : f.passRate,
    f.certificatesIssued,
    f.certificatesRevoked,
  ];
}

const sum = (rows: readonly StatisticsFigures[]): StatisticsFigures => {
  const t = rows.reduce(
    (a, r) => ({
      pilots: a.pilots + r.pilots,
      plannedCandidates: a.plannedCandidates + r.plannedCandidates,
      registeredCandidates: a.registeredCandidates + r.registeredCandidates,
      examinedCandidates: a.examinedCandidates + r.examinedCandidates,
      passed: a.passed + r.passed,
      certificatesIssued: a.certificatesIssued + r.certificatesIssued,
      certificatesRevoked: a.certificatesRevoked + r.certificatesRevoked,
    }),
    {
      pilots: 0,
      plannedCandidates: 0,
      registeredCandidates: 0,
      examinedCandidates: 0,
      passed: 0,
      certificatesIssued: 0,
      certificatesRevoked: 0,
    },
  );
  return { ...t, passRate: t.examinedCandidates > 0 ? t.passed / t.examinedCandidates : null };
};

type Labelled = StatisticsFigures & { key: string; label: string };
const byName = (a: Labelled, b: Labelled) => (a.key === '' ? 1 : b.key === '' ? -1 : a.label.localeCompare(b.label, 'zh-CN'));

/** Sheet 按院校: 序号, 试点院校名称, the figures — one row per school by name (社会学习者 last). */
export function schoolRows(rows: readonly Labelled[]): ReportCell[][] {
  return [...rows].sort(byName).map((r, i) => [i + 1, r.label, ...figureCells(r)]);
}

/**
 * Sheet 按证书及等级: per certificate (by name) a 小计 row with the certificate's figures, then one row per level
 * (序号 empty); the pilots and planned candidates stand on the 小计 row only (a pilot has no level).
 */
export function certificateRows(rows: readonly BreakdownRow[]): ReportCell[][] {
  const byCertificate = new Map<string, BreakdownRow[]>();
  for (const r of rows) byCertificate.set(r.key, [...(byCertificate.get(r.key) ?? []), r]);
  const certificates = [...byCertificate.values()].map((rs) => ({ ...sum(rs), key: rs[0]!.key, label: rs[0]!.label, levels: rs }));
  return certificates
    .sort(byName)
    .flatMap((c, i) => [
      [i + 1, c.label, '小计', ...figureCells(c)],
      ...c.levels.filter((l) => l.sub !== '').map((l) => [null, null, l.subLabel, ...figureCells(l, false)]),
    ]);
}

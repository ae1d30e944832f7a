import {
  CERTIFICATE_LEVEL_LABELS,
  type CertificateLevel,
  type StatisticsFigures,
  type StatisticsGroup,
  type StatisticsQuery,
  type StatisticsReportQuery,
  type StatisticsSummary,
  withPassRate,
} from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import { scopeWhere } from '../../db/scope-filter';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { notFound } from '../../lib/errors';
import { auditedTransaction } from '../audit/audit.service';
import * as q from './statistics.queries';
import { reportWorkbook } from './statistics.report';
import { type BreakdownRow, reportTitle } from './statistics.rules';

/**
 * Statistics (R10.1, api-v1 `GET /statistics/summary`): the one source of every dashboard and export. Figures come
 * from the rollups (0022_statistics), scoped exactly as the lists are (`scopeOf` → `scopeWhere`); learners and experts
 * have none.
 */

const STAT_ROLES = [
  'national_admin',
  'province_admin',
  'municipal_admin',
  'school_admin',
  'department_admin',
  'project_leader',
  'org_admin',
] as const;

const SCOPE_COLUMNS = {
  provinceCode: 'u.province_code',
  cityCode: 'u.city_code',
  schoolId: 'u.school_id',
  departmentId: 'u.department_id',
  orgId: 'u.org_id',
};

function label(group: StatisticsQuery['groupBy'], key: string, names: Map<string, string>): string {
  if (group === 'level') return key ? CERTIFICATE_LEVEL_LABELS[key as CertificateLevel].zh : '不分等级（试点项目）';
  if (group === 'year') return `${key}年`;
  if (group === 'school' && !key) return '社会学习者';
  return names.get(key) ?? key;
}

export async function statisticsSummary(deps: Deps, ctx: RequestContext, f: StatisticsQuery): Promise<StatisticsSummary> {
  const b = await statisticsBreakdown(deps, ctx, f);
  return { asOf: b.asOf, rows: b.rows.map(({ sub: _sub, subLabel: _subLabel, ...r }) => r), totals: b.totals };
}

/** The summary grouped by `f.groupBy` and, within each group, by `thenBy` (the 动态报送 report's certificate × level). */
export async function statisticsBreakdown(
  deps: Deps,
  ctx: RequestContext,
  f: StatisticsQuery,
  thenBy?: StatisticsGroup,
): Promise<{ asOf: string; rows: BreakdownRow[]; totals: StatisticsFigures }> {
  const actor = requireActor(ctx, STAT_ROLES);
  const scope = scopeOf(actor);
  const rows = await q.summary(
    deps.db,
    {
      where: scopeWhere(scope, SCOPE_COLUMNS),
      school: scope.kind === 'school' || scope.kind === 'department',
      city: scope.kind === 'city',
    },
    f,
    thenBy,
  );
  // Names and freshness are independent reads: side by side (on PostgreSQL each takes its own connection).
  const [names, subNames, refreshedAt] = await Promise.all([
    q.labels(
      deps.db,
      f.groupBy,
      rows.map((r) => r.key),
    ),
    thenBy
      ? q.labels(
          deps.db,
          thenBy,
          rows.map((r) => r.sub),
        )
      : new Map<string, string>(),
    q.pilotsRefreshedAt(deps.db),
  ]);
  const figures = (r: Omit<q.SummaryRow, 'key' | 'sub'>) =>
    withPassRate({
      pilots: r.pilots,
      plannedCandidates: r.planned,
      registeredCandidates: r.registered,
      examinedCandidates: r.examined,
      passed: r.passed,
      certificatesIssued: r.issued,
      certificatesRevoked: r.revoked,
    });
  const totals = rows.reduce(
    (t, r) => ({
      pilots: t.pilots + r.pilots,
      planned: t.planned + r.planned,
      registered: t.registered + r.registered,
      examined: t.examined + r.examined,
      passed: t.passed + r.passed,
      issued: t.issued + r.issued,
      revoked: t.revoked + r.revoked,
    }),
    { pilots: 0, planned: 0, registered: 0, examined: 0, passed: 0, issued: 0, revoked: 0 },
  );
  const asOf = refreshedAt ?? deps.clock.now();
  return {
    asOf: asOf.toISOString(),
    rows: rows.map((r) => ({
      key: r.key,
      label: label(f.groupBy, r.key, names),
      sub: r.sub,
      subLabel: thenBy ? label(thenBy, r.sub, subNames) : '',
      ...figures(r),
    })),
    totals: figures(totals),
  };
}

/** Who may download the 动态报送 report: a province (its own) and the national level (any province, or all). */
const REPORT_ROLES = ['national_admin', 'province_admin'] as const;

/**
 * The 动态报送 report (R10.1, R10.2): a year's figures of a province by school and by certificate × level, as .xlsx
 * in the layout of the 汇总表 family. The figures are the summary's (`statisticsBreakdown`), nothing else; a province
 * asking for another province's report gets 404. The download is audited (`statistics.report_export`).
 */
export async function statisticsReport(deps: Deps, ctx: RequestContext, r: StatisticsReportQuery) {
  const actor = requireActor(ctx, REPORT_ROLES);
  const now = deps.clock.now();
  const provinceCode = r.provinceCode ?? (actor.role === 'province_admin' ? (actor.provinceCode ?? undefined) : undefined);
  if (provinceCode === undefined && actor.role !== 'national_admin') throw notFound(); // a province account without a province
  if (provinceCode !== undefined && !inScope(scopeOf(actor), { provinceCode })) throw notFound();
  const provinceName = provinceCode === undefined ? null : await q.provinceName(deps.db, provinceCode);
  if (provinceCode !== undefined && !provinceName) throw notFound();
  const year = r.year ?? Number(chinaDay(now).slice(0, 4));
  const f = { year, provinceCode };
  const bySchool = await statisticsBreakdown(deps, ctx, { ...f, groupBy: 'school' });
  const byCertificate = await statisticsBreakdown(deps, ctx, { ...f, groupBy: 'certificateType' }, 'level');
  const title = reportTitle(year, provinceName);
  const bytes = await reportWorkbook({
    title,
    unit: provinceName ? `${provinceName}教育行政部门` : '教育部职业技术教育中心研究所',
    date: chinaDay(now),
    asOf: bySchool.asOf,
    bySchool,
    byCertificate,
  });
  await auditedTransaction(deps, ctx, async () => ({
    result: null,
    audit: {
      action: 'statistics.report_export',
      targetType: 'statistics_report',
      targetId: provinceCode ?? null,
      summary: { year, provinceCode: provinceCode ?? null, schools: bySchool.rows.length },
      scope: { provinceCode: provinceCode ?? null },
    },
  }));
  return { bytes, filename: `${title}.xlsx` };
}

/** The calendar date in China (UTC+8) of an instant, YYYY-MM-DD. */
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Keeps the pilot rollup at most 30 s old (counts move with every write through triggers). */
export function createPilotRefresher(db: Db, now: () => Date, everyMs = 30_000) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(() => q.refreshPilots(db, now())).catch((err: unknown) => console.error('statistics refresh:', err));
  };
  return {
    start() {
      tick();
      timer = setInterval(tick, everyMs);
      timer.unref();
    },
    /** Refreshes now and resolves when done (tests). */
    async refresh() {
      tick();
      await running;
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

export async function countDifferences(db: Db) {
  return q.countDifferences(db);
}

import { CERTIFICATE_LEVEL_LABELS, type CertificateLevel, type StatisticsQuery, type StatisticsSummary, withPassRate } from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import { scopeOf } from '../../auth/scope';
import { scopeWhere } from '../../db/scope-filter';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import * as q from './statistics.queries';

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
  const actor = requireActor(ctx, STAT_ROLES);
  const rows = await q.summary(deps.db, scopeWhere(scopeOf(actor), SCOPE_COLUMNS), f);
  const names = await q.labels(
    deps.db,
    f.groupBy,
    rows.map((r) => r.key),
  );
  const figures = (r: Omit<q.SummaryRow, 'key'>) =>
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
  const asOf = (await q.pilotsRefreshedAt(deps.db)) ?? deps.clock.now();
  return {
    asOf: asOf.toISOString(),
    rows: rows.map((r) => ({ key: r.key, label: label(f.groupBy, r.key, names), ...figures(r) })),
    totals: figures(totals),
  };
}

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

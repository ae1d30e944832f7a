import {
  CERTIFICATE_LEVEL_LABELS,
  type PassRateFlagDto,
  type PassRateQuery,
  type PassRateReportDto,
  type PassRateRestrictionDto,
  type PassRateRestrictionQuery,
  type RuleOverrides,
  effectiveRules,
  passRate,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { scopeOf } from '../../auth/scope';
import { scopeWhere } from '../../db/scope-filter';
import type { Db, Tx } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { filingRulesOfSchool } from '../policies/policies.service';
import * as q from './pass-rates.queries';
import { passRateFlag, passRateThreshold, yearPassRate } from './pass-rates.rules';

interface FilingKey {
  school_id: string;
  certificate_type_id: string;
  year: number;
}

/** R3.9: the pass-rate flag of a filing as the actor sees it (the filing core shows it in the filing's detail). */
export async function passRateFlagOf(db: Db, actor: Actor, f: FilingKey, ruleOverrides: RuleOverrides): Promise<PassRateFlagDto> {
  const [rows, override, policies] = await Promise.all([
    q.passRatesOf(db, f.school_id, f.certificate_type_id, [f.year - 1, f.year]),
    q.passRateOverrideOf(db, f.school_id, f.certificate_type_id, f.year),
    filingRulesOfSchool(db, f.school_id),
  ]);
  // The pass_rate rule applies only where a document in force for the school gives it (001 第十二条 at its school,
  // or a province's or school's own rule); elsewhere a low rate is shown but restricts nothing.
  const rule = effectiveRules(ruleOverrides, policies.rules).find((r) => r.id === 'pass_rate');
  const flag = passRateFlag({
    year: f.year,
    threshold: rule ? passRateThreshold(ruleOverrides, policies.rules) : passRateThreshold(ruleOverrides),
    rows,
    override: override ? { reason: override.reason, at: override.created_at, by: override.display_name } : null,
    mayOverride: actor.role === 'province_admin',
  });
  return rule ? flag : { ...flag, restricted: false };
}

/** R3.9 ← R5.5: a results import refreshes the pass rates the filing rule reads (inside the import's transaction). */
export async function refreshPassRatesAfterImport(trx: Tx, certificateTypeId: string, examDate: string): Promise<void> {
  await q.refreshCertificatePassRates(trx, certificateTypeId, Number(examDate.slice(0, 4)));
}

/** Who may read pass rates (R5.6); each sees its own scope: an organization its certificates, a school its own… */
export const PASS_RATE_READERS = [
  'national_admin',
  'province_admin',
  'municipal_admin',
  'school_admin',
  'department_admin',
  'org_admin',
] as const;

/** R5.6: pass rates per session, pilot, school, certificate, level, province or year, from the current results. */
export async function passRateReport(deps: Deps, ctx: RequestContext, query: PassRateQuery): Promise<PassRateReportDto> {
  const actor = requireActor(ctx, PASS_RATE_READERS);
  const where = scopeWhere(scopeOf(actor), {
    provinceCode: 'f.province_code',
    cityCode: 'f.city_code',
    schoolId: 'f.school_id',
    departmentId: 'f.department_id',
    orgId: 'f.org_id',
  });
  const rows = await q.passRatesGrouped(deps.db, query.groupBy, where, query);
  const labels = await q.passRateLabels(
    deps.db,
    query.groupBy,
    rows.map((r) => r.key).filter((k): k is string => k !== null),
  );
  const label = (key: string | null): string => {
    if (key === null) return query.groupBy === 'pilot' ? '非试点考生（社会学习者）' : '社会学习者';
    if (query.groupBy === 'level') return CERTIFICATE_LEVEL_LABELS[key as keyof typeof CERTIFICATE_LEVEL_LABELS]?.zh ?? key;
    if (query.groupBy === 'year') return `${key} 年`;
    return labels.get(key) ?? key;
  };
  const figures = (r: { candidates: number; passed: number }) => ({
    candidates: r.candidates,
    passed: r.passed,
    failed: r.candidates - r.passed,
    rate: passRate(r),
  });
  const items = rows.map((r) => ({ key: r.key ?? 'none', label: label(r.key), ...figures(r) }));
  const total = rows.reduce((t, r) => ({ candidates: t.candidates + r.candidates, passed: t.passed + r.passed }), {
    candidates: 0,
    passed: 0,
  });
  return { groupBy: query.groupBy, year: query.year ?? null, items, total: figures(total) };
}

/** Who may list the pass-rate restrictions of filings (R3.9): the filing chain, each within its scope. */
const RESTRICTION_READERS = ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'department_admin'] as const;

/**
 * R3.9: the filings in scope restricted by the year before's pass rate (below the round's threshold), and those the
 * province has overridden, with the override's reason — the 通过率 page's list of restrictions and overrides granted.
 */
export async function passRateRestrictions(
  deps: Deps,
  ctx: RequestContext,
  query: PassRateRestrictionQuery,
): Promise<{ items: PassRateRestrictionDto[]; total: number; page: number; pageSize: number }> {
  const actor = requireActor(ctx, RESTRICTION_READERS);
  const where = scopeWhere(scopeOf(actor), {
    provinceCode: 'fl.province_code',
    cityCode: 'fl.city_code',
    schoolId: 'fl.school_id',
    departmentId: 'fl.department_id',
  });
  const all: PassRateRestrictionDto[] = [];
  for (const r of await q.restrictionCandidates(deps.db, where)) {
    const threshold = passRateThreshold(r.rule_overrides);
    const previousYear = yearPassRate({ year: r.pr_year, candidates: r.candidates, passed: r.passed }, threshold)!;
    if (!previousYear.belowThreshold) continue;
    const overridden = r.reason !== null;
    if (query.state && (query.state === 'overridden') !== overridden) continue;
    all.push({
      filingId: r.id,
      schoolName: r.school_name,
      certificateName: r.certificate_name,
      year: r.year,
      filingStatus: r.status,
      threshold,
      previousYear,
      overridden,
      overrideReason: r.reason,
      overriddenAt: r.override_at?.toISOString() ?? null,
      overriddenBy: overridden ? r.override_by : null,
      canOverride: !overridden && actor.role === 'province_admin',
    });
  }
  const from = (query.page - 1) * query.pageSize;
  return { items: all.slice(from, from + query.pageSize), total: all.length, page: query.page, pageSize: query.pageSize };
}

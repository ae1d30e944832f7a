import type { ScorecardDto } from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import { AppError } from '../../lib/errors';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import * as q from './scorecards.queries';
import { scorecard } from './scorecards.rules';

/**
 * R8.7 监督评价: the yearly scorecard of each school with a pilot (a province sees its own, the national administrator
 * all) or of each evaluation organization (national administrator), from the facts the platform holds.
 */
export async function listScorecards(
  deps: Deps,
  ctx: RequestContext,
  f: { kind: 'school' | 'organization'; year: number },
): Promise<ScorecardDto[]> {
  const actor = requireActor(ctx, ['national_admin', 'province_admin']);
  if (f.kind === 'organization' && actor.role !== 'national_admin') throw new AppError('FORBIDDEN');
  const province = actor.role === 'province_admin' ? actor.provinceCode : null;
  const today = chinaDate(deps.clock.now());
  const [list, exams, reports, findings, complaints] = await Promise.all([
    q.subjects(deps.db, f.kind, province),
    q.examCounts(deps.db, f.kind, f.year),
    q.reportCounts(deps.db, f.year, today),
    q.findingCounts(deps.db, f.year),
    q.complaintCounts(deps.db, f.kind, f.year),
  ]);
  const school = f.kind === 'school';
  return list.map((s) => {
    const facts = {
      examined: exams.get(s.id)?.a ?? 0,
      passed: exams.get(s.id)?.b ?? 0,
      reportsDue: school ? (reports.get(s.id)?.a ?? 0) : 0,
      reportsOnTime: school ? (reports.get(s.id)?.b ?? 0) : 0,
      findings: school ? (findings.get(s.id)?.a ?? 0) : null,
      complaints: complaints.get(s.id)?.a ?? 0,
    };
    const r = scorecard(facts);
    return { subjectId: s.id, name: s.name, year: f.year, facts: { ...facts, findings: facts.findings ?? 0 }, ...r };
  });
}

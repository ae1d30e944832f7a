import type { FilingReviewFactsDto } from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import { findVisibleFilingOr404 } from '../filings/filings.service';
import { ELIGIBILITY_SOURCE } from '../schools/schools.rules';
import * as q from './filing-facts.queries';
import { historyEntry, majorFacts } from './filing-facts.rules';

/**
 * R2.3: what reviewers see beside a filing — each plan major's eligibility facts with the figures behind them, and the
 * history of the school's earlier pilots of the same certificate (their pass rates and flags). Whoever can see the
 * filing sees its facts: a municipal reviewer its secondary schools, the province its own, an expert only the filings
 * assigned to it (404 otherwise, decided by the filing's visibility).
 */
export async function reviewFacts(deps: Deps, ctx: RequestContext, filingId: string): Promise<FilingReviewFactsDto> {
  const actor = requireActor(ctx);
  const f = await findVisibleFilingOr404(deps.db, actor, filingId);
  const [majors, pilots] = await Promise.all([q.planMajorFigures(deps.db, f.id, f.year), q.earlierPilots(deps.db, f)]);
  const flags = await q.flagsOf(
    deps.db,
    pilots.map((p) => p.id),
  );
  return {
    filingId: f.id,
    source: ELIGIBILITY_SOURCE,
    majors: majors.map((m) =>
      majorFacts(
        {
          id: m.id,
          majorCode: m.major_code,
          name: m.name,
          years: m.years.map((y) => ({
            year: y.year,
            enrolledStudents: y.enrolled_students,
            fullTimeTeachers: y.full_time_teachers,
            partTimeTeachers: y.part_time_teachers,
            dualQualifiedTeachers: y.dual_qualified_teachers,
            industryExpertTeachers: y.industry_expert_teachers,
          })),
        },
        f.year,
      ),
    ),
    history: pilots.map((p) =>
      historyEntry(
        {
          id: p.id,
          year: p.year,
          roundName: p.round_name,
          status: p.status,
          decision: p.decision,
          cancelledAt: p.cancelled_at,
          candidates: p.candidates,
          passed: p.passed,
        },
        flags
          .filter((x) => x.filing_id === p.id)
          .map((x) => ({
            kind: x.kind,
            clause: x.clause,
            jurisdiction: x.jurisdiction,
            detail: x.detail,
            flaggedAt: x.flagged_at.toISOString(),
            clearedAt: x.cleared_at?.toISOString() ?? null,
          })),
      ),
    ),
  };
}

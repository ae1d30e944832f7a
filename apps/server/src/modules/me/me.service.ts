import type { MyTodosDto, Role, TodoDto, TodoKind } from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import { listApplications } from '../credit-bank/conversions.service';
import { listSessions } from '../exam-sessions/exam-sessions.service';
import { listSites } from '../exam-sites/exam-sites.service';
import { listFilings } from '../filings/filings.service';
import { myRegistrations } from '../registrations/registrations.service';
import { listComplaints } from '../supervision/complaints.service';
import { listInspections } from '../supervision/inspections.service';
import { listDuties } from '../supervision/reporting.service';

/** One row of a list, only for its total: the count query of the list itself, with the list's own scope. */
const ONE = { page: 1, pageSize: 1 } as const;

interface TodoSource {
  kind: TodoKind;
  roles: readonly Role[];
  /** The web page that lists the waiting items (the same filter), or null while there is none. */
  link: string | null;
  count: (deps: Deps, ctx: RequestContext) => Promise<number>;
}

const sum = async (...totals: Promise<number>[]) => (await Promise.all(totals)).reduce((a, b) => a + b, 0);

/**
 * The kinds of waiting work (issue 21 #1), each counted by the existing scoped list of its module — the list the
 * link opens, so the home page and the list cannot disagree, and no second scope logic exists.
 */
const SOURCES: readonly TodoSource[] = [
  {
    kind: 'filings_municipal_review',
    roles: ['municipal_admin'],
    link: '/municipal-review',
    // 中职 filings the city accepts (submitted) or reviews (municipal_review); the city sees only those.
    count: (deps, ctx) =>
      sum(
        listFilings(deps, ctx, { ...ONE, status: 'submitted' }).then((p) => p.total),
        listFilings(deps, ctx, { ...ONE, status: 'municipal_review' }).then((p) => p.total),
      ),
  },
  {
    kind: 'filings_provincial_review',
    roles: ['province_admin'],
    link: '/filing-review',
    count: (deps, ctx) => listFilings(deps, ctx, { ...ONE, status: 'provincial_review' }).then((p) => p.total),
  },
  {
    kind: 'expert_scores',
    roles: ['expert'],
    link: '/expert-reviews',
    // An expert sees only the filings assigned to it: those still in provincial review wait for its score.
    count: (deps, ctx) => listFilings(deps, ctx, { ...ONE, status: 'provincial_review' }).then((p) => p.total),
  },
  {
    kind: 'consents',
    roles: ['learner'],
    link: '/my-exams',
    count: async (deps, ctx) => (await myRegistrations(deps, ctx)).filter((r) => r.allowedActions.includes('consent')).length,
  },
  {
    kind: 'exam_site_applications',
    roles: ['org_admin'],
    link: '/exam-site-review',
    count: (deps, ctx) => listSites(deps, ctx, { ...ONE, status: 'applied' }).then((p) => p.total),
  },
  {
    kind: 'conversion_applications',
    roles: ['school_admin'],
    link: '/conversion-applications',
    count: (deps, ctx) => listApplications(deps, ctx, { ...ONE, status: 'submitted' }).then((p) => p.total),
  },
  {
    kind: 'results_to_publish',
    roles: ['org_admin'],
    link: '/exam-sessions',
    count: (deps, ctx) => listSessions(deps, ctx, { ...ONE, status: 'scores_entered' }).then((p) => p.total),
  },
  {
    kind: 'report_duties_due',
    roles: ['school_admin', 'department_admin', 'project_leader'],
    link: '/supervision/reports',
    count: (deps, ctx) =>
      sum(
        listDuties(deps, ctx, { ...ONE, status: 'pending' }).then((p) => p.total),
        listDuties(deps, ctx, { ...ONE, status: 'returned' }).then((p) => p.total),
      ),
  },
  {
    kind: 'reports_to_review',
    roles: ['province_admin', 'national_admin'],
    link: '/supervision/review',
    count: (deps, ctx) => listDuties(deps, ctx, { ...ONE, status: 'submitted' }).then((p) => p.total),
  },
  {
    kind: 'rectifications_overdue',
    roles: ['school_admin', 'department_admin', 'province_admin', 'national_admin'],
    link: '/supervision/inspections',
    count: async (deps, ctx) => (await listInspections(deps, ctx)).flatMap((i) => i.rectifications).filter((r) => r.overdue).length,
  },
  {
    kind: 'complaints_to_handle',
    roles: ['national_admin', 'province_admin', 'municipal_admin'],
    link: '/supervision/complaints',
    count: (deps, ctx) =>
      sum(
        listComplaints(deps, ctx, { ...ONE, status: 'received' }).then((p) => p.total),
        listComplaints(deps, ctx, { ...ONE, status: 'in_progress' }).then((p) => p.total),
      ),
  },
];

/** The roles that have a kind of waiting work (for the docs and tests). */
export const todoKindsOf = (role: Role): TodoKind[] => SOURCES.filter((s) => s.roles.includes(role)).map((s) => s.kind);

/** GET /me/todos: the signed-in actor's waiting work, counted in its scope. */
export async function myTodos(deps: Deps, ctx: RequestContext): Promise<MyTodosDto> {
  const actor = requireActor(ctx);
  const mine = SOURCES.filter((s) => s.roles.includes(actor.role));
  const items: TodoDto[] = [];
  for (const s of mine) items.push({ kind: s.kind, count: await s.count(deps, ctx), link: s.link });
  return { items };
}

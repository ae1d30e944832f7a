import type { z } from 'zod';
import type { ApprovedScaleQuery, ApprovedScaleRowDto, Page, approvedScaleDtoSchema, approvedScaleSchema } from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import { scopeWhere } from '../../db/scope-filter';
import type { Tx } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { filingIsApproved } from '../agreements/agreements.rules';
import * as q from './pilot-scale.queries';
import { assertWithinScale, scaleChangeProblem } from './pilot-scale.rules';

type ScaleDto = z.infer<typeof approvedScaleDtoSchema>;

const READ_ROLES = ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'department_admin', 'project_leader'] as const;

async function dto(db: Deps['db'], filingId: string, scale: number | null): Promise<ScaleDto> {
  const events = await q.scaleEvents(db, filingId);
  return {
    filingId,
    approvedScale: scale,
    events: events.map((e) => ({ fromScale: e.from_scale, toScale: e.to_scale, reason: e.reason, at: e.at.toISOString() })),
  };
}

const facts = (f: { province_code: string; city_code: string; school_id: string }) => ({
  provinceCode: f.province_code,
  cityCode: f.city_code,
  schoolId: f.school_id,
});

export async function getScale(deps: Deps, ctx: RequestContext, filingId: string): Promise<ScaleDto> {
  const actor = requireActor(ctx, READ_ROLES);
  const f = await q.filingForScale(deps.db, filingId);
  if (!f || !inScope(scopeOf(actor), facts(f))) throw notFound();
  return dto(deps.db, f.id, f.approved_scale);
}

/**
 * `PUT /api/v1/filings/{id}/approved-scale` (四.2): the province fixes the pilot's scale when it approves the filing
 * or an annual plan, and may change it later with a reason. Only an approved pilot of its province.
 */
export async function setScale(deps: Deps, ctx: RequestContext, filingId: string, input: z.infer<typeof approvedScaleSchema>) {
  const actor = requireActor(ctx, ['province_admin']);
  const now = deps.clock.now();
  const reason = input.reason?.trim() || null;
  const scale = await deps.db.transaction().execute(async (trx) => {
    const f = await q.filingForScale(trx, filingId, true);
    if (!f || !inScope(scopeOf(actor), facts(f))) throw notFound();
    if (!filingIsApproved(f)) throw new AppError('FILING_NOT_APPROVED');
    const problem = scaleChangeProblem(f.approved_scale, input.scale, reason);
    if (problem) throw new AppError(problem, { from: f.approved_scale, to: input.scale });
    if (f.approved_scale === input.scale) return f.approved_scale;
    await q.setScale(trx, {
      filingId,
      provinceCode: f.province_code,
      from: f.approved_scale,
      to: input.scale,
      reason,
      by: actor.userId,
      at: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'filing.approved_scale',
      targetType: 'filing',
      targetId: filingId,
      summary: { from: f.approved_scale, to: input.scale, ...(reason ? { reason } : {}) },
      scope: facts(f),
    });
    return input.scale;
  });
  return dto(deps.db, filingId, scale);
}

/** For registrations: refuses `adding` more live registrations of the pilot in the session's exam year past its scale. */
export async function assertPilotScale(trx: Tx, filingId: string, examDate: string, adding: number): Promise<void> {
  if (adding === 0) return;
  const f = await q.filingForScale(trx, filingId, true);
  if (!f || f.approved_scale === null) return;
  const year = Number(examDate.slice(0, 4));
  assertWithinScale(f.approved_scale, await q.liveRegistrations(trx, filingId, year), adding, year);
}

/** The exam year of an instant: its calendar year in China (UTC+8). */
const chinaYear = (at: Date) => new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();

/**
 * `GET /api/v1/approved-scales` (issue 17 item 4): the approved pilots in the actor's scope, each with its approved
 * scale and the live registrations counted against it for an exam year (this year by default); the province of a
 * pilot may change it (`mayChange`), everyone else reads.
 */
export async function listApprovedScales(deps: Deps, ctx: RequestContext, f: ApprovedScaleQuery): Promise<Page<ApprovedScaleRowDto>> {
  const actor = requireActor(ctx, READ_ROLES);
  const year = f.year ?? chinaYear(deps.clock.now());
  const where = scopeWhere(scopeOf(actor), {
    provinceCode: 'filings.province_code',
    cityCode: 'filings.city_code',
    schoolId: 'filings.school_id',
    departmentId: 'filings.department_id',
  });
  const { items, total } = await q.listApprovedScales(deps.db, where, f, year);
  return {
    items: items.map((r) => {
      const registrations = Number(r.registrations);
      return {
        filingId: r.id,
        school: { id: r.school_id, name: r.school_name },
        department: { id: r.department_id, name: r.department_name },
        certificateType: { id: r.certificate_type_id, name: r.certificate_type_name },
        filingYear: r.year,
        year,
        approvedScale: r.approved_scale,
        registrations,
        remaining: r.approved_scale === null ? null : r.approved_scale - registrations,
        mayChange: actor.role === 'province_admin' && actor.provinceCode === r.province_code,
      };
    }),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

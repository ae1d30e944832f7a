import type { InvigilationDto, InvigilatorRole } from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import * as sq from '../exam-sessions/exam-sessions.queries';
import { visibleSession } from '../exam-sessions/exam-sessions.service';
import * as q from './invigilation.queries';

/**
 * Invigilation (R5.4; 粤生态职院〔2023〕18号 第十五条: 试点考证巡考、监考由二级学院安排，监考费按相关管理办法执行):
 * the host school's departments (school_admin, department_admin) assign invigilators to a session with their fees.
 */

/** The host school's administrators arrange invigilation; a department administrator only for its own department. */
function mayArrange(a: Actor, s: sq.SessionRow): boolean {
  return (a.role === 'school_admin' || a.role === 'department_admin') && s.site_school_id !== null && a.schoolId === s.site_school_id;
}
function mayDelete(a: Actor, s: sq.SessionRow, r: q.InvigilationRow): boolean {
  if (!mayArrange(a, s) || s.status === 'closed') return false;
  return a.role === 'school_admin' || r.department_id === a.departmentId;
}

function toDto(a: Actor, s: sq.SessionRow, r: q.InvigilationRow): InvigilationDto {
  return {
    id: r.id,
    sessionId: r.session_id,
    school: { id: r.school_id, name: r.school_name },
    department: r.department_id ? { id: r.department_id, name: r.department_name ?? '' } : null,
    invigilatorName: r.invigilator_name,
    role: r.role,
    feeFen: r.fee_fen,
    createdAt: r.created_at.toISOString(),
    mayDelete: mayDelete(a, s, r),
  };
}

export async function listInvigilations(deps: Deps, ctx: RequestContext, sessionId: string) {
  const actor = requireActor(ctx);
  const s = await visibleSession(deps.db, actor, sessionId);
  const rows = await q.listForSession(deps.db, sessionId);
  return {
    items: rows.map((r) => toDto(actor, s, r)),
    totalFeeFen: rows.reduce((n, r) => n + r.fee_fen, 0),
    mayAssign: mayArrange(actor, s) && s.status !== 'closed',
  };
}

export async function assignInvigilator(
  deps: Deps,
  ctx: RequestContext,
  sessionId: string,
  b: { invigilatorName: string; role: InvigilatorRole; feeFen: number; departmentId?: string | null | undefined },
): Promise<InvigilationDto> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    await sq.lockSession(trx, sessionId);
    const s = await visibleSession(trx, actor, sessionId);
    if (!mayArrange(actor, s)) throw new AppError('FORBIDDEN');
    if (s.status === 'closed') throw new AppError('CONFLICT', { status: s.status });
    let departmentId = actor.role === 'department_admin' ? actor.departmentId : (b.departmentId ?? null);
    if (actor.role === 'department_admin' && b.departmentId && b.departmentId !== actor.departmentId) throw new AppError('FORBIDDEN');
    if (departmentId) {
      const d = await q.departmentOf(trx, departmentId);
      if (!d || d.school_id !== s.site_school_id)
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'departmentId', message: '二级学院不属于承办学校' }] });
    } else departmentId = null;
    const newId = await q.insertInvigilation(trx, {
      session_id: sessionId,
      school_id: s.site_school_id!,
      department_id: departmentId,
      province_code: s.province_code,
      invigilator_name: b.invigilatorName,
      role: b.role,
      fee_fen: b.feeFen,
      created_at: now,
      created_by: actor.userId,
    });
    await recordAudit(trx, ctx, now, {
      action: 'exam_invigilation.assign',
      targetType: 'exam_invigilation',
      targetId: newId,
      summary: { sessionId, invigilatorName: b.invigilatorName, role: b.role, feeFen: b.feeFen, departmentId },
      scope: { provinceCode: s.province_code, cityCode: s.city_code, schoolId: s.site_school_id, orgId: s.org_id },
    });
    return newId;
  });
  const s = await sq.findSession(deps.db, sessionId);
  const r = await q.findInvigilation(deps.db, id);
  return toDto(actor, s!, r!);
}

export async function removeInvigilation(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const sessionId = await q.lockInvigilation(trx, id);
    if (!sessionId) throw notFound();
    const s = await visibleSession(trx, actor, sessionId);
    const r = await q.findInvigilation(trx, id);
    if (!r) throw notFound();
    if (!mayArrange(actor, s)) throw new AppError('FORBIDDEN');
    if (!mayDelete(actor, s, r)) throw s.status === 'closed' ? new AppError('CONFLICT', { status: s.status }) : new AppError('FORBIDDEN');
    await q.deleteInvigilation(trx, id);
    await recordAudit(trx, ctx, now, {
      action: 'exam_invigilation.remove',
      targetType: 'exam_invigilation',
      targetId: id,
      summary: { sessionId, invigilatorName: r.invigilator_name, role: r.role, feeFen: r.fee_fen },
      scope: { provinceCode: s.province_code, cityCode: s.city_code, schoolId: s.site_school_id, orgId: s.org_id },
    });
  });
}

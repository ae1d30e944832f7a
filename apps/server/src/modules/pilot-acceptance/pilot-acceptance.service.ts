import type {
  AcceptanceDecisionInput,
  PilotAcceptanceAction,
  PilotAcceptanceStatusCode,
  PilotSummaryDto,
  Role,
  Shortfall,
  TaskBookDto,
  TaskBookInput,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { inScope, scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { auditedTransaction } from '../audit/audit.service';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import * as q from './pilot-acceptance.queries';
import { acceptanceTransition, decisionNeedsComment, shortfallsOf, taskBookEditable } from './pilot-acceptance.rules';

/**
 * Pilot task books and final acceptance (issue 18 item 5; `004` 六 项目结题验收, `001` 第六条(一), 第二十条): the school
 * keeps the task book of its approved pilot (targets, milestones, core courses mapped to certificate modules);
 * progress is computed from the records; the school applies for acceptance, the province accepts or not with the
 * shortfalls recorded. Reads by scope (outside → 404); every change is one transaction with its audit row.
 */

const READ_ROLES: readonly Role[] = ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'department_admin'];

type Pilot = NonNullable<Awaited<ReturnType<typeof q.findPilot>>>;

async function readablePilot(db: Db, actor: Actor, filingId: string): Promise<Pilot> {
  const p = await q.findPilot(db, filingId);
  if (
    !p ||
    !inScope(scopeOf(actor), { provinceCode: p.province_code, cityCode: p.city_code, schoolId: p.school_id, departmentId: p.department_id })
  )
    throw notFound();
  return p;
}

const scopeFacts = (p: Pilot) => ({ provinceCode: p.province_code, cityCode: p.city_code, schoolId: p.school_id });
const isSchool = (actor: Actor, p: Pilot) => actor.role === 'school_admin' && actor.schoolId === p.school_id;
const isProvince = (actor: Actor, p: Pilot) => actor.role === 'province_admin' && actor.provinceCode === p.province_code;

async function currentShortfalls(
  db: Db,
  book: { id: string; target_trained_teachers: number; target_examined: number; target_courses: number; trained_teachers: number },
  filingId: string,
) {
  const [figures, milestones, mappings] = await Promise.all([
    q.pilotFigures(db, filingId),
    q.milestonesOf(db, book.id),
    q.mappingsOf(db, book.id),
  ]);
  const shortfalls = shortfallsOf({
    targets: { trainedTeachers: book.target_trained_teachers, examined: book.target_examined, courses: book.target_courses },
    actual: { trainedTeachers: book.trained_teachers, examined: figures.examined, courses: mappings.length },
    milestones: milestones.map((m) => ({ title: m.title, dueOn: m.due_on, doneOn: m.done_on })),
  });
  return { figures, milestones, mappings, shortfalls };
}

async function toDto(deps: Deps, actor: Actor, p: Pilot): Promise<TaskBookDto> {
  const book = await q.findTaskBook(deps.db, p.filing_id);
  const today = chinaDate(deps.clock.now());
  const figures = await q.pilotFigures(deps.db, p.filing_id);
  const base = {
    filing: { id: p.filing_id, year: p.year, certificateName: p.certificate_name },
    school: { id: p.school_id, name: p.school_name },
    provinceCode: p.province_code,
    plannedCandidates: figures.planned,
  };
  if (!book) {
    return {
      id: '',
      ...base,
      progress: {
        trainedTeachers: { target: 0, actual: 0 },
        candidatesExamined: { target: figures.planned, actual: figures.examined },
        coursesMapped: { target: 0, actual: 0 },
        milestonesDone: { target: 0, actual: 0 },
        candidatesPassed: figures.passed,
      },
      milestones: [],
      courseMappings: [],
      shortfalls: [],
      status: 'in_progress',
      acceptanceReport: null,
      appliedAt: null,
      recordedShortfalls: [],
      decisionComment: null,
      decidedAt: null,
      events: [],
      mayEdit: isSchool(actor, p),
      allowedActions: [],
    };
  }
  const { milestones, mappings, shortfalls } = await currentShortfalls(deps.db, book, p.filing_id);
  const events = await q.eventsOf(deps.db, book.id);
  const status = book.status as PilotAcceptanceStatusCode;
  const allowed: PilotAcceptanceAction[] = [];
  if (isSchool(actor, p) && acceptanceTransition('apply', status)) allowed.push('apply');
  if (isProvince(actor, p) && acceptanceTransition('accept', status)) allowed.push('accept', 'reject');
  return {
    id: book.id,
    ...base,
    progress: {
      trainedTeachers: { target: book.target_trained_teachers, actual: book.trained_teachers },
      candidatesExamined: { target: book.target_examined, actual: figures.examined },
      coursesMapped: { target: book.target_courses, actual: mappings.length },
      milestonesDone: { target: milestones.length, actual: milestones.filter((m) => m.done_on).length },
      candidatesPassed: figures.passed,
    },
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.due_on,
      doneOn: m.done_on,
      note: m.note,
      overdue: !m.done_on && m.due_on < today,
    })),
    courseMappings: mappings.map((m) => ({ courseId: m.course_id, code: m.code, name: m.name, module: m.module })),
    shortfalls,
    status,
    acceptanceReport: book.acceptance_report,
    appliedAt: book.applied_at ? book.applied_at.toISOString() : null,
    recordedShortfalls: book.shortfalls as Shortfall[],
    decisionComment: book.decision_comment,
    decidedAt: book.decided_at ? book.decided_at.toISOString() : null,
    events: events.map((e) => ({ action: e.action, at: e.at.toISOString(), comment: e.comment })),
    mayEdit: isSchool(actor, p) && taskBookEditable(status),
    allowedActions: allowed,
  };
}

export async function listPilots(
  deps: Deps,
  ctx: RequestContext,
  f: { status?: PilotAcceptanceStatusCode | undefined },
): Promise<PilotSummaryDto[]> {
  const actor = requireActor(ctx, READ_ROLES);
  const rows = await q.listPilots(deps.db, scopeOf(actor), f.status);
  return rows.map((r) => ({
    filingId: r.filing_id,
    year: r.year,
    certificateName: r.certificate_name,
    school: { id: r.school_id, name: r.school_name },
    taskBookId: r.task_book_id,
    status: r.status,
    shortfallCount: r.task_book_id && r.status !== 'in_progress' ? (r.shortfalls as unknown[]).length : null,
  }));
}

export async function getTaskBook(deps: Deps, ctx: RequestContext, filingId: string): Promise<TaskBookDto> {
  const actor = requireActor(ctx, READ_ROLES);
  return toDto(deps, actor, await readablePilot(deps.db, actor, filingId));
}

export async function saveTaskBook(deps: Deps, ctx: RequestContext, filingId: string, input: TaskBookInput): Promise<TaskBookDto> {
  const actor = requireActor(ctx, READ_ROLES);
  const p = await readablePilot(deps.db, actor, filingId);
  if (!isSchool(actor, p)) throw new AppError('FORBIDDEN');
  const courseIds = input.courseMappings.map((m) => m.courseId);
  const own = await q.coursesOfSchool(deps.db, p.school_id, courseIds);
  if (own.length !== new Set(courseIds).size)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'courseMappings', message: '对接的课程须为本校课程目录中的课程' }] });
  await auditedTransaction(deps, ctx, async (trx, now) => {
    const existing = await q.lockTaskBook(trx, filingId);
    if (existing && !taskBookEditable(existing.status)) throw new AppError('TASK_BOOK_NOT_EDITABLE');
    const values = {
      target_trained_teachers: input.targetTrainedTeachers,
      target_examined: input.targetExamined,
      target_courses: input.targetCourses,
      trained_teachers: input.trainedTeachers ?? existing?.trained_teachers ?? 0,
      updated_at: now,
    };
    const id = existing
      ? (await trx.updateTable('pilot_task_books').set(values).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
      : (
          await trx
            .insertInto('pilot_task_books')
            .values({
              ...values,
              filing_id: filingId,
              school_id: p.school_id,
              province_code: p.province_code,
              city_code: p.city_code,
              created_at: now,
              created_by: actor.userId,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
    await trx.deleteFrom('pilot_milestones').where('task_book_id', '=', id).execute();
    await trx.deleteFrom('pilot_course_mappings').where('task_book_id', '=', id).execute();
    if (input.milestones.length)
      await trx
        .insertInto('pilot_milestones')
        .values(
          input.milestones.map((m, i) => ({
            task_book_id: id,
            position: i,
            title: m.title,
            due_on: m.dueOn,
            done_on: m.doneOn ?? null,
            note: m.note ?? null,
          })),
        )
        .execute();
    if (input.courseMappings.length)
      await trx
        .insertInto('pilot_course_mappings')
        .values(input.courseMappings.map((m) => ({ task_book_id: id, course_id: m.courseId, module: m.module })))
        .execute();
    return {
      result: null,
      audit: {
        action: 'pilot_task_book.save',
        targetType: 'pilot_task_book',
        targetId: id,
        summary: {
          filingId,
          targets: { trainedTeachers: input.targetTrainedTeachers, examined: input.targetExamined, courses: input.targetCourses },
          trainedTeachers: values.trained_teachers,
          milestones: input.milestones.length,
          courseMappings: input.courseMappings.length,
        },
        scope: scopeFacts(p),
      },
    };
  });
  return getTaskBook(deps, ctx, filingId);
}

/** The school applies for acceptance with its report; the shortfalls of that moment are recorded with it. */
export async function applyForAcceptance(deps: Deps, ctx: RequestContext, filingId: string, report: string): Promise<TaskBookDto> {
  const actor = requireActor(ctx, READ_ROLES);
  const p = await readablePilot(deps.db, actor, filingId);
  if (!isSchool(actor, p)) throw new AppError('FORBIDDEN');
  await step(deps, ctx, p, 'apply', report, actor);
  return getTaskBook(deps, ctx, filingId);
}

/** The province accepts or not (a refusal, or acceptance despite shortfalls, with its comment). */
export async function decideAcceptance(
  deps: Deps,
  ctx: RequestContext,
  filingId: string,
  input: AcceptanceDecisionInput,
): Promise<TaskBookDto> {
  const actor = requireActor(ctx, READ_ROLES);
  const p = await readablePilot(deps.db, actor, filingId);
  if (!isProvince(actor, p)) throw new AppError('FORBIDDEN');
  await step(deps, ctx, p, input.decision, input.comment ?? null, actor);
  return getTaskBook(deps, ctx, filingId);
}

async function step(deps: Deps, ctx: RequestContext, p: Pilot, action: PilotAcceptanceAction, text: string | null, actor: Actor) {
  await auditedTransaction(deps, ctx, async (trx, now) => {
    const book = await q.lockTaskBook(trx, p.filing_id);
    if (!book) throw new AppError('TASK_BOOK_MISSING');
    const to = acceptanceTransition(action, book.status);
    if (!to) throw new AppError('PILOT_ACCEPTANCE_TRANSITION');
    const { shortfalls } = await currentShortfalls(trx, book, p.filing_id);
    if (action !== 'apply' && decisionNeedsComment(action, shortfalls) && !(text && text.trim().length >= 2))
      throw new AppError('ACCEPTANCE_COMMENT_REQUIRED', { shortfalls });
    const set =
      action === 'apply'
        ? {
            status: to,
            acceptance_report: text,
            applied_at: now,
            shortfalls: JSON.stringify(shortfalls),
            decision_comment: null,
            decided_at: null,
            decided_by: null,
          }
        : { status: to, shortfalls: JSON.stringify(shortfalls), decision_comment: text, decided_at: now, decided_by: actor.userId };
    await trx
      .updateTable('pilot_task_books')
      .set({ ...set, updated_at: now })
      .where('id', '=', book.id)
      .execute();
    await trx
      .insertInto('pilot_acceptance_events')
      .values({
        task_book_id: book.id,
        action,
        from_status: book.status,
        to_status: to,
        comment: text,
        shortfalls: JSON.stringify(shortfalls),
        at: now,
        by: actor.userId,
      })
      .execute();
    return {
      result: null,
      audit: {
        action: `pilot_task_book.${action}`,
        targetType: 'pilot_task_book',
        targetId: book.id,
        summary: { filingId: p.filing_id, from: book.status, to, shortfalls: shortfalls.map((s) => s.code), comment: text },
        scope: scopeFacts(p),
      },
    };
  });
}

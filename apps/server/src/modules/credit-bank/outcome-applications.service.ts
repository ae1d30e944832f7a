import type {
  OutcomeApplicationDto,
  OutcomeApplicationInput,
  OutcomeApplicationStatusCode,
  OutcomeApplicationTransition,
  Page,
  PublicRecognitionListDto,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { scopeOf } from '../../auth/scope';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { auditedTransaction } from '../audit/audit.service';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import { findFileMeta } from '../files/files.queries';
import { type StoredFile, storePdf } from '../files/files.service';
import { accountsForLearners, depositOutcomes } from '../learning-accounts/ledger';
import { mayManageSchool, mayRead } from './credit-bank.policy';
import * as cq from './credit-bank.queries';
import { num } from './credit-bank.service';
import * as q from './outcome-applications.queries';
import { applicationActions, applicationDepositKey } from './outcome-applications.rules';

/**
 * Learners bring their own outcomes (issue 18 item 6): the learner uploads evidence and applies; the learner's school
 * (which holds the recognition rules) deposits the outcome into the learning account — once, under the
 * application's idempotency key — or refuses with a reason; the learner follows the state. Item 7: each school's
 * published recognition rules, public without an account.
 */

function toDto(actor: Actor | null, r: q.ApplicationRow): OutcomeApplicationDto {
  const party = !actor
    ? null
    : actor.role === 'learner' && actor.userId === r.user_id
      ? 'learner'
      : mayManageSchool(actor, r.school_id)
        ? 'school'
        : null;
  return {
    id: r.id,
    learner: { id: r.learner_id, name: r.learner_name },
    school: { id: r.school_id, name: r.school_name },
    type: r.outcome_type,
    name: r.name,
    issuer: r.issuer,
    level: r.level,
    credits: num(r.credits),
    hours: r.hours === null ? null : num(r.hours),
    obtainedOn: r.obtained_on,
    evidenceFileId: r.evidence_file_id,
    note: r.note,
    status: r.status,
    depositedCredits: r.deposited_credits === null ? null : num(r.deposited_credits),
    learningOutcomeId: r.learning_outcome_id,
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    allowedActions: applicationActions(r.status, party),
  };
}

async function learnerOf(deps: Deps, actor: Actor) {
  const l = await q.learnerOfUser(deps.db, actor.userId);
  if (!l?.school_id) throw new AppError('OUTCOME_APPLICATION_NO_SCHOOL');
  return l as typeof l & { school_id: string };
}

/** The learner's evidence PDF, owned by the learner's school (its reviewer reads it); the learner reads it as uploader. */
export async function uploadApplicationEvidence(
  deps: Deps,
  ctx: RequestContext,
  file: { bytes: Buffer; filename: string },
): Promise<StoredFile> {
  const actor = requireActor(ctx, ['learner']);
  const l = await learnerOf(deps, actor);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const stored = await storePdf(trx, ctx, file.bytes, file.filename, {
      at: now,
      owner: { provinceCode: l.province_code, schoolId: l.school_id },
    });
    return {
      result: stored,
      audit: {
        action: 'outcome_application.evidence_upload',
        targetType: 'file',
        targetId: stored.id,
        summary: { name: stored.name, sha256: stored.sha256, size: stored.size },
        scope: { provinceCode: l.province_code, cityCode: l.city_code, schoolId: l.school_id },
      },
    };
  });
}

export async function submitApplication(deps: Deps, ctx: RequestContext, input: OutcomeApplicationInput): Promise<OutcomeApplicationDto> {
  const actor = requireActor(ctx, ['learner']);
  const l = await learnerOf(deps, actor);
  const file = await findFileMeta(deps.db, input.evidenceFileId);
  if (!file || file.created_by !== actor.userId || file.mime !== 'application/pdf') throw new AppError('OUTCOME_EVIDENCE_INVALID');
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const { id } = await q.insertApplication(trx, {
      learner_id: l.id,
      user_id: actor.userId,
      school_id: l.school_id,
      province_code: l.province_code,
      city_code: l.city_code,
      outcome_type: input.type,
      name: input.name,
      issuer: input.issuer,
      level: input.level ?? null,
      credits: input.credits,
      hours: input.hours ?? null,
      obtained_on: input.obtainedOn,
      evidence_file_id: input.evidenceFileId,
      note: input.note ?? null,
      created_at: now,
    });
    const row = (await q.findApplication(trx, id))!;
    return {
      result: toDto(actor, row),
      audit: {
        action: 'outcome_application.submit',
        targetType: 'outcome_application',
        targetId: id,
        summary: { type: input.type, name: input.name, issuer: input.issuer, credits: input.credits },
        scope: { provinceCode: l.province_code, cityCode: l.city_code, schoolId: l.school_id },
      },
    };
  });
}

export async function myApplications(
  deps: Deps,
  ctx: RequestContext,
  f: { page: number; pageSize: number; status?: OutcomeApplicationStatusCode | undefined },
): Promise<Page<OutcomeApplicationDto>> {
  const actor = requireActor(ctx, ['learner']);
  const { items, total } = await q.listApplications(deps.db, { userId: actor.userId, status: f.status }, f.page, f.pageSize);
  return { items: items.map((r) => toDto(actor, r)), total, page: f.page, pageSize: f.pageSize };
}

/** The school's queue (province and nation read their scope). */
export async function listApplications(
  deps: Deps,
  ctx: RequestContext,
  f: { page: number; pageSize: number; status?: OutcomeApplicationStatusCode | undefined },
): Promise<Page<OutcomeApplicationDto>> {
  const actor = requireActor(ctx, ['national_admin', 'province_admin', 'school_admin']);
  const { items, total } = await q.listApplications(deps.db, { scope: scopeOf(actor), status: f.status }, f.page, f.pageSize);
  return { items: items.map((r) => toDto(actor, r)), total, page: f.page, pageSize: f.pageSize };
}

async function readable(deps: Deps, actor: Actor, id: string): Promise<q.ApplicationRow> {
  const r = await q.findApplication(deps.db, id);
  const own = actor.role === 'learner' && r?.user_id === actor.userId;
  if (!r || !(own || mayRead(actor, { schoolId: r.school_id, provinceCode: r.province_code }))) throw notFound();
  return r;
}

export async function getApplication(deps: Deps, ctx: RequestContext, id: string): Promise<OutcomeApplicationDto> {
  const actor = requireActor(ctx);
  return toDto(actor, await readable(deps, actor, id));
}

/**
 * deposit | refuse (the school) | withdraw (the learner). Locks the row and moves it only from `submitted`; the
 * deposit writes one ledger entry under the application's key, so a repeated confirmation cannot deposit twice.
 */
export async function transitionApplication(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: OutcomeApplicationTransition,
): Promise<OutcomeApplicationDto> {
  const actor = requireActor(ctx, ['learner', 'school_admin', 'national_admin', 'province_admin']);
  const r = await readable(deps, actor, id);
  const party = actor.role === 'learner' ? 'learner' : mayManageSchool(actor, r.school_id) ? 'school' : null;
  if (!party) throw new AppError('FORBIDDEN');
  if ((party === 'learner') !== (input.action === 'withdraw')) throw new AppError('FORBIDDEN');
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const locked = await q.lockApplication(trx, id);
    if (!locked || locked.status !== 'submitted') throw new AppError('OUTCOME_APPLICATION_NOT_OPEN');
    let learningOutcomeId: string | null = null;
    let written = 0;
    const credits = input.action === 'deposit' ? (input.credits ?? num(r.credits)) : null;
    if (input.action === 'deposit') {
      const school = (await cq.findSchool(trx, r.school_id))!;
      const accountId = (await accountsForLearners(trx, [r.learner_id], 'learner', now, actor.userId)).get(r.learner_id)!;
      const key = applicationDepositKey(r.id);
      written = await depositOutcomes(
        trx,
        [
          {
            accountId,
            outcomeType: r.outcome_type,
            name: r.name,
            level: r.level,
            credits: credits!,
            hours: r.hours === null ? null : num(r.hours),
            recordedOn: r.obtained_on,
            source: r.issuer,
            sourceKind: 'learner',
            idempotencyKey: key,
            evidenceFileId: r.evidence_file_id,
            schoolId: school.id,
            provinceCode: school.province_code,
            note: `学习者申请，经${school.name}审核存入`,
          },
        ],
        now,
        actor.userId,
      );
      learningOutcomeId = (await q.entryIdByKey(trx, key))!.id;
    }
    const to = input.action === 'deposit' ? 'deposited' : input.action === 'refuse' ? 'refused' : 'withdrawn';
    await trx
      .updateTable('outcome_applications')
      .set({
        status: to,
        learning_outcome_id: learningOutcomeId,
        deposited_credits: credits,
        reason: input.action === 'refuse' ? input.reason! : null,
        decided_at: now,
        decided_by: actor.userId,
      })
      .where('id', '=', id)
      .where('status', '=', 'submitted')
      .execute();
    const row = (await q.findApplication(trx, id))!;
    return {
      result: toDto(actor, row),
      audit: {
        action: `outcome_application.${input.action}`,
        targetType: 'outcome_application',
        targetId: id,
        summary: { name: r.name, credits, reason: input.reason ?? null, written },
        scope: { provinceCode: r.province_code, cityCode: r.city_code, schoolId: r.school_id },
      },
    };
  });
}

// ---- Public recognition lists (item 7) ----

export async function publicRecognitionSchools(deps: Deps) {
  const rows = await q.schoolsWithPublishedRules(deps.db, chinaDate(deps.clock.now()));
  return rows.map((r) => ({ id: r.id, name: r.name, provinceCode: r.province_code, ruleCount: Number(r.rule_count) }));
}

export async function publicRecognitionList(deps: Deps, schoolId: string): Promise<PublicRecognitionListDto> {
  const school = await cq.findSchool(deps.db, schoolId);
  if (!school) throw notFound();
  const rules = await q.publishedRulesOfSchool(deps.db, schoolId, chinaDate(deps.clock.now()));
  if (!rules.length) throw notFound();
  const parts = await cq.partsOfRules(
    deps.db,
    rules.map((r) => r.id),
  );
  return {
    school: { id: school.id, name: school.name, provinceCode: school.province_code },
    rules: rules.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      major: r.major_name,
      outcomes: parts.outcomes.filter((o) => o.rule_id === r.id).map((o) => ({ name: o.name, level: o.level })),
      courses: parts.courses
        .filter((c) => c.rule_id === r.id)
        .map((c) => ({ code: c.code, name: c.name, category: c.category, credits: num(c.credits), grade: c.grade })),
      validFrom: r.valid_from,
      validTo: r.valid_to,
      maxOutcomeAgeYears: r.max_outcome_age_years,
      basis: r.basis,
      publishedAt: r.published_at ? r.published_at.toISOString() : null,
    })),
  };
}

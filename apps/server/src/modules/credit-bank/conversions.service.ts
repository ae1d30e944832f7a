import {
  type ApplicationAction,
  type ApplicationStatus,
  COURSE_GROUP_OF,
  type ConversionApplicationDto,
  type ConversionItemDto,
  type ConversionPreviewDto,
  type Page,
  type RulePreviewDto,
  applicationTransition,
  maskIdNumber,
  ruleShape,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { decryptIdNumber } from '../../lib/personal-id';
import { auditedTransaction } from '../audit/audit.service';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import { depositOutcomes, withdrawFromTotals } from '../learning-accounts/ledger';
import { CREDIT_BANK_READ_ROLES, mayManageSchool, mayRead } from './credit-bank.policy';
import * as q from './credit-bank.queries';
import {
  type CapFacts,
  type OutcomeFacts,
  type Proposal,
  type ProposedItem,
  type RuleFacts,
  proposeConversions,
} from './credit-bank.rules';
import { creditBankSettingsOf, num, readableRule } from './credit-bank.service';
import { notifyConversionApplication } from '../notifications/notifications.service';

/**
 * Conversion (学分转换, R7.4): a learner applies at its school (or the school on its behalf); the platform proposes the
 * conversions the school's published rules allow and explains each one they do not (credit-bank.rules.ts); the
 * school's panel approves — the conversions still allowed at that moment become course exemptions (免修) and course
 * credits in the account, citing the rule — or refuses with a reason. APPLICATION_TRANSITIONS is the workflow.
 */

interface Context {
  account: { id: string };
  learner: { id: string; name: string; userId: string | null };
  school: { id: string; name: string; provinceCode: string };
  major: { id: string; name: string };
}

/** The facts of the rules engine for an account at a school and major. */
async function conversionFacts(db: Db, c: Context, appliedOn: string, onlyRuleId?: string) {
  const [rules, outcomes, settings, programme, exemptions] = await Promise.all([
    onlyRuleId ? q.findRule(db, onlyRuleId).then((r) => (r ? [r] : [])) : q.publishedRulesOf(db, c.school.id, c.major.id),
    q.convertibleOutcomes(db, c.account.id),
    creditBankSettingsOf(db, c.school.id),
    q.programmeCredits(db, c.school.id, c.major.id),
    q.exemptionsAtSchool(db, c.account.id, c.school.id),
  ]);
  const parts = await q.partsOfRules(
    db,
    rules.map((r) => r.id),
  );
  const ruleFacts: RuleFacts[] = rules.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    maxOutcomeAgeYears: r.max_outcome_age_years,
    outcomes: parts.outcomes.filter((o) => o.rule_id === r.id).map((o) => ({ creditOutcomeId: o.id, name: o.name })),
    courses: parts.courses
      .filter((x) => x.rule_id === r.id)
      .map((x) => ({
        courseId: x.id,
        code: x.code,
        name: x.name,
        category: x.category,
        credits: num(x.credits),
        grade: x.grade,
        exemptible: x.exemptible,
      })),
  }));
  const outcomeFacts: OutcomeFacts[] = outcomes.map((o) => ({
    id: o.id,
    creditOutcomeId: o.credit_outcome_id,
    name: o.name,
    obtainedOn: o.issued_on ?? o.recorded_on,
    revokedOn: o.revoked_on,
    usedBy: o.used_application_id ? `${chinaDate(o.used_at!)} 批准的学分转换申请` : null,
  }));
  const programmeCredits = { professional: 0, public: 0 };
  for (const p of programme) programmeCredits[COURSE_GROUP_OF[p.category]] += num(p.credits);
  const convertedCredits = { professional: 0, public: 0 };
  const exemptCourses = new Map<string, string>();
  for (const e of exemptions) {
    convertedCredits[COURSE_GROUP_OF[e.category]] += num(e.credits);
    exemptCourses.set(e.course_id, `${e.granted_on} 批准的学分转换`);
  }
  const caps: CapFacts = {
    professionalCapPercent: settings.professionalCapPercent,
    publicCapPercent: settings.publicCapPercent,
    excludedCategories: settings.excludedCategories,
    programmeCredits,
    convertedCredits,
    exemptCourses,
  };
  return proposeConversions({ rules: ruleFacts, outcomes: outcomeFacts, caps, appliedOn });
}

function toItemDto(p: ProposedItem, status: ConversionItemDto['status'] = 'proposed', id: string | null = null): ConversionItemDto {
  return {
    id,
    rule: { id: p.ruleId, code: p.ruleCode, name: p.ruleName, shape: p.shape },
    course: p.course,
    outcomes: p.outcomes,
    credits: p.credits,
    grade: p.grade,
    verdict: p.verdict,
    reason: p.reason,
    explanation: p.explanation,
    status,
  };
}

function previewDto(c: Context, appliedOn: string, p: Proposal): ConversionPreviewDto {
  return {
    school: { id: c.school.id, name: c.school.name },
    major: c.major,
    appliedOn,
    items: p.items.map((i) => toItemDto(i)),
    allowedCredits: p.allowedCredits,
    caps: p.caps,
  };
}

/** The learner's own context: its school and major (a social learner or one without a major cannot apply). */
async function myContext(deps: Deps, actor: Actor): Promise<Context> {
  const row = await q.learnerAccountOfUser(deps.db, actor.userId);
  if (!row) throw new AppError('LEARNING_ACCOUNT_NOT_FOUND');
  if (!row.learner_school_id || !row.learner_major_id) throw new AppError('CONVERSION_NOT_AVAILABLE');
  if (!row.account_id) throw new AppError('LEARNING_ACCOUNT_NOT_FOUND');
  return contextOf(
    deps.db,
    row.account_id,
    { id: row.learner_id, name: row.learner_name, userId: actor.userId },
    row.learner_school_id,
    row.learner_major_id,
  );
}

async function contextOf(db: Db, accountId: string, learner: Context['learner'], schoolId: string, majorId: string): Promise<Context> {
  const [school, major] = await Promise.all([q.findSchool(db, schoolId), q.findSchoolMajor(db, majorId)]);
  return {
    account: { id: accountId },
    learner,
    school: { id: school!.id, name: school!.name, provinceCode: school!.province_code },
    major: { id: major!.id, name: major!.name },
  };
}

/** A school's context for one of its learners (404 for a learner of another school). */
async function learnerContext(deps: Deps, actor: Actor, learnerId: string): Promise<Context> {
  const l = await q.findLearner(deps.db, learnerId);
  if (!l || !mayRead(actor, { schoolId: l.school_id, provinceCode: l.province_code })) throw notFound();
  if (!l.school_id || !l.school_major_id) throw new AppError('CONVERSION_NOT_AVAILABLE');
  const account = await q.accountOfLearner(deps.db, l.id);
  if (!account) throw new AppError('LEARNING_ACCOUNT_NOT_FOUND');
  return contextOf(deps.db, account.id, { id: l.id, name: l.name, userId: l.user_id }, l.school_id, l.school_major_id);
}

export async function myConversionPreview(deps: Deps, ctx: RequestContext): Promise<ConversionPreviewDto> {
  const actor = requireActor(ctx, ['learner']);
  const c = await myContext(deps, actor);
  const appliedOn = chinaDate(deps.clock.now());
  return previewDto(c, appliedOn, await conversionFacts(deps.db, c, appliedOn));
}

export async function learnerConversionPreview(deps: Deps, ctx: RequestContext, learnerId: string): Promise<ConversionPreviewDto> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  const c = await learnerContext(deps, actor, learnerId);
  const appliedOn = chinaDate(deps.clock.now());
  return previewDto(c, appliedOn, await conversionFacts(deps.db, c, appliedOn));
}

/** R7.2 preview: which of a learner's outcomes a rule (draft or published) would convert, as if applied today. */
export async function previewRule(deps: Deps, ctx: RequestContext, ruleId: string, learnerId: string): Promise<RulePreviewDto> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  const rule = await readableRule(deps, actor, ruleId);
  const c = await learnerContext(deps, actor, learnerId);
  if (c.school.id !== rule.school_id) throw notFound();
  const appliedOn = chinaDate(deps.clock.now());
  const p = await conversionFacts(deps.db, { ...c, major: { id: rule.school_major_id, name: rule.major_name } }, appliedOn, rule.id);
  const parts = await q.partsOfRules(deps.db, [rule.id]);
  return {
    rule: { id: rule.id, code: rule.code, name: rule.name, shape: ruleShape(parts.outcomes.length, parts.courses.length) },
    learner: { id: c.learner.id, name: c.learner.name },
    items: p.items.map((i) => toItemDto(i)),
  };
}

// ---- Applications ----

function allowedActionsFor(actor: Actor, a: q.ApplicationRow): ApplicationAction[] {
  return (['approve', 'refuse', 'withdraw'] as const).filter((action) => {
    const t = applicationTransition(action, a.status);
    if (!t || !t.roles.includes(actor.role)) return false;
    if (actor.role === 'learner') return a.learner_user_id === actor.userId;
    return mayManageSchool(actor, a.school_id);
  });
}

async function applicationDtos(
  deps: Deps,
  actor: Actor,
  rows: readonly q.ApplicationRow[],
  withEvents = false,
): Promise<ConversionApplicationDto[]> {
  const items = await q.itemsOfApplications(
    deps.db,
    rows.map((r) => r.id),
  );
  const shapes = await q.ruleShapes(deps.db, [...new Set(items.map((i) => i.rule_id))]);
  const names = await q.entryNames(deps.db, [...new Set(items.flatMap((i) => i.outcome_ids))]);
  return Promise.all(
    rows.map(async (a) => {
      const mine = items.filter((i) => i.application_id === a.id);
      const itemDtos: ConversionItemDto[] = mine.map((i) => {
        const s = shapes.get(i.rule_id) ?? { outcomes: 1, courses: 1 };
        return {
          id: i.id,
          rule: { id: i.rule_id, code: i.rule_code, name: i.rule_name, shape: ruleShape(s.outcomes, s.courses) },
          course: { id: i.course_id, code: i.course_code, name: i.course_name, category: i.course_category },
          outcomes: i.outcome_ids.map((id) => ({ id, name: names.get(id) ?? '' })),
          credits: num(i.credits),
          grade: i.grade,
          verdict: i.verdict,
          reason: i.reason_code,
          explanation: i.explanation,
          status: i.status,
        };
      });
      const events = withEvents ? await q.eventsOfApplication(deps.db, a.id) : [];
      return {
        id: a.id,
        accountId: a.account_id,
        learner: {
          id: a.learner_id,
          name: a.learner_name,
          idNumberMasked: maskIdNumber(decryptIdNumber(deps.config.secretKey, a.id_number_enc)),
        },
        school: { id: a.school_id, name: a.school_name },
        major: { id: a.school_major_id, name: a.major_name },
        provinceCode: a.province_code,
        status: a.status,
        appliedOn: a.applied_on,
        appliedVia: a.applied_via,
        note: a.note,
        decisionReason: a.decision_reason,
        decidedAt: a.decided_at ? a.decided_at.toISOString() : null,
        createdAt: a.created_at.toISOString(),
        allowedCredits: Math.round(itemDtos.filter((i) => i.verdict === 'allowed').reduce((s, i) => s + i.credits * 10, 0)) / 10,
        approvedCredits: Math.round(itemDtos.filter((i) => i.status === 'approved').reduce((s, i) => s + i.credits * 10, 0)) / 10,
        items: itemDtos,
        events: events.map((e) => ({
          action: e.action,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          comment: e.comment,
          at: e.at.toISOString(),
        })),
        allowedActions: allowedActionsFor(actor, a),
      };
    }),
  );
}

const ACTOR_ROLES = [...CREDIT_BANK_READ_ROLES, 'learner'] as const;

function mayReadApplication(actor: Actor, a: q.ApplicationRow): boolean {
  if (actor.role === 'learner') return a.learner_user_id === actor.userId;
  return mayRead(actor, { schoolId: a.school_id, provinceCode: a.province_code });
}

export async function listApplications(
  deps: Deps,
  ctx: RequestContext,
  f: { page: number; pageSize: number; status?: ApplicationStatus | undefined; schoolId?: string | undefined },
): Promise<Page<ConversionApplicationDto>> {
  const actor = requireActor(ctx, ACTOR_ROLES);
  const { items, total } = await q.listApplications(deps.db, scopeOf(actor), f, f.page, f.pageSize);
  return { items: await applicationDtos(deps, actor, items), total, page: f.page, pageSize: f.pageSize };
}

/** The learner's own applications. */
export async function myApplications(
  deps: Deps,
  ctx: RequestContext,
  f: { page: number; pageSize: number },
): Promise<Page<ConversionApplicationDto>> {
  requireActor(ctx, ['learner']);
  return listApplications(deps, ctx, f);
}

export async function getApplication(deps: Deps, ctx: RequestContext, id: string): Promise<ConversionApplicationDto> {
  const actor = requireActor(ctx, ACTOR_ROLES);
  const a = await q.findApplication(deps.db, id);
  if (!a || !mayReadApplication(actor, a)) throw notFound();
  return (await applicationDtos(deps, actor, [a], true))[0]!;
}

/**
 * Creates an application with the platform's proposal (allowed and refused items) in the caller's transaction; nothing
 * allowed is 409 with every reason, an application already waiting is 409.
 */
export async function submitInTransaction(
  trx: Db,
  c: Context,
  v: { via: 'learner' | 'school'; note: string | null; by: string | null; now: Date },
): Promise<{ id: string; proposal: Proposal }> {
  const appliedOn = chinaDate(v.now);
  if (await q.pendingApplication(trx, c.account.id, c.school.id)) throw new AppError('CONVERSION_PENDING');
  const p = await conversionFacts(trx, c, appliedOn);
  if (!p.items.some((i) => i.verdict === 'allowed'))
    throw new AppError('CONVERSION_NOTHING_ALLOWED', { items: p.items.map((i) => toItemDto(i)) });
  const id = await q.insertApplication(trx, {
    accountId: c.account.id,
    learnerId: c.learner.id,
    schoolId: c.school.id,
    provinceCode: c.school.provinceCode,
    schoolMajorId: c.major.id,
    appliedOn,
    appliedVia: v.via,
    note: v.note,
    at: v.now,
    by: v.by,
  });
  await q.insertItems(
    trx,
    id,
    p.items.map((i) => ({
      ruleId: i.ruleId,
      courseId: i.course.id,
      outcomeIds: i.outcomes.map((o) => o.id),
      credits: i.credits,
      grade: i.grade,
      verdict: i.verdict,
      reason: i.reason,
      explanation: i.explanation,
    })),
  );
  await q.insertApplicationEvent(trx, {
    applicationId: id,
    provinceCode: c.school.provinceCode,
    action: 'submit',
    from: 'none',
    to: 'submitted',
    comment: v.note,
    actorId: v.by,
    at: v.now,
  });
  await notifyConversionApplication(trx, v.now, { schoolId: c.school.id, learnerName: c.learner.name, applicationId: id, by: v.by });
  return { id, proposal: p };
}

async function submit(deps: Deps, ctx: RequestContext, actor: Actor, c: Context, via: 'learner' | 'school', note: string | null) {
  const id = await auditedTransaction(deps, ctx, async (trx, now) => {
    const { id: appId, proposal: p } = await submitInTransaction(trx, c, { via, note, by: actor.userId, now });
    return {
      result: appId,
      audit: {
        action: 'conversion_application.submit',
        targetType: 'conversion_application',
        targetId: appId,
        summary: {
          learnerId: c.learner.id,
          via,
          allowed: p.items.filter((i) => i.verdict === 'allowed').map((i) => `${i.ruleCode}→${i.course.code}`),
          refused: p.items.filter((i) => i.verdict === 'refused').map((i) => `${i.ruleCode}→${i.course.code}:${i.reason}`),
          allowedCredits: p.allowedCredits,
        },
        scope: { provinceCode: c.school.provinceCode, schoolId: c.school.id },
      },
    };
  });
  return getApplication(deps, ctx, id);
}

/** The context of a learner's conversion at its school (for the demo data). */
export async function contextForLearner(db: Db, learnerId: string): Promise<Context | null> {
  const l = await q.findLearner(db, learnerId);
  const account = l ? await q.accountOfLearner(db, l.id) : undefined;
  if (!l?.school_id || !l.school_major_id || !account) return null;
  return contextOf(db, account.id, { id: l.id, name: l.name, userId: l.user_id }, l.school_id, l.school_major_id);
}

export async function applyForMe(deps: Deps, ctx: RequestContext, note: string | null): Promise<ConversionApplicationDto> {
  const actor = requireActor(ctx, ['learner']);
  return submit(deps, ctx, actor, await myContext(deps, actor), 'learner', note);
}

export async function applyOnBehalf(
  deps: Deps,
  ctx: RequestContext,
  learnerId: string,
  note: string | null,
): Promise<ConversionApplicationDto> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  const c = await learnerContext(deps, actor, learnerId);
  if (!mayManageSchool(actor, c.school.id)) throw new AppError('FORBIDDEN');
  return submit(deps, ctx, actor, c, 'school', note);
}

/**
 * Approves the conversions of an application that are still allowed now (re-evaluated: a certificate revoked, a cap
 * filled or an outcome used since the application refuses its item, with the explanation). Writes, once: the course
 * credits into the ledger (key `conversion:<item>`), the outcomes' uses (primary key: one use per outcome) and the
 * exemptions (one per account and course). Runs in the caller's transaction (the demo uses it too).
 */
export async function approveInTransaction(trx: Db, a: q.ApplicationRow, actor: { userId: string | null }, now: Date) {
  const c = await contextOf(
    trx,
    a.account_id,
    { id: a.learner_id, name: a.learner_name, userId: a.learner_user_id },
    a.school_id,
    a.school_major_id,
  );
  const school = c.school;
  const stored = await q.itemsOfApplications(trx, [a.id]);
  const now_ = await conversionFacts(trx, c, a.applied_on);
  const still = new Map(now_.items.map((i) => [`${i.ruleId}:${i.course.id}`, i]));
  const approved: typeof stored = [];
  const refusedNow: { id: string; item: ProposedItem | undefined }[] = [];
  for (const s of stored.filter((x) => x.verdict === 'allowed')) {
    const fresh = still.get(`${s.rule_id}:${s.course_id}`);
    if (fresh?.verdict === 'allowed') approved.push({ ...s, outcome_ids: fresh.outcomes.map((o) => o.id) });
    else refusedNow.push({ id: s.id, item: fresh });
  }
  if (!approved.length) throw new AppError('CONVERSION_NOTHING_ALLOWED', { items: now_.items.map((i) => toItemDto(i)) });
  const grantedOn = chinaDate(now);
  await depositOutcomes(
    trx,
    approved.map((i) => ({
      accountId: a.account_id,
      outcomeType: 'course' as const,
      name: `${i.course_name}（免修）`,
      level: i.grade,
      credits: num(i.credits),
      hours: null,
      recordedOn: grantedOn,
      source: `${school.name} 学分转换`,
      sourceKind: 'conversion' as const,
      idempotencyKey: `conversion:${i.id}`,
      schoolId: school.id,
      provinceCode: school.provinceCode,
      note: `依据认定规则 ${i.rule_code}“${i.rule_name}”；成绩 ${i.grade}`,
    })),
    now,
    actor.userId,
  );
  const uses = new Map<string, { outcomeId: string; ruleId: string }>();
  for (const i of approved) for (const o of i.outcome_ids) uses.set(o, { outcomeId: o, ruleId: i.rule_id });
  // The used outcomes stop counting: the conversion's deposits above carry their credits on.
  await withdrawFromTotals(trx, { outcomeIds: [...uses.keys()] });
  await q.insertOutcomeUses(
    trx,
    [...uses.values()].map((u) => ({
      ...u,
      accountId: a.account_id,
      applicationId: a.id,
      schoolId: school.id,
      provinceCode: school.provinceCode,
    })),
    now,
  );
  const entryIds = await q.entryIdsByKeys(
    trx,
    approved.map((i) => `conversion:${i.id}`),
  );
  await q.insertExemptions(
    trx,
    approved.map((i) => ({
      accountId: a.account_id,
      learnerId: a.learner_id,
      schoolId: school.id,
      provinceCode: school.provinceCode,
      schoolMajorId: a.school_major_id,
      courseId: i.course_id,
      credits: num(i.credits),
      grade: i.grade,
      ruleId: i.rule_id,
      applicationId: a.id,
      itemId: i.id,
      outcomeIds: i.outcome_ids,
      learningOutcomeId: entryIds.get(`conversion:${i.id}`)!,
      grantedOn,
    })),
    now,
    actor.userId,
  );
  await q.setItemsStatus(
    trx,
    a.id,
    'approved',
    approved.map((i) => i.id),
  );
  await q.refuseItemsNow(
    trx,
    refusedNow.map((r) => ({
      id: r.id,
      reason: r.item?.reason ?? 'outcome_missing',
      explanation: r.item?.explanation ?? '审核时该规则已不再适用（规则已停用或成果已不在账户中）',
    })),
  );
  return { approved: approved.length, refused: refusedNow.length, credits: approved.reduce((s, i) => s + num(i.credits), 0) };
}

/** The status change and its event (after the table, policy and approval checks). */
export async function recordTransition(
  trx: Db,
  a: q.ApplicationRow,
  action: ApplicationAction,
  to: ApplicationStatus,
  comment: string | null,
  by: string | null,
  now: Date,
) {
  const decided = action !== 'withdraw';
  if (!(await q.setApplicationStatus(trx, a.id, a.status, to, { at: now, by, reason: comment, decided })))
    throw new AppError('CONFLICT', { action, status: a.status });
  await q.insertApplicationEvent(trx, {
    applicationId: a.id,
    provinceCode: a.province_code,
    action,
    from: a.status,
    to,
    comment,
    actorId: by,
    at: now,
  });
}

/** Approve (school), refuse with a reason (school), withdraw (applicant or school): lock, 404, 403, 409, update, event, audit. */
export async function transitionApplication(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  b: { action: ApplicationAction; comment?: string | null | undefined },
): Promise<ConversionApplicationDto> {
  const actor = requireActor(ctx, ACTOR_ROLES);
  await auditedTransaction(deps, ctx, async (trx, now) => {
    const locked = await q.lockApplication(trx, id);
    const a = locked ? await q.findApplication(trx, id) : undefined;
    if (!a || !mayReadApplication(actor, a)) throw notFound();
    const t = applicationTransition(b.action, a.status);
    const owner = actor.role === 'learner' ? a.learner_user_id === actor.userId : mayManageSchool(actor, a.school_id);
    const roleOk = (t ?? applicationTransition(b.action, 'submitted'))?.roles.includes(actor.role) ?? false;
    if (!roleOk || !owner) throw new AppError('FORBIDDEN', { action: b.action });
    if (!t) throw new AppError('CONFLICT', { action: b.action, status: a.status });
    const comment = b.comment?.trim() || null;
    if (t.commentRequired && !comment) throw new AppError('COMMENT_REQUIRED');
    let outcome: Record<string, unknown> = {};
    if (b.action === 'approve') outcome = await approveInTransaction(trx, a, actor, now);
    if (b.action !== 'approve') await q.setItemsStatus(trx, a.id, 'refused');
    await recordTransition(trx, a, b.action, t.to, comment, actor.userId, now);
    return {
      result: null,
      audit: {
        action: `conversion_application.${b.action}`,
        targetType: 'conversion_application',
        targetId: id,
        summary: { from: a.status, to: t.to, comment, ...outcome },
        scope: { provinceCode: a.province_code, schoolId: a.school_id },
      },
    };
  });
  return getApplication(deps, ctx, id);
}

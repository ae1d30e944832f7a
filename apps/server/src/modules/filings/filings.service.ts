import {
  type BasicsSection,
  type ChangeableSection,
  type PlanSection,
  type RuleOverrides,
  type CreateFilingRequest,
  EDITABLE_FILING_STATUSES,
  FILING_ATTACHMENT_KINDS,
  FILING_SECTION_SCHEMAS,
  type FilingAction,
  type FilingAttachmentDto,
  type FilingAttachmentKind,
  type FilingDetailDto,
  type FilingQuery,
  type FilingSection,
  type FilingStatus,
  type FilingSummaryDto,
  type FilingTransitionRequest,
  type Page,
  type RuleReportDto,
  blockingFailures,
  draftSectionSchema,
  effectiveRules,
  evaluateFilingRules,
  policyTextFor,
  filingTransition,
  roleMayTake,
  visibleStatus,
  warningFailures,
  warningsWithoutReason,
  weightedTotal,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import type { FilingPledge } from '../../db/schema';
import type { Db, Tx } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { assertSelectableCertificateType } from '../catalog/catalog.service';
import { type FileAccessCheck, storePdf } from '../files/files.service';
import type { UploadedForm } from '../files/files.upload';
import { notifyFilingStep } from '../notifications/notifications.service';
import { passRateFlagOf } from '../pass-rates/pass-rates.service';
import { applicableFeeCaps, capAmounts } from '../policies/fee-caps';
import { filingRulesOfSchool, policySetOf, subjectOfSchool } from '../policies/policies.service';
import { FILING_CREATOR_ROLES, filingAllowedActions, isSchoolSide, seesUnpublishedDecision } from './filings.policy';
import * as q from './filings.queries';
import { buildFacts, roundAcceptsSubmissions } from './filings.rules';
import { lockOwnRound, visibleRound } from './rounds.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const json = (v: unknown) => JSON.stringify(v);

// ---- reading ----

function toSummary(actor: Actor, r: q.FilingRow, assignedToActor: boolean): FilingSummaryDto {
  const seesDecision = seesUnpublishedDecision(actor.role) || r.status === 'published';
  return {
    id: r.id,
    roundId: r.round_id,
    roundName: r.round_name,
    year: r.year,
    provinceCode: r.province_code,
    cityCode: r.city_code,
    schoolId: r.school_id,
    schoolName: r.school_name,
    schoolType: r.school_type,
    departmentId: r.department_id,
    departmentName: r.department_name,
    certificateTypeId: r.certificate_type_id,
    certificateTypeName: r.certificate_type_name,
    levels: r.levels,
    status: visibleStatus(r.status, seesUnpublishedDecision(actor.role)),
    decision: seesDecision ? r.decision : null,
    needsMunicipalReview: r.needs_municipal_review,
    majorCount: Number(r.major_count ?? 0),
    plannedTrainees: Number(r.planned_trainees ?? 0),
    submittedAt: iso(r.submitted_at),
    publishedAt: iso(r.published_at),
    updatedAt: r.updated_at.toISOString(),
    allowedActions: filingAllowedActions(actor.role, {
      status: r.status,
      needsMunicipalReview: r.needs_municipal_review,
      assignedToActor,
    }),
  };
}

function toAttachmentDto(a: q.AttachmentRow): FilingAttachmentDto {
  return {
    id: a.id,
    kind: a.kind,
    version: a.version,
    fileId: a.file_id,
    fileName: a.original_name,
    size: a.size,
    sha256: a.sha256,
    uploadedAt: a.uploaded_at.toISOString(),
    downloadUrl: `/api/v1/files/${a.file_id}`,
  };
}

/** Events the actor may see: a school sees the decision events only once published. */
const DECISION_ACTIONS: readonly string[] = ['approve', 'reject', 'assign_experts', 'expert_score'];

export async function listFilings(deps: Deps, ctx: RequestContext, f: FilingQuery): Promise<Page<FilingSummaryDto>> {
  const actor = requireActor(ctx);
  const { items, total } = await q.listFilings(deps.db, actor, f, f.page, f.pageSize);
  // An expert sees only filings assigned to it, so every listed one is assigned.
  return { items: items.map((r) => toSummary(actor, r, actor.role === 'expert')), total, page: f.page, pageSize: f.pageSize };
}

async function visibleFiling(db: Db, actor: Actor, id: string, opts: { drafts?: boolean } = {}): Promise<q.FilingRow> {
  const r = await q.findVisibleFiling(db, actor, id, opts);
  if (!r) throw notFound();
  return r;
}

/** For other modules: locks a filing the actor can see for a change in the caller's transaction (404 outside scope). */
export async function lockVisibleFiling(trx: Tx, actor: Actor, id: string, opts: { drafts?: boolean } = {}): Promise<q.FilingRow> {
  await q.lockFiling(trx, id);
  return visibleFiling(trx, actor, id, opts);
}

/** For other modules: a filing the actor can see, or 404. */
export const findVisibleFilingOr404 = visibleFiling;

/** The rule overrides of a round (R3.5 parameters, e.g. the pass-rate threshold of R3.9). */
export async function roundRuleOverrides(db: Db, roundId: string): Promise<RuleOverrides> {
  return (await q.findRound(db, roundId))?.rule_overrides ?? {};
}

export async function getFiling(deps: Deps, ctx: RequestContext, id: string): Promise<FilingDetailDto> {
  const actor = requireActor(ctx);
  const r = await visibleFiling(deps.db, actor, id);
  const [plan, attachments, assignments, events, round] = await Promise.all([
    q.planRows(deps.db, id),
    q.attachmentsOf(deps.db, id),
    q.assignmentsOf(deps.db, id),
    q.eventsOf(deps.db, id),
    q.findRound(deps.db, r.round_id),
  ]);
  const seesReview = seesUnpublishedDecision(actor.role) || r.status === 'published';
  const latest = new Set<string>();
  const current = attachments.filter((a) => !latest.has(a.kind) && latest.add(a.kind));
  const visibleAssignments =
    actor.role === 'province_admin' || actor.role === 'national_admin'
      ? assignments
      : actor.role === 'expert'
        ? assignments.filter((a) => a.expert_id === actor.userId)
        : null;
  return {
    ...toSummary(
      actor,
      r,
      assignments.some((a) => a.expert_id === actor.userId),
    ),
    projectLeaderUserId: r.project_leader_user_id,
    plannedFeesFen: r.planned_fees_fen,
    pledge: r.pledge,
    decisionComment: seesReview ? r.decision_comment : null,
    sections: {
      plan: {
        rows: plan.map((p) => ({
          schoolMajorId: p.school_major_id,
          majorCode: p.major_code,
          majorName: p.major_name,
          enrolledStudents: p.enrolled_students,
          fullTimeTeachers: p.full_time_teachers,
          plannedTrainees: p.planned_trainees,
        })),
      },
      leader: r.leader,
      team: r.team,
      overview: r.overview,
      opinions: r.opinions,
      courseSupport: r.course_support,
      feasibility: r.feasibility,
    },
    attachments: current.map(toAttachmentDto),
    attachmentHistory: attachments.filter((a) => !current.includes(a)).map(toAttachmentDto),
    warningReasons: r.warning_reasons,
    warningDecisions: seesReview ? r.warning_decisions : {},
    returnComments: r.return_comments,
    ruleReportAtSubmission: r.rule_report,
    expertAssignments:
      visibleAssignments?.map((a) => ({
        expertId: a.expert_id,
        expertName: a.display_name,
        assignedAt: a.assigned_at.toISOString(),
        scores: a.scores,
        weightedTotal: a.weighted_total === null ? null : Number(a.weighted_total),
        opinion: a.opinion,
        scoredAt: iso(a.scored_at),
      })) ?? null,
    reviewCriteria: round?.review_criteria ?? [],
    passRate: await passRateFlagOf(deps.db, actor, r, round?.rule_overrides ?? {}),
    timeline: events
      .filter((e) => seesReview || !DECISION_ACTIONS.includes(e.action))
      .map((e) => ({
        id: String(e.id),
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        opinion: e.opinion,
        actorName: e.actor_name,
        actorRole: e.actor_role,
        at: e.at.toISOString(),
        details: e.details,
      })),
  };
}

// ---- rules ----

/** The rule report of a filing as it stands now (R3.5), with the round's overrides applied. */
async function ruleReport(db: Db, r: q.FilingRow, now: Date): Promise<RuleReportDto> {
  const [round, cert, plan, attachments, passRate, overridden, alreadyPiloting] = await Promise.all([
    q.findRound(db, r.round_id),
    q.certificateFacts(db, r.certificate_type_id),
    q.planRows(db, r.id),
    q.attachmentsOf(db, r.id),
    q.previousYearPassRate(db, r.school_id, r.certificate_type_id, r.year),
    q.ruleOverrideExists(db, r.school_id, r.certificate_type_id, r.year, 'pass_rate'),
    q.schoolPilotsCertificate(db, r.id, r.school_id, r.certificate_type_id, r.year),
  ]);
  const otherPilots = await q.otherPilotsOfMajors(
    db,
    r.id,
    plan.map((p) => p.school_major_id),
    r.year,
  );
  const policies = await filingRulesOfSchool(db, r.school_id);
  const caps = capAmounts(await applicableFeeCaps(db, { schoolId: r.school_id }, r.certificate_type_id));
  const facts = buildFacts({
    now,
    round: round!,
    certificate: cert,
    schoolType: r.school_type,
    levels: r.levels,
    plan: plan.map((p) => ({ schoolMajorId: p.school_major_id, majorName: p.major_name, plannedTrainees: p.planned_trainees })),
    otherPilots,
    sections: {
      leader: r.leader,
      team: r.team,
      overview: r.overview,
      opinions: r.opinions,
      courseSupport: r.course_support,
      feasibility: r.feasibility,
    },
    presentAttachments: [...new Set(attachments.map((a) => a.kind))],
    previousPassRate: passRate,
    passRateOverridden: overridden,
  });
  // Issue 17 item 7 (002 四.4): whether the school already pilots this certificate (no warning then).
  facts.alreadyPilotingCertificate = alreadyPiloting;
  // R3.5: the planned fee of each level against the level's cap under the caps in force for the school.
  facts.plannedFees = r.levels.map((level) => ({ level, feeFen: r.planned_fees_fen[level] ?? null, capFen: caps[level] ?? Infinity }));
  // Only the rules in force for the school (its province, itself, the nation), each citing its own document;
  // the fee-cap rule cites the caps' basis for the school (the default caps of 001 第十七条 unless the province has its own).
  const results = evaluateFilingRules(facts, effectiveRules(round!.rule_overrides, policies.rules));
  return { results, blocking: blockingFailures(results).length, warnings: warningFailures(results).length, at: now.toISOString() };
}

export async function getRuleReport(deps: Deps, ctx: RequestContext, id: string): Promise<RuleReportDto> {
  const actor = requireActor(ctx);
  return ruleReport(deps.db, await visibleFiling(deps.db, actor, id), deps.clock.now());
}

// ---- creating and editing (the school side) ----

function validation(path: string, message: string) {
  return new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });
}

/** The department must be the school's, and the actor's own when it is a department administrator. */
async function checkDepartment(db: Db, actor: Actor, schoolId: string, departmentId: string) {
  const d = await q.departmentOf(db, departmentId);
  if (!d || d.school_id !== schoolId) throw validation('body.departmentId', '申报部门须为本校的二级学院');
  if (actor.role === 'department_admin' && actor.departmentId !== departmentId) throw new AppError('FORBIDDEN');
}

async function checkLevelsOffered(db: Db, certificateTypeId: string, levels: readonly string[]) {
  const offered = (await q.certificateFacts(db, certificateTypeId)).levels ?? [];
  const missing = levels.filter((l) => !offered.includes(l as never));
  if (missing.length) throw validation('body.levels', `该证书不设所选等级：${missing.join('、')}`);
}

/** Plan rows from the school's majors, prefilled with the figures of the round's year (or the latest before it). */
async function planFromMajors(
  db: Db,
  schoolId: string,
  year: number,
  rows: readonly { schoolMajorId: string; enrolledStudents?: number; fullTimeTeachers?: number; plannedTrainees?: number }[],
) {
  const majors = await q.majorsWithFigures(
    db,
    schoolId,
    rows.map((r) => r.schoolMajorId),
    year,
  );
  return rows.map((r, i) => {
    const m = majors.find((x) => x.id === r.schoolMajorId);
    if (!m) throw validation(`body.rows.${i}.schoolMajorId`, '专业须为本校已登记的专业');
    return {
      schoolMajorId: m.id,
      majorCode: m.major_code,
      majorName: m.name,
      enrolledStudents: r.enrolledStudents ?? m.figures?.enrolled_students ?? 0,
      fullTimeTeachers: r.fullTimeTeachers ?? m.figures?.full_time_teachers ?? 0,
      plannedTrainees: r.plannedTrainees ?? 0,
    };
  });
}

/** A first draft of 三、专业概况 from the figures of the first major of the plan (the school edits it). */
async function overviewPrefill(db: Db, schoolId: string, year: number, majorId: string | undefined) {
  if (!majorId) return null;
  const f = (await q.majorsWithFigures(db, schoolId, [majorId], year))[0]?.figures;
  if (!f) return null;
  const team = f.full_time_teachers + f.part_time_teachers;
  const pct = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 10 : 0);
  return {
    teachers: {
      fullTime: f.full_time_teachers,
      partTime: f.part_time_teachers,
      seniorTitle: f.senior_title_teachers,
      dualQualifiedRatio: pct(f.dual_qualified_teachers, f.full_time_teachers),
      industryExpertRatio: pct(f.industry_expert_teachers, team),
      nationalInnovationTeam: f.national_innovation_team,
    },
    facilities: { trainingRooms: f.training_rooms, offCampusBases: f.off_campus_bases, lastYearUsage: f.last_year_usage },
  };
}

export async function createFiling(deps: Deps, ctx: RequestContext, b: CreateFilingRequest): Promise<FilingDetailDto> {
  const actor = requireActor(ctx, FILING_CREATOR_ROLES);
  const schoolId = actor.schoolId;
  const school = schoolId ? await q.schoolOf(deps.db, schoolId) : undefined;
  if (!school) throw new AppError('FORBIDDEN');
  // R2.1, 002 四.3: a school files only once the province has approved its registration.
  if (school.status !== 'approved') throw new AppError('SCHOOL_NOT_APPROVED');
  const round = await visibleRound(deps.db, actor, b.roundId);
  const now = deps.clock.now();
  if (!roundAcceptsSubmissions(round, now))
    throw new AppError('ROUND_CLOSED', { roundId: round.id, deadline: iso(round.school_submission_deadline), status: round.status });
  await assertSelectableCertificateType(deps.db, b.certificateTypeId);
  await checkDepartment(deps.db, actor, school.id, b.departmentId);
  await checkLevelsOffered(deps.db, b.certificateTypeId, b.levels);
  if (await q.filingExists(deps.db, school.id, round.id, b.certificateTypeId)) throw new AppError('FILING_EXISTS');
  const plan = await planFromMajors(
    deps.db,
    school.id,
    round.year,
    (b.schoolMajorIds ?? []).map((schoolMajorId) => ({ schoolMajorId })),
  );
  const overview = await overviewPrefill(deps.db, school.id, round.year, plan[0]?.schoolMajorId);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await q
      .insertFiling(trx, {
        round_id: round.id,
        province_code: school.province_code,
        city_code: school.city_code,
        school_id: school.id,
        department_id: b.departmentId,
        certificate_type_id: b.certificateTypeId,
        year: round.year,
        levels: b.levels,
        needs_municipal_review: school.school_type === 'secondary',
        project_leader_user_id: actor.role === 'project_leader' ? actor.userId : null,
        overview: overview ? json(overview) : null,
        created_at: now,
        created_by: actor.userId,
        updated_at: now,
      })
      .catch((e: unknown) => {
        if ((e as { code?: string }).code === '23505') throw new AppError('FILING_EXISTS');
        throw e;
      });
    await q.replacePlanRows(trx, id, school.province_code, plan);
    await recordAudit(trx, ctx, now, {
      action: 'filing.create',
      targetType: 'filing',
      targetId: id,
      summary: { roundId: round.id, certificateTypeId: b.certificateTypeId, levels: b.levels, majors: plan.map((p) => p.majorName) },
      scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
    });
    return id;
  });
  return getFiling(deps, ctx, id);
}

/**
 * Runs an edit of the school side in one transaction: lock, visibility (404), role (403), editable status (409
 * FILING_LOCKED — after approval only a change request changes it, R3.7), then the edit and its audit row.
 */
async function withEditableFiling<T>(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  edit: (trx: Tx, r: q.FilingRow, actor: Actor, now: Date) => Promise<T>,
): Promise<T> {
  const actor = requireActor(ctx);
  return deps.db.transaction().execute(async (trx) => {
    await q.lockFiling(trx, id);
    const r = await q.findVisibleFiling(trx, actor, id);
    if (!r) throw notFound();
    if (!isSchoolSide(actor.role)) throw new AppError('FORBIDDEN');
    if (!EDITABLE_FILING_STATUSES.includes(r.status)) throw new AppError('FILING_LOCKED', { status: r.status });
    return edit(trx, r, actor, deps.clock.now());
  });
}

const JSON_SECTION_COLUMNS = {
  leader: 'leader',
  team: 'team',
  overview: 'overview',
  opinions: 'opinions',
  courseSupport: 'course_support',
  feasibility: 'feasibility',
} as const;

/**
 * Saves one section of a draft (R3.2, R3.3). basics and plan change columns and rows, so they must be valid;
 * the other sections may be partial (drafts are filled over several sittings) and are checked at submission.
 */
export async function saveSection(deps: Deps, ctx: RequestContext, id: string, section: FilingSection, body: unknown) {
  const parsed = parseSection(section, body);
  await withEditableFiling(deps, ctx, id, async (trx, r, actor, now) => {
    const audit = {
      targetType: 'filing',
      targetId: id,
      scope: { provinceCode: r.province_code, cityCode: r.city_code, schoolId: r.school_id },
    };
    if (parsed.section === 'basics') {
      const v = parsed.value;
      await checkDepartment(trx, actor, r.school_id, v.departmentId);
      await checkLevelsOffered(trx, r.certificate_type_id, v.levels);
      if (v.projectLeaderUserId && !(await q.projectLeaderOf(trx, v.projectLeaderUserId, r.school_id)))
        throw validation('body.projectLeaderUserId', '试点负责人账号须为本校的试点负责人');
      await q.updateFiling(trx, id, EDITABLE_FILING_STATUSES, {
        levels: v.levels,
        department_id: v.departmentId,
        ...(v.projectLeaderUserId !== undefined && { project_leader_user_id: v.projectLeaderUserId }),
        ...(v.plannedFeesFen !== undefined && { planned_fees_fen: json(v.plannedFeesFen) }),
        updated_at: now,
      });
    } else if (parsed.section === 'plan') {
      const rows = await planFromMajors(trx, r.school_id, r.year, parsed.value.rows);
      await q.replacePlanRows(trx, id, r.province_code, rows);
      await q.updateFiling(trx, id, EDITABLE_FILING_STATUSES, { updated_at: now });
    } else {
      await q.updateFiling(trx, id, EDITABLE_FILING_STATUSES, {
        [JSON_SECTION_COLUMNS[parsed.section]]: json(parsed.value),
        updated_at: now,
      });
    }
    await recordAudit(trx, ctx, now, { action: 'filing.section_save', ...audit, summary: { section } });
  });
  return getFiling(deps, ctx, id);
}

type ParsedSection =
  | { section: 'basics'; value: BasicsSection }
  | { section: 'plan'; value: PlanSection }
  | { section: keyof typeof JSON_SECTION_COLUMNS; value: Record<string, unknown> };

function parseSection(section: FilingSection, body: unknown): ParsedSection {
  const fail = (issues: { path: PropertyKey[]; message: string }[]) =>
    new AppError('VALIDATION_FAILED', { fields: issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })) });
  if (section === 'basics' || section === 'plan') {
    const r = FILING_SECTION_SCHEMAS[section].safeParse(body);
    if (!r.success) throw fail(r.error.issues);
    return { section, value: r.data } as ParsedSection;
  }
  const r = draftSectionSchema.safeParse(body);
  if (!r.success) throw fail(r.error.issues);
  if (JSON.stringify(r.data).length > 64 * 1024) throw new AppError('PAYLOAD_TOO_LARGE');
  // A complete section is stored as its schema normalizes it (trimmed); a partial draft as given.
  const full = FILING_SECTION_SCHEMAS[section].safeParse(body);
  return { section, value: full.success ? (full.data as Record<string, unknown>) : r.data };
}

/** Uploads an attachment (R3.4); a second upload of a kind is a new version, the old ones stay in the history. */
export async function uploadAttachment(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  readForm: () => Promise<UploadedForm>,
): Promise<FilingAttachmentDto> {
  const actor = requireActor(ctx);
  const pre = await visibleFiling(deps.db, actor, id);
  if (!isSchoolSide(actor.role)) throw new AppError('FORBIDDEN');
  if (!EDITABLE_FILING_STATUSES.includes(pre.status)) throw new AppError('FILING_LOCKED', { status: pre.status });
  const { fields, file } = await readForm();
  const kind = fields.kind as FilingAttachmentKind;
  if (!FILING_ATTACHMENT_KINDS.includes(kind)) throw validation('body.kind', `附件类型须为：${FILING_ATTACHMENT_KINDS.join('、')}`);
  const attachmentId = await withEditableFiling(deps, ctx, id, async (trx, r, _actor, now) => {
    const stored = await storePdf(trx, ctx, file.bytes, file.filename, {
      at: now,
      // Owner: the school only. Reviewers (province, city, experts) read it through filingAttachmentFileReadable,
      // so an expert of the province sees the attachments of the filings assigned to it and no others.
      owner: { schoolId: r.school_id },
    });
    const version = await q.nextAttachmentVersion(trx, id, kind);
    const a = await q.insertAttachment(trx, {
      filing_id: id,
      province_code: r.province_code,
      school_id: r.school_id,
      kind,
      version,
      file_id: stored.id,
      uploaded_at: now,
      uploaded_by: actor.userId,
    });
    await q.updateFiling(trx, id, EDITABLE_FILING_STATUSES, { updated_at: now });
    await recordAudit(trx, ctx, now, {
      action: 'filing.attachment_upload',
      targetType: 'filing',
      targetId: id,
      summary: { kind, version, fileId: stored.id, fileName: stored.name, size: stored.size, sha256: stored.sha256 },
      scope: { provinceCode: r.province_code, cityCode: r.city_code, schoolId: r.school_id },
    });
    return a.id;
  });
  return toAttachmentDto((await q.attachmentsOf(deps.db, id)).find((a) => a.id === attachmentId)!);
}

/** Files module hook: an attachment is readable by whoever can read one of the filings it belongs to. */
export const filingAttachmentFileReadable: FileAccessCheck = async (db, ctx, fileId) => {
  if (!ctx.actor) return false;
  for (const filingId of await q.filingsOfAttachmentFile(db, fileId)) if (await q.findVisibleFiling(db, ctx.actor, filingId)) return true;
  return false;
};

// ---- the workflow (R3.6) ----

interface StepResult {
  set: Parameters<typeof q.updateFiling>[3];
  details: Record<string, unknown>;
}

/**
 * Applies one workflow action in one transaction: lock the row, visibility (404), role (403), the table (409),
 * comment, the action's own checks, `UPDATE … WHERE status = from` (409 when another reviewer came first),
 * the event row and the audit row.
 */
export async function transitionFiling(deps: Deps, ctx: RequestContext, id: string, b: FilingTransitionRequest): Promise<FilingDetailDto> {
  const actor = requireActor(ctx);
  const action = b.action;
  await deps.db.transaction().execute(async (trx) => {
    await q.lockFiling(trx, id);
    const r = await q.findVisibleFiling(trx, actor, id);
    if (!r) throw notFound();
    if (!roleMayTake(actor.role, action)) throw new AppError('FORBIDDEN', { action });
    // The school does not see approved/rejected before publication, so for it those are simply "not now".
    const t = filingTransition(action, r.status, r.needs_municipal_review);
    if (!t || !t.roles.includes(actor.role))
      throw new AppError('CONFLICT', { action, status: visibleStatus(r.status, seesUnpublishedDecision(actor.role)) });
    const comment = b.comment?.trim() || null;
    if (t.commentRequired && !comment) throw new AppError('COMMENT_REQUIRED', { action });
    const now = deps.clock.now();
    const step = await STEPS[action](trx, { deps, actor, r, b, now, comment });
    const from = r.status;
    if (!(await q.updateFiling(trx, id, [from], { ...step.set, status: t.to, updated_at: now })))
      throw new AppError('CONFLICT', { action, status: from });
    await q.insertEvent(trx, {
      filing_id: id,
      province_code: r.province_code,
      action,
      from_status: from,
      to_status: t.to,
      opinion: comment,
      details: json(step.details),
      actor_id: actor.userId,
      actor_role: actor.role,
      actor_name: actor.displayName,
      at: now,
    });
    await notifyFilingStep(trx, now, {
      filingId: id,
      action,
      from,
      to: t.to,
      actorId: actor.userId,
      comment,
      expertIds: action === 'assign_experts' ? b.expertIds : [],
    });
    await recordAudit(trx, ctx, now, {
      action: `filing.${action}`,
      targetType: 'filing',
      targetId: id,
      summary: { from, to: t.to, comment, ...step.details },
      scope: { provinceCode: r.province_code, cityCode: r.city_code, schoolId: r.school_id },
    });
  });
  return getFiling(deps, ctx, id);
}

interface StepInput {
  deps: Deps;
  actor: Actor;
  r: q.FilingRow;
  b: FilingTransitionRequest;
  now: Date;
  comment: string | null;
}
type Step = (trx: Tx, i: StepInput) => Promise<StepResult>;

const noop: Step = async () => ({ set: {}, details: {} });

/** The deadline's basis for the school (its province's document), or nothing where none applies. */
async function roundOpenCitation(db: Db, schoolId: string): Promise<string> {
  const source = (await filingRulesOfSchool(db, schoolId)).rules.find((x) => x.id === 'round_open')?.source;
  return source ? `（${source}）` : '';
}

const returnStep: Step = async (_trx, { b }) => ({
  set: { return_comments: json(b.sectionComments ?? {}) },
  details: { sectionComments: b.sectionComments ?? {} },
});

/** submit: the round takes submissions (409 ROUND_CLOSED citing the deadline), no blocking rule, a reason per warning. */
const submitStep: Step = async (trx, { r, b, now, actor }) => {
  const round = (await q.findRound(trx, r.round_id))!;
  if (!roundAcceptsSubmissions(round, now))
    throw new AppError(
      'ROUND_CLOSED',
      { roundId: round.id, deadline: iso(round.school_submission_deadline), status: round.status },
      round.school_submission_deadline && round.status === 'open'
        ? `本轮备案的学校提交截止时间（${round.school_submission_deadline.toISOString()}）已过，不能再提交${await roundOpenCitation(trx, r.school_id)}`
        : undefined,
    );
  // 001 第五条（二）对材料真实性负责: the submitter's pledge is recorded with the submission.
  if (b.pledge !== true) throw new AppError('FILING_PLEDGE_REQUIRED');
  const report = await ruleReport(trx, r, now);
  if (report.blocking > 0) throw new AppError('FILING_RULES_FAILED', { report });
  const reasons = b.warningReasons ?? {};
  const missing = warningsWithoutReason(report.results, reasons);
  if (missing.length) throw new AppError('FILING_WARNING_REASON_REQUIRED', { ruleIds: missing, report });
  const kept = Object.fromEntries(warningFailures(report.results).map((w) => [w.ruleId, reasons[w.ruleId]!.trim()]));
  const subject = await subjectOfSchool(trx, r.school_id);
  const pledgeText = policyTextFor('authenticity_pledge', subject, (await policySetOf(trx, subject)).documents);
  const pledge: FilingPledge = {
    userId: actor.userId,
    name: actor.displayName,
    role: actor.role,
    at: now.toISOString(),
    text: pledgeText.zh,
    source: pledgeText.source,
  };
  return {
    set: {
      rule_report: json(report),
      warning_reasons: json(kept),
      warning_decisions: json({}),
      return_comments: json({}),
      submitted_at: now,
      pledge: json(pledge),
    },
    details: { warnings: Object.keys(kept), warningReasons: kept, pledge },
  };
};

const assignStep: Step = async (trx, { r, b, actor, now }) => {
  const ids = [...new Set(b.expertIds ?? [])];
  if (ids.length === 0) throw validation('body.expertIds', '请选择评审专家');
  const experts = await q.expertsOfProvince(trx, r.province_code, ids);
  if (experts.length !== ids.length)
    throw new AppError('FILING_EXPERT_INVALID', { expertIds: ids.filter((i) => !experts.some((e) => e.id === i)) });
  await q.assignExperts(trx, r.id, r.province_code, ids, actor.userId, now);
  return { set: {}, details: { experts: experts.map((e) => ({ id: e.id, name: e.display_name })) } };
};

const scoreStep: Step = async (trx, { r, b, actor, now, comment }) => {
  const round = (await q.findRound(trx, r.round_id))!;
  const scores = b.scores ?? {};
  const missing = round.review_criteria.filter((c) => typeof scores[c.key] !== 'number');
  if (missing.length) throw new AppError('FILING_SCORES_INCOMPLETE', { missing: missing.map((c) => c.key) });
  const kept = Object.fromEntries(round.review_criteria.map((c) => [c.key, scores[c.key]!]));
  const total = weightedTotal(round.review_criteria, kept);
  if (!(await q.recordScores(trx, r.id, actor.userId, { scores: kept, total, opinion: comment!, at: now }))) throw notFound();
  return { set: {}, details: { scores: kept, weightedTotal: total } };
};

/**
 * approve / reject: the reviewer decides every warning the school gave a reason for (accept or refuse, with a
 * reason). A filing with a refused warning cannot be approved. Blocking rules never reach this point.
 */
function decideStep(decision: 'approved' | 'rejected'): Step {
  return async (_trx, { r, b, actor, now, comment }) => {
    const warnings = Object.keys(r.warning_reasons);
    const given = b.warningDecisions ?? {};
    const undecided = warnings.filter((w) => !given[w]?.reason?.trim());
    if (undecided.length) throw new AppError('FILING_WARNING_DECISION_REQUIRED', { ruleIds: undecided });
    const refused = warnings.filter((w) => !given[w]!.accepted);
    if (decision === 'approved' && refused.length) throw new AppError('FILING_WARNING_REFUSED', { ruleIds: refused });
    const decisions = Object.fromEntries(
      warnings.map((w) => [
        w,
        { accepted: given[w]!.accepted, reason: given[w]!.reason.trim(), decidedAt: now.toISOString(), decidedBy: actor.displayName },
      ]),
    );
    return {
      set: { decision, decision_comment: comment, decided_at: now, warning_decisions: json(decisions) },
      details: { decision, warningDecisions: decisions },
    };
  };
}

const STEPS: Record<Exclude<FilingAction, 'publish'>, Step> = {
  submit: submitStep,
  accept_for_review: noop,
  municipal_approve: noop,
  municipal_return: returnStep,
  assign_experts: assignStep,
  expert_score: scoreStep,
  approve: decideStep('approved'),
  reject: decideStep('rejected'),
  return: returnStep,
};

// ---- publication (per round) ----

/**
 * Publishes the decided filings of a round (000 §二, 002 §四.2: results are published on the platform): every
 * approved / rejected filing becomes published with an event; a centralized round becomes results_published
 * (a rolling round stays open and may publish again).
 */
export async function publishRound(deps: Deps, ctx: RequestContext, roundId: string) {
  const actor = requireActor(ctx);
  const now = deps.clock.now();
  const published = await deps.db.transaction().execute(async (trx) => {
    const round = await lockOwnRound(trx, actor, roundId);
    if (round.status === 'draft') throw new AppError('CONFLICT', { status: round.status });
    const decided = await q.decidedFilingsOfRound(trx, roundId);
    await q.publishFilings(
      trx,
      decided.map((f) => f.id),
      now,
    );
    for (const f of decided)
      await q.insertEvent(trx, {
        filing_id: f.id,
        province_code: f.province_code,
        action: 'publish',
        from_status: f.status as FilingStatus,
        to_status: 'published',
        opinion: null,
        details: json({ roundId }),
        actor_id: actor.userId,
        actor_role: actor.role,
        actor_name: actor.displayName,
        at: now,
      });
    for (const f of decided)
      await notifyFilingStep(trx, now, {
        filingId: f.id,
        action: 'publish',
        from: f.status as FilingStatus,
        to: 'published',
        actorId: actor.userId,
      });
    if (round.type === 'centralized')
      await q.updateRound(trx, roundId, { status: 'results_published', published_at: now, updated_at: now });
    else await q.updateRound(trx, roundId, { published_at: now, updated_at: now });
    await recordAudit(trx, ctx, now, {
      action: 'filing_round.publish',
      targetType: 'filing_round',
      targetId: roundId,
      summary: { name: round.name, published: decided.length, filingIds: decided.map((f) => f.id) },
      scope: { provinceCode: round.province_code },
    });
    return decided.length;
  });
  return { published };
}

// ---- after approval (R3.7) ----

/**
 * Writes the sections of an accepted change request into an approved filing, with a filing event, in the caller's
 * transaction (粤生态职院〔2023〕18号 第七条). The plan's majors are resolved like a draft's.
 */
export async function recordApprovedChange(
  trx: Tx,
  actor: Actor,
  r: q.FilingRow,
  c: { changeRequestId: string; values: Partial<Record<ChangeableSection, unknown>>; reason: string; comment: string | null },
  now: Date,
): Promise<void> {
  const set: Parameters<typeof q.updateFiling>[3] = { updated_at: now };
  for (const [section, value] of Object.entries(c.values) as [ChangeableSection, unknown][]) {
    if (section === 'plan')
      await q.replacePlanRows(trx, r.id, r.province_code, await planFromMajors(trx, r.school_id, r.year, (value as PlanSection).rows));
    else set[JSON_SECTION_COLUMNS[section]] = json(value);
  }
  if (!(await q.updateFiling(trx, r.id, [r.status], set))) throw new AppError('CONFLICT', { status: r.status });
  await q.insertEvent(trx, {
    filing_id: r.id,
    province_code: r.province_code,
    action: 'change_recorded',
    from_status: r.status,
    to_status: r.status,
    opinion: c.comment,
    details: json({ changeRequestId: c.changeRequestId, sections: Object.keys(c.values), reason: c.reason }),
    actor_id: actor.userId,
    actor_role: actor.role,
    actor_name: actor.displayName,
    at: now,
  });
}

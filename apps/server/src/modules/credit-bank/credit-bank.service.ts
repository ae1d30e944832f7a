import { createHash } from 'node:crypto';
import {
  type CertificateLevel,
  COURSE_GROUP_OF,
  type CourseCategory,
  type CreditBankSettingsDto,
  type CreditOutcomeDto,
  DEFAULT_CREDIT_BANK_SETTINGS,
  type DepositableOutcomeType,
  type ExemptionDto,
  type LearningAccountDetailDto,
  type LearningAccountQuery,
  type LearningAccountSummaryDto,
  type LedgerEntryDto,
  type MyLearningAccountDto,
  type OutcomeDepositInput,
  type OutcomeSourceKindCode,
  type OutcomeTypeCode,
  type Page,
  type RecognitionRuleDto,
  type RecognitionRuleInput,
  type RuleAction,
  type RuleStatus,
  type SchoolCourseDto,
  type SchoolCourseInput,
  contractOutcomeType,
  maskIdNumber,
  ruleShape,
  ruleTransition,
} from '@onex/shared';
import { type Actor, type RequestContext, requireActor } from '../../auth/actor';
import { scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import { isUniqueViolation } from '../../db/errors';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { decryptIdNumber, idNumberHash, protectIdNumber } from '../../lib/personal-id';
import { auditedTransaction } from '../audit/audit.service';
import { chinaDate } from '../exam-sessions/exam-sessions.service';
import { findFileMeta } from '../files/files.queries';
import { type FileAccessCheck, type StoredFile, storePdf } from '../files/files.service';
import { type OutcomeDeposit, accountsForLearners, depositOutcomes, reverseOutcome } from '../learning-accounts/ledger';
import { buildAccountsTemplate, buildDepositsTemplate, parseAccountsFile, parseDepositsFile } from './credit-bank.xlsx';
import { CREDIT_BANK_READ_ROLES, OUTCOME_CATALOG_ROLES, mayManageSchool, mayRead, mayReverse } from './credit-bank.policy';
import * as q from './credit-bank.queries';
import { transcriptPdf } from './credit-bank.pdf';
import { accountDocument } from './account-format.service';

/**
 * The credit bank (issue 7; R7): learning accounts and their ledger (R7.1, R7.3), deposits by schools (form, .xlsx)
 * and reversals, the outcome catalog, schools' course catalogs and caps, recognition rules (R7.2), the transcript
 * and export (R7.5). Conversions (R7.4) are in conversions.service.ts. Every mutation is one transaction with its
 * audit row; out of scope is 404, in scope but not allowed is 403.
 */

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const round1 = (v: number) => Math.round(v * 10) / 10;
const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : d);

async function unique<T>(code: 'COURSE_CODE_TAKEN' | 'RULE_CODE_TAKEN', p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(code);
    throw e;
  }
}

// ---- The outcome catalog (national) ----

function toCreditOutcomeDto(r: q.CreditOutcomeRow): CreditOutcomeDto {
  return {
    id: r.id,
    certificateType: { id: r.type_id, code: r.type_code, name: r.type_name, status: r.type_status },
    organization: { id: r.org_id, name: r.org_name },
    level: r.level,
    name: r.name,
    credits: num(r.credits),
    hours: r.hours,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Every signed-in administrator reads the catalog (schools pick outcomes for their rules). */
export async function listCreditOutcomes(
  deps: Deps,
  ctx: RequestContext,
  f: { page: number; pageSize: number; q?: string | undefined; level?: CertificateLevel | undefined },
): Promise<Page<CreditOutcomeDto>> {
  requireActor(ctx);
  const { items, total } = await q.listCreditOutcomes(deps.db, f, f.page, f.pageSize);
  return { items: items.map(toCreditOutcomeDto), total, page: f.page, pageSize: f.pageSize };
}

export async function updateCreditOutcome(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  v: { credits: number; hours: number },
): Promise<CreditOutcomeDto> {
  const actor = requireActor(ctx, OUTCOME_CATALOG_ROLES);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const before = await q.findCreditOutcome(trx, id);
    if (!before) throw notFound();
    await q.updateCreditOutcome(trx, id, v, now, actor.userId);
    return {
      result: toCreditOutcomeDto((await q.findCreditOutcome(trx, id))!),
      audit: {
        action: 'credit_outcome.update',
        targetType: 'credit_outcome',
        targetId: id,
        summary: { name: before.name, from: { credits: num(before.credits), hours: before.hours }, to: v },
      },
    };
  });
}

/**
 * For the catalog and the reference seed: the outcome rows of certificate types × levels that have none yet (with
 * the default credits of their level). Runs in the caller's transaction.
 */
export function ensureCreditOutcomes(trx: Db, at: Date, typeIds?: readonly string[]): Promise<number> {
  return q.ensureCreditOutcomes(trx, at, typeIds);
}

// ---- Accounts (R7.1, R7.3) ----

function holderMasked(secretKey: Buffer, enc: string): string {
  return maskIdNumber(decryptIdNumber(secretKey, enc));
}

/** api-v1 `GET /me/learning-account`: the learner's own account (an empty one until the account is opened). */
export async function myLearningAccount(deps: Deps, ctx: RequestContext): Promise<MyLearningAccountDto> {
  const actor = requireActor(ctx, ['learner']);
  const row = await q.myContractAccount(deps.db, actor.userId);
  if (!row) throw new AppError('LEARNING_ACCOUNT_NOT_FOUND');
  if (!row.account_id)
    return {
      holderName: row.learner_name,
      holderIdMasked: holderMasked(deps.config.secretKey, row.learner_id_number_enc),
      totalCredits: 0,
      outcomes: [],
    };
  return {
    holderName: row.holder_name!,
    holderIdMasked: holderMasked(deps.config.secretKey, row.id_number_enc!),
    totalCredits: num(row.total_credits),
    outcomes: (row.outcomes ?? []).map((o) => ({
      id: o.id,
      type: contractOutcomeType(o.type as OutcomeTypeCode),
      name: o.name,
      // api-v1 `level` is a certificate's level (junior | intermediate | senior); a course's grade stays in the richer views.
      ...(o.type === 'certificate' && o.level ? { level: o.level } : {}),
      credits: num(o.credits),
      recordedOn: o.recordedOn,
      source: o.source,
      ...(o.certificateNumber ? { certificateNumber: o.certificateNumber } : {}),
      ...(o.verificationCode ? { verificationCode: o.verificationCode } : {}),
    })),
  };
}

function toSummaryDto(secretKey: Buffer, a: q.AccountRow): LearningAccountSummaryDto {
  return {
    id: a.id,
    holderName: a.holder_name,
    holderIdMasked: holderMasked(secretKey, a.id_number_enc),
    idType: a.id_type,
    school: a.school_id ? { id: a.school_id, name: a.school_name ?? '' } : null,
    provinceCode: a.province_code,
    learnerId: a.learner_id,
    openedVia: a.opened_via,
    openedAt: a.created_at.toISOString(),
    totalCredits: num(a.total_credits),
    outcomeCount: a.outcome_count,
  };
}

function toEntryDto(actor: Actor | null, e: q.EntryRow): LedgerEntryDto {
  const reversed = e.reversed_by_id !== null;
  const used = e.used_application_id !== null;
  return {
    id: e.id,
    entryKind: e.entry_kind,
    type: e.outcome_type as OutcomeTypeCode,
    name: e.name,
    level: e.level,
    credits: num(e.credits),
    hours: e.hours === null ? null : num(e.hours),
    recordedOn: e.recorded_on,
    source: e.source,
    sourceKind: e.source_kind as OutcomeSourceKindCode,
    school: e.school_id ? { id: e.school_id, name: e.school_name ?? '' } : null,
    certificate:
      e.certificate_id && e.number
        ? {
            id: e.certificate_id,
            number: e.number,
            verificationCode: e.verification_code ?? '',
            issuedOn: e.issued_on ?? e.recorded_on,
            revokedOn: e.revoked_on,
          }
        : null,
    creditOutcomeId: e.credit_outcome_id,
    reversesId: e.reverses_id,
    reversedById: e.reversed_by_id,
    state: reversed ? 'reversed' : e.revoked_on ? 'revoked' : 'valid',
    usedInApplicationId: e.used_application_id,
    fromConversion: e.from_conversion,
    evidenceFileId: e.evidence_file_id,
    note: e.note,
    createdAt: e.created_at.toISOString(),
    mayReverse:
      !!actor &&
      mayReverse(actor, {
        entryKind: e.entry_kind,
        sourceKind: e.source_kind,
        schoolId: e.school_id,
        reversed,
        used,
        fromConversion: e.from_conversion,
      }),
  };
}

/** R7.3: credits by source, type and year; unused = valid catalog outcomes (certificates) not yet converted. */
function summarize(a: { total_credits: unknown; outcome_count: number }, entries: readonly LedgerEntryDto[]) {
  const live = entries.filter((e) => e.entryKind === 'deposit' && e.state !== 'reversed');
  // What the totals count (ledger.queries IN_FORCE): not revoked, not used by a conversion — so the groups add up to them.
  const counted = live.filter((e) => e.state === 'valid' && !e.usedInApplicationId);
  const group = (key: (e: LedgerEntryDto) => string) => {
    const m = new Map<string, { credits: number; count: number }>();
    for (const e of counted) {
      const k = key(e);
      const b = m.get(k) ?? { credits: 0, count: 0 };
      b.credits = round1(b.credits + e.credits);
      b.count += 1;
      m.set(k, b);
    }
    return [...m.entries()].map(([k, b]) => ({ key: k, ...b }));
  };
  const sum = (xs: LedgerEntryDto[]) => round1(xs.reduce((s, e) => s + e.credits, 0));
  const unused = live.filter((e) => e.creditOutcomeId && e.state === 'valid' && !e.usedInApplicationId);
  return {
    totalCredits: num(a.total_credits),
    outcomeCount: a.outcome_count,
    bySource: group((e) => e.sourceKind),
    byType: group((e) => e.type),
    byYear: group((e) => e.recordedOn.slice(0, 4)).sort((x, y) => x.key.localeCompare(y.key)),
    unusedCredits: sum(unused),
    unusedCount: unused.length,
    usedCredits: sum(live.filter((e) => e.usedInApplicationId)),
    convertedCredits: sum(live.filter((e) => e.fromConversion)),
  };
}

async function toExemptionDtos(db: Db, rows: Awaited<ReturnType<typeof q.exemptionsOfAccount>>): Promise<ExemptionDto[]> {
  const names = await q.entryNames(
    db,
    rows.flatMap((r) => r.outcome_ids),
  );
  return rows.map((r) => ({
    id: r.id,
    school: { id: r.school_id, name: r.school_name },
    course: { id: r.course_id, code: r.course_code, name: r.course_name, category: r.course_category },
    credits: num(r.credits),
    grade: r.grade,
    rule: { id: r.rule_id, code: r.rule_code, name: r.rule_name },
    applicationId: r.application_id,
    outcomeNames: r.outcome_ids.map((id) => names.get(id) ?? ''),
    grantedOn: r.granted_on,
  }));
}

async function accountDetail(deps: Deps, actor: Actor | null, a: q.AccountRow): Promise<LearningAccountDetailDto> {
  const [entries, exemptions] = await Promise.all([q.entriesOfAccount(deps.db, a.id), q.exemptionsOfAccount(deps.db, a.id)]);
  const dtos = entries.map((e) => toEntryDto(actor, e));
  return {
    ...toSummaryDto(deps.config.secretKey, a),
    summary: summarize(a, dtos),
    entries: dtos,
    exemptions: await toExemptionDtos(deps.db, exemptions),
    mayDeposit: !!actor && mayManageSchool(actor, a.school_id),
  };
}

/** The learner's own account in full (my account page). */
export async function myAccountDetail(deps: Deps, ctx: RequestContext): Promise<LearningAccountDetailDto> {
  const actor = requireActor(ctx, ['learner']);
  const a = await myAccountRow(deps, actor);
  return accountDetail(deps, null, a);
}

async function myAccountRow(deps: Deps, actor: Actor): Promise<q.AccountRow> {
  const row = await q.learnerAccountOfUser(deps.db, actor.userId);
  if (!row?.account_id) throw new AppError('LEARNING_ACCOUNT_NOT_FOUND');
  return (await q.findAccount(deps.db, row.account_id))!;
}

/** An account the actor may read; 404 outside its scope. */
async function readableAccount(deps: Deps, actor: Actor, id: string): Promise<q.AccountRow> {
  const a = await q.findAccount(deps.db, id);
  if (!a || !mayRead(actor, { schoolId: a.school_id, provinceCode: a.province_code })) throw notFound();
  return a;
}

export async function getAccount(deps: Deps, ctx: RequestContext, id: string): Promise<LearningAccountDetailDto> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  return accountDetail(deps, actor, await readableAccount(deps, actor, id));
}

export async function listAccounts(deps: Deps, ctx: RequestContext, f: LearningAccountQuery): Promise<Page<LearningAccountSummaryDto>> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  const idHash = f.idNumber ? idNumberHash(deps.config.secretKey, f.idNumber) : undefined;
  const { items, total } = await q.listAccounts(deps.db, scopeOf(actor), { q: f.q, idHash, schoolId: f.schoolId }, f.page, f.pageSize);
  return { items: items.map((a) => toSummaryDto(deps.config.secretKey, a)), total, page: f.page, pageSize: f.pageSize };
}

/** The school of a school administrator's write (its own; another school's is 404). */
async function ownSchool(deps: Deps, actor: Actor) {
  const school = await readableSchool(deps, actor);
  if (!mayManageSchool(actor, school.id)) throw new AppError('FORBIDDEN');
  return school;
}

/** A school opens the accounts of its learners that have none (all, or the chosen ones). */
export async function openAccountsForLearners(
  deps: Deps,
  ctx: RequestContext,
  learnerIds?: string[],
): Promise<{ learners: number; opened: number }> {
  const actor = requireActor(ctx, ['school_admin']);
  const school = await ownSchool(deps, actor);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const learners = await q.countSchoolLearners(trx, school.id, learnerIds);
    const ids = await q.learnersWithoutAccount(trx, school.id, learnerIds);
    if (learnerIds && learners !== new Set(learnerIds).size) throw notFound();
    await accountsForLearners(trx, ids, 'school', now, actor.userId);
    return {
      result: { learners, opened: ids.length },
      audit: {
        action: 'learning_account.open',
        targetType: 'school',
        targetId: school.id,
        summary: { learners, opened: ids.length },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

export async function accountsImportTemplate(deps: Deps, ctx: RequestContext): Promise<{ bytes: Buffer; filename: string }> {
  const actor = requireActor(ctx, ['school_admin']);
  const school = await ownSchool(deps, actor);
  return { bytes: await buildAccountsTemplate(school.name), filename: `${school.name}-学习账户批量开设模板.xlsx` };
}

/** Bulk opening by a school (.xlsx of 姓名, 证件类型, 证件号码): all rows valid or nothing; existing accounts are kept. */
export async function importAccounts(
  deps: Deps,
  ctx: RequestContext,
  file: { bytes: Buffer; filename: string },
): Promise<{ rows: number; opened: number; existing: number }> {
  const actor = requireActor(ctx, ['school_admin']);
  const school = await ownSchool(deps, actor);
  const parsed = await parseAccountsFile(file.bytes);
  if (parsed.errors.length) throw new AppError('IMPORT_INVALID', { errors: parsed.errors });
  const key = deps.config.secretKey;
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const rows = parsed.rows.map((r) => {
      const p = protectIdNumber(key, r.idNumber);
      return { idType: r.idType, enc: p.id_number_enc, hash: p.id_number_hash, last4: p.id_number_last4, name: r.name };
    });
    const opened = await q.insertAccounts(trx, rows, { id: school.id, provinceCode: school.province_code }, now, actor.userId);
    return {
      result: { rows: rows.length, opened, existing: rows.length - opened },
      audit: {
        action: 'learning_account.import',
        targetType: 'school',
        targetId: school.id,
        summary: { filename: file.filename, sha256: createHash('sha256').update(file.bytes).digest('hex'), rows: rows.length, opened },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

// ---- Deposits by a school (form, .xlsx), evidence, reversal ----

/** The idempotency key of a school's deposit: one source event per course (or per named outcome and date). */
export function depositBaseKey(
  schoolId: string,
  accountId: string,
  d: { type: DepositableOutcomeType; courseCode?: string | null; name: string; recordedOn: string },
) {
  return d.type === 'course' && d.courseCode
    ? `school:${schoolId}:course:${d.courseCode}:${accountId}`
    : `school:${schoolId}:${d.type}:${accountId}:${d.name}:${d.recordedOn}`;
}

/** After n reversals of a deposit, its correction is deposited under `<key>#n` (so a corrected outcome can return). */
async function currentKeys(trx: Db, bases: readonly { base: string; accountId: string }[]): Promise<Map<string, string>> {
  const unique = [...new Map(bases.map((b) => [b.base, b])).values()];
  const reversed = await q.reversedCountOfKeys(trx, unique);
  return new Map(unique.map(({ base }) => [base, reversed.get(base) ? `${base}#${reversed.get(base)}` : base]));
}

function depositName(d: { name?: string | null | undefined }, course: q.CourseRow | undefined): string {
  return (d.name || course?.name || '').trim();
}

export async function depositOutcome(
  deps: Deps,
  ctx: RequestContext,
  accountId: string,
  input: OutcomeDepositInput,
): Promise<{ written: number; duplicate: boolean; entryId: string | null }> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  const account = await readableAccount(deps, actor, accountId);
  if (!mayManageSchool(actor, account.school_id)) throw new AppError('FORBIDDEN');
  const school = (await q.findSchool(deps.db, account.school_id!))!;
  const course = input.courseId ? await q.findCourse(deps.db, input.courseId) : undefined;
  if (input.courseId && (!course || course.school_id !== school.id))
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'courseId', message: '所选课程不属于本校' }] });
  if (input.evidenceFileId && !(await evidenceOfSchool(deps.db, input.evidenceFileId, school.id)))
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'evidenceFileId', message: '证明材料不存在或不属于本校' }] });
  const name = depositName(input, course);
  const type: DepositableOutcomeType = course ? 'course' : input.type;
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const base = depositBaseKey(school.id, account.id, { type, courseCode: course?.code, name, recordedOn: input.recordedOn });
    const key = (await currentKeys(trx, [{ base, accountId: account.id }])).get(base)!;
    const deposit: OutcomeDeposit = {
      accountId: account.id,
      outcomeType: type,
      name,
      level: input.grade ?? null,
      credits: input.credits ?? num(course?.credits),
      hours: input.hours ?? course?.hours ?? null,
      recordedOn: input.recordedOn,
      source: school.name,
      sourceKind: 'school',
      idempotencyKey: key,
      evidenceFileId: input.evidenceFileId ?? null,
      schoolId: school.id,
      provinceCode: school.province_code,
      note: input.note ?? null,
    };
    const written = await depositOutcomes(trx, [deposit], now, actor.userId);
    const entry = await q.entryIdByKey(trx, key);
    return {
      result: { written, duplicate: written === 0, entryId: entry?.id ?? null },
      audit: {
        action: 'learning_outcome.deposit',
        targetType: 'learning_account',
        targetId: account.id,
        summary: { type, name, credits: deposit.credits, hours: deposit.hours, recordedOn: input.recordedOn, key, written },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

async function evidenceOfSchool(db: Db, fileId: string, schoolId: string): Promise<boolean> {
  const f = await findFileMeta(db, fileId);
  return !!f && f.school_id === schoolId && f.mime === 'application/pdf';
}

/** The learner downloads the evidence of its own outcomes (the school, as the file's owner, already can). */
export const learningOutcomeEvidenceReadable: FileAccessCheck = async (db, ctx, fileId) => {
  if (ctx.actor?.role !== 'learner') return false;
  return q.evidenceOfUser(db, fileId, ctx.actor.userId);
};

/** A PDF of evidence (a transcript, an award certificate) kept with the school as owner; deposits cite its id. */
export async function uploadEvidence(deps: Deps, ctx: RequestContext, file: { bytes: Buffer; filename: string }): Promise<StoredFile> {
  const actor = requireActor(ctx, ['school_admin']);
  const school = await ownSchool(deps, actor);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const stored = await storePdf(trx, ctx, file.bytes, file.filename, {
      at: now,
      owner: { provinceCode: school.province_code, schoolId: school.id },
    });
    return {
      result: stored,
      audit: {
        action: 'learning_outcome.evidence_upload',
        targetType: 'file',
        targetId: stored.id,
        summary: { name: stored.name, sha256: stored.sha256, size: stored.size },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

/** A correction: a reversal entry cancels the deposit (which stays in the ledger); the totals follow in the same transaction. */
export async function reverseEntry(deps: Deps, ctx: RequestContext, entryId: string, reason: string): Promise<LedgerEntryDto> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const e = await q.findEntry(trx, entryId);
    if (!e || !mayRead(actor, { schoolId: e.account_school_id, provinceCode: e.account_province_code })) throw notFound();
    const facts = {
      entryKind: e.entry_kind,
      sourceKind: e.source_kind,
      schoolId: e.school_id,
      reversed: e.reversed_by_id !== null,
      used: e.used_application_id !== null,
      fromConversion: e.exemption_id !== null,
    };
    if (!mayManageSchool(actor, e.school_id)) throw new AppError('FORBIDDEN');
    if (!mayReverse(actor, facts)) throw new AppError('OUTCOME_NOT_REVERSIBLE');
    const ok = await reverseOutcome(
      trx,
      e.id,
      {
        idempotencyKey: `reversal:${e.id}`,
        reason,
        source: e.name,
        sourceKind: e.source_kind as OutcomeSourceKindCode,
        recordedOn: chinaDate(now),
      },
      now,
      actor.userId,
    );
    if (!ok) throw new AppError('OUTCOME_NOT_REVERSIBLE');
    const school = (await q.findSchool(trx, e.school_id!))!;
    const reversal = (await q.entriesOfAccount(trx, e.account_id, e.id))[0]!;
    return {
      result: toEntryDto(actor, reversal),
      audit: {
        action: 'learning_outcome.reverse',
        targetType: 'learning_outcome',
        targetId: e.id,
        summary: { name: e.name, credits: num(e.credits), reason, reversalId: reversal.id },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

export async function depositsImportTemplate(deps: Deps, ctx: RequestContext): Promise<{ bytes: Buffer; filename: string }> {
  const actor = requireActor(ctx, ['school_admin']);
  const school = await ownSchool(deps, actor);
  const courses = await q.listCourses(deps.db, school.id);
  return {
    bytes: await buildDepositsTemplate(
      school.name,
      courses.map((c) => `${c.code} ${c.name}`),
    ),
    filename: `${school.name}-学习成果存入模板.xlsx`,
  };
}

/**
 * Deposits from .xlsx (R7.1): every row checked (ID number, the person's name against an existing account, course code
 * in the school's catalog, credits, date) — any error writes nothing; accounts are opened for people without one; each
 * row's idempotency key makes the same file twice write once.
 */
export async function importDeposits(
  deps: Deps,
  ctx: RequestContext,
  file: { bytes: Buffer; filename: string },
): Promise<{ rows: number; written: number; duplicates: number; accountsOpened: number; duplicate: boolean }> {
  const actor = requireActor(ctx, ['school_admin']);
  const school = await ownSchool(deps, actor);
  const parsed = await parseDepositsFile(file.bytes);
  const key = deps.config.secretKey;
  const courses = new Map((await q.listCourses(deps.db, school.id)).map((c) => [c.code, c]));
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const errors = [...parsed.errors];
    const hashes = parsed.rows.map((r) => ({ idType: r.idType, hash: idNumberHash(key, r.idNumber) }));
    const existing = await q.accountsByHash(trx, hashes);
    parsed.rows.forEach((r, i) => {
      if (r.courseCode && !courses.has(r.courseCode))
        errors.push({
          row: r.row,
          column: '课程代码',
          code: 'COURSE_NOT_FOUND',
          message: `本校课程目录中没有代码为“${r.courseCode}”的课程`,
        });
      if (!r.courseCode && (!r.name || r.credits === null))
        errors.push({
          row: r.row,
          column: r.name ? '学分' : '成果名称',
          code: 'REQUIRED',
          message: '未填写课程代码时，须填写成果名称和学分',
        });
      const account = existing.get(`${hashes[i]!.idType}:${hashes[i]!.hash}`);
      if (account && account.holderName !== r.holderName)
        errors.push({ row: r.row, column: '姓名', code: 'NAME_MISMATCH', message: '姓名与该证件号码的学习账户不一致，请核对' });
    });
    if (errors.length) throw new AppError('IMPORT_INVALID', { errors: errors.sort((a, b) => a.row - b.row) });

    // Open accounts for people who have none (the first row of a person names the account).
    const toOpen = new Map<
      string,
      { idType: (typeof parsed.rows)[number]['idType']; enc: string; hash: string; last4: string; name: string }
    >();
    parsed.rows.forEach((r, i) => {
      const k = `${hashes[i]!.idType}:${hashes[i]!.hash}`;
      if (!existing.has(k) && !toOpen.has(k)) {
        const p = protectIdNumber(key, r.idNumber);
        toOpen.set(k, { idType: r.idType, enc: p.id_number_enc, hash: p.id_number_hash, last4: p.id_number_last4, name: r.holderName });
      }
    });
    const accountsOpened = toOpen.size
      ? await q.insertAccounts(trx, [...toOpen.values()], { id: school.id, provinceCode: school.province_code }, now, actor.userId)
      : 0;
    const accounts = toOpen.size ? await q.accountsByHash(trx, hashes) : existing;

    const drafts = parsed.rows.map((r, i) => {
      const course = r.courseCode ? courses.get(r.courseCode) : undefined;
      const accountId = accounts.get(`${hashes[i]!.idType}:${hashes[i]!.hash}`)!.id;
      const type: DepositableOutcomeType = course ? 'course' : r.type;
      const name = depositName(r, course);
      return {
        r,
        course,
        accountId,
        type,
        name,
        base: depositBaseKey(school.id, accountId, { type, courseCode: course?.code, name, recordedOn: r.recordedOn }),
      };
    });
    const keys = await currentKeys(trx, drafts);
    const deposits: OutcomeDeposit[] = drafts.map((d) => ({
      accountId: d.accountId,
      outcomeType: d.type,
      name: d.name,
      level: d.r.grade,
      credits: d.r.credits ?? num(d.course?.credits),
      hours: d.r.hours ?? d.course?.hours ?? null,
      recordedOn: d.r.recordedOn,
      source: school.name,
      sourceKind: 'import',
      idempotencyKey: keys.get(d.base)!,
      schoolId: school.id,
      provinceCode: school.province_code,
    }));
    const written = await depositOutcomes(trx, deposits, now, actor.userId);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    return {
      result: { rows: deposits.length, written, duplicates: deposits.length - written, accountsOpened, duplicate: written === 0 },
      audit: {
        action: 'learning_outcome.import',
        targetType: 'school',
        targetId: school.id,
        summary: { filename: file.filename, sha256, rows: deposits.length, written, accountsOpened },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

// ---- Transcript (PDF) and export (JSON with the certificates' credentials), R7.5 ----

async function accountForExport(deps: Deps, ctx: RequestContext, id: string | 'me') {
  const actor = requireActor(ctx, id === 'me' ? ['learner'] : CREDIT_BANK_READ_ROLES);
  const a = id === 'me' ? await myAccountRow(deps, actor) : await readableAccount(deps, actor, id);
  return { actor, a, detail: await accountDetail(deps, null, a) };
}

export async function transcript(deps: Deps, ctx: RequestContext, id: string | 'me'): Promise<{ bytes: Buffer; filename: string }> {
  const { actor, a, detail } = await accountForExport(deps, ctx, id);
  const now = deps.clock.now();
  const bytes = await transcriptPdf(detail, { printedOn: chinaDate(now), verifyBase: deps.config.publicUrl });
  await auditedTransaction(deps, ctx, async () => ({
    result: null,
    audit: {
      action: 'learning_account.transcript',
      targetType: 'learning_account',
      targetId: a.id,
      summary: { by: actor.role },
      scope: { provinceCode: a.province_code, schoolId: a.school_id },
    },
  }));
  return { bytes, filename: `学习成果记录-${a.holder_name}-${chinaDate(now)}.pdf` };
}

export async function exportAccount(deps: Deps, ctx: RequestContext, id: string | 'me'): Promise<{ body: string; filename: string }> {
  const { actor, a, detail } = await accountForExport(deps, ctx, id);
  const now = deps.clock.now();
  // The hand-off format onex-learning-account/1 (docs/learning-account-format.md, issue 18 item 8).
  const doc = await accountDocument(deps.db, deps.config.publicUrl, now, a.id, detail);
  await auditedTransaction(deps, ctx, async () => ({
    result: null,
    audit: {
      action: 'learning_account.export',
      targetType: 'learning_account',
      targetId: a.id,
      summary: { by: actor.role, credentials: doc.credentials.length },
      scope: { provinceCode: a.province_code, schoolId: a.school_id },
    },
  }));
  return { body: JSON.stringify(doc, null, 2), filename: `学习账户-${a.holder_name}-${chinaDate(now)}.json` };
}

// ---- Schools' course catalogs and settings ----

async function readableSchool(deps: Deps, actor: Actor, schoolId?: string | null) {
  const id = schoolId ?? actor.schoolId;
  const school = id ? await q.findSchool(deps.db, id) : undefined;
  if (!school || !mayRead(actor, { schoolId: school.id, provinceCode: school.province_code })) throw notFound();
  return school;
}

async function settingsOf(db: Db, schoolId: string) {
  const s = await q.findSettings(db, schoolId);
  return s
    ? {
        professionalCapPercent: num(s.professional_cap_percent),
        publicCapPercent: num(s.public_cap_percent),
        excludedCategories: s.excluded_categories,
        basis: s.basis,
        isDefault: false,
      }
    : {
        ...DEFAULT_CREDIT_BANK_SETTINGS,
        excludedCategories: [...DEFAULT_CREDIT_BANK_SETTINGS.excludedCategories],
        basis: null,
        isDefault: true,
      };
}
export { settingsOf as creditBankSettingsOf };

function toCourseDto(c: q.CourseRow, excluded: readonly CourseCategory[]): SchoolCourseDto {
  return {
    id: c.id,
    schoolId: c.school_id,
    major: c.school_major_id ? { id: c.school_major_id, name: c.major_name ?? '' } : null,
    code: c.code,
    name: c.name,
    category: c.category,
    credits: num(c.credits),
    hours: c.hours,
    exemptible: c.exemptible,
    excluded: !c.exemptible || excluded.includes(c.category),
  };
}

export async function listCourses(
  deps: Deps,
  ctx: RequestContext,
  f: { schoolId?: string | undefined; schoolMajorId?: string | undefined },
) {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  const school = await readableSchool(deps, actor, f.schoolId);
  const settings = await settingsOf(deps.db, school.id);
  const rows = await q.listCourses(deps.db, school.id, f.schoolMajorId);
  return rows.map((c) => toCourseDto(c, settings.excludedCategories));
}

async function checkCourseMajor(db: Db, schoolId: string, majorId: string | null | undefined) {
  if (!majorId) return null;
  const m = await q.findSchoolMajor(db, majorId);
  if (!m || m.school_id !== schoolId)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'schoolMajorId', message: '所选专业不属于本校' }] });
  return m.id;
}

export async function createCourse(deps: Deps, ctx: RequestContext, input: SchoolCourseInput): Promise<SchoolCourseDto> {
  const actor = requireActor(ctx, ['school_admin']);
  const school = await ownSchool(deps, actor);
  const majorId = await checkCourseMajor(deps.db, school.id, input.schoolMajorId);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    if (await q.findCourseByCode(trx, school.id, input.code)) throw new AppError('COURSE_CODE_TAKEN');
    const id = await unique(
      'COURSE_CODE_TAKEN',
      q.insertCourse(trx, { id: school.id, provinceCode: school.province_code }, { ...input, schoolMajorId: majorId }, now, actor.userId),
    );
    const settings = await settingsOf(trx, school.id);
    return {
      result: toCourseDto((await q.findCourse(trx, id))!, settings.excludedCategories),
      audit: {
        action: 'school_course.create',
        targetType: 'school_course',
        targetId: id,
        summary: { ...input },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

async function ownCourse(deps: Deps, actor: Actor, id: string) {
  const c = await q.findCourse(deps.db, id);
  if (!c || !mayRead(actor, { schoolId: c.school_id, provinceCode: c.province_code })) throw notFound();
  if (!mayManageSchool(actor, c.school_id)) throw new AppError('FORBIDDEN');
  return c;
}

export async function updateCourse(deps: Deps, ctx: RequestContext, id: string, input: SchoolCourseInput): Promise<SchoolCourseDto> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  const c = await ownCourse(deps, actor, id);
  const school = (await q.findSchool(deps.db, c.school_id))!;
  const majorId = await checkCourseMajor(deps.db, school.id, input.schoolMajorId);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const other = await q.findCourseByCode(trx, school.id, input.code);
    if (other && other.id !== id) throw new AppError('COURSE_CODE_TAKEN');
    if (input.code !== c.code && (await q.courseInUse(trx, id))) throw new AppError('COURSE_IN_USE');
    await unique('COURSE_CODE_TAKEN', q.updateCourse(trx, id, { ...input, schoolMajorId: majorId }, now));
    const settings = await settingsOf(trx, school.id);
    return {
      result: toCourseDto((await q.findCourse(trx, id))!, settings.excludedCategories),
      audit: {
        action: 'school_course.update',
        targetType: 'school_course',
        targetId: id,
        summary: { from: { code: c.code, name: c.name, credits: num(c.credits), category: c.category }, to: input },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

export async function deleteCourse(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  const c = await ownCourse(deps, actor, id);
  await auditedTransaction(deps, ctx, async (trx) => {
    if (await q.courseInUse(trx, id)) throw new AppError('COURSE_IN_USE');
    await q.deleteCourse(trx, id);
    return {
      result: null,
      audit: {
        action: 'school_course.delete',
        targetType: 'school_course',
        targetId: id,
        summary: { code: c.code, name: c.name },
        scope: { provinceCode: c.province_code, schoolId: c.school_id },
      },
    };
  });
}

export async function getSettings(deps: Deps, ctx: RequestContext, schoolId?: string): Promise<CreditBankSettingsDto> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  const school = await readableSchool(deps, actor, schoolId);
  return settingsDto(deps.db, school.id);
}

async function settingsDto(db: Db, schoolId: string): Promise<CreditBankSettingsDto> {
  const s = await settingsOf(db, schoolId);
  const rows = await q.programmeCreditsOfSchool(db, schoolId);
  const programmes = new Map<string, { major: { id: string; name: string }; professionalCredits: number; publicCredits: number }>();
  for (const r of rows) {
    const p = programmes.get(r.major_id) ?? { major: { id: r.major_id, name: r.major_name }, professionalCredits: 0, publicCredits: 0 };
    if (COURSE_GROUP_OF[r.category] === 'professional') p.professionalCredits = round1(p.professionalCredits + num(r.credits));
    else p.publicCredits = round1(p.publicCredits + num(r.credits));
    programmes.set(r.major_id, p);
  }
  return { schoolId, ...s, programmes: [...programmes.values()] };
}

export async function saveSettings(
  deps: Deps,
  ctx: RequestContext,
  input: {
    professionalCapPercent: number;
    publicCapPercent: number;
    excludedCategories: CourseCategory[];
    basis?: string | null | undefined;
  },
): Promise<CreditBankSettingsDto> {
  const actor = requireActor(ctx, ['school_admin']);
  const school = await ownSchool(deps, actor);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const v = { ...input, excludedCategories: [...new Set(input.excludedCategories)], basis: input.basis ?? null };
    await q.upsertSettings(trx, { id: school.id, provinceCode: school.province_code }, v, now, actor.userId);
    return {
      result: await settingsDto(trx, school.id),
      audit: {
        action: 'credit_bank_settings.save',
        targetType: 'school',
        targetId: school.id,
        summary: v,
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

// ---- Recognition rules (R7.2) ----

async function ruleDtos(db: Db, actor: Actor | null, rows: readonly q.RuleRow[]): Promise<RecognitionRuleDto[]> {
  const parts = await q.partsOfRules(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const outcomes = parts.outcomes.filter((o) => o.rule_id === r.id);
    const courses = parts.courses.filter((c) => c.rule_id === r.id);
    const manage = !!actor && mayManageSchool(actor, r.school_id);
    return {
      id: r.id,
      school: { id: r.school_id, name: r.school_name },
      major: { id: r.school_major_id, name: r.major_name },
      provinceCode: r.province_code,
      code: r.code,
      name: r.name,
      status: r.status,
      shape: ruleShape(outcomes.length, courses.length),
      outcomes: outcomes.map((o) => ({ id: o.id, name: o.name, level: o.level, certificateTypeId: o.certificate_type_id })),
      courses: courses.map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        category: c.category,
        courseCredits: num(c.course_credits),
        credits: num(c.credits),
        grade: c.grade,
      })),
      validFrom: r.valid_from,
      validTo: r.valid_to,
      maxOutcomeAgeYears: r.max_outcome_age_years,
      basis: r.basis,
      note: r.note,
      publishedAt: iso(r.published_at),
      withdrawnAt: iso(r.withdrawn_at),
      createdAt: r.created_at.toISOString(),
      allowedActions: manage ? (['publish', 'withdraw'] as const).filter((a) => ruleTransition(a, r.status)) : [],
      mayEdit: manage && r.status === 'draft',
    };
  });
}

export async function listRules(
  deps: Deps,
  ctx: RequestContext,
  f: { page: number; pageSize: number; schoolId?: string | undefined; schoolMajorId?: string | undefined; status?: RuleStatus | undefined },
): Promise<Page<RecognitionRuleDto>> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  const { items, total } = await q.listRules(deps.db, scopeOf(actor), f, f.page, f.pageSize);
  return { items: await ruleDtos(deps.db, actor, items), total, page: f.page, pageSize: f.pageSize };
}

export async function readableRule(deps: Deps, actor: Actor, id: string) {
  const r = await q.findRule(deps.db, id);
  if (!r || !mayRead(actor, { schoolId: r.school_id, provinceCode: r.province_code })) throw notFound();
  return r;
}

export async function getRule(deps: Deps, ctx: RequestContext, id: string): Promise<RecognitionRuleDto> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  return (await ruleDtos(deps.db, actor, [await readableRule(deps, actor, id)]))[0]!;
}

/** Courses of the school and of the rule's major (or school-wide); outcomes of the catalog. */
async function checkRule(db: Db, schoolId: string, input: RecognitionRuleInput) {
  const major = await q.findSchoolMajor(db, input.schoolMajorId);
  if (!major || major.school_id !== schoolId)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'schoolMajorId', message: '所选专业不属于本校' }] });
  const courses = await q.coursesByIds(
    db,
    input.courses.map((c) => c.courseId),
  );
  const badCourse = input.courses.find((c) => {
    const row = courses.find((x) => x.id === c.courseId);
    return !row || row.school_id !== schoolId || (row.school_major_id !== null && row.school_major_id !== major.id);
  });
  const outcomes = await q.creditOutcomesByIds(db, input.outcomeIds);
  if (badCourse || outcomes.length !== input.outcomeIds.length)
    throw new AppError('RULE_INVALID', { courseId: badCourse?.courseId, outcomes: outcomes.length });
}

function ruleValues(input: RecognitionRuleInput): q.RuleValues {
  return {
    schoolMajorId: input.schoolMajorId,
    code: input.code,
    name: input.name,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
    maxOutcomeAgeYears: input.maxOutcomeAgeYears ?? null,
    basis: input.basis ?? null,
    note: input.note ?? null,
    outcomeIds: input.outcomeIds,
    courses: input.courses,
  };
}

export async function createRule(deps: Deps, ctx: RequestContext, input: RecognitionRuleInput): Promise<RecognitionRuleDto> {
  const actor = requireActor(ctx, ['school_admin']);
  const school = await ownSchool(deps, actor);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    await checkRule(trx, school.id, input);
    if (await q.ruleCodeTaken(trx, school.id, input.code)) throw new AppError('RULE_CODE_TAKEN');
    const id = await unique(
      'RULE_CODE_TAKEN',
      q.insertRule(trx, { id: school.id, provinceCode: school.province_code }, ruleValues(input), now, actor.userId),
    );
    const dto = (await ruleDtos(trx, actor, [(await q.findRule(trx, id))!]))[0]!;
    return {
      result: dto,
      audit: {
        action: 'recognition_rule.create',
        targetType: 'recognition_rule',
        targetId: id,
        summary: { code: input.code, name: input.name, shape: dto.shape, outcomes: input.outcomeIds, courses: input.courses },
        scope: { provinceCode: school.province_code, cityCode: school.city_code, schoolId: school.id },
      },
    };
  });
}

export async function updateRule(deps: Deps, ctx: RequestContext, id: string, input: RecognitionRuleInput): Promise<RecognitionRuleDto> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  const rule = await readableRule(deps, actor, id);
  if (!mayManageSchool(actor, rule.school_id)) throw new AppError('FORBIDDEN');
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const locked = await q.lockRule(trx, id);
    if (locked?.status !== 'draft') throw new AppError('RULE_NOT_EDITABLE');
    await checkRule(trx, rule.school_id, input);
    if (await q.ruleCodeTaken(trx, rule.school_id, input.code, id)) throw new AppError('RULE_CODE_TAKEN');
    await unique('RULE_CODE_TAKEN', q.updateRule(trx, id, ruleValues(input), now));
    const dto = (await ruleDtos(trx, actor, [(await q.findRule(trx, id))!]))[0]!;
    return {
      result: dto,
      audit: {
        action: 'recognition_rule.update',
        targetType: 'recognition_rule',
        targetId: id,
        summary: { code: input.code, name: input.name, shape: dto.shape, outcomes: input.outcomeIds, courses: input.courses },
        scope: { provinceCode: rule.province_code, schoolId: rule.school_id },
      },
    };
  });
}

/** Publishes or withdraws a rule (RULE_TRANSITIONS): lock, scope 404, policy 403, table 409, update, event, audit. */
export async function transitionRule(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  b: { action: RuleAction; comment?: string | null | undefined },
): Promise<RecognitionRuleDto> {
  const actor = requireActor(ctx, CREDIT_BANK_READ_ROLES);
  const rule = await readableRule(deps, actor, id);
  return auditedTransaction(deps, ctx, async (trx, now) => {
    const locked = (await q.lockRule(trx, id))!;
    const from = locked.status;
    const t = ruleTransition(b.action, from);
    if (!mayManageSchool(actor, rule.school_id) || (t && !t.roles.includes(actor.role))) throw new AppError('FORBIDDEN');
    if (!t) throw new AppError('CONFLICT', { action: b.action, status: from });
    const comment = b.comment?.trim() || null;
    if (t.commentRequired && !comment) throw new AppError('COMMENT_REQUIRED');
    if (!(await q.setRuleStatus(trx, id, from, t.to, now, actor.userId)))
      throw new AppError('CONFLICT', { action: b.action, status: from });
    await q.insertRuleEvent(trx, { ruleId: id, action: b.action, from, to: t.to, comment, actorId: actor.userId, at: now });
    return {
      result: (await ruleDtos(trx, actor, [(await q.findRule(trx, id))!]))[0]!,
      audit: {
        action: `recognition_rule.${b.action}`,
        targetType: 'recognition_rule',
        targetId: id,
        summary: { code: rule.code, from, to: t.to, comment },
        scope: { provinceCode: rule.province_code, schoolId: rule.school_id },
      },
    };
  });
}

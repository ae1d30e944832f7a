import { type CertificateLevel, type FilingAttachmentKind, type FilingRoundStatus, type FilingStatus, passRate } from '@onex/shared';
import { type Expression, type Kysely, type SqlBool, type Transaction, sql } from 'kysely';
import type { Actor } from '../../auth/actor';
import { scopeOf } from '../../auth/scope';
import type { DB, FilingRoundsTable, FilingsTable } from '../../db/schema';
import { scopeWhere } from '../../db/scope-filter';
import { passRatesOf } from '../pass-rates/pass-rates.queries';
import type { Updateable, Insertable } from 'kysely';

type Db = Kysely<DB>;
type Tx = Transaction<DB>;

const FILING_SCOPE_COLUMNS = {
  provinceCode: 'filings.province_code',
  cityCode: 'filings.city_code',
  schoolId: 'filings.school_id',
  departmentId: 'filings.department_id',
} as const;

/**
 * Which filings an actor sees: its scope (scopeOf), narrowed by role — a city sees only the 中职 filings it
 * reviews, an expert only the filings assigned to it, a project leader only the projects it leads or created.
 * The one decision for lists and for single records (a record outside it is 404).
 */
/**
 * The filings an actor sees. A draft belongs to its school until it is submitted: reviewers never see one (issue 21
 * #6) — except, with `drafts`, to act on a fact about it that is not its content (the province lifting a pass-rate
 * restriction of the school × certificate × year before the school submits).
 */
export function filingVisibleTo(actor: Actor, opts: { drafts?: boolean } = {}): Expression<SqlBool> {
  const base = scopeWhere(scopeOf(actor), FILING_SCOPE_COLUMNS);
  const notDraft = opts.drafts ? sql`true` : sql`filings.status <> 'draft'`;
  switch (actor.role) {
    case 'municipal_admin':
      return sql<SqlBool>`(${base} AND filings.needs_municipal_review AND ${notDraft})`;
    case 'province_admin':
    case 'national_admin':
      return sql<SqlBool>`(${base} AND ${notDraft})`;
    case 'expert':
      return sql<SqlBool>`(${base} AND EXISTS (SELECT 1 FROM filing_expert_assignments a
        WHERE a.filing_id = filings.id AND a.expert_id = ${actor.userId}))`;
    case 'project_leader':
      return sql<SqlBool>`(filings.school_id = ${actor.schoolId} AND
        (filings.project_leader_user_id = ${actor.userId} OR filings.created_by = ${actor.userId}))`;
    case 'org_admin':
    case 'learner':
      return sql<SqlBool>`false`;
    default:
      return base;
  }
}

// ── Rounds ──────────────────────────────────────────────────────────────────

export type RoundRow = Awaited<ReturnType<typeof findRound>> & {};

export function findRound(db: Db, id: string) {
  return db.selectFrom('filing_rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockRound(trx: Tx, id: string) {
  return trx.selectFrom('filing_rounds').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listRounds(
  db: Db,
  f: { provinceCode: string | null; hideDrafts: boolean; status?: FilingRoundStatus | undefined; year?: number | undefined },
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('filing_rounds');
  if (f.provinceCode) q = q.where('province_code', '=', f.provinceCode);
  if (f.hideDrafts) q = q.where('status', '!=', 'draft');
  if (f.status) q = q.where('status', '=', f.status);
  if (f.year) q = q.where('year', '=', f.year);
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('year', 'desc')
      .orderBy('created_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertRound(trx: Tx, v: Insertable<FilingRoundsTable>) {
  return (await trx.insertInto('filing_rounds').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateRound(trx: Tx, id: string, v: Updateable<FilingRoundsTable>, fromStatus?: FilingRoundStatus) {
  let q = trx.updateTable('filing_rounds').set(v).where('id', '=', id);
  if (fromStatus) q = q.where('status', '=', fromStatus);
  return q.executeTakeFirst().then((r) => Number(r.numUpdatedRows) === 1);
}

export function batchesExist(db: Db, codes: readonly string[]) {
  return db
    .selectFrom('certificate_batches')
    .select('code')
    .where('code', 'in', [...codes])
    .execute()
    .then((rs) => rs.map((r) => r.code));
}

// ── Filings ─────────────────────────────────────────────────────────────────

function filingsBase(db: Db) {
  return db
    .selectFrom('filings')
    .innerJoin('filing_rounds as r', 'r.id', 'filings.round_id')
    .innerJoin('schools as s', 's.id', 'filings.school_id')
    .innerJoin('departments as d', 'd.id', 'filings.department_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'filings.certificate_type_id')
    .selectAll('filings')
    .select((eb) => [
      'r.name as round_name',
      's.name as school_name',
      's.school_type',
      'd.name as department_name',
      'ct.name as certificate_type_name',
      eb
        .selectFrom('filing_majors as fm')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('fm.filing_id', '=', 'filings.id')
        .as('major_count'),
      eb
        .selectFrom('filing_majors as fm')
        .select(sql<string>`coalesce(sum(fm.planned_trainees), 0)`.as('n'))
        .whereRef('fm.filing_id', '=', 'filings.id')
        .as('planned_trainees'),
    ]);
}
export type FilingRow = Awaited<ReturnType<ReturnType<typeof filingsBase>['executeTakeFirstOrThrow']>>;

export interface FilingFilter {
  roundId?: string | undefined;
  status?: FilingStatus | undefined;
  certificateTypeId?: string | undefined;
  schoolId?: string | undefined;
  cityCode?: string | undefined;
  year?: number | undefined;
}

export async function listFilings(db: Db, actor: Actor, f: FilingFilter, page: number, pageSize: number) {
  let q = filingsBase(db).where(filingVisibleTo(actor));
  if (f.roundId) q = q.where('filings.round_id', '=', f.roundId);
  if (f.status) q = q.where('filings.status', '=', f.status);
  if (f.certificateTypeId) q = q.where('filings.certificate_type_id', '=', f.certificateTypeId);
  if (f.schoolId) q = q.where('filings.school_id', '=', f.schoolId);
  if (f.cityCode) q = q.where('filings.city_code', '=', f.cityCode);
  if (f.year) q = q.where('filings.year', '=', f.year);
  const [items, total] = await Promise.all([
    q
      .orderBy('filings.updated_at', 'desc')
      .orderBy('filings.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** A filing the actor may see, or undefined (→ 404). */
export function findVisibleFiling(db: Db, actor: Actor, id: string, opts: { drafts?: boolean } = {}) {
  return filingsBase(db).where('filings.id', '=', id).where(filingVisibleTo(actor, opts)).executeTakeFirst();
}

/** Locks a filing's row for a state change; visibility is checked separately with findVisibleFiling. */
export function lockFiling(trx: Tx, id: string) {
  return trx.selectFrom('filings').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertFiling(trx: Tx, v: Insertable<FilingsTable>) {
  return (await trx.insertInto('filings').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

/** Updates a filing only if it is still in one of the given statuses; false when another change came first. */
export async function updateFiling(trx: Tx, id: string, fromStatuses: readonly FilingStatus[], v: Updateable<FilingsTable>) {
  const r = await trx
    .updateTable('filings')
    .set(v)
    .where('id', '=', id)
    .where('status', 'in', [...fromStatuses])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function filingExists(db: Db, schoolId: string, roundId: string, certificateTypeId: string) {
  return db
    .selectFrom('filings')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('round_id', '=', roundId)
    .where('certificate_type_id', '=', certificateTypeId)
    .executeTakeFirst()
    .then(Boolean);
}

// ── Plan rows ───────────────────────────────────────────────────────────────

export function planRows(db: Db, filingId: string) {
  return db.selectFrom('filing_majors').selectAll().where('filing_id', '=', filingId).orderBy('sort_order').execute();
}

export async function replacePlanRows(
  trx: Tx,
  filingId: string,
  provinceCode: string,
  rows: readonly {
    schoolMajorId: string;
    majorCode: string;
    majorName: string;
    enrolledStudents: number;
    fullTimeTeachers: number;
    plannedTrainees: number;
  }[],
) {
  await trx.deleteFrom('filing_majors').where('filing_id', '=', filingId).execute();
  if (rows.length === 0) return;
  await trx
    .insertInto('filing_majors')
    .values(
      rows.map((r, i) => ({
        filing_id: filingId,
        province_code: provinceCode,
        school_major_id: r.schoolMajorId,
        major_code: r.majorCode,
        major_name: r.majorName,
        enrolled_students: r.enrolledStudents,
        full_time_teachers: r.fullTimeTeachers,
        planned_trainees: r.plannedTrainees,
        sort_order: i,
      })),
    )
    .execute();
}

/** The school's majors with their figures of `year`, or of the latest year before it when that year has none. */
export async function majorsWithFigures(db: Db, schoolId: string, majorIds: readonly string[], year: number) {
  if (majorIds.length === 0) return [];
  const majors = await db
    .selectFrom('school_majors')
    .select(['id', 'major_code', 'name', 'department_id'])
    .where('school_id', '=', schoolId)
    .where('id', 'in', [...majorIds])
    .execute();
  const figures = await db
    .selectFrom('school_major_years')
    .selectAll()
    .where('school_major_id', 'in', [...majorIds])
    .where('year', '<=', year)
    .orderBy('year', 'desc')
    .execute();
  return majors.map((m) => ({ ...m, figures: figures.find((f) => f.school_major_id === m.id) ?? null }));
}

/** Per school major: other filings of the same year that count as pilots (submitted or later, not rejected). */
export async function otherPilotsOfMajors(db: Db, filingId: string, schoolMajorIds: readonly string[], year: number) {
  if (schoolMajorIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('filing_majors as fm')
    .innerJoin('filings as f', 'f.id', 'fm.filing_id')
    .select(['fm.school_major_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('fm.school_major_id', 'in', [...schoolMajorIds])
    .where('f.id', '!=', filingId)
    .where('f.year', '=', year)
    .where('f.status', 'not in', ['draft', 'rejected'])
    .where((eb) => eb.or([eb('f.decision', 'is', null), eb('f.decision', '!=', 'rejected')]))
    .groupBy('fm.school_major_id')
    .execute();
  return new Map(rows.map((r) => [r.school_major_id, Number(r.n)]));
}

// ── Attachments ─────────────────────────────────────────────────────────────

export function attachmentsOf(db: Db, filingId: string) {
  return db
    .selectFrom('filing_attachments as a')
    .innerJoin('files', 'files.id', 'a.file_id')
    .select(['a.id', 'a.kind', 'a.version', 'a.file_id', 'a.uploaded_at', 'files.original_name', 'files.size', 'files.sha256'])
    .where('a.filing_id', '=', filingId)
    .orderBy('a.kind')
    .orderBy('a.version', 'desc')
    .execute();
}
export type AttachmentRow = Awaited<ReturnType<typeof attachmentsOf>>[number];

export async function nextAttachmentVersion(trx: Tx, filingId: string, kind: FilingAttachmentKind) {
  const r = await trx
    .selectFrom('filing_attachments')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('filing_id', '=', filingId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(r?.v ?? 0) + 1;
}

export function insertAttachment(trx: Tx, v: Insertable<DB['filing_attachments']>) {
  return trx.insertInto('filing_attachments').values(v).returning('id').executeTakeFirstOrThrow();
}

/** Files module hook: the filings an attachment file belongs to. */
export function filingsOfAttachmentFile(db: Db, fileId: string) {
  return db
    .selectFrom('filing_attachments')
    .select('filing_id')
    .where('file_id', '=', fileId)
    .execute()
    .then((rs) => rs.map((r) => r.filing_id));
}

// ── Experts, events, overrides ──────────────────────────────────────────────

export function assignmentsOf(db: Db, filingId: string) {
  return db
    .selectFrom('filing_expert_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.expert_id')
    .select(['a.expert_id', 'u.display_name', 'a.assigned_at', 'a.scores', 'a.weighted_total', 'a.opinion', 'a.scored_at'])
    .where('a.filing_id', '=', filingId)
    .orderBy('a.assigned_at')
    .execute();
}

export function expertsOfProvince(db: Db, provinceCode: string, ids: readonly string[]) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .where('role', '=', 'expert')
    .where('status', '=', 'active')
    .where('province_code', '=', provinceCode)
    .execute();
}

export async function assignExperts(trx: Tx, filingId: string, provinceCode: string, expertIds: readonly string[], by: string, at: Date) {
  await trx
    .insertInto('filing_expert_assignments')
    .values(expertIds.map((id) => ({ filing_id: filingId, province_code: provinceCode, expert_id: id, assigned_at: at, assigned_by: by })))
    .onConflict((c) => c.columns(['filing_id', 'expert_id']).doNothing())
    .execute();
}

export async function recordScores(
  trx: Tx,
  filingId: string,
  expertId: string,
  v: { scores: Record<string, number>; total: number; opinion: string; at: Date },
) {
  const r = await trx
    .updateTable('filing_expert_assignments')
    .set({ scores: JSON.stringify(v.scores), weighted_total: v.total, opinion: v.opinion, scored_at: v.at })
    .where('filing_id', '=', filingId)
    .where('expert_id', '=', expertId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function insertEvent(trx: Tx, v: Insertable<DB['filing_events']>) {
  return trx.insertInto('filing_events').values(v).execute();
}

export function eventsOf(db: Db, filingId: string) {
  return db.selectFrom('filing_events').selectAll().where('filing_id', '=', filingId).orderBy('at').orderBy('id').execute();
}

export function ruleOverrideExists(db: Db, schoolId: string, certificateTypeId: string, year: number, ruleId: string) {
  return db
    .selectFrom('filing_rule_overrides')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('certificate_type_id', '=', certificateTypeId)
    .where('year', '=', year)
    .where('rule_id', '=', ruleId)
    .executeTakeFirst()
    .then(Boolean);
}

/**
 * Issue 17 item 7 (002 四.4): whether the school already pilots the certificate — another of its filings of it was
 * approved (approved, or published with decision approved) for an earlier year or this one and its pilot has not
 * ended before the year.
 */
export async function schoolPilotsCertificate(db: Db, filingId: string, schoolId: string, certificateTypeId: string, year: number) {
  const row = await db
    .selectFrom('filings')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('certificate_type_id', '=', certificateTypeId)
    .where('id', '!=', filingId)
    .where('year', '<=', year)
    .where((eb) => eb.or([eb('status', '=', 'approved'), eb.and([eb('status', '=', 'published'), eb('decision', '=', 'approved')])]))
    .where((eb) => eb.or([eb('pilot_ended_year', 'is', null), eb('pilot_ended_year', '>=', year)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function certificateFacts(db: Db, id: string) {
  return db
    .selectFrom('certificate_types as ct')
    .select((eb) => [
      'ct.name',
      'ct.status',
      'ct.batch_code',
      eb
        .selectFrom('certificate_levels as l')
        .select(sql<CertificateLevel[]>`coalesce(array_agg(l.level), '{}')`.as('levels'))
        .whereRef('l.certificate_type_id', '=', 'ct.id')
        .as('levels'),
    ])
    .where('ct.id', '=', id)
    .executeTakeFirstOrThrow();
}

export function schoolOf(db: Db, id: string) {
  return db
    .selectFrom('schools')
    .select(['id', 'school_type', 'province_code', 'city_code', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function departmentOf(db: Db, id: string) {
  return db.selectFrom('departments').select(['id', 'school_id']).where('id', '=', id).executeTakeFirst();
}

export function projectLeaderOf(db: Db, userId: string, schoolId: string) {
  return db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('school_id', '=', schoolId)
    .where('role', '=', 'project_leader')
    .executeTakeFirst()
    .then(Boolean);
}

/**
 * R3.9: the previous year's pass rate (0–1) of a school × certificate, from certificate_pass_rates (filled by the
 * exams feature); null without data.
 */
export async function previousYearPassRate(db: Db, schoolId: string, certificateTypeId: string, year: number): Promise<number | null> {
  const [row] = await passRatesOf(db, schoolId, certificateTypeId, [year - 1]);
  return passRate(row);
}

/** All approved / rejected filings of a round, locked, for publication. */
export function decidedFilingsOfRound(trx: Tx, roundId: string) {
  return trx
    .selectFrom('filings')
    .select(['id', 'status', 'province_code', 'school_id'])
    .where('round_id', '=', roundId)
    .where('status', 'in', ['approved', 'rejected'])
    .forUpdate()
    .execute();
}

export async function publishFilings(trx: Tx, ids: readonly string[], at: Date) {
  if (ids.length === 0) return;
  await trx
    .updateTable('filings')
    .set({ status: 'published', published_at: at, updated_at: at })
    .where('id', 'in', [...ids])
    .where('status', 'in', ['approved', 'rejected'])
    .execute();
}

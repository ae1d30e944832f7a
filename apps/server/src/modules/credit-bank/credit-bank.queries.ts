import {
  CERTIFICATE_LEVEL_LABELS,
  type ApplicationStatus,
  type CertificateLevel,
  type ConversionRefusal,
  type CourseCategory,
  DEFAULT_OUTCOME_CREDITS,
  type IdType,
  type RuleStatus,
} from '@onex/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import { scopeWhere } from '../../db/scope-filter';
import { containsPattern, paginate } from '../../db/list-query';
import type { Db } from '../../db/types';
import { CREDENTIAL_COLUMNS } from '../certificates/certificates.queries';

// ---- The outcome catalog ----

/**
 * One catalog outcome per certificate type × level (all of them, or of the given types), with the default credits
 * and hours of its level (DEFAULT_OUTCOME_CREDITS) — defaults the national administrator adjusts. Idempotent.
 */
export async function ensureCreditOutcomes(db: Db, at: Date, typeIds?: readonly string[]): Promise<number> {
  const d = DEFAULT_OUTCOME_CREDITS;
  const label = (l: CertificateLevel) => CERTIFICATE_LEVEL_LABELS[l].zh;
  const r = await sql`
    INSERT INTO credit_outcomes (certificate_type_id, level, name, credits, hours, created_at, updated_at)
    SELECT l.certificate_type_id, l.level,
           t.name || '职业技能等级证书（' || CASE l.level WHEN 'junior' THEN ${label('junior')} WHEN 'intermediate' THEN ${label('intermediate')}
                                                         ELSE ${label('senior')} END || '）',
           CASE l.level WHEN 'junior' THEN ${d.junior.credits}::numeric WHEN 'intermediate' THEN ${d.intermediate.credits}::numeric
                        ELSE ${d.senior.credits}::numeric END,
           CASE l.level WHEN 'junior' THEN ${d.junior.hours}::int WHEN 'intermediate' THEN ${d.intermediate.hours}::int
                        ELSE ${d.senior.hours}::int END,
           ${at}, ${at}
    FROM certificate_levels l JOIN certificate_types t ON t.id = l.certificate_type_id
    WHERE ${typeIds ? sql`l.certificate_type_id = ANY(${[...typeIds]}::uuid[])` : sql`true`}
    ON CONFLICT (certificate_type_id, level) DO NOTHING`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

function creditOutcomesBase(db: Db) {
  return db
    .selectFrom('credit_outcomes as co')
    .innerJoin('certificate_types as t', 't.id', 'co.certificate_type_id')
    .innerJoin('evaluation_orgs as o', 'o.id', 't.org_id')
    .select([
      'co.id',
      'co.level',
      'co.name',
      'co.credits',
      'co.hours',
      'co.updated_at',
      't.id as type_id',
      't.code as type_code',
      't.name as type_name',
      't.status as type_status',
      'o.id as org_id',
      'o.name as org_name',
    ]);
}
export type CreditOutcomeRow = Awaited<ReturnType<ReturnType<typeof creditOutcomesBase>['executeTakeFirstOrThrow']>>;

export async function listCreditOutcomes(
  db: Db,
  f: { q?: string | undefined; level?: CertificateLevel | undefined },
  page: number,
  pageSize: number,
) {
  let q = creditOutcomesBase(db);
  if (f.q) q = q.where((eb) => eb.or([eb('t.name', 'ilike', containsPattern(f.q!)), eb('t.code', 'ilike', containsPattern(f.q!))]));
  if (f.level) q = q.where('co.level', '=', f.level);
  return paginate(q.orderBy('t.code').orderBy(sql`array_position(array['junior','intermediate','senior'], co.level)`), page, pageSize);
}

export function findCreditOutcome(db: Db, id: string) {
  return creditOutcomesBase(db).where('co.id', '=', id).executeTakeFirst();
}

export function creditOutcomesByIds(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return creditOutcomesBase(db)
    .where('co.id', 'in', [...ids])
    .execute();
}

export async function updateCreditOutcome(db: Db, id: string, v: { credits: number; hours: number }, at: Date, by: string) {
  await db
    .updateTable('credit_outcomes')
    .set({ credits: v.credits, hours: v.hours, updated_at: at, updated_by: by })
    .where('id', '=', id)
    .execute();
}

// ---- Accounts ----

const ACCOUNT_SCOPE_COLUMNS = { provinceCode: 'a.province_code', schoolId: 'a.school_id' } as const;

function accountsBase(db: Db) {
  return db
    .selectFrom('learning_accounts as a')
    .leftJoin('schools as s', 's.id', 'a.school_id')
    .select([
      'a.id',
      'a.id_type',
      'a.id_number_enc',
      'a.id_number_hash',
      'a.id_number_last4',
      'a.holder_name',
      'a.learner_id',
      'a.school_id',
      'a.province_code',
      'a.total_credits',
      'a.outcome_count',
      'a.opened_via',
      'a.created_at',
      's.name as school_name',
    ]);
}
export type AccountRow = Awaited<ReturnType<ReturnType<typeof accountsBase>['executeTakeFirstOrThrow']>>;

export function findAccount(db: Db, id: string) {
  return accountsBase(db).where('a.id', '=', id).executeTakeFirst();
}

/** The account of a learner (one per person: found by the learner's blind index). */
export function accountOfLearner(db: Db, learnerId: string) {
  return accountsBase(db)
    .innerJoin('learners as l', (j) => j.onRef('l.id_type', '=', 'a.id_type').onRef('l.id_number_hash', '=', 'a.id_number_hash'))
    .where('l.id', '=', learnerId)
    .executeTakeFirst();
}

export async function listAccounts(
  db: Db,
  scope: Scope,
  f: { q?: string | undefined; idHash?: string | undefined; schoolId?: string | undefined },
  page: number,
  pageSize: number,
) {
  let q = accountsBase(db).where(scopeWhere(scope, ACCOUNT_SCOPE_COLUMNS) as Expression<SqlBool>);
  if (f.schoolId) q = q.where('a.school_id', '=', f.schoolId);
  if (f.q) q = q.where('a.holder_name', 'ilike', containsPattern(f.q));
  if (f.idHash) q = q.where('a.id_number_hash', '=', f.idHash);
  return paginate(q.orderBy('a.holder_name').orderBy('a.id'), page, pageSize);
}

/** The learner of a user (role learner) with its account when one is open (the account read of api-v1). */
export async function learnerAccountOfUser(db: Db, userId: string) {
  return db
    .selectFrom('learners as l')
    .leftJoin('learning_accounts as a', (j) => j.onRef('a.id_type', '=', 'l.id_type').onRef('a.id_number_hash', '=', 'l.id_number_hash'))
    .select([
      'l.id as learner_id',
      'l.name as learner_name',
      'l.id_number_enc as learner_id_number_enc',
      'l.school_id as learner_school_id',
      'l.school_major_id as learner_major_id',
      'a.id as account_id',
      'a.holder_name',
      'a.id_number_enc',
      'a.total_credits',
    ])
    .where('l.user_id', '=', userId)
    .executeTakeFirst();
}

/** An outcome as api-v1 lists it, built by PostgreSQL (json_build_object). */
export interface ContractOutcomeJson {
  id: string;
  type: string;
  name: string;
  level: string | null;
  credits: number;
  recordedOn: string;
  source: string;
  certificateNumber: string | null;
  verificationCode: string | null;
}

/**
 * api-v1 `GET /me/learning-account` in one round trip: the learner of a user, its account (by the blind index) and the
 * account's outcomes in force — deposits not reversed, oldest first, with their certificates — aggregated as JSON.
 * The outcomes are one index range scan on learning_outcomes_account_idx; the reversal check probes the unique index
 * on reverses_id, the certificate its primary key.
 */
export async function myContractAccount(db: Db, userId: string) {
  const r = await sql<{
    learner_name: string;
    learner_id_number_enc: string;
    account_id: string | null;
    holder_name: string | null;
    id_number_enc: string | null;
    total_credits: string | null;
    outcomes: ContractOutcomeJson[] | null;
  }>`
    SELECT l.name AS learner_name, l.id_number_enc AS learner_id_number_enc, a.id AS account_id, a.holder_name, a.id_number_enc,
           a.total_credits,
           (SELECT json_agg(json_build_object('id', o.id, 'type', o.outcome_type, 'name', o.name, 'level', o.level, 'credits', o.credits,
                                              'recordedOn', o.recorded_on, 'source', o.source, 'certificateNumber', c.number,
                                              'verificationCode', c.verification_code) ORDER BY o.recorded_on, o.id)
            FROM learning_outcomes o
            LEFT JOIN certificates c ON c.id = o.certificate_id
            WHERE o.account_id = a.id AND o.entry_kind = 'deposit'
              AND NOT EXISTS (SELECT 1 FROM learning_outcomes x WHERE x.reverses_id = o.id)) AS outcomes
    FROM learners l
    LEFT JOIN learning_accounts a ON a.id_type = l.id_type AND a.id_number_hash = l.id_number_hash
    WHERE l.user_id = ${userId}`.execute(db);
  return r.rows[0];
}

/**
 * Every ledger entry of an account (deposits and reversals) with certificate, reversal and use facts; or only the
 * reversal of one entry (`reversalOf`).
 */
export async function entriesOfAccount(db: Db, accountId: string, reversalOf?: string) {
  const r = await sql<{
    id: string;
    entry_kind: 'deposit' | 'reversal';
    outcome_type: string;
    name: string;
    level: string | null;
    credits: string;
    hours: string | null;
    recorded_on: string;
    source: string;
    source_kind: string;
    school_id: string | null;
    school_name: string | null;
    province_code: string | null;
    certificate_id: string | null;
    number: string | null;
    verification_code: string | null;
    issued_on: string | null;
    revoked_on: string | null;
    credit_outcome_id: string | null;
    reverses_id: string | null;
    reversed_by_id: string | null;
    used_application_id: string | null;
    used_on: Date | null;
    from_conversion: boolean;
    evidence_file_id: string | null;
    note: string | null;
    created_at: Date;
  }>`
    SELECT o.id, o.entry_kind, o.outcome_type, o.name, o.level, o.credits, o.hours, o.recorded_on, o.source, o.source_kind,
           o.school_id, s.name AS school_name, o.province_code, o.certificate_id, c.number, c.verification_code, c.issued_on,
           c.revoked_on, o.credit_outcome_id, o.reverses_id, r.id AS reversed_by_id, u.application_id AS used_application_id,
           u.used_at AS used_on, (e.id IS NOT NULL) AS from_conversion, o.evidence_file_id, o.note, o.created_at
    FROM learning_outcomes o
    LEFT JOIN certificates c ON c.id = o.certificate_id
    LEFT JOIN schools s ON s.id = o.school_id
    LEFT JOIN learning_outcomes r ON r.reverses_id = o.id
    LEFT JOIN conversion_outcome_uses u ON u.learning_outcome_id = o.id
    LEFT JOIN course_exemptions e ON e.learning_outcome_id = o.id
    WHERE o.account_id = ${accountId} ${reversalOf ? sql`AND o.reverses_id = ${reversalOf}` : sql``}
    ORDER BY o.recorded_on, o.created_at, o.id`.execute(db);
  return r.rows;
}
export type EntryRow = Awaited<ReturnType<typeof entriesOfAccount>>[number];

export function findEntry(db: Db, id: string) {
  return db
    .selectFrom('learning_outcomes as o')
    .innerJoin('learning_accounts as a', 'a.id', 'o.account_id')
    .leftJoin('learning_outcomes as r', 'r.reverses_id', 'o.id')
    .leftJoin('conversion_outcome_uses as u', 'u.learning_outcome_id', 'o.id')
    .leftJoin('course_exemptions as e', 'e.learning_outcome_id', 'o.id')
    .select([
      'o.id',
      'o.account_id',
      'o.entry_kind',
      'o.source_kind',
      'o.school_id',
      'o.credits',
      'o.name',
      'o.idempotency_key',
      'a.school_id as account_school_id',
      'a.province_code as account_province_code',
      'r.id as reversed_by_id',
      'u.application_id as used_application_id',
      'e.id as exemption_id',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export function exemptionsOfAccount(db: Db, accountId: string) {
  return db
    .selectFrom('course_exemptions as e')
    .innerJoin('school_courses as c', 'c.id', 'e.course_id')
    .innerJoin('schools as s', 's.id', 'e.school_id')
    .innerJoin('recognition_rules as r', 'r.id', 'e.rule_id')
    .select([
      'e.id',
      'e.school_id',
      's.name as school_name',
      'e.course_id',
      'c.code as course_code',
      'c.name as course_name',
      'c.category as course_category',
      'e.credits',
      'e.grade',
      'e.rule_id',
      'r.code as rule_code',
      'r.name as rule_name',
      'e.application_id',
      'e.outcome_ids',
      'e.granted_on',
    ])
    .where('e.account_id', '=', accountId)
    .orderBy('e.granted_on')
    .orderBy('c.code')
    .execute();
}

export async function entryNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('learning_outcomes')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The signed credentials of the account's certificates (for the JSON export, R7.5). */
export function credentialsOfAccount(db: Db, accountId: string) {
  return db
    .selectFrom('learning_outcomes as o')
    .innerJoin('certificates as c', 'c.id', 'o.certificate_id')
    .innerJoin('credential_batches as b', 'b.id', 'c.batch_id')
    .select([...CREDENTIAL_COLUMNS, 'c.id', 'c.number', 'c.revoked_on'])
    .where('o.account_id', '=', accountId)
    .where('o.entry_kind', '=', 'deposit')
    .orderBy('c.issued_on')
    .execute();
}

/** Whether a file is the evidence of an outcome in the account of a learner user. */
export async function evidenceOfUser(db: Db, fileId: string, userId: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM learning_outcomes o
      JOIN learning_accounts a ON a.id = o.account_id
      JOIN learners l ON l.id_type = a.id_type AND l.id_number_hash = a.id_number_hash
      WHERE o.evidence_file_id = ${fileId} AND l.user_id = ${userId}) AS ok`.execute(db);
  return r.rows[0]!.ok;
}

/** Opens accounts for people a school lists (no learner needed); existing ones are kept. Returns how many were opened. */
export async function insertAccounts(
  db: Db,
  rows: readonly { idType: IdType; enc: string; hash: string; last4: string; name: string }[],
  school: { id: string; provinceCode: string },
  at: Date,
  by: string,
): Promise<number> {
  let opened = 0;
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    const r = await sql<{ n: string }>`
      WITH ins AS (
        INSERT INTO learning_accounts (id_type, id_number_enc, id_number_hash, id_number_last4, holder_name, school_id,
                                       province_code, opened_via, created_at, created_by)
        SELECT u.id_type, u.enc, u.hash, u.last4, u.name, ${school.id}, ${school.provinceCode}, 'school_import', ${at}, ${by}
        FROM unnest(${part.map((p) => p.idType)}::text[], ${part.map((p) => p.enc)}::text[], ${part.map((p) => p.hash)}::text[],
                    ${part.map((p) => p.last4)}::text[], ${part.map((p) => p.name)}::text[]) AS u (id_type, enc, hash, last4, name)
        ON CONFLICT (id_type, id_number_hash) DO NOTHING
        RETURNING id
      )
      SELECT count(*)::text AS n FROM ins`.execute(db);
    opened += Number(r.rows[0]?.n ?? 0);
    // Link an account to the person's learner record when it has one.
    await sql`
      UPDATE learning_accounts a SET learner_id = l.id
      FROM learners l
      WHERE a.id_number_hash = ANY(${part.map((p) => p.hash)}::text[]) AND l.id_type = a.id_type AND l.id_number_hash = a.id_number_hash
        AND a.learner_id IS NULL AND NOT EXISTS (SELECT 1 FROM learning_accounts x WHERE x.learner_id = l.id)`.execute(db);
  }
  return opened;
}

/** Accounts by blind index (for imports): `idType:hash` → the account's id and holder name. */
export async function accountsByHash(
  db: Db,
  pairs: readonly { idType: IdType; hash: string }[],
): Promise<Map<string, { id: string; holderName: string }>> {
  const map = new Map<string, { id: string; holderName: string }>();
  for (let i = 0; i < pairs.length; i += 5000) {
    const part = pairs.slice(i, i + 5000);
    const r = await sql<{ id: string; id_type: string; id_number_hash: string; holder_name: string }>`
      SELECT a.id, a.id_type, a.id_number_hash, a.holder_name FROM learning_accounts a
      JOIN unnest(${part.map((p) => p.idType)}::text[], ${part.map((p) => p.hash)}::text[]) AS u (id_type, hash)
        ON a.id_type = u.id_type AND a.id_number_hash = u.hash`.execute(db);
    for (const row of r.rows) map.set(`${row.id_type}:${row.id_number_hash}`, { id: row.id, holderName: row.holder_name });
  }
  return map;
}

/** A school's learners that have no account yet (all of them, or the given ones). */
export async function learnersWithoutAccount(db: Db, schoolId: string, learnerIds?: readonly string[]) {
  let q = db
    .selectFrom('learners as l')
    .select('l.id')
    .where('l.school_id', '=', schoolId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('learning_accounts as a')
            .select('a.id')
            .whereRef('a.id_type', '=', 'l.id_type')
            .whereRef('a.id_number_hash', '=', 'l.id_number_hash'),
        ),
      ),
    );
  if (learnerIds) q = q.where('l.id', 'in', learnerIds.length ? [...learnerIds] : ['00000000-0000-0000-0000-000000000000']);
  return (await q.execute()).map((r) => r.id);
}

export async function countSchoolLearners(db: Db, schoolId: string, learnerIds?: readonly string[]) {
  let q = db
    .selectFrom('learners')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('school_id', '=', schoolId);
  if (learnerIds) q = q.where('id', 'in', learnerIds.length ? [...learnerIds] : ['00000000-0000-0000-0000-000000000000']);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/**
 * How many reversed deposits share a key prefix (a corrected deposit is deposited again under `<key>#<n>`). A school's
 * key names its account, so the search is the account's entries (learning_outcomes_account_idx), and the prefix is
 * compared literally (a name with `%` or `_` is no pattern).
 */
export async function reversedCountOfKeys(db: Db, bases: readonly { base: string; accountId: string }[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  if (!bases.length) return map;
  const r = await sql<{ base: string; n: string }>`
    SELECT u.base, count(r.id)::text AS n
    FROM unnest(${bases.map((b) => b.base)}::text[], ${bases.map((b) => b.accountId)}::uuid[]) AS u (base, account_id)
    JOIN learning_outcomes o ON o.account_id = u.account_id
      AND (o.idempotency_key = u.base OR starts_with(o.idempotency_key, u.base || '#'))
    JOIN learning_outcomes r ON r.reverses_id = o.id
    GROUP BY u.base`.execute(db);
  for (const row of r.rows) map.set(row.base, Number(row.n));
  return map;
}

export function entryIdByKey(db: Db, key: string) {
  return db.selectFrom('learning_outcomes').select('id').where('idempotency_key', '=', key).executeTakeFirst();
}

/** Entry ids by idempotency key (one probe of the unique index per key, one round trip). */
export async function entryIdsByKeys(db: Db, keys: readonly string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const rows = await db
    .selectFrom('learning_outcomes')
    .select(['id', 'idempotency_key'])
    .where('idempotency_key', 'in', [...keys])
    .execute();
  return new Map(rows.map((r) => [r.idempotency_key, r.id]));
}

// ---- Schools, majors, courses, settings ----

export function findSchool(db: Db, id: string) {
  return db.selectFrom('schools').select(['id', 'name', 'province_code', 'city_code']).where('id', '=', id).executeTakeFirst();
}

export function findSchoolMajor(db: Db, id: string) {
  return db.selectFrom('school_majors').select(['id', 'name', 'school_id', 'major_code']).where('id', '=', id).executeTakeFirst();
}

export function majorsOfSchool(db: Db, schoolId: string) {
  return db
    .selectFrom('school_majors')
    .select(['id', 'name', 'major_code'])
    .where('school_id', '=', schoolId)
    .orderBy('major_code')
    .execute();
}

function coursesBase(db: Db) {
  return db
    .selectFrom('school_courses as c')
    .leftJoin('school_majors as m', 'm.id', 'c.school_major_id')
    .select([
      'c.id',
      'c.school_id',
      'c.province_code',
      'c.school_major_id',
      'm.name as major_name',
      'c.code',
      'c.name',
      'c.category',
      'c.credits',
      'c.hours',
      'c.exemptible',
    ]);
}
export type CourseRow = Awaited<ReturnType<ReturnType<typeof coursesBase>['executeTakeFirstOrThrow']>>;

/** A school's courses: of one major (its own and the school-wide ones), or all. */
export function listCourses(db: Db, schoolId: string, majorId?: string) {
  let q = coursesBase(db).where('c.school_id', '=', schoolId);
  if (majorId) q = q.where((eb) => eb.or([eb('c.school_major_id', '=', majorId), eb('c.school_major_id', 'is', null)]));
  return q.orderBy('c.code').execute();
}

export function findCourse(db: Db, id: string) {
  return coursesBase(db).where('c.id', '=', id).executeTakeFirst();
}

export function coursesByIds(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return coursesBase(db)
    .where('c.id', 'in', [...ids])
    .execute();
}

export function findCourseByCode(db: Db, schoolId: string, code: string) {
  return coursesBase(db).where('c.school_id', '=', schoolId).where('c.code', '=', code).executeTakeFirst();
}

export interface CourseValues {
  schoolMajorId: string | null;
  code: string;
  name: string;
  category: CourseCategory;
  credits: number;
  hours: number;
  exemptible: boolean;
}

function courseColumns(v: CourseValues) {
  return {
    school_major_id: v.schoolMajorId,
    code: v.code,
    name: v.name,
    category: v.category,
    credits: v.credits,
    hours: v.hours,
    exemptible: v.exemptible,
  };
}

export async function insertCourse(db: Db, school: { id: string; provinceCode: string }, v: CourseValues, at: Date, by: string | null) {
  const r = await db
    .insertInto('school_courses')
    .values({ school_id: school.id, province_code: school.provinceCode, ...courseColumns(v), created_at: at, created_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCourse(db: Db, id: string, v: CourseValues, at: Date) {
  await db
    .updateTable('school_courses')
    .set({ ...courseColumns(v), updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function courseInUse(db: Db, id: string): Promise<boolean> {
  const r = await sql<{ used: boolean }>`
    SELECT EXISTS (SELECT 1 FROM recognition_rule_courses WHERE course_id = ${id})
        OR EXISTS (SELECT 1 FROM course_exemptions WHERE course_id = ${id})
        OR EXISTS (SELECT 1 FROM conversion_items WHERE course_id = ${id}) AS used`.execute(db);
  return r.rows[0]!.used;
}

export async function deleteCourse(db: Db, id: string) {
  await db.deleteFrom('school_courses').where('id', '=', id).execute();
}

/** Credits of a programme by category: the major's courses and the school-wide ones. */
export async function programmeCredits(db: Db, schoolId: string, majorId: string) {
  return db
    .selectFrom('school_courses')
    .select(['category', (eb) => eb.fn.sum<string>('credits').as('credits')])
    .where('school_id', '=', schoolId)
    .where((eb) => eb.or([eb('school_major_id', '=', majorId), eb('school_major_id', 'is', null)]))
    .groupBy('category')
    .execute();
}

/** Credits of every programme of a school by category. */
export async function programmeCreditsOfSchool(db: Db, schoolId: string) {
  const r = await sql<{ major_id: string; major_name: string; category: CourseCategory; credits: string }>`
    SELECT m.id AS major_id, m.name AS major_name, c.category, sum(c.credits)::text AS credits
    FROM school_majors m
    JOIN school_courses c ON c.school_id = m.school_id AND (c.school_major_id = m.id OR c.school_major_id IS NULL)
    WHERE m.school_id = ${schoolId}
    GROUP BY m.id, m.name, m.major_code, c.category
    ORDER BY m.major_code`.execute(db);
  return r.rows;
}

export function findSettings(db: Db, schoolId: string) {
  return db.selectFrom('credit_bank_settings').selectAll().where('school_id', '=', schoolId).executeTakeFirst();
}

export async function upsertSettings(
  db: Db,
  school: { id: string; provinceCode: string },
  v: { professionalCapPercent: number; publicCapPercent: number; excludedCategories: CourseCategory[]; basis: string | null },
  at: Date,
  by: string,
) {
  const values = {
    professional_cap_percent: v.professionalCapPercent,
    public_cap_percent: v.publicCapPercent,
    excluded_categories: v.excludedCategories,
    basis: v.basis,
    updated_at: at,
    updated_by: by,
  };
  await db
    .insertInto('credit_bank_settings')
    .values({ school_id: school.id, province_code: school.provinceCode, ...values })
    .onConflict((c) => c.column('school_id').doUpdateSet(values))
    .execute();
}

// ---- Recognition rules ----

const RULE_SCOPE_COLUMNS = { provinceCode: 'r.province_code', schoolId: 'r.school_id' } as const;

function rulesBase(db: Db) {
  return db
    .selectFrom('recognition_rules as r')
    .innerJoin('schools as s', 's.id', 'r.school_id')
    .innerJoin('school_majors as m', 'm.id', 'r.school_major_id')
    .selectAll('r')
    .select(['s.name as school_name', 'm.name as major_name']);
}
export type RuleRow = Awaited<ReturnType<ReturnType<typeof rulesBase>['executeTakeFirstOrThrow']>>;

export async function listRules(
  db: Db,
  scope: Scope,
  f: { schoolId?: string | undefined; schoolMajorId?: string | undefined; status?: RuleStatus | undefined },
  page: number,
  pageSize: number,
) {
  let q = rulesBase(db).where(scopeWhere(scope, RULE_SCOPE_COLUMNS) as Expression<SqlBool>);
  if (f.schoolId) q = q.where('r.school_id', '=', f.schoolId);
  if (f.schoolMajorId) q = q.where('r.school_major_id', '=', f.schoolMajorId);
  if (f.status) q = q.where('r.status', '=', f.status);
  return paginate(q.orderBy('r.code'), page, pageSize);
}

export function findRule(db: Db, id: string) {
  return rulesBase(db).where('r.id', '=', id).executeTakeFirst();
}

export function lockRule(db: Db, id: string) {
  return db.selectFrom('recognition_rules').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The outcomes and courses of rules. */
export async function partsOfRules(db: Db, ruleIds: readonly string[]) {
  if (!ruleIds.length) return { outcomes: [], courses: [] };
  const [outcomes, courses] = await Promise.all([
    db
      .selectFrom('recognition_rule_outcomes as ro')
      .innerJoin('credit_outcomes as co', 'co.id', 'ro.credit_outcome_id')
      .select(['ro.rule_id', 'co.id', 'co.name', 'co.level', 'co.certificate_type_id'])
      .where('ro.rule_id', 'in', [...ruleIds])
      .orderBy('co.name')
      .execute(),
    db
      .selectFrom('recognition_rule_courses as rc')
      .innerJoin('school_courses as c', 'c.id', 'rc.course_id')
      .select([
        'rc.rule_id',
        'c.id',
        'c.code',
        'c.name',
        'c.category',
        'c.credits as course_credits',
        'c.exemptible',
        'rc.credits',
        'rc.grade',
      ])
      .where('rc.rule_id', 'in', [...ruleIds])
      .orderBy('rc.sort_order')
      .orderBy('c.code')
      .execute(),
  ]);
  return { outcomes, courses };
}

export async function ruleCodeTaken(db: Db, schoolId: string, code: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('recognition_rules').select('id').where('school_id', '=', schoolId).where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export interface RuleValues {
  schoolMajorId: string;
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  maxOutcomeAgeYears: number | null;
  basis: string | null;
  note: string | null;
  outcomeIds: readonly string[];
  courses: readonly { courseId: string; credits: number; grade: string }[];
}

async function writeRuleParts(db: Db, ruleId: string, v: RuleValues) {
  await db.deleteFrom('recognition_rule_outcomes').where('rule_id', '=', ruleId).execute();
  await db.deleteFrom('recognition_rule_courses').where('rule_id', '=', ruleId).execute();
  await db
    .insertInto('recognition_rule_outcomes')
    .values(v.outcomeIds.map((id) => ({ rule_id: ruleId, credit_outcome_id: id })))
    .execute();
  await db
    .insertInto('recognition_rule_courses')
    .values(v.courses.map((c, i) => ({ rule_id: ruleId, course_id: c.courseId, credits: c.credits, grade: c.grade, sort_order: i })))
    .execute();
}

function ruleColumns(v: RuleValues) {
  return {
    school_major_id: v.schoolMajorId,
    code: v.code,
    name: v.name,
    valid_from: v.validFrom,
    valid_to: v.validTo,
    max_outcome_age_years: v.maxOutcomeAgeYears,
    basis: v.basis,
    note: v.note,
  };
}

export async function insertRule(db: Db, school: { id: string; provinceCode: string }, v: RuleValues, at: Date, by: string) {
  const r = await db
    .insertInto('recognition_rules')
    .values({
      school_id: school.id,
      province_code: school.provinceCode,
      ...ruleColumns(v),
      created_at: at,
      created_by: by,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeRuleParts(db, r.id, v);
  return r.id;
}

export async function updateRule(db: Db, id: string, v: RuleValues, at: Date) {
  await db
    .updateTable('recognition_rules')
    .set({ ...ruleColumns(v), updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
  await writeRuleParts(db, id, v);
}

export async function setRuleStatus(db: Db, id: string, from: RuleStatus, to: RuleStatus, at: Date, by: string): Promise<boolean> {
  const r = await db
    .updateTable('recognition_rules')
    .set({
      status: to,
      updated_at: at,
      ...(to === 'published' ? { published_at: at, published_by: by } : {}),
      ...(to === 'withdrawn' ? { withdrawn_at: at } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertRuleEvent(
  db: Db,
  e: { ruleId: string; action: string; from: string; to: string; comment: string | null; actorId: string; at: Date },
) {
  await db
    .insertInto('recognition_rule_events')
    .values({
      rule_id: e.ruleId,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      comment: e.comment,
      actor_id: e.actorId,
      at: e.at,
    })
    .execute();
}

/** Published rules of a school's major, by code (the order conversions are tried in). */
export function publishedRulesOf(db: Db, schoolId: string, majorId: string) {
  return rulesBase(db)
    .where('r.school_id', '=', schoolId)
    .where('r.school_major_id', '=', majorId)
    .where('r.status', '=', 'published')
    .orderBy('r.code')
    .execute();
}

// ---- Conversion facts ----

/** The account's outcomes that carry a catalog outcome and are not reversed, with certificate and use facts. */
export async function convertibleOutcomes(db: Db, accountId: string) {
  const r = await sql<{
    id: string;
    credit_outcome_id: string;
    name: string;
    recorded_on: string;
    issued_on: string | null;
    revoked_on: string | null;
    used_application_id: string | null;
    used_at: Date | null;
  }>`
    SELECT o.id, o.credit_outcome_id, o.name, o.recorded_on, c.issued_on, c.revoked_on,
           u.application_id AS used_application_id, u.used_at
    FROM learning_outcomes o
    LEFT JOIN certificates c ON c.id = o.certificate_id
    LEFT JOIN conversion_outcome_uses u ON u.learning_outcome_id = o.id
    WHERE o.account_id = ${accountId} AND o.entry_kind = 'deposit' AND o.credit_outcome_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM learning_outcomes r WHERE r.reverses_id = o.id)
    ORDER BY o.recorded_on, o.id`.execute(db);
  return r.rows;
}

/** What the account already has exempted at a school: courses (with how) and credits by category. */
export async function exemptionsAtSchool(db: Db, accountId: string, schoolId: string) {
  return db
    .selectFrom('course_exemptions as e')
    .innerJoin('school_courses as c', 'c.id', 'e.course_id')
    .select(['e.course_id', 'e.credits', 'e.granted_on', 'c.category'])
    .where('e.account_id', '=', accountId)
    .where('e.school_id', '=', schoolId)
    .execute();
}

// ---- Applications ----

const APPLICATION_SCOPE_COLUMNS = { provinceCode: 'ca.province_code', schoolId: 'ca.school_id', userId: 'l.user_id' } as const;

function applicationsBase(db: Db) {
  return db
    .selectFrom('conversion_applications as ca')
    .innerJoin('learners as l', 'l.id', 'ca.learner_id')
    .innerJoin('schools as s', 's.id', 'ca.school_id')
    .innerJoin('school_majors as m', 'm.id', 'ca.school_major_id')
    .selectAll('ca')
    .select(['l.name as learner_name', 'l.user_id as learner_user_id', 'l.id_number_enc', 's.name as school_name', 'm.name as major_name']);
}
export type ApplicationRow = Awaited<ReturnType<ReturnType<typeof applicationsBase>['executeTakeFirstOrThrow']>>;

export async function listApplications(
  db: Db,
  scope: Scope,
  f: { status?: ApplicationStatus | undefined; schoolId?: string | undefined; accountId?: string | undefined },
  page: number,
  pageSize: number,
) {
  let q = applicationsBase(db).where(scopeWhere(scope, APPLICATION_SCOPE_COLUMNS) as Expression<SqlBool>);
  if (f.status) q = q.where('ca.status', '=', f.status);
  if (f.schoolId) q = q.where('ca.school_id', '=', f.schoolId);
  if (f.accountId) q = q.where('ca.account_id', '=', f.accountId);
  return paginate(q.orderBy('ca.created_at', 'desc').orderBy('ca.id'), page, pageSize);
}

export function findApplication(db: Db, id: string) {
  return applicationsBase(db).where('ca.id', '=', id).executeTakeFirst();
}

export function lockApplication(db: Db, id: string) {
  return db.selectFrom('conversion_applications').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function pendingApplication(db: Db, accountId: string, schoolId: string) {
  return db
    .selectFrom('conversion_applications')
    .select('id')
    .where('account_id', '=', accountId)
    .where('school_id', '=', schoolId)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
}

export async function insertApplication(
  db: Db,
  a: {
    accountId: string;
    learnerId: string;
    schoolId: string;
    provinceCode: string;
    schoolMajorId: string;
    appliedOn: string;
    appliedVia: 'learner' | 'school';
    note: string | null;
    at: Date;
    by: string | null;
  },
) {
  const r = await db
    .insertInto('conversion_applications')
    .values({
      account_id: a.accountId,
      learner_id: a.learnerId,
      school_id: a.schoolId,
      province_code: a.provinceCode,
      school_major_id: a.schoolMajorId,
      applied_on: a.appliedOn,
      applied_via: a.appliedVia,
      note: a.note,
      created_at: a.at,
      created_by: a.by,
      updated_at: a.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export interface ItemValues {
  ruleId: string;
  courseId: string;
  outcomeIds: string[];
  credits: number;
  grade: string;
  verdict: 'allowed' | 'refused';
  reason: ConversionRefusal | null;
  explanation: string;
}

export async function insertItems(db: Db, applicationId: string, items: readonly ItemValues[]) {
  if (!items.length) return;
  await db
    .insertInto('conversion_items')
    .values(
      items.map((it, i) => ({
        application_id: applicationId,
        seq: i + 1,
        rule_id: it.ruleId,
        course_id: it.courseId,
        outcome_ids: it.outcomeIds,
        credits: it.credits,
        grade: it.grade,
        verdict: it.verdict,
        reason_code: it.reason,
        explanation: it.explanation,
      })),
    )
    .execute();
}

export function itemsOfApplications(db: Db, applicationIds: readonly string[]) {
  if (!applicationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('conversion_items as i')
    .innerJoin('recognition_rules as r', 'r.id', 'i.rule_id')
    .innerJoin('school_courses as c', 'c.id', 'i.course_id')
    .select([
      'i.id',
      'i.application_id',
      'i.seq',
      'i.rule_id',
      'r.code as rule_code',
      'r.name as rule_name',
      'i.course_id',
      'c.code as course_code',
      'c.name as course_name',
      'c.category as course_category',
      'i.outcome_ids',
      'i.credits',
      'i.grade',
      'i.verdict',
      'i.reason_code',
      'i.explanation',
      'i.status',
    ])
    .where('i.application_id', 'in', [...applicationIds])
    .orderBy('i.application_id')
    .orderBy('i.seq')
    .execute();
}

export async function ruleShapes(db: Db, ruleIds: readonly string[]): Promise<Map<string, { outcomes: number; courses: number }>> {
  const map = new Map<string, { outcomes: number; courses: number }>();
  if (!ruleIds.length) return map;
  const r = await sql<{ id: string; outcomes: string; courses: string }>`
    SELECT r.id,
           (SELECT count(*) FROM recognition_rule_outcomes o WHERE o.rule_id = r.id)::text AS outcomes,
           (SELECT count(*) FROM recognition_rule_courses c WHERE c.rule_id = r.id)::text AS courses
    FROM recognition_rules r WHERE r.id = ANY(${[...ruleIds]}::uuid[])`.execute(db);
  for (const row of r.rows) map.set(row.id, { outcomes: Number(row.outcomes), courses: Number(row.courses) });
  return map;
}

export function eventsOfApplication(db: Db, applicationId: string) {
  return db
    .selectFrom('conversion_application_events')
    .select(['action', 'from_status', 'to_status', 'comment', 'at'])
    .where('application_id', '=', applicationId)
    .orderBy('at')
    .execute();
}

export async function setApplicationStatus(
  db: Db,
  id: string,
  from: ApplicationStatus,
  to: ApplicationStatus,
  v: { at: Date; by: string | null; reason: string | null; decided: boolean },
): Promise<boolean> {
  const r = await db
    .updateTable('conversion_applications')
    .set({
      status: to,
      updated_at: v.at,
      ...(v.decided ? { decided_at: v.at, decided_by: v.by, decision_reason: v.reason } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertApplicationEvent(
  db: Db,
  e: {
    applicationId: string;
    provinceCode: string;
    action: string;
    from: string;
    to: string;
    comment: string | null;
    actorId: string | null;
    at: Date;
  },
) {
  await db
    .insertInto('conversion_application_events')
    .values({
      application_id: e.applicationId,
      province_code: e.provinceCode,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      comment: e.comment,
      actor_id: e.actorId,
      at: e.at,
    })
    .execute();
}

export async function setItemsStatus(db: Db, applicationId: string, status: 'approved' | 'refused', itemIds?: readonly string[]) {
  let q = db.updateTable('conversion_items').set({ status }).where('application_id', '=', applicationId);
  if (itemIds) q = q.where('id', 'in', itemIds.length ? [...itemIds] : ['00000000-0000-0000-0000-000000000000']);
  await q.execute();
}

/** Items allowed at submission that a re-evaluation at approval refuses (with the reason found then). */
export async function refuseItemsNow(db: Db, items: readonly { id: string; reason: ConversionRefusal; explanation: string }[]) {
  for (const i of items)
    await db
      .updateTable('conversion_items')
      .set({ verdict: 'refused', reason_code: i.reason, explanation: `审核时：${i.explanation}`, status: 'refused' })
      .where('id', '=', i.id)
      .execute();
}

/** Marks outcomes used; returns how many rows were written (a unique violation means one was used meanwhile). */
export async function insertOutcomeUses(
  db: Db,
  uses: readonly { outcomeId: string; accountId: string; applicationId: string; ruleId: string; schoolId: string; provinceCode: string }[],
  at: Date,
) {
  if (!uses.length) return;
  await db
    .insertInto('conversion_outcome_uses')
    .values(
      uses.map((u) => ({
        learning_outcome_id: u.outcomeId,
        account_id: u.accountId,
        application_id: u.applicationId,
        rule_id: u.ruleId,
        school_id: u.schoolId,
        province_code: u.provinceCode,
        used_at: at,
      })),
    )
    .execute();
}

export async function insertExemptions(
  db: Db,
  rows: readonly {
    accountId: string;
    learnerId: string;
    schoolId: string;
    provinceCode: string;
    schoolMajorId: string;
    courseId: string;
    credits: number;
    grade: string;
    ruleId: string;
    applicationId: string;
    itemId: string;
    outcomeIds: string[];
    learningOutcomeId: string;
    grantedOn: string;
  }[],
  at: Date,
  by: string | null,
) {
  if (!rows.length) return;
  await db
    .insertInto('course_exemptions')
    .values(
      rows.map((r) => ({
        account_id: r.accountId,
        learner_id: r.learnerId,
        school_id: r.schoolId,
        province_code: r.provinceCode,
        school_major_id: r.schoolMajorId,
        course_id: r.courseId,
        credits: r.credits,
        grade: r.grade,
        rule_id: r.ruleId,
        application_id: r.applicationId,
        item_id: r.itemId,
        outcome_ids: r.outcomeIds,
        learning_outcome_id: r.learningOutcomeId,
        granted_on: r.grantedOn,
        created_at: at,
        created_by: by,
      })),
    )
    .execute();
}

export function findLearner(db: Db, id: string) {
  return db
    .selectFrom('learners')
    .select(['id', 'name', 'user_id', 'school_id', 'school_major_id', 'province_code', 'id_number_enc'])
    .where('id', '=', id)
    .executeTakeFirst();
}

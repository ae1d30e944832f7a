import type { CertificateLevel } from '@onex/shared';
import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import type pg from 'pg';
import type { CertificatesTable } from '../../db/schema';
import type { ScopeColumns } from '../../db/scope-filter';
import type { Db } from '../../db/types';
import { STATUS_LIST_SIZE } from '../../lib/vc/status-list';
import { fillCredential } from './certificates.credential';

/** Certificates (R6): SQL only. */

/** The columns that carry a certificate's scope facts (`scopeWhere`). */
export const CERTIFICATE_SCOPE_COLUMNS: ScopeColumns = {
  provinceCode: 'c.province_code',
  cityCode: 'c.city_code',
  schoolId: 'c.school_id',
  orgId: 'c.org_id',
};
/** A learner's own certificates: those of the learner records of the user. */
export const heldBy = (userId: string): Expression<SqlBool> =>
  sql<SqlBool>`c.learner_id IN (SELECT id FROM learners WHERE user_id = ${userId})`;

/** The session as issuance needs it; locked when `lock`. */
export async function sessionForIssuance(db: Db, id: string, lock: boolean) {
  let q = db
    .selectFrom('exam_sessions as s')
    .innerJoin('evaluation_orgs as o', 'o.id', 's.org_id')
    .innerJoin('certificate_types as t', 't.id', 's.certificate_type_id')
    .select([
      's.id',
      's.org_id',
      's.status',
      's.level',
      's.certificate_type_id',
      's.scores_published_at',
      's.province_code',
      's.city_code',
      'o.name as org_name',
      // The 公示期 fixed at the session's 成绩公示; sessions published before it was kept follow the organization's.
      sql<number>`coalesce(s.publicity_days, o.publicity_days)`.as('publicity_days'),
      't.name as type_name',
    ])
    .where('s.id', '=', id);
  if (lock) q = q.forUpdate('s');
  return q.executeTakeFirst();
}

/** Passed candidates (current results) of a session without a certificate yet, in a stable order. */
export async function passedWithoutCertificate(db: Db, sessionId: string) {
  const r = await sql<{
    registration_id: string;
    result_id: string;
    learner_id: string;
    name: string;
    id_number_enc: string;
    school_id: string | null;
    province_code: string;
    city_code: string | null;
  }>`
    SELECT r.id AS registration_id, er.id AS result_id, l.id AS learner_id, l.name, l.id_number_enc, r.school_id,
           r.province_code, l.city_code
    FROM exam_results er
    JOIN exam_registrations r ON r.id = er.registration_id
    JOIN learners l ON l.id = r.learner_id
    WHERE er.session_id = ${sessionId} AND er.superseded_at IS NULL AND er.passed
      AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.registration_id = r.id)
    ORDER BY r.id`.execute(db);
  return r.rows;
}

export async function countSessionCertificates(db: Db, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('certificates')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Takes `n` consecutive free entries from the organization's status lists, opening new lists as they fill. */
export async function allocateStatusEntries(db: Db, orgId: string, n: number, at: Date): Promise<{ listId: string; index: number }[]> {
  const out: { listId: string; index: number }[] = [];
  let list = await db
    .selectFrom('status_lists')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  while (out.length < n) {
    if (!list || list.next_index >= list.size) {
      list = await db
        .insertInto('status_lists')
        .values({ org_id: orgId, size: STATUS_LIST_SIZE, created_at: at })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const take = Math.min(n - out.length, list.size - list.next_index);
    for (let i = 0; i < take; i++) out.push({ listId: list.id, index: list.next_index + i });
    const next = list.next_index + take;
    await db.updateTable('status_lists').set({ next_index: next }).where('id', '=', list.id).execute();
    list = { ...list, next_index: next };
  }
  return out;
}

export async function nextSerials(db: Db, n: number): Promise<bigint[]> {
  const r = await sql<{ v: string }>`SELECT nextval('certificate_serial')::text AS v FROM generate_series(1, ${n})`.execute(db);
  return r.rows.map((x) => BigInt(x.v));
}

export function creditOutcome(db: Db, certificateTypeId: string, level: CertificateLevel) {
  return db
    .selectFrom('credit_outcomes')
    .select(['id', 'name', 'credits', 'hours'])
    .where('certificate_type_id', '=', certificateTypeId)
    .where('level', '=', level)
    .executeTakeFirst();
}

export interface NewCertificate {
  id: string;
  number: string;
  verification_code: string;
  registration_id: string;
  result_id: string;
  learner_id: string;
  school_id: string | null;
  province_code: string;
  city_code: string | null;
  holder_name: string;
  holder_id_masked: string;
  status_list_id: string;
  status_index: number;
  holder_id_hash: string;
  holder_salt: string;
  proof_value: string;
}

/** Stores the template of one issuance's credentials (`fillCredential`). */
export async function insertCredentialBatch(
  db: Db,
  b: { org_id: string; session_id: string; issuer_key_id: string; template: string; created_at: Date },
): Promise<string> {
  const r = await db.insertInto('credential_batches').values(b).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Inserts a batch of certificates of one session: the per-certificate values as one array per column. */
export async function insertCertificates(
  db: Db,
  common: {
    session_id: string;
    org_id: string;
    certificate_type_id: string;
    level: CertificateLevel;
    issued_on: string;
    issuer_key_id: string;
    batch_id: string;
    at: Date;
    by: string | null;
  },
  rows: readonly NewCertificate[],
): Promise<void> {
  const col = <K extends keyof NewCertificate>(k: K) => rows.map((r) => r[k]);
  await sql`
    INSERT INTO certificates (id, number, verification_code, registration_id, result_id, learner_id, school_id, province_code,
                              city_code, holder_name, holder_id_masked, status_list_id, status_index, holder_id_hash, holder_salt,
                              proof_value, session_id, org_id, certificate_type_id, level, issued_on, issuer_key_id, batch_id,
                              created_at, created_by)
    SELECT u.*, ${common.session_id}::uuid, ${common.org_id}::uuid, ${common.certificate_type_id}::uuid, ${common.level},
           ${common.issued_on}::date, ${common.issuer_key_id}::uuid, ${common.batch_id}::uuid, ${common.at}::timestamptz,
           ${common.by}::uuid
    FROM unnest(${col('id')}::uuid[], ${col('number')}::text[], ${col('verification_code')}::text[],
                ${col('registration_id')}::uuid[], ${col('result_id')}::uuid[], ${col('learner_id')}::uuid[],
                ${col('school_id')}::uuid[], ${col('province_code')}::text[], ${col('city_code')}::text[],
                ${col('holder_name')}::text[], ${col('holder_id_masked')}::text[], ${col('status_list_id')}::uuid[],
                ${col('status_index')}::int[], ${col('holder_id_hash')}::text[], ${col('holder_salt')}::text[],
                ${col('proof_value')}::text[]) AS u`.execute(db);
}

/** Certificates with the names the views need. */
/** The certificates alone, to be filtered (on `c.` columns) before `certificatesBase` adds the names. */
export const certificatesFrom = (db: Db) => db.selectFrom('certificates as c');

export function certificatesBase(db: Db, from = certificatesFrom(db)) {
  return from
    .innerJoin('certificate_types as t', 't.id', 'c.certificate_type_id')
    .innerJoin('evaluation_orgs as o', 'o.id', 'c.org_id')
    .leftJoin('schools as sc', 'sc.id', 'c.school_id')
    .select([
      'c.id',
      'c.number',
      'c.verification_code',
      'c.registration_id',
      'c.session_id',
      'c.learner_id',
      'c.org_id',
      'c.school_id',
      'c.province_code',
      'c.city_code',
      'c.certificate_type_id',
      'c.level',
      'c.holder_name',
      'c.holder_id_masked',
      'c.issued_on',
      'c.revoked_at',
      'c.revoked_on',
      'c.revocation_reason',
      'c.status_list_id',
      'c.status_index',
      't.name as type_name',
      'o.name as org_name',
      'sc.name as school_name',
    ]);
}
export type CertificateRow = NonNullable<Awaited<ReturnType<ReturnType<typeof certificatesBase>['executeTakeFirst']>>>;

/** What the public views read of a certificate (names come from `namesOf`). */
const PUBLIC_COLUMNS = [
  'c.number',
  'c.verification_code',
  'c.holder_name',
  'c.holder_id_masked',
  'c.level',
  'c.issued_on',
  'c.revoked_on',
  'c.revocation_reason',
  'c.certificate_type_id',
  'c.org_id',
] as const;

export type VerificationRow = Pick<
  Selectable<CertificatesTable>,
  | 'number'
  | 'verification_code'
  | 'holder_name'
  | 'holder_id_masked'
  | 'level'
  | 'issued_on'
  | 'revoked_on'
  | 'revocation_reason'
  | 'certificate_type_id'
  | 'org_id'
>;

const VERIFY_BY_NUMBER = {
  name: 'certificate_verify_by_number',
  text: `SELECT ${PUBLIC_COLUMNS.map((c) => c.slice(2)).join(', ')} FROM certificates WHERE number = $1`,
};

/**
 * The public verification lookup: one index probe by number, no join — the platform's hottest read, so it runs as a
 * named prepared statement on the pool (parsed and planned once per connection; through the query builder it served
 * about half the requests per second, bench/verify.bench.ts).
 */
export async function findForVerification(pool: pg.Pool, number: string, named = true): Promise<VerificationRow | undefined> {
  // Unnamed (DATABASE_PREPARED_STATEMENTS=false): behind PgBouncer < 1.21 in transaction mode a named statement
  // prepared on one server connection is missing on the next (issue 19 item 4; cost in docs/SCALE.md).
  const r = await pool.query<VerificationRow>(
    named ? { ...VERIFY_BY_NUMBER, values: [number] } : { text: VERIFY_BY_NUMBER.text, values: [number] },
  );
  return r.rows[0];
}

const NAME_TTL_MS = 60_000;
const nameCache = new Map<string, { name: string; at: number }>();

/**
 * Names of a certificate type and an organization for public views, cached in memory for a minute: the hot public
 * lookup then costs one index probe (a renamed type shows its new name within a minute).
 */
export async function namesOf(db: Db, typeId: string, orgId: string): Promise<{ typeName: string; orgName: string }> {
  const now = Date.now();
  const get = async (table: 'certificate_types' | 'evaluation_orgs', id: string) => {
    const hit = nameCache.get(id);
    if (hit && now - hit.at < NAME_TTL_MS) return hit.name;
    const row = await db.selectFrom(table).select('name').where('id', '=', id).executeTakeFirst();
    const name = row?.name ?? '';
    if (nameCache.size > 10_000) nameCache.clear();
    nameCache.set(id, { name, at: now });
    return name;
  };
  const [typeName, orgName] = await Promise.all([get('certificate_types', typeId), get('evaluation_orgs', orgId)]);
  return { typeName, orgName };
}

/** What a certificate's credential is filled from, with its batch joined as `b` (`credentialText`). */
export const CREDENTIAL_COLUMNS = [
  'b.template',
  'c.verification_code',
  'c.holder_name',
  'c.holder_id_hash',
  'c.holder_salt',
  'c.status_list_id',
  'c.status_index',
  'c.proof_value',
] as const;

/** The signed credential (JSON text exactly as signed) of a row with `CREDENTIAL_COLUMNS`. */
export function credentialText(r: {
  template: string;
  verification_code: string;
  holder_name: string;
  holder_id_hash: string | null;
  holder_salt: string | null;
  status_list_id: string;
  status_index: number;
  proof_value: string | null;
}): string {
  return fillCredential(r.template, {
    verificationCode: r.verification_code,
    holderName: r.holder_name,
    holderIdHash: r.holder_id_hash,
    salt: r.holder_salt,
    statusListId: r.status_list_id,
    statusIndex: r.status_index,
    proofValue: r.proof_value,
  });
}

export function findByCode(db: Db, code: string) {
  return db
    .selectFrom('certificates as c')
    .innerJoin('credential_batches as b', 'b.id', 'c.batch_id')
    .select([...PUBLIC_COLUMNS, ...CREDENTIAL_COLUMNS, 'c.id'])
    .where('c.verification_code', '=', code)
    .executeTakeFirst();
}

/** The signed credential of a certificate. */
export async function credentialOf(db: Db, certificateId: string): Promise<string> {
  const r = await db
    .selectFrom('certificates as c')
    .innerJoin('credential_batches as b', 'b.id', 'c.batch_id')
    .select(CREDENTIAL_COLUMNS)
    .where('c.id', '=', certificateId)
    .executeTakeFirstOrThrow();
  return credentialText(r);
}

export async function revokedIndexes(db: Db, listId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('certificates')
    .select('status_index')
    .where('status_list_id', '=', listId)
    .where('revoked_at', 'is not', null)
    .execute();
  return rows.map((r) => r.status_index);
}

/**
 * Whether entry `index` of a status list is set (its certificate revoked) — the bit `statusListCredential` publishes,
 * read without building the list; null for an unknown list or an index outside it.
 */
export async function statusEntryRevoked(db: Db, listId: string, index: number): Promise<boolean | null> {
  const r = await db
    .selectFrom('status_lists as l')
    .select((e) => [
      'l.size',
      e
        .exists(
          e
            .selectFrom('certificates as c')
            .select('c.id')
            .whereRef('c.status_list_id', '=', 'l.id')
            .where('c.status_index', '=', index)
            .where('c.revoked_at', 'is not', null),
        )
        .as('revoked'),
    ])
    .where('l.id', '=', listId)
    .executeTakeFirst();
  return r && index >= 0 && index < r.size ? Boolean(r.revoked) : null;
}

// ---- re-signing credentials of the format before issue 12 (certificates.resign.ts) ----

/** The oldest batch of the old format that no other process is re-signing (row locked in the caller's transaction). */
export function lockLegacyBatch(db: Db) {
  return db
    .selectFrom('credential_batches')
    .select(['id', 'org_id', 'template'])
    .where('format', '=', 1)
    .orderBy('created_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** A batch's certificates with the values their credentials are filled with. */
export function batchHolders(db: Db, batchId: string) {
  return db
    .selectFrom('certificates')
    .select(['id', 'verification_code', 'holder_name', 'holder_id_hash', 'holder_salt', 'status_list_id', 'status_index'])
    .where('batch_id', '=', batchId)
    .orderBy('id')
    .execute();
}

/** Stores a batch's re-signed template and its certificates' new proof values (one statement per chunk). */
export async function storeResignedBatch(
  db: Db,
  batch: { id: string; template: string; issuer_key_id: string },
  proofs: { id: string; proof_value: string }[],
): Promise<void> {
  await db
    .updateTable('credential_batches')
    .set({ template: batch.template, issuer_key_id: batch.issuer_key_id, format: 2 })
    .where('id', '=', batch.id)
    .execute();
  for (let i = 0; i < proofs.length; i += 5000) {
    const part = proofs.slice(i, i + 5000);
    await sql`
      UPDATE certificates c SET proof_value = u.pv, issuer_key_id = ${batch.issuer_key_id}::uuid
      FROM unnest(${part.map((p) => p.id)}::uuid[], ${part.map((p) => p.proof_value)}::text[]) AS u(id, pv)
      WHERE c.id = u.id`.execute(db);
  }
}

// ---- wallet copies (eddsa-rdfc-2022) ----

export function walletCopy(db: Db, certificateId: string, cryptosuite: string) {
  return db
    .selectFrom('credential_wallet_copies')
    .select('credential')
    .where('certificate_id', '=', certificateId)
    .where('cryptosuite', '=', cryptosuite)
    .executeTakeFirst();
}

/** Keeps the first copy made (a concurrent request's copy loses and reads the winner's). */
export async function storeWalletCopy(db: Db, row: { certificate_id: string; cryptosuite: string; credential: string; created_at: Date }) {
  await db
    .insertInto('credential_wallet_copies')
    .values(row)
    .onConflict((oc) => oc.columns(['certificate_id', 'cryptosuite']).doNothing())
    .execute();
  return (await walletCopy(db, row.certificate_id, row.cryptosuite))!.credential;
}

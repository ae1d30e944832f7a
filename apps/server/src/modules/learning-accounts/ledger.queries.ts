import { sql } from 'kysely';
import type { Db } from '../../db/types';
import type { OutcomeSourceKind, OutcomeType } from '../../db/schema';

/**
 * The credit-bank ledger (R7.1, R6.5): accounts are opened by the blind index of the ID number, outcomes are
 * append-only entries with one idempotency key per source event (a second deposit of the same event writes nothing),
 * and the account's cached totals move in the same statement batch as the entries. Every function here runs inside
 * the caller's transaction and works in bulk (certificate issuance deposits a whole session at once).
 */

export interface OutcomeDeposit {
  accountId: string;
  outcomeType: OutcomeType;
  name: string;
  level: string | null;
  credits: number;
  hours: number | null;
  recordedOn: string;
  source: string;
  sourceKind: OutcomeSourceKind;
  idempotencyKey: string;
  certificateId?: string | null;
  creditOutcomeId?: string | null;
  evidenceFileId?: string | null;
  schoolId?: string | null;
  provinceCode?: string | null;
  note?: string | null;
}

const CHUNK = 5000;

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/**
 * The learning account of each learner, opened from the learner's protected ID number when the person has none
 * (one account per person: a learner enrolled twice shares the account). Returns learner id → account id.
 */
export async function accountsForLearners(
  trx: Db,
  learnerIds: readonly string[],
  openedVia: 'learner' | 'certificate' | 'school' | 'school_import',
  at: Date,
  by: string | null,
): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const ids of chunks([...new Set(learnerIds)])) {
    const opened = await sql<{ learner_id: string; account_id: string }>`
      INSERT INTO learning_accounts (id_type, id_number_enc, id_number_hash, id_number_last4, holder_name, learner_id,
                                     school_id, province_code, opened_via, created_at, created_by)
      SELECT l.id_type, l.id_number_enc, l.id_number_hash, l.id_number_last4, l.name, l.id, l.school_id, l.province_code,
             ${openedVia}, ${at}, ${by}
      FROM learners l
      WHERE l.id = ANY(${ids}::uuid[])
      ORDER BY l.id
      ON CONFLICT (id_type, id_number_hash) DO NOTHING
      RETURNING learner_id, id AS account_id`.execute(trx);
    for (const r of opened.rows) map.set(r.learner_id, r.account_id);
    // The others already have an account (the person's, perhaps opened for another learner row).
    const rest = ids.filter((id) => !map.has(id));
    if (rest.length === 0) continue;
    // A person enrolled again (another learner row) keeps the first account; link the learner when it has none.
    await sql`
      UPDATE learning_accounts a SET learner_id = l.id
      FROM learners l
      WHERE l.id = ANY(${rest}::uuid[]) AND a.id_type = l.id_type AND a.id_number_hash = l.id_number_hash
        AND a.learner_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM learning_accounts x WHERE x.learner_id = l.id)`.execute(trx);
    const rows = await sql<{ learner_id: string; account_id: string }>`
      SELECT l.id AS learner_id, a.id AS account_id
      FROM learners l JOIN learning_accounts a ON a.id_type = l.id_type AND a.id_number_hash = l.id_number_hash
      WHERE l.id = ANY(${rest}::uuid[])`.execute(trx);
    for (const r of rows.rows) map.set(r.learner_id, r.account_id);
  }
  return map;
}

/**
 * Appends deposits; an idempotency key already in the ledger is skipped. Returns how many entries were written.
 * The accounts' cached totals are updated from exactly the rows written.
 */
export async function depositOutcomes(trx: Db, deposits: readonly OutcomeDeposit[], at: Date, by: string | null): Promise<number> {
  let written = 0;
  for (const part of chunks(deposits)) {
    const col = <K extends keyof OutcomeDeposit>(k: K) => part.map((d) => d[k] ?? null);
    const res = await sql<{ n: string }>`
      WITH ins AS (
        INSERT INTO learning_outcomes (account_id, outcome_type, name, level, credits, hours, recorded_on, source, source_kind,
                                       idempotency_key, certificate_id, credit_outcome_id, evidence_file_id, school_id,
                                       province_code, note, created_at, created_by)
        SELECT u.account_id, u.outcome_type, u.name, u.level, u.credits, u.hours, u.recorded_on, u.source, u.source_kind,
               u.idempotency_key, u.certificate_id, u.credit_outcome_id, u.evidence_file_id, u.school_id, u.province_code,
               u.note, ${at}, ${by}
        FROM unnest(${col('accountId')}::uuid[], ${col('outcomeType')}::text[], ${col('name')}::text[], ${col('level')}::text[],
                    ${col('credits')}::numeric[], ${col('hours')}::numeric[], ${col('recordedOn')}::date[], ${col('source')}::text[],
                    ${col('sourceKind')}::text[], ${col('idempotencyKey')}::text[], ${col('certificateId')}::uuid[],
                    ${col('creditOutcomeId')}::uuid[], ${col('evidenceFileId')}::uuid[], ${col('schoolId')}::uuid[],
                    ${col('provinceCode')}::text[], ${col('note')}::text[])
             AS u (account_id, outcome_type, name, level, credits, hours, recorded_on, source, source_kind, idempotency_key,
                   certificate_id, credit_outcome_id, evidence_file_id, school_id, province_code, note)
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING account_id, credits
      ), sums AS (
        SELECT account_id, sum(credits) AS credits, count(*) AS n FROM ins GROUP BY account_id
      ), upd AS (
        UPDATE learning_accounts a SET total_credits = a.total_credits + s.credits, outcome_count = a.outcome_count + s.n
        FROM sums s WHERE a.id = s.account_id
      )
      SELECT coalesce(sum(n), 0)::text AS n FROM sums`.execute(trx);
    written += Number(res.rows[0]?.n ?? 0);
  }
  return written;
}

/**
 * Appends a reversal of an entry (a correction: the original stays, the reversal cancels it). Idempotent per
 * `idempotencyKey`; refuses to reverse a reversal or an entry already reversed (returns false).
 */
export async function reverseOutcome(
  trx: Db,
  entryId: string,
  input: { idempotencyKey: string; reason: string; source: string; sourceKind: OutcomeSourceKind; recordedOn: string },
  at: Date,
  by: string | null,
): Promise<boolean> {
  const res = await sql<{ account_id: string; credits: string }>`
    INSERT INTO learning_outcomes (account_id, entry_kind, outcome_type, name, level, credits, hours, recorded_on, source,
                                   source_kind, idempotency_key, certificate_id, credit_outcome_id, reverses_id, school_id,
                                   province_code, note, created_at, created_by)
    SELECT o.account_id, 'reversal', o.outcome_type, o.name, o.level, -o.credits, CASE WHEN o.hours IS NULL THEN NULL ELSE -o.hours END,
           ${input.recordedOn}::date, ${input.source}, ${input.sourceKind}, ${input.idempotencyKey}, o.certificate_id,
           o.credit_outcome_id, o.id, o.school_id, o.province_code, ${input.reason}, ${at}, ${by}
    FROM learning_outcomes o
    WHERE o.id = ${entryId} AND o.entry_kind = 'deposit'
    ON CONFLICT DO NOTHING
    RETURNING account_id, credits`.execute(trx);
  const row = res.rows[0];
  if (!row) return false;
  await sql`UPDATE learning_accounts SET total_credits = total_credits + ${row.credits}::numeric, outcome_count = outcome_count - 1
            WHERE id = ${row.account_id}`.execute(trx);
  return true;
}

/**
 * An outcome counts in an account's totals while it is in force (issue 21 #11): a deposit not reversed, whose
 * certificate (if any) is not revoked, and not used by an approved conversion (the conversion's own deposit carries
 * the credits on, so a converted certificate is not counted twice).
 */
const IN_FORCE = sql`o.entry_kind = 'deposit'
  AND NOT EXISTS (SELECT 1 FROM learning_outcomes x WHERE x.reverses_id = o.id)
  AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.id = o.certificate_id AND c.revoked_on IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM conversion_outcome_uses u WHERE u.learning_outcome_id = o.id)`;

/**
 * Takes outcomes out of their accounts' totals when they leave force other than by a reversal: a certificate being
 * revoked, outcomes being used by a conversion. Call in the same transaction, before the revocation or the use is
 * written (only what is still in force is withdrawn, so nothing is taken twice).
 */
export async function withdrawFromTotals(
  trx: Db,
  of: { certificateIds?: readonly string[]; outcomeIds?: readonly string[] },
): Promise<void> {
  const certificateIds = [...(of.certificateIds ?? [])];
  const outcomeIds = [...(of.outcomeIds ?? [])];
  if (!certificateIds.length && !outcomeIds.length) return;
  await sql`
    UPDATE learning_accounts a SET total_credits = a.total_credits - s.credits, outcome_count = a.outcome_count - s.n
    FROM (SELECT o.account_id, sum(o.credits) AS credits, count(*)::int AS n
          FROM learning_outcomes o
          WHERE (o.certificate_id = ANY(${certificateIds}::uuid[]) OR o.id = ANY(${outcomeIds}::uuid[])) AND ${IN_FORCE}
          GROUP BY o.account_id) s
    WHERE a.id = s.account_id`.execute(trx);
}

/** The account's totals recomputed from its entries: the outcomes in force (the cache must always equal this). */
export async function recomputedTotals(db: Db, accountId: string): Promise<{ totalCredits: number; outcomeCount: number }> {
  const r = await sql<{ credits: string; n: string }>`
    SELECT coalesce(sum(o.credits), 0)::text AS credits, count(*)::text AS n
    FROM learning_outcomes o WHERE o.account_id = ${accountId} AND ${IN_FORCE}`.execute(db);
  return { totalCredits: Number(r.rows[0]!.credits), outcomeCount: Number(r.rows[0]!.n) };
}

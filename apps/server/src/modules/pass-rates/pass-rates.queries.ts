import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;
type Tx = Transaction<DB>;

export const PASS_RATE_RULE = 'pass_rate';

/** The exam results of a school × certificate in the given years (rows exist only once the exams feature writes them). */
export function passRatesOf(db: Db, schoolId: string, certificateTypeId: string, years: readonly number[]) {
  return db
    .selectFrom('certificate_pass_rates')
    .select(['year', 'candidates', 'passed'])
    .where('school_id', '=', schoolId)
    .where('certificate_type_id', '=', certificateTypeId)
    .where('year', 'in', [...years])
    .execute();
}

/** The province's override of the pass-rate restriction for a school × certificate × filing year, with who gave it. */
export function passRateOverrideOf(db: Db, schoolId: string, certificateTypeId: string, year: number) {
  return db
    .selectFrom('filing_rule_overrides as o')
    .leftJoin('users as u', 'u.id', 'o.created_by')
    .select(['o.id', 'o.reason', 'o.created_at', 'u.display_name'])
    .where('o.school_id', '=', schoolId)
    .where('o.certificate_type_id', '=', certificateTypeId)
    .where('o.year', '=', year)
    .where('o.rule_id', '=', PASS_RATE_RULE)
    .executeTakeFirst();
}

export async function insertPassRateOverride(
  trx: Tx,
  v: { provinceCode: string; schoolId: string; certificateTypeId: string; year: number; reason: string; at: Date; by: string },
) {
  const r = await trx
    .insertInto('filing_rule_overrides')
    .values({
      province_code: v.provinceCode,
      school_id: v.schoolId,
      certificate_type_id: v.certificateTypeId,
      year: v.year,
      rule_id: PASS_RATE_RULE,
      reason: v.reason,
      created_at: v.at,
      created_by: v.by,
    })
    .onConflict((c) => c.columns(['school_id', 'certificate_type_id', 'year', 'rule_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

import type { Db } from '../db/types';

/** Test helpers of the after-approval features (R3.7–R3.11). */

/** The demo filing of a school (by name) and certificate (by code). */
export async function demoFilingId(db: Db, school: string, certificateCode: string): Promise<string> {
  const f = await db
    .selectFrom('filings as f')
    .innerJoin('schools as s', 's.id', 'f.school_id')
    .innerJoin('certificate_types as ct', 'ct.id', 'f.certificate_type_id')
    .select('f.id')
    .where('s.name', '=', school)
    .where('ct.code', '=', certificateCode)
    .executeTakeFirstOrThrow();
  return f.id;
}

/** The notifications a user (by username) has received, newest first. */
export function notificationsOf(db: Db, username: string) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.id', 'n.kind', 'n.title', 'n.link', 'n.read_at', 'n.dedupe_key'])
    .where('u.username', '=', username)
    .orderBy('n.created_at', 'desc')
    .execute();
}

/** Audit rows of an action. */
export function auditRows(db: Db, action: string) {
  return db.selectFrom('audit_log').select(['action', 'target_id', 'summary']).where('action', '=', action).execute();
}

import { type Kysely, sql } from 'kysely';
import { containsPattern, paginate } from '../../db/list-query';
import type { DB, SecurityEventsTable } from '../../db/schema';
import type { Insertable } from 'kysely';

export async function insertSecurityEvent(db: Kysely<DB>, e: Insertable<SecurityEventsTable>) {
  await db.insertInto('security_events').values(e).execute();
}

export interface SecurityEventFilter {
  kind?: SecurityEventsTable['kind'];
  actor?: string;
  role?: string;
  from?: Date;
  to?: Date;
}

export function searchSecurityEvents(db: Kysely<DB>, f: SecurityEventFilter, page: number, pageSize: number) {
  let q = db.selectFrom('security_events').selectAll();
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.actor) q = q.where(sql`lower(actor_username)`, 'like', containsPattern(f.actor.toLowerCase()));
  if (f.role) q = q.where('actor_role', '=', f.role);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  return paginate(q.orderBy('at', 'desc').orderBy('id', 'desc'), page, pageSize);
}

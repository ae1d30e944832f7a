import { type Kysely, sql } from 'kysely';
import type { Scope } from '../../auth/scope';
import type { DB } from '../../db/schema';
import { scopeWhere } from '../../db/scope-filter';
import type { StoredRow } from './audit.chain';
import type { ChainHead, Checkpoint } from './audit.checkpoint';

const AUDIT_LOCK = 7240002;

/** Serialises audit inserts until the transaction ends, so the chain has one order across processes. */
export async function lockChainAndGetLastHash(trx: Kysely<DB>): Promise<string | null> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return last?.hash ?? null;
}

export async function insertAuditRow(trx: Kysely<DB>, row: Omit<StoredRow, 'id'>): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: row.at,
      actor_id: row.actorId,
      actor_username: row.actorUsername,
      actor_role: row.actorRole,
      action: row.action,
      target_type: row.targetType,
      target_id: row.targetId,
      summary: JSON.stringify(row.summary),
      request_id: row.requestId,
      client_ip: row.clientIp,
      province_code: row.provinceCode,
      city_code: row.cityCode,
      school_id: row.schoolId,
      org_id: row.orgId,
      prev_hash: row.prevHash,
      hash: row.hash,
    })
    .execute();
}

type AuditSelectRow = {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: Record<string, unknown>;
  request_id: string | null;
  client_ip: string | null;
  province_code: string | null;
  city_code: string | null;
  school_id: string | null;
  org_id: string | null;
  prev_hash: string;
  hash: string;
};

function toStored(r: AuditSelectRow): StoredRow {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorUsername: r.actor_username,
    actorRole: r.actor_role,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    summary: r.summary,
    requestId: r.request_id,
    clientIp: r.client_ip,
    provinceCode: r.province_code,
    cityCode: r.city_code,
    schoolId: r.school_id,
    orgId: r.org_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** All rows in chain order, read in batches so verification needs little memory. */
export async function* streamAuditRows(db: Kysely<DB>, batch = 5000): AsyncGenerator<StoredRow> {
  let after = '0';
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(batch).execute();
    for (const r of page) yield toStored(r as AuditSelectRow);
    if (page.length < batch) return;
    after = page[page.length - 1]!.id;
  }
}

/**
 * The newest row and the number of rows, in one statement (one snapshot). Inserts hold the chain's advisory lock until
 * they commit, so ids are committed in order and the count is exactly the rows up to the newest id.
 */
export async function readChainHead(db: Kysely<DB>): Promise<ChainHead | null> {
  const r = await sql<{ id: string; hash: string; n: string }>`
    SELECT id, hash, (SELECT count(*) FROM audit_log) AS n FROM audit_log ORDER BY id DESC LIMIT 1`.execute(db);
  const row = r.rows[0];
  return row ? { lastId: String(row.id), lastHash: row.hash, rowCount: Number(row.n) } : null;
}

export async function insertCheckpoint(db: Kysely<DB>, cp: Checkpoint): Promise<void> {
  await db
    .insertInto('audit_checkpoints')
    .values({ at: cp.at, last_id: cp.lastId, row_count: cp.rowCount, last_hash: cp.lastHash, signature: cp.signature })
    .execute();
}

export async function listCheckpoints(db: Kysely<DB>): Promise<(Checkpoint & { id: string })[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    lastId: String(r.last_id),
    rowCount: Number(r.row_count),
    lastHash: r.last_hash,
    signature: r.signature,
  }));
}

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  targetType?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export async function searchAuditRows(db: Kysely<DB>, scope: Scope, f: AuditFilter, page: number, pageSize: number) {
  let q = db.selectFrom('audit_log').where(
    scopeWhere(scope, {
      provinceCode: 'audit_log.province_code',
      cityCode: 'audit_log.city_code',
      schoolId: 'audit_log.school_id',
      orgId: 'audit_log.org_id',
    }),
  );
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (f.actor) q = q.where(sql`lower(actor_username)`, '=', f.actor.toLowerCase());
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map((r) => toStored(r as AuditSelectRow)), total: Number(total.n) };
}

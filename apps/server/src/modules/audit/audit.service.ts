import { type AuditEntryDto, type Page, toStorable } from '@onex/shared';
import type { RequestContext } from '../../auth/actor';
import { requireActor } from '../../auth/actor';
import { scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { redact } from '../../lib/redact';
import { GENESIS_HASH, chainHash, verifyChain, type ChainBreak, type StoredRow } from './audit.chain';
import { type AuditFilter, insertAuditRow, lockChainAndGetLastHash, searchAuditRows, streamAuditRows } from './audit.queries';

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | null;
  /** What changed; secrets and ID numbers are removed before it is stored. */
  summary?: Record<string, unknown>;
  /** The record's scope facts, so that administrators find it in their own audit search. */
  scope?: { provinceCode?: string | null; cityCode?: string | null; schoolId?: string | null; orgId?: string | null };
}

/** Writes one audit row inside the caller's transaction: the row exists exactly when the change does. */
export async function recordAudit(trx: Db, ctx: RequestContext, at: Date, input: AuditInput): Promise<void> {
  const prev = (await lockChainAndGetLastHash(trx)) ?? GENESIS_HASH;
  // Strings are made storable: a NUL or a lone surrogate would fail the jsonb insert (or hash differently read back).
  const fields = toStorable({
    at,
    actorId: ctx.actor?.userId ?? null,
    actorUsername: ctx.actor?.username ?? null,
    actorRole: ctx.actor?.role ?? null,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    summary: redact(input.summary ?? {}) as Record<string, unknown>,
    requestId: ctx.requestId,
    clientIp: ctx.clientIp,
    provinceCode: input.scope?.provinceCode ?? null,
    cityCode: input.scope?.cityCode ?? null,
    schoolId: input.scope?.schoolId ?? null,
    orgId: input.scope?.orgId ?? null,
  });
  await insertAuditRow(trx, { ...fields, prevHash: prev, hash: chainHash(prev, fields) });
}

/** Runs `fn` and its audit row in one transaction: every change is in the audit log, or nothing is. */
export function auditedTransaction<T>(
  deps: Deps,
  ctx: RequestContext,
  fn: (trx: Db, now: Date) => Promise<{ result: T; audit: AuditInput }>,
): Promise<T> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { result, audit } = await fn(trx, now);
    await recordAudit(trx, ctx, now, audit);
    return result;
  });
}

/** Walks the whole chain in batches (constant memory) and reports the first row whose link breaks. */
export async function verifyAuditLog(db: Db): Promise<{ broken: ChainBreak | null; checked: number }> {
  let prev = GENESIS_HASH;
  let checked = 0;
  let batch: StoredRow[] = [];
  const flush = () => {
    const r = verifyChain(batch, prev);
    checked += r.checked;
    prev = r.lastHash;
    batch = [];
    return r.broken;
  };
  for await (const row of streamAuditRows(db)) {
    batch.push(row);
    if (batch.length >= 5000) {
      const broken = flush();
      if (broken) return { broken, checked };
    }
  }
  return { broken: flush(), checked };
}

export const AUDIT_SEARCH_ROLES = ['national_admin', 'province_admin', 'municipal_admin', 'school_admin', 'org_admin'] as const;

export async function searchAudit(
  db: Db,
  ctx: RequestContext,
  f: AuditFilter,
  page: number,
  pageSize: number,
): Promise<Page<AuditEntryDto>> {
  const actor = requireActor(ctx, AUDIT_SEARCH_ROLES);
  const { items, total } = await searchAuditRows(db, scopeOf(actor), f, page, pageSize);
  return {
    items: items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorUsername: r.actorUsername,
      actorRole: r.actorRole,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      summary: r.summary,
      requestId: r.requestId,
      clientIp: r.clientIp,
    })),
    total,
    page,
    pageSize,
  };
}

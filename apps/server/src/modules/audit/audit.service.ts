import { type AuditEntryDto, type Page, toStorable } from '@onex/shared';
import type { RequestContext } from '../../auth/actor';
import { requireActor } from '../../auth/actor';
import { scopeOf } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { redact } from '../../lib/redact';
import { GENESIS_HASH, chainHash, verifyChain, type ChainBreak, type StoredRow } from './audit.chain';
import { type Checkpoint, checkpointSignatureValid, readCheckpointFiles, signCheckpoint, writeCheckpointFile } from './audit.checkpoint';
import {
  type AuditFilter,
  insertAuditRow,
  insertCheckpoint,
  listCheckpoints,
  lockChainAndGetLastHash,
  readChainHead,
  searchAuditRows,
  streamAuditRows,
} from './audit.queries';

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

/** Where checkpoints are checked from: the signing key, and the folder of checkpoint files (besides the table). */
export interface CheckpointAnchors {
  secretKey: Buffer;
  checkpointDir?: string | undefined;
}

export interface AnchorProblem {
  /** `audit_checkpoints#<id>` or the file's path. */
  source: string;
  reason: 'unreadable' | 'signature_invalid' | 'not_reached' | 'hash_mismatch' | 'count_mismatch';
  checkpoint: Checkpoint | null;
}

export interface AuditVerification {
  broken: ChainBreak | null;
  /** Rows whose links hold (all rows when intact). */
  checked: number;
  /** Checkpoints with a valid signature that were compared with the chain. */
  anchors: number;
  anchorProblems: AnchorProblem[];
}

/**
 * Walks the whole chain in batches (constant memory) and reports the first row whose link breaks; with anchors, also
 * every checkpoint (table and files) whose signature fails, or whose row the chain no longer reaches with the same hash
 * and the same number of rows up to it — rows removed from the end of the chain before the newest checkpoint.
 */
export async function verifyAuditLog(db: Db, anchors?: CheckpointAnchors): Promise<AuditVerification> {
  const { pending, problems, count } = anchors ? await loadAnchors(db, anchors) : noAnchors();
  const reach = (row: StoredRow, rowsUpTo: number) => {
    for (const a of pending.get(row.id) ?? []) {
      if (a.checkpoint.lastHash !== row.hash) problems.push({ ...a, reason: 'hash_mismatch' });
      else if (a.checkpoint.rowCount !== rowsUpTo) problems.push({ ...a, reason: 'count_mismatch' });
    }
    pending.delete(row.id);
  };
  let prev = GENESIS_HASH;
  let checked = 0;
  let batch: StoredRow[] = [];
  const flush = () => {
    const r = verifyChain(batch, prev);
    for (let i = 0; i < r.checked; i++) reach(batch[i]!, checked + i + 1);
    checked += r.checked;
    prev = r.lastHash;
    batch = [];
    return r.broken;
  };
  let broken: ChainBreak | null = null;
  for await (const row of streamAuditRows(db)) {
    batch.push(row);
    if (batch.length < 5000) continue;
    broken = flush();
    if (broken) break;
  }
  if (!broken) broken = flush();
  // After a break the walk stopped: later checkpoints were not reached because of it, not because rows are missing.
  if (!broken) for (const list of pending.values()) for (const a of list) problems.push({ ...a, reason: 'not_reached' });
  return { broken, checked, anchors: count, anchorProblems: problems };
}

type Anchor = { source: string; checkpoint: Checkpoint };

function noAnchors() {
  return { pending: new Map<string, Anchor[]>(), problems: [] as AnchorProblem[], count: 0 };
}

async function loadAnchors(db: Db, { secretKey, checkpointDir }: CheckpointAnchors) {
  const all = [
    ...(await listCheckpoints(db)).map((c) => ({ source: `audit_checkpoints#${c.id}`, checkpoint: c as Checkpoint | null })),
    ...(checkpointDir ? readCheckpointFiles(checkpointDir) : []),
  ];
  const pending = new Map<string, Anchor[]>();
  const problems: AnchorProblem[] = [];
  let count = 0;
  for (const { source, checkpoint } of all) {
    if (!checkpoint) problems.push({ source, checkpoint, reason: 'unreadable' });
    else if (!checkpointSignatureValid(secretKey, checkpoint)) problems.push({ source, checkpoint, reason: 'signature_invalid' });
    else {
      count++;
      if (checkpoint.rowCount > 0) pending.set(checkpoint.lastId, [...(pending.get(checkpoint.lastId) ?? []), { source, checkpoint }]);
    }
  }
  return { pending, problems, count };
}

/** Signs the chain's current head, stores it in `audit_checkpoints` and, given a folder, writes it there as a file too. */
export async function writeAuditCheckpoint(
  db: Db,
  secretKey: Buffer,
  checkpointDir: string | undefined,
  now: Date,
): Promise<{ checkpoint: Checkpoint; file: string | null }> {
  const head = (await readChainHead(db)) ?? { lastId: '0', lastHash: GENESIS_HASH, rowCount: 0 };
  const checkpoint = signCheckpoint(secretKey, head, now);
  await insertCheckpoint(db, checkpoint);
  return { checkpoint, file: checkpointDir ? writeCheckpointFile(checkpointDir, checkpoint) : null };
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

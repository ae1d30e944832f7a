import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json';

/** The fields of an audit row that its hash covers (everything but the row id and the hash itself). */
export interface ChainedFields {
  at: Date;
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: Record<string, unknown>;
  requestId: string | null;
  clientIp: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  schoolId: string | null;
  orgId: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** hash = SHA-256(prev_hash ‖ canonical JSON of the row): changing, removing or reordering a row breaks every later link. */
export function chainHash(prevHash: string, row: ChainedFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(
      canonicalJson({
        at: row.at.toISOString(),
        actorId: row.actorId,
        actorUsername: row.actorUsername,
        actorRole: row.actorRole,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        summary: row.summary,
        requestId: row.requestId,
        clientIp: row.clientIp,
        provinceCode: row.provinceCode,
        cityCode: row.cityCode,
        schoolId: row.schoolId,
        orgId: row.orgId,
      }),
    )
    .digest('hex');
}

export interface StoredRow extends ChainedFields {
  id: string;
  prevHash: string;
  hash: string;
}

export type ChainBreak = { id: string; reason: 'prev_hash_mismatch' | 'hash_mismatch' };

/** Walks rows in id order from `prevHash`; returns the first row whose link breaks, or the last hash. */
export function verifyChain(
  rows: Iterable<StoredRow>,
  prevHash = GENESIS_HASH,
): { broken: ChainBreak | null; lastHash: string; checked: number } {
  let checked = 0;
  for (const row of rows) {
    if (row.prevHash !== prevHash) return { broken: { id: row.id, reason: 'prev_hash_mismatch' }, lastHash: prevHash, checked };
    if (chainHash(prevHash, row) !== row.hash) return { broken: { id: row.id, reason: 'hash_mismatch' }, lastHash: prevHash, checked };
    prevHash = row.hash;
    checked++;
  }
  return { broken: null, lastHash: prevHash, checked };
}

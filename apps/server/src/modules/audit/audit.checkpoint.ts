import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../../lib/canonical-json';
import { keyFor } from '../../lib/secret-box';

/**
 * A checkpoint is the chain's head at one moment — the last row's id and hash and the number of rows up to it —
 * signed with HMAC-SHA256 under a key derived from SECRET_KEY (purpose `audit-checkpoint`). The chain proves no row
 * was changed; a checkpoint it no longer reaches proves rows were removed from its end. HMAC rather than a public-key
 * signature: checkpoints are verified by audit:verify, which holds SECRET_KEY anyway.
 */

export const CHECKPOINT_FORMAT = 'onex-audit-checkpoint-v1';
const PURPOSE = 'audit-checkpoint';

export interface ChainHead {
  /** '0' for an empty chain. */
  lastId: string;
  lastHash: string;
  rowCount: number;
}

export interface Checkpoint extends ChainHead {
  at: Date;
  signature: string;
}

function mac(secretKey: Buffer, head: ChainHead, at: Date): string {
  const text = canonicalJson({
    format: CHECKPOINT_FORMAT,
    at: at.toISOString(),
    lastId: head.lastId,
    lastHash: head.lastHash,
    rowCount: head.rowCount,
  });
  return createHmac('sha256', keyFor(secretKey, PURPOSE)).update(text).digest('hex');
}

export function signCheckpoint(secretKey: Buffer, head: ChainHead, at: Date): Checkpoint {
  return { lastId: head.lastId, lastHash: head.lastHash, rowCount: head.rowCount, at, signature: mac(secretKey, head, at) };
}

export function checkpointSignatureValid(secretKey: Buffer, cp: Checkpoint): boolean {
  const expected = Buffer.from(mac(secretKey, cp, cp.at));
  const given = Buffer.from(cp.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// ---- files: the copy outside the database (back the folder up elsewhere, or publish it) ----

export function checkpointFileName(cp: Checkpoint): string {
  return `audit-checkpoint-${cp.at.toISOString().replace(/[:.]/g, '')}-${cp.lastId}.json`;
}

/** Written to a temporary name and renamed, so that a reader never sees half a file. */
export function writeCheckpointFile(dir: string, cp: Checkpoint): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, checkpointFileName(cp));
  const body = {
    format: CHECKPOINT_FORMAT,
    at: cp.at.toISOString(),
    lastId: cp.lastId,
    rowCount: cp.rowCount,
    lastHash: cp.lastHash,
    signature: cp.signature,
  };
  writeFileSync(`${file}.tmp`, JSON.stringify(body, null, 2) + '\n', { mode: 0o644 });
  renameSync(`${file}.tmp`, file);
  return file;
}

/** Every checkpoint file of the folder; one that cannot be read as a checkpoint is `null` (and reported). */
export function readCheckpointFiles(dir: string): { source: string; checkpoint: Checkpoint | null }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith('audit-checkpoint-') && f.endsWith('.json'))
    .sort()
    .map((f) => ({ source: path.join(dir, f), checkpoint: parseCheckpointFile(readFileSync(path.join(dir, f), 'utf8')) }));
}

function parseCheckpointFile(text: string): Checkpoint | null {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const at = new Date(String(j.at));
    if (j.format !== CHECKPOINT_FORMAT || Number.isNaN(at.getTime())) return null;
    if (typeof j.lastId !== 'string' || !/^\d+$/.test(j.lastId) || typeof j.lastHash !== 'string') return null;
    if (typeof j.rowCount !== 'number' || !Number.isSafeInteger(j.rowCount) || typeof j.signature !== 'string') return null;
    return { at, lastId: j.lastId, rowCount: j.rowCount, lastHash: j.lastHash, signature: j.signature };
  } catch {
    return null;
  }
}

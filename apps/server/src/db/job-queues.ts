import { sql } from 'kysely';
import type { Db } from './types';

/** The job tables (rows claimed with FOR UPDATE SKIP LOCKED): queue depth and the oldest waiting job's age (metrics). */
export const JOB_TABLES = ['result_imports', 'certificate_pdf_jobs', 'export_jobs'] as const;

export async function queueFacts(db: Db, table: (typeof JOB_TABLES)[number]): Promise<{ depth: number; oldestAge: number }> {
  const r = await sql<{ depth: string; oldest: Date | null }>`
    SELECT count(*) AS depth, min(created_at) FILTER (WHERE status = 'queued') AS oldest
    FROM ${sql.table(table)} WHERE status IN ('queued', 'running')`.execute(db);
  const row = r.rows[0];
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
  return { depth: Number(row?.depth ?? 0), oldestAge: oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000) };
}

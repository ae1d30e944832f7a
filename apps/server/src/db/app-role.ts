import { type Kysely, sql } from 'kysely';
import type { DB } from './schema';

/**
 * PostgreSQL deployments with two roles (issue 20 item 6): the owner runs `db:migrate`; the platform connects as an
 * application role that may read and write the data but not rewrite history. Run by db:migrate after migrating (so
 * tables of later migrations are covered too); idempotent. The append-only triggers of 0014 hold for every role, but an
 * owner could disable them — the application role owns nothing, and has UPDATE, DELETE and TRUNCATE of the audit
 * tables revoked besides.
 */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_checkpoints', 'secret_key_check', 'schema_migrations'] as const;

/** Grants `role` data access and revokes rewriting the append-only tables; false when the role does not exist. */
export async function restrictAppRole(db: Kysely<DB>, role: string): Promise<boolean> {
  const found = await sql`SELECT 1 FROM pg_roles WHERE rolname = ${role}`.execute(db);
  if (found.rows.length === 0) return false;
  const r = sql.id(role);
  const tables = sql.join(APPEND_ONLY_TABLES.map((t) => sql.id(t)));
  await sql`GRANT USAGE ON SCHEMA public TO ${r}`.execute(db);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`.execute(db);
  await sql`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON ${tables} FROM ${r}`.execute(db);
  await sql`REVOKE INSERT ON schema_migrations FROM ${r}`.execute(db);
  return true;
}

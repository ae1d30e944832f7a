import { type Kysely, sql } from 'kysely';
import { migrations as allMigrations, type Migration } from './migrations/index';
import type { DB } from './schema';

const MIGRATION_LOCK = 7240001;

/** Applies pending migrations in order, each in its own transaction; safe for several processes at once. */
export async function migrate(db: Kysely<DB>, list: Migration[] = allMigrations): Promise<string[]> {
  // Looked up first: an application role without CREATE on the schema (db/app-role.ts) may still start.
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('schema_migrations')::text AS t`.execute(db);
  if (!exists.rows[0]?.t)
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
      db,
    );
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      const done = new Set((await conn.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name));
      const applied: string[] = [];
      for (const m of list) {
        if (done.has(m.name)) continue;
        await conn.transaction().execute(async (trx) => {
          await sql.raw(m.sql).execute(trx);
          await trx.insertInto('schema_migrations').values({ name: m.name, applied_at: new Date() }).execute();
        });
        applied.push(m.name);
      }
      return applied;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

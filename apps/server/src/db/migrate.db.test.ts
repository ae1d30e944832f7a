import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_COLUMNS, credentialText } from '../modules/certificates/certificates.queries';
import { databaseUrlFor, pgAdmin } from '../test/pg-admin';
import { createTestDb } from '../test/test-db';
import { type Database, openDatabase } from './database';
import { migrate } from './migrate';
import { migrations } from './migrations/index';

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(() => database.close());

describe(`migrations (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('have all been applied, in order, and applying again does nothing', async () => {
    const applied = await database.db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
    expect(applied.map((r) => r.name)).toEqual(migrations.map((m) => m.name));
    expect(await migrate(database.db)).toEqual([]);
  });

  it('created the foundation tables', async () => {
    const r = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`.execute(
      database.db,
    );
    const tables = r.rows.map((x) => x.table_name);
    for (const t of ['regions', 'users', 'sessions', 'api_tokens', 'audit_log', 'schools', 'departments', 'evaluation_orgs'])
      expect(tables).toContain(t);
  });

  it('loaded provinces and cities with GB/T 2260 codes', async () => {
    const gd = await database.db.selectFrom('regions').selectAll().where('code', '=', '440000').executeTakeFirstOrThrow();
    expect(gd).toMatchObject({ name: '广东省', level: 'province' });
    const gz = await database.db.selectFrom('regions').selectAll().where('code', '=', '440100').executeTakeFirstOrThrow();
    expect(gz).toMatchObject({ name: '广州市', level: 'city', parent_code: '440000' });
    const bj = await database.db.selectFrom('regions').selectAll().where('code', '=', '110100').executeTakeFirstOrThrow();
    expect(bj.name).toBe('北京市');
    const { n } = await database.db
      .selectFrom('regions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('level', '=', 'province')
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(31);
  });

  it('rolls back a failing migration whole', async () => {
    const bad = [{ name: '9999_bad', sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;' }];
    await expect(migrate(database.db, bad)).rejects.toThrow();
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'`.execute(
      database.db,
    );
    expect(r.rows[0]!.n).toBe(0);
    expect(
      await database.db.selectFrom('schema_migrations').select('name').where('name', '=', '9999_bad').executeTakeFirst(),
    ).toBeUndefined();
  });
});

/** An empty database (no migrations applied) on the same engine as the run. */
async function emptyDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `onex_m_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await pgAdmin(url, `CREATE DATABASE ${name}`);
    const d = await openDatabase({ databaseUrl: databaseUrlFor(url, name), poolSize: 1 });
    return { ...d, close: async () => (await d.close(), await pgAdmin(url, `DROP DATABASE IF EXISTS ${name}`)) };
  }
  const pglite = await PGlite.create();
  const d = await openDatabase({ pglite });
  return { ...d, close: async () => (await d.close(), await pglite.close()) };
}

describe('0012_credential_batches', () => {
  it('R6.1 a certificate issued before it keeps its credential text exactly (a batch of one)', async () => {
    const d = await emptyDatabase();
    try {
      const upTo11 = migrations.slice(
        0,
        migrations.findIndex((m) => m.name === '0012_credential_batches'),
      );
      await migrate(d.db, upTo11);
      const credential = '{"credentialSubject":{"name":"李明"},"proof":{"proofValue":"z3abc"},"type":["VerifiableCredential"]}';
      // Only the certificate row matters here: foreign keys are not checked until 0012 has run (the database has one
      // connection, so the setting holds for the migration too).
      await sql`SET session_replication_role = replica`.execute(d.db);
      await sql`
          INSERT INTO certificates (id, number, verification_code, registration_id, result_id, session_id, learner_id, org_id,
                                    certificate_type_id, level, province_code, holder_name, holder_id_masked, issued_on,
                                    issuer_key_id, status_list_id, status_index, credential, created_at)
          VALUES (gen_random_uuid(), '20262000000000010', 'AbCdEfGhIjKlMnOpQrStUv', gen_random_uuid(), gen_random_uuid(),
                  gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'intermediate', '440000', '李明',
                  '4401**********1234', '2026-07-01', gen_random_uuid(), gen_random_uuid(), 0, ${credential}, now())`.execute(d.db);
      await migrate(d.db);
      await sql`SET session_replication_role = DEFAULT`.execute(d.db);
      const row = await d.db
        .selectFrom('certificates as c')
        .innerJoin('credential_batches as b', 'b.id', 'c.batch_id')
        .select(CREDENTIAL_COLUMNS)
        .executeTakeFirstOrThrow();
      expect(credentialText(row)).toBe(credential);
    } finally {
      await d.close();
    }
  });
});

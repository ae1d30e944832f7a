import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { migrate } from './migrate';
import { migrations } from './migrations/index';
import { createTestDb } from '../test/test-db';

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

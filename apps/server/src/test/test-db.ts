import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../db/database';
import { databaseUrlFor, pgAdmin } from './pg-admin';

/**
 * A fresh, migrated database for one test file: a clone of the run's migrated PGlite image, or a copy
 * of the run's PostgreSQL template database when TEST_DATABASE_URL is set. Close it in afterAll.
 */
export async function createTestDb(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  const template = inject('pgTemplate');
  if (url && template) {
    const name = `onex_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await pgAdmin(url, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    const database = await openDatabase({ databaseUrl: databaseUrlFor(url, name), poolSize: 4 });
    return {
      ...database,
      close: async () => {
        await database.close();
        await pgAdmin(url, `DROP DATABASE IF EXISTS ${name}`);
      },
    };
  }
  const image = new Blob([readFileSync(inject('pgliteImage'))]);
  const pglite = await PGlite.create({ loadDataDir: image });
  const database = await openDatabase({ pglite });
  return {
    ...database,
    close: async () => {
      await database.close();
      await pglite.close();
    },
  };
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { seedReferenceData } from '../db/seed/reference';
import { databaseUrlFor, pgAdmin } from './pg-admin';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of a migrated data-directory image every test file clones. */
    pgliteImage: string;
    /** PostgreSQL: name of a migrated template database every test file copies. */
    pgTemplate: string;
  }
}

/**
 * Migrates one database per run and lets every test file clone it: PGlite instances are slow to create
 * (≈ 6 s), and a PostgreSQL template copy is much faster than migrating again.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `onex_tpl_${process.pid}_${Date.now()}`;
    await pgAdmin(url, `CREATE DATABASE ${template}`);
    const tpl = await openDatabase({ databaseUrl: databaseUrlFor(url, template), poolSize: 1 });
    await migrate(tpl.db);
    await seedReferenceData(tpl.db);
    await tpl.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteImage', '');
    return () => pgAdmin(url, `DROP DATABASE IF EXISTS ${template}`);
  }
  const pglite = await PGlite.create();
  const db = await openDatabase({ pglite });
  await migrate(db.db);
  await seedReferenceData(db.db);
  await db.close();
  const image = await pglite.dumpDataDir('none');
  await pglite.close();
  const dir = mkdtempSync(path.join(tmpdir(), 'onex-test-'));
  const file = path.join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await image.arrayBuffer()));
  project.provide('pgliteImage', file);
  project.provide('pgTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}

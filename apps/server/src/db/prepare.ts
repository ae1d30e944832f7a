import type { Config } from '../config';
import { type Database, openDatabase } from './database';
import { migrate } from './migrate';
import { seedReferenceData } from './seed/reference';

/** Opens the configured database, applies pending migrations and loads reference data (regions, the certificate catalog). */
export async function prepareDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    await seedReferenceData(database.db);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}

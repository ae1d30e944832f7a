import type { Config } from '../config';
import { type Database, openDatabase } from './database';
import { migrate } from './migrate';
import { seedRegions } from './seed/regions';

/** Opens the configured database, applies pending migrations and loads reference data (regions). */
export async function prepareDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    await seedRegions(database.db);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}

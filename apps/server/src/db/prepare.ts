import type { Config } from '../config';
import { type Database, openDatabase } from './database';
import { assertSecretKeyMatches } from './key-check';
import { migrate } from './migrate';
import { seedReferenceData } from './seed/reference';

/**
 * Opens the configured database (the embedded one locked for this process), applies pending migrations, refuses a
 * SECRET_KEY other than the data's, and loads reference data (regions, the certificate catalog).
 */
export async function prepareDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'secretKey'> & Partial<Pick<Config, 'poolSize'>>,
): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize });
  try {
    await migrate(database.db);
    await assertSecretKeyMatches(database.db, config.secretKey, new Date());
    await seedReferenceData(database.db);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}

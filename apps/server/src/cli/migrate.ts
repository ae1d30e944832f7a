import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { seedReferenceData } from '../db/seed/reference';

/** npm run db:migrate — applies pending migrations to the configured database. */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const applied = await migrate(database.db);
  await seedReferenceData(database.db);
  console.log(applied.length ? `已应用迁移 applied: ${applied.join(', ')}` : '数据库已是最新 database is up to date');
} finally {
  await database.close();
}

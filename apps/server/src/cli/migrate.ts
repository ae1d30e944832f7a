import { restrictAppRole } from '../db/app-role';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { seedReferenceData } from '../db/seed/reference';
import { runCli } from './run';

/** npm run db:migrate — applies pending migrations to the configured database (as its owner, when roles are separate). */
await runCli(async () => {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(database.db);
    await seedReferenceData(database.db);
    console.log(applied.length ? `已应用迁移 applied: ${applied.join(', ')}` : '数据库已是最新 database is up to date');
    if (database.kind === 'postgresql' && config.databaseAppRole) {
      const role = config.databaseAppRole;
      if (await restrictAppRole(database.db, role))
        console.log(`已授权应用角色 ${role}（审计表只可追加）granted role ${role} data access; audit tables append-only`);
      else console.warn(`应用角色 ${role} 不存在，未授权 (role ${role} does not exist: nothing granted)`);
    }
  } finally {
    await database.close();
  }
}, '服务器启动时会自动迁移，无需另行运行 db:migrate；如需单独运行，请先停止服务器 (the server migrates at start; to run db:migrate alone, stop the server first).');

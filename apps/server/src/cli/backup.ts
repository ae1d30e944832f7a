import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { backupDatabase } from '../db/backup';
import { runCli } from './run';

/**
 * npm run backup -- <file> — a backup of the configured database (embedded: its data folder, taken while no server
 * holds it; PostgreSQL: pg_dump custom format, taken while the server runs). Keep SECRET_KEY apart from the file.
 */
await runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new Error('用法 usage: npm run backup -- <file>');
  const header = await backupDatabase(loadConfig(), path.resolve(file));
  console.log(
    `已备份 backed up (${header.kind}, ${header.migration ?? '—'}) → ${path.resolve(file)}\n` +
      '请另行妥善保管 SECRET_KEY（嵌入式部署为数据目录中的 secret.key）：没有它，备份中的身份证件号码和签发私钥无法解密 ' +
      '(keep SECRET_KEY — secret.key in DATA_DIR for the embedded database — safe and apart: without it the backup is unreadable).',
  );
}, '嵌入式数据库同一时间只能由一个进程打开：请先停止服务器再备份（或改用 PostgreSQL，可在运行中备份）' + '(the embedded database opens in one process at a time: stop the server, then back up; PostgreSQL backs up while running).');

import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { restoreDatabase } from '../db/backup';
import { runCli } from './run';

/**
 * npm run restore -- <file> [--secret-key <base64>] — replaces the configured database with a backup. A backup made
 * under another SECRET_KEY is refused unless that key is given (then the server must run with it).
 */
await runCli(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'secret-key': { type: 'string' } } });
  const file = positionals[0];
  if (!file) throw new Error('用法 usage: npm run restore -- <file> [--secret-key <base64>]');
  const given = values['secret-key'];
  if (given !== undefined && !/^[A-Za-z0-9+/]{43}=$/.test(given))
    throw new Error('--secret-key 须为 32 字节的 base64 (32 bytes in base64)');
  const config = loadConfig();
  const result = await restoreDatabase(config, path.resolve(file), given ? { secretKey: Buffer.from(given, 'base64') } : {});
  console.log(`已恢复 restored ${result.header.kind} backup of ${result.header.createdAt} (${result.header.migration ?? '—'})`);
  if (result.keyToUse)
    console.log(
      config.databaseUrl
        ? '此备份使用另一个密钥：请将服务器的 SECRET_KEY 设为 --secret-key 给出的密钥 (set the server’s SECRET_KEY to the key given)'
        : '已将数据目录中的 secret.key 设为 --secret-key 给出的密钥 (DATA_DIR/secret.key now holds the key given)',
    );
  console.log(
    '启动服务器时会应用较新的迁移；可运行 npm run audit:verify 核对审计链 (the server applies newer migrations at start; run audit:verify to check the audit chain)',
  );
}, '嵌入式数据库同一时间只能由一个进程打开：请先停止服务器再恢复 (the embedded database opens in one process at a time: stop the server, then restore).');

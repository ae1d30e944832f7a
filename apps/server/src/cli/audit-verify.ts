import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { prepareDatabase } from '../db/prepare';
import { verificationReport } from '../modules/audit/audit.report';
import { verifyAuditLog, writeAuditCheckpoint } from '../modules/audit/audit.service';
import { runCli } from './run';

/**
 * npm run audit:verify [-- --checkpoint] — walks the audit hash chain and checks it against every signed checkpoint
 * (table and AUDIT_CHECKPOINT_DIR); exits 1 on any finding. With --checkpoint, an intact chain's head is checkpointed.
 */
await runCli(async () => {
  const { values } = parseArgs({ options: { checkpoint: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const database = await prepareDatabase(config);
  try {
    const result = await verifyAuditLog(database.db, { secretKey: config.secretKey, checkpointDir: config.auditCheckpointDir });
    const report = verificationReport(result);
    for (const line of report.lines) (report.ok ? console.log : console.error)(line);
    if (!report.ok) {
      process.exitCode = 1;
      return; // a checkpoint of a damaged chain would vouch for the damage
    }
    if (values.checkpoint) {
      const { checkpoint, file } = await writeAuditCheckpoint(database.db, config.secretKey, config.auditCheckpointDir, new Date());
      console.log(`已写入检查点 checkpoint written: ${checkpoint.rowCount} 行 rows, id=${checkpoint.lastId} → ${file}`);
    }
  } finally {
    await database.close();
  }
}, '嵌入式数据库同一时间只能由一个进程打开：请先停止服务器，再运行 npm run audit:verify；服务器运行时会在启动时和每天写入签名检查点 ' + '(the embedded database opens in one process at a time: stop the server, then run audit:verify).');

import { loadConfig } from '../config';
import { prepareDatabase } from '../db/prepare';
import { verifyAuditLog } from '../modules/audit/audit.service';

/** npm run audit:verify — walks the audit hash chain; exits 1 at the first broken row. */
const config = loadConfig();
const database = await prepareDatabase(config);
try {
  const { broken, checked } = await verifyAuditLog(database.db);
  if (broken) {
    console.error(
      `审计日志链在第 ${broken.id} 行断开（${broken.reason}）；此前 ${checked} 行完好。audit chain broken at row id=${broken.id} (${broken.reason}) after ${checked} good rows`,
    );
    process.exitCode = 1;
  } else {
    console.log(`审计日志完整：共 ${checked} 行。audit chain intact: ${checked} rows`);
  }
} finally {
  await database.close();
}

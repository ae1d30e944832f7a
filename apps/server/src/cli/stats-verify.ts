import { loadConfig } from '../config';
import { prepareDatabase } from '../db/prepare';
import { countDifferences } from '../modules/statistics/statistics.service';
import { runCli } from './run';

/**
 * `npm run stats:verify`: compares the statistics rollup (`stat_counts`, kept by triggers) with a full recomputation
 * over the base tables on the configured database; exit 1 and the first differing keys when they differ.
 */
await runCli(async () => {
  const database = await prepareDatabase(loadConfig());
  try {
    const diff = await countDifferences(database.db);
    if (diff.length === 0) {
      console.log('统计汇总与基础数据重新计算的结果一致 (the rollups equal a full recomputation)');
      return;
    }
    console.error('统计汇总与基础数据不一致 (the rollups differ from a full recomputation):');
    for (const row of diff) console.error(JSON.stringify(row));
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}, '嵌入式数据库正被运行中的服务使用：请先停止服务再检查 (stop the running server first).');

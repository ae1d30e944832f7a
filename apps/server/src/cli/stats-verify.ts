import { loadConfig } from '../config';
import { prepareDatabase } from '../db/prepare';
import { countDifferences } from '../modules/statistics/statistics.service';

/**
 * `npm run stats:verify`: compares the statistics rollup (`stat_counts`, kept by triggers) with a full recomputation
 * over the base tables on the configured database; exit 1 and the first differing keys when they differ.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const database = await prepareDatabase(config);
  try {
    const diff = await countDifferences(database.db);
    if (diff.length === 0) {
      console.log('统计汇总与基础数据重新计算的结果一致 (the rollups equal a full recomputation)');
      return 0;
    }
    console.error('统计汇总与基础数据不一致 (the rollups differ from a full recomputation):');
    for (const row of diff) console.error(JSON.stringify(row));
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('检查失败 (failed):', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);

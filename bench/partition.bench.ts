/**
 * npm run bench -- partition [--rows=30000]
 *
 * Issue 19 item 7, "declarative partitioning by year, tried on a copy": the audit log (the fastest-growing table,
 * docs/SCALE.md §4) is written through the platform's own audit writer over three years, then converted on a scratch
 * database into a table partitioned by year (the statements of docs/SCALE.md, run here verbatim), and checked:
 * the hash chain still verifies, new rows go through the same writer into the right year, the append-only triggers
 * still refuse changes, and a year-bounded search reads only its year. The plain table is the baseline, measured in
 * the same run: write rate, chain walk, and a one-year search. Prints
 * `RESULT name=partition rows=… copy_s=… write_rps=… baseline_write_rps=… verify_s=… baseline_verify_s=… year_query_ms=… baseline_year_query_ms=… pruned=…`.
 */
import { sql } from 'kysely';
import { openDatabase } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { recordAudit, verifyAuditLog } from '../apps/server/src/modules/audit/audit.service';
import type { Db } from '../apps/server/src/db/types';
import { withBenchDatabase } from './fixtures';

const argOf = (args: string[], name: string, d: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const ctx = { actor: null, requestId: 'bench-partition', clientIp: null };
const YEARS = [2025, 2026, 2027];

/** Writes `n` audit rows through the platform's writer, their times spread evenly over [from, to), 500 per transaction. */
async function writeRows(db: Db, n: number, from: Date, to: Date): Promise<number> {
  const step = (to.getTime() - from.getTime()) / n;
  const t0 = performance.now();
  for (let i = 0; i < n; i += 500) {
    await db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(n, i + 500); j++) {
        await recordAudit(trx, ctx, new Date(from.getTime() + j * step), {
          action: 'certificate.issue',
          targetType: 'certificate',
          targetId: `bench-${j}`,
          summary: { number: `N${j}`, level: 'intermediate' },
          scope: { provinceCode: ['44', '42', '11'][j % 3]! },
        });
      }
    });
  }
  return n / ((performance.now() - t0) / 1000);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

/** One province's rows of 2026, as the audit page searches them (ms, best of three). */
async function yearQuery(db: Db): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const [, ms] = await timed(() =>
      sql`SELECT count(*) FROM audit_log WHERE province_code = '44' AND at >= '2026-01-01+08' AND at < '2027-01-01+08'`.execute(db),
    );
    best = Math.min(best, ms);
  }
  return best;
}

/** The conversion of docs/SCALE.md §4, in one transaction: a partitioned copy takes the table's name. */
const CONVERT = `
CREATE TABLE audit_log_p (LIKE audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY) PARTITION BY RANGE (at);
${YEARS.map((y) => `CREATE TABLE audit_log_${y} PARTITION OF audit_log_p FOR VALUES FROM ('${y}-01-01+08') TO ('${y + 1}-01-01+08');`).join('\n')}
CREATE TABLE audit_log_later PARTITION OF audit_log_p DEFAULT;
INSERT INTO audit_log_p OVERRIDING SYSTEM VALUE SELECT * FROM audit_log;
ALTER TABLE audit_log_p ADD PRIMARY KEY (id, at);
CREATE INDEX ON audit_log_p (at);
CREATE INDEX ON audit_log_p (province_code, at);
CREATE INDEX ON audit_log_p (school_id, at);
CREATE INDEX ON audit_log_p (org_id, at);
SELECT setval(pg_get_serial_sequence('audit_log_p', 'id'), (SELECT max(id) FROM audit_log_p));
ALTER TABLE audit_log RENAME TO audit_log_plain;
ALTER TABLE audit_log_p RENAME TO audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
`;

export async function run(args: string[]): Promise<void> {
  const rows = argOf(args, 'rows', 30_000);
  await withBenchDatabase('partition', async (url) => {
    const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    const db = database.db;
    try {
      await migrate(db);
      // The plain table (baseline): three years of rows, the chain walk and a one-year search.
      const baselineWriteRps = await writeRows(db, rows, new Date('2025-01-01T00:00:00+08:00'), new Date('2027-12-01T00:00:00+08:00'));
      await sql`ANALYZE audit_log`.execute(db);
      const [plain, baselineVerifyMs] = await timed(() => verifyAuditLog(db));
      if (plain.broken || plain.checked !== rows) throw new Error(`plain chain: ${JSON.stringify(plain)}`);
      const baselineYearMs = await yearQuery(db);

      // The copy, partitioned by year.
      const [, copyMs] = await timed(() => db.transaction().execute((trx) => sql.raw(CONVERT).execute(trx)));
      await sql`ANALYZE audit_log`.execute(db);
      const [copied, verifyMs] = await timed(() => verifyAuditLog(db));
      if (copied.broken || copied.checked !== rows) throw new Error(`partitioned chain broke: ${JSON.stringify(copied.broken)}`);

      // New rows through the same writer land in their year, and the chain goes on across the conversion.
      const extra = Math.max(1000, Math.round(rows / 10));
      const writeRps = await writeRows(db, extra, new Date('2027-12-01T00:00:00+08:00'), new Date('2028-03-01T00:00:00+08:00'));
      const placed = await sql<{ part: string; n: string }>`
        SELECT tableoid::regclass::text AS part, count(*) AS n FROM audit_log WHERE target_id LIKE 'bench-%' GROUP BY 1 ORDER BY 1`.execute(
        db,
      );
      const after = await verifyAuditLog(db);
      if (after.broken || after.checked !== rows + extra) throw new Error(`chain after new rows: ${JSON.stringify(after.broken)}`);

      // Append-only still holds on every partition.
      const refused = await sql`UPDATE audit_log SET action = 'x' WHERE id = 1`.execute(db).then(
        () => false,
        () => true,
      );
      if (!refused) throw new Error('an UPDATE of the partitioned audit log was not refused');

      const yearMs = await yearQuery(db);
      const plan = await sql<{ 'QUERY PLAN': string }>`
        EXPLAIN SELECT count(*) FROM audit_log WHERE province_code = '44' AND at >= '2026-01-01+08' AND at < '2027-01-01+08'`.execute(db);
      const scanned = [
        ...new Set(
          plan.rows
            .map((r) => r['QUERY PLAN'])
            .join('\n')
            .match(/audit_log_(\d{4}|later)/g) ?? [],
        ),
      ];
      const pruned = scanned.length === 1 && scanned[0] === 'audit_log_2026';

      console.log(`rows written through the audit writer: ${rows} over 2025–2027, then ${extra} after the conversion`);
      console.log(`write rate: partitioned ${writeRps.toFixed(0)} rows/s   baseline (plain table) ${baselineWriteRps.toFixed(0)} rows/s`);
      console.log(`conversion (copy into yearly partitions, indexes, rename, triggers): ${(copyMs / 1000).toFixed(2)} s`);
      console.log(
        `chain walk (audit:verify): partitioned ${(verifyMs / 1000).toFixed(2)} s   baseline ${(baselineVerifyMs / 1000).toFixed(2)} s`,
      );
      console.log(
        `one province, one year: partitioned ${yearMs.toFixed(1)} ms   baseline ${baselineYearMs.toFixed(1)} ms; partitions read: ${scanned.join(', ')}`,
      );
      console.log(`rows per partition (bench rows): ${placed.rows.map((r) => `${r.part}=${r.n}`).join(' ')}`);
      console.log('append-only trigger on the partitioned table: UPDATE refused');
      console.log(
        `RESULT name=partition rows=${rows + extra} copy_s=${(copyMs / 1000).toFixed(2)} write_rps=${writeRps.toFixed(0)} ` +
          `baseline_write_rps=${baselineWriteRps.toFixed(0)} verify_s=${(verifyMs / 1000).toFixed(2)} ` +
          `baseline_verify_s=${(baselineVerifyMs / 1000).toFixed(2)} year_query_ms=${yearMs.toFixed(1)} ` +
          `baseline_year_query_ms=${baselineYearMs.toFixed(1)} pruned=${pruned ? 'yes' : 'no'}`,
      );
      if (!pruned) process.exitCode = 1;
    } finally {
      await database.close();
    }
  });
}

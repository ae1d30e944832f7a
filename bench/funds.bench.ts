/**
 * npm run bench -- funds [--scale=1]
 *
 * Special funds at national scale (issue 15 Benchmark): in a fresh PostgreSQL database (BENCH_DATABASE_URL, default the
 * local server) — migrated, reference data seeded — 3,000 schools (all in 广东 440000, the worst case for one
 * province's allocation), 20,000 approved pilots (filings over 7 rounds, each with one major of planned trainees),
 * one approved budget per pilot with 5 lines, and 2,000,000 ledger entries (spending over the 5 categories, every 10th
 * an income), all × scale. Data are generated server side (INSERT … SELECT generate_series, deterministic ids; foreign
 * key triggers off during the load). Exam registrations, results and certificates are left empty: the allocation reads
 * them (their tables are scanned), but their factors are 0 here.
 *
 * Measured in the same run, each the median of 5 after one warm-up:
 * - allocation_ms: createAllocation (the service: facts query, factor method, largest remainder, one share row per
 *   school, audit row) for 440000; baseline_allocation_ms: the raw SQL of the same per-school sums alone.
 * - report_ms: the school fund report as .xlsx (schoolReportXlsx: scope check, grouped sums, workbook) for one school;
 *   baseline_report_ms: the raw SQL of the same sums (lines and entries per pilot and category) for that school.
 * Targets: allocation ≤ 2 s, report ≤ 200 ms.
 */
import pg from 'pg';
import { DEFAULT_FACTOR_WEIGHTS } from '@onex/shared';
import type { RequestContext } from '../apps/server/src/auth/actor';
import type { Config } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { seedReferenceData } from '../apps/server/src/db/seed/reference';
import { systemClock } from '../apps/server/src/lib/clock';
import type { Deps } from '../apps/server/src/lib/deps';
import { createAllocation } from '../apps/server/src/modules/funds/funds.allocation';
import { schoolReportXlsx } from '../apps/server/src/modules/funds/funds.report';
import { withBenchDatabase } from './fixtures';
import { seconds } from './lib';

const ROUNDS = 7;

function arg(args: string[], name: string, dflt: number): number {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : dflt;
}

async function median(fn: () => Promise<unknown>, n = 5): Promise<number> {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return xs.sort((a, b) => a - b)[Math.floor(n / 2)]!;
}

async function load(url: string, schools: number, pilots: number, entries: number): Promise<{ adminId: string; schoolId: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = (text: string, values: unknown[] = []) => c.query(text, values);
  const step = async (label: string, text: string, values: unknown[] = []) => {
    const t0 = performance.now();
    await q(text, values);
    console.log(`  ${label} ${seconds(performance.now() - t0)} s`);
  };
  try {
    await q(`SET maintenance_work_mem = '512MB'`);
    await q(`SET session_replication_role = replica`);
    const ct = (await q(`SELECT id FROM certificate_types WHERE code = 'IR-PROG'`)).rows[0] as { id: string };
    const admin = (
      await q(`INSERT INTO users (username, display_name, password_hash, role, province_code, created_at, password_changed_at)
               VALUES ('bench-gd', '广东省教育厅（基准）', '-', 'province_admin', '440000', now(), now()) RETURNING id`)
    ).rows[0] as { id: string };
    await step(
      `schools (${schools})`,
      `INSERT INTO schools (id, name, school_type, province_code, city_code)
       SELECT md5('s' || i)::uuid, '基准职业学院' || i, 'higher', '440000', '440100' FROM generate_series(1, $1::int) i`,
      [schools],
    );
    await step(
      'departments',
      `INSERT INTO departments (id, school_id, name) SELECT md5('d' || i)::uuid, md5('s' || i)::uuid, '二级学院' FROM generate_series(1, $1::int) i`,
      [schools],
    );
    await step(
      `rounds (${ROUNDS})`,
      `INSERT INTO filing_rounds (id, province_code, name, year, type, status, major_catalog_edition, required_attachments, created_at, updated_at)
       SELECT md5('r' || i)::uuid, '440000', '基准轮次' || i, 2019 + i, 'rolling', 'closed', '2021', '{}', now(), now()
       FROM generate_series(1, ${ROUNDS}) i`,
    );
    // Pilot p belongs to school 1 + p % schools, in round 1 + p / schools (unique per school, round and certificate).
    await step(
      `pilots (${pilots})`,
      `INSERT INTO filings (id, round_id, province_code, city_code, school_id, department_id, certificate_type_id, year, levels,
                            needs_municipal_review, status, decision, created_at, updated_at)
       SELECT md5('f' || p)::uuid, md5('r' || (1 + p / $2::int))::uuid, '440000', '440100', md5('s' || (1 + p % $2::int))::uuid,
              md5('d' || (1 + p % $2::int))::uuid, $3, 2019 + 1 + p / $2::int, '{intermediate}', false, 'published', 'approved', now(), now()
       FROM generate_series(0, $1::int - 1) p`,
      [pilots, schools, ct.id],
    );
    await step(
      'pilot majors',
      `INSERT INTO filing_majors (filing_id, province_code, school_major_id, major_code, major_name, enrolled_students, full_time_teachers, planned_trainees)
       SELECT md5('f' || p)::uuid, '440000', md5('m' || p)::uuid, '560301', '工业机器人技术', 100, 8, 20 + p % 80
       FROM generate_series(0, $1::int - 1) p`,
      [pilots],
    );
    await step(
      `budgets (${pilots})`,
      `INSERT INTO fund_budgets (id, filing_id, school_id, department_id, province_code, city_code, year, status, created_at, updated_at)
       SELECT md5('b' || p)::uuid, md5('f' || p)::uuid, md5('s' || (1 + p % $2::int))::uuid, md5('d' || (1 + p % $2::int))::uuid,
              '440000', '440100', 2026, 'approved', now(), now()
       FROM generate_series(0, $1::int - 1) p`,
      [pilots, schools],
    );
    await step(
      `budget lines (${5 * pilots})`,
      `INSERT INTO fund_budget_lines (budget_id, category, amount_fen)
       SELECT md5('b' || p)::uuid, c, 100000000 FROM generate_series(0, $1::int - 1) p,
              unnest(ARRAY['teacher_training', 'equipment', 'certification', 'materials', 'other']) c`,
      [pilots],
    );
    // Entry e is against budget e % pilots (so a budget's entries lie scattered over the table, as over a year).
    await step(
      `ledger entries (${entries})`,
      `INSERT INTO fund_entries (budget_id, school_id, province_code, city_code, kind, category, income_source, amount_fen, entry_date,
                                 counterparty, purpose, created_at)
       SELECT md5('b' || (e % $2::int))::uuid, md5('s' || (1 + (e % $2::int) % $3::int))::uuid, '440000', '440100',
              CASE WHEN e % 10 = 0 THEN 'income' ELSE 'spending' END,
              CASE WHEN e % 10 = 0 THEN NULL ELSE (ARRAY['teacher_training', 'equipment', 'certification', 'materials', 'other'])[1 + e % 5] END,
              CASE WHEN e % 10 = 0 THEN 'exam_service_fee' END,
              CASE WHEN e % 10 = 0 THEN 50000 ELSE -(100 + e % 9000) END,
              DATE '2026-01-01' + (e % 360), '收付款方', '基准记录', now()
       FROM generate_series(0, $1::int - 1) e`,
      [entries, pilots, schools],
    );
    await step('analyze', 'ANALYZE');
    return { adminId: admin.id, schoolId: (await q(`SELECT md5('s1')::uuid AS id`)).rows[0].id as string };
  } finally {
    await c.end();
  }
}

const BASELINE_ALLOCATION = `
  SELECT f.school_id, count(*) AS pilots, sum(m.planned_trainees) AS trainees,
         (SELECT count(*) FROM exam_registrations r WHERE r.school_id = f.school_id AND r.status = 'registered') AS regs,
         (SELECT count(*) FROM certificates c WHERE c.school_id = f.school_id AND c.revoked_at IS NULL) AS certs,
         (SELECT count(*) FROM exam_result_facts x WHERE x.school_id = f.school_id AND x.year = 2026) AS examined
  FROM filings f LEFT JOIN filing_majors m ON m.filing_id = f.id
  WHERE f.province_code = '440000' AND f.status IN ('approved', 'published') AND f.year <= 2026
  GROUP BY f.school_id`;
const BASELINE_REPORT = `
  SELECT b.filing_id, l.category, l.amount_fen,
         (SELECT coalesce(sum(-e.amount_fen), 0) FROM fund_entries e WHERE e.budget_id = b.id AND e.category = l.category) AS spent,
         (SELECT coalesce(sum(e.amount_fen), 0) FROM fund_entries e WHERE e.budget_id = b.id) AS balance
  FROM fund_budgets b JOIN fund_budget_lines l ON l.budget_id = b.id
  WHERE b.school_id = $1`;

export async function run(args: string[]): Promise<void> {
  const scale = arg(args, 'scale', 1);
  const schools = Math.max(2, Math.round(3000 * scale));
  const pilots = Math.max(schools, Math.round(20_000 * scale));
  const entries = Math.round(2_000_000 * scale);
  console.log(`funds: ${schools} schools, ${pilots} pilots, ${entries} ledger entries (scale ${scale})`);
  await withBenchDatabase('funds', async (url) => {
    const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    try {
      await migrate(database.db);
      await seedReferenceData(database.db);
      const { adminId, schoolId } = await load(url, schools, pilots, entries);
      const deps = { db: database.db, pool: database.pool, dbKind: database.kind, clock: systemClock, config: {} as Config } as Deps;
      const actor = {
        userId: adminId,
        username: 'bench-gd',
        displayName: '广东省教育厅（基准）',
        role: 'province_admin' as const,
        provinceCode: '440000',
        cityCode: null,
        schoolId: null,
        departmentId: null,
        orgId: null,
        via: 'session' as const,
      };
      const ctx: RequestContext = { actor, requestId: 'bench', clientIp: null };
      let shares = 0;
      const allocationMs = await median(async () => {
        shares = (await createAllocation(deps, ctx, { year: 2026, totalFen: 1_000_000_000_00, weights: DEFAULT_FACTOR_WEIGHTS })).shares
          .length;
      });
      const baselineAllocationMs = await median(() => database.pool.query(BASELINE_ALLOCATION));
      let reportBytes = 0;
      const reportMs = await median(async () => {
        reportBytes = (await schoolReportXlsx(deps, ctx, schoolId)).bytes.length;
      });
      const baselineReportMs = await median(() => database.pool.query(BASELINE_REPORT, [schoolId]));
      console.log(`  allocation: ${shares} shares; report: ${reportBytes} bytes`);
      console.log(
        `RESULT name=funds allocation_ms=${allocationMs.toFixed(1)} report_ms=${reportMs.toFixed(1)} baseline_allocation_ms=${baselineAllocationMs.toFixed(1)} baseline_report_ms=${baselineReportMs.toFixed(1)} schools=${schools} pilots=${pilots} entries=${entries}`,
      );
    } finally {
      await database.close();
    }
  });
}

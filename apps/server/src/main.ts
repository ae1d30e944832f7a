import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { ROLE_LABELS } from '@onex/shared';
import { buildApp } from './app';
import { type Config, loadConfig } from './config';
import { prepareDatabase } from './db/prepare';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './db/seed/demo';
import { DEMO_ROBOT_ORG_USERNAME } from './db/seed/demo-exams';
import { systemClock } from './lib/clock';
import { writeAuditCheckpoint } from './modules/audit/audit.service';
import { notifyDeadlines } from './modules/notifications/notifications.service';
import { escalateOverdueComplaints } from './modules/supervision/complaints.service';
import { runReportingDuties } from './modules/supervision/reporting.service';
import { remindCaseDeadlines } from './modules/typical-cases/typical-cases.service';

/**
 * loadConfig → openDatabase (the embedded folder locked) → migrate → key check → (demo) → buildApp → audit checkpoint →
 * listen; closes cleanly on SIGINT/SIGTERM (last checkpoint, database closed, folder unlocked).
 */
async function main(): Promise<void> {
  // A .env file in the working folder is read when present (see .env.example); the environment wins.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  // A V8 flag Node does not take from NODE_OPTIONS; read by V8 at every full collection, so it applies from here on.
  if (config.heapGrowingPercent > 0) setFlagsFromString(`--heap-growing-percent=${config.heapGrowingPercent}`);
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config);
  // In a cluster, worker 1 alone runs the periodic duties and prints the banner (the primary migrated and seeded).
  const leader = !cluster.isWorker || process.env.ONEX_WORKER_ID === '1';
  const database = await prepareDatabase(config);
  const demoCreated =
    config.demo && !cluster.isWorker ? await seedDemo(database.db, systemClock.now(), config.secretKey, config.publicUrl) : false;
  const app = await buildApp({ config, db: database.db, dbKind: database.kind, pool: database.pool });

  // R3.11: deadline reminders at start, then hourly (idempotent per user and round).
  // R8.1, R8.5: reporting duties (new periods, missed-report flags, reminders) and overdue complaints on the same tick.
  // 000 三（三）: typical-case collections' deadline reminders to the schools that have not submitted (issue 14).
  const remind = () =>
    Promise.all([
      notifyDeadlines(database.db, systemClock.now()),
      escalateOverdueComplaints(database.db, systemClock.now()),
      runReportingDuties(database.db, systemClock.now()),
      remindCaseDeadlines(database.db, systemClock.now()),
    ]).catch((err: unknown) => app.log.error({ err }, '截止提醒或投诉上报失败 deadline reminders or complaint escalation failed'));
  const reminders = leader ? setInterval(() => void remind(), 60 * 60 * 1000).unref() : undefined;

  // Issue 20 item 6: the audit chain's head, signed, in audit_checkpoints and as a file — at start, daily and at shutdown.
  const checkpoint = () =>
    writeAuditCheckpoint(database.db, config.secretKey, config.auditCheckpointDir, systemClock.now()).catch((err: unknown) =>
      app.log.error({ err }, '审计检查点写入失败 audit checkpoint failed'),
    );
  if (leader) await checkpoint();
  const checkpoints = leader ? setInterval(() => void checkpoint(), 24 * 60 * 60 * 1000).unref() : undefined;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, '正在关闭 shutting down');
    clearInterval(reminders);
    clearInterval(checkpoints);
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close(); // stops accepting, lets in-flight requests finish
      if (leader) await checkpoint(); // rows removed while the server is stopped are then detected too
      await database.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (!leader) return;
  void remind();
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const lines = [
    '',
    `1+X 证书信息管理服务平台 已启动 — http://${shownHost}:${config.port}/`,
    `数据库 database: ${database.kind === 'pglite' ? `PGlite（嵌入式）${config.dataDir}` : 'PostgreSQL'}` +
      (config.replicas.urls.length ? ` + ${config.replicas.urls.length} 个只读副本 read replicas` : ''),
    ...(cluster.isWorker ? [`进程 processes: ${config.workers}（node:cluster）`] : []),
    `接口文档 API docs: http://${shownHost}:${config.port}/api/docs`,
  ];
  if (config.demo) {
    lines.push(
      demoCreated ? '已创建演示数据 demo data created.' : '演示数据 demo data:',
      `演示账号（密码均为 ${DEMO_PASSWORD}）demo accounts, password ${DEMO_PASSWORD}:`,
    );
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(12)} ${ROLE_LABELS[a.role].zh}  ${a.displayName}`);
    lines.push(
      `  ${DEMO_ROBOT_ORG_USERNAME.padEnd(12)} ${ROLE_LABELS.org_admin.zh}  工业机器人应用编程证书培训评价组织（考核、成绩与发证演示）`,
    );
    lines.push(`证书查询 verify a certificate: http://${shownHost}:${config.port}/verify`);
  }
  console.log(lines.join('\n') + '\n');
}

/**
 * Issue 19 item 2: `npm run serve -- --workers N` (or WORKERS=N) — the primary migrates and seeds once, then forks N
 * workers sharing the port (node:cluster); a worker that dies is replaced. Background jobs are rows claimed with
 * FOR UPDATE SKIP LOCKED, so each runs once whichever process claims it. The embedded database is one process.
 */
async function runPrimary(config: Config): Promise<void> {
  if (!config.databaseUrl)
    throw new Error(
      '嵌入式数据库只能由一个进程打开：多进程（--workers）需要 PostgreSQL（DATABASE_URL）' +
        '(the embedded database opens in one process: --workers needs PostgreSQL, DATABASE_URL)',
    );
  const database = await prepareDatabase(config);
  try {
    if (config.demo) await seedDemo(database.db, systemClock.now(), config.secretKey, config.publicUrl);
  } finally {
    await database.close();
  }
  let stopping = false;
  const fork = (id: number) => {
    const worker = cluster.fork({ ONEX_WORKER_ID: String(id) });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`工作进程 ${id} 退出 worker ${id} exited (${signal ?? code})，1 秒后重启 restarting in 1 s`);
      setTimeout(() => fork(id), 1_000).unref();
    });
  };
  for (let i = 1; i <= config.workers; i++) fork(i);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearTimeout(force);
        process.exit(0);
      }
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('启动失败 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

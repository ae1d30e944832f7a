import { existsSync } from 'node:fs';
import { ROLE_LABELS } from '@onex/shared';
import { buildApp } from './app';
import { loadConfig } from './config';
import { prepareDatabase } from './db/prepare';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './db/seed/demo';
import { DEMO_ROBOT_ORG_USERNAME } from './db/seed/demo-exams';
import { systemClock } from './lib/clock';
import { writeAuditCheckpoint } from './modules/audit/audit.service';
import { notifyDeadlines } from './modules/notifications/notifications.service';
import { escalateOverdueComplaints } from './modules/supervision/complaints.service';
import { runReportingDuties } from './modules/supervision/reporting.service';

/**
 * loadConfig → openDatabase (the embedded folder locked) → migrate → key check → (demo) → buildApp → audit checkpoint →
 * listen; closes cleanly on SIGINT/SIGTERM (last checkpoint, database closed, folder unlocked).
 */
async function main(): Promise<void> {
  // A .env file in the working folder is read when present (see .env.example); the environment wins.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const database = await prepareDatabase(config);
  const demoCreated = config.demo ? await seedDemo(database.db, systemClock.now(), config.secretKey, config.publicUrl) : false;
  const app = await buildApp({ config, db: database.db, dbKind: database.kind, pool: database.pool });

  // R3.11: deadline reminders at start, then hourly (idempotent per user and round).
  // R8.1, R8.5: reporting duties (new periods, missed-report flags, reminders) and overdue complaints on the same tick.
  const remind = () =>
    Promise.all([
      notifyDeadlines(database.db, systemClock.now()),
      escalateOverdueComplaints(database.db, systemClock.now()),
      runReportingDuties(database.db, systemClock.now()),
    ]).catch((err: unknown) => app.log.error({ err }, '截止提醒或投诉上报失败 deadline reminders or complaint escalation failed'));
  const reminders = setInterval(() => void remind(), 60 * 60 * 1000).unref();

  // Issue 20 item 6: the audit chain's head, signed, in audit_checkpoints and as a file — at start, daily and at shutdown.
  const checkpoint = () =>
    writeAuditCheckpoint(database.db, config.secretKey, config.auditCheckpointDir, systemClock.now()).catch((err: unknown) =>
      app.log.error({ err }, '审计检查点写入失败 audit checkpoint failed'),
    );
  await checkpoint();
  const checkpoints = setInterval(() => void checkpoint(), 24 * 60 * 60 * 1000).unref();

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
      await checkpoint(); // rows removed while the server is stopped are then detected too
      await database.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  void remind();
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const lines = [
    '',
    `1+X 证书信息管理服务平台 已启动 — http://${shownHost}:${config.port}/`,
    `数据库 database: ${database.kind === 'pglite' ? `PGlite（嵌入式）${config.dataDir}` : 'PostgreSQL'}`,
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

main().catch((err: unknown) => {
  console.error('启动失败 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

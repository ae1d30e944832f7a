import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';

const booleanish = z.enum(['1', '0', 'true', 'false', 'yes', 'no', '']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'SECRET_KEY must be 32 bytes in base64')
    .optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  TRUST_PROXY: booleanish.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO: booleanish.default(false),
  WEB_DIST: z.string().optional(),
  WEB_PRECOMPRESSED: booleanish.default(true),
  PUBLIC_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
  PUBLIC_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  PUBLIC_URL: z.string().url().optional(),
  VERIFY_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(60),
  LOGIN_ADDRESS_LIMIT: z.coerce.number().int().min(1).default(30),
  USER_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(30),
  USER_LIST_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(200),
  OVERLOAD_MAX_HEAP_MB: z.coerce.number().int().min(0).optional(),
  AUDIT_CHECKPOINT_DIR: z.string().optional(),
  DATABASE_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'DATABASE_APP_ROLE must be a lower-case PostgreSQL role name')
    .optional(),
  OVERLOAD_TARGET_WAIT_MS: z.coerce.number().int().min(0).default(500),
  OVERLOAD_MIN_IN_FLIGHT: z.coerce.number().int().min(1).default(8),
  SETTLEMENT_OVERDUE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  EXPORT_JOB_THRESHOLD: z.coerce.number().int().min(1).default(50_000),
  DATABASE_REPLICA_URLS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url())),
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).default(5),
  READ_YOUR_WRITES_SECONDS: z.coerce.number().int().min(0).default(10),
  DATABASE_PREPARED_STATEMENTS: booleanish.default(true),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  REDIS_URL: z.string().url().optional(),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(400).default(30),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** 32-byte key for encrypting personal data and private keys at rest. */
  secretKey: Buffer;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  trustProxy: boolean;
  logLevel: string;
  /** Create demo data on an empty database (always for the embedded default). */
  demo: boolean;
  /** Folder of the built web app; not served when missing. */
  webDist: string;
  /** Serve the build's .br/.gz copies to browsers that accept them (off: the uncompressed files, e.g. as a benchmark baseline). */
  webPrecompressed: boolean;
  /** Public endpoints without an account (learner activation and registration): requests per client address per window. */
  publicRateLimit: { max: number; windowSeconds: number };
  /** The platform's public address (no trailing slash): credential ids, issuer ids, QR codes and share links use it. */
  publicUrl: string;
  /** Public certificate verification: requests per client address per minute. */
  verifyRateLimitMax: number;
  /** Failed logins per client address within 15 minutes, across usernames (password spraying). */
  loginAddressLimit: number;
  /** Per-user limits per minute on signed-in routes: exports, PDFs and imports (`expensive`), searchable lists (`lists`). */
  userRateLimit: { expensive: number; lists: number };
  /** Folder of the signed audit checkpoint files (default `<DATA_DIR>/audit-checkpoints`). */
  auditCheckpointDir: string;
  /** PostgreSQL: the application's own role; db:migrate (run as the owner) grants it data access but no UPDATE/DELETE of the audit tables. */
  databaseAppRole: string | undefined;
  /**
   * Load shedding (503 OVERLOADED): event-loop delay (ms), heap used (bytes), and the wait an accepted signed-in request
   * may have (ms; in flight ≤ max(minInFlight, throughput × wait)); 0 disables one.
   */
  overload: { maxEventLoopDelayMs: number; maxHeapUsedBytes: number; targetWaitMs: number; minInFlight: number };
  /** Exam fees not settled this many days after the exam are flagged to the school and the province (002 三.5). */
  settlementOverdueDays: number;
  /** A list export of more rows than this is written by a background job (202 + GET /exports/{id}) instead of streamed. */
  exportJobThreshold: number;
  /** Issue 19: PostgreSQL streaming replicas for public verification, status lists, statistics and exports. */
  replicas: {
    urls: string[];
    /** A replica further behind than this (pg_last_xact_replay_timestamp) is skipped. */
    maxLagSeconds: number;
    /** After a write, the same user's reads go to the primary for this long (read your own writes). */
    readYourWritesSeconds: number;
  };
  /** Named prepared statements on hot reads; off behind a transaction-mode pooler older than PgBouncer 1.21. */
  preparedStatements: boolean;
  /** Connections per process to the primary (and to each replica). */
  poolSize: number;
  /** Rate-limit counters shared by all processes in Redis; in memory per process when absent. */
  redisUrl: string | undefined;
  /** GET /metrics answers only with `Authorization: Bearer <token>`; absent: /metrics is off (404). */
  metricsToken: string | undefined;
  /** Processes `npm run serve` starts (node:cluster); `--workers N` wins. */
  workers: number;
  /**
   * How far V8 lets the old heap grow past what survived the last full collection, in per cent (0: V8's own factor,
   * up to 4×). Request garbage promoted under load otherwise fills the old heap to 2–3× the live data before it is
   * collected: measured under the dashboard load of `npm run bench -- stats`, RSS 190–306 MB with V8's factor against
   * 165–178 MB at 20–50 %, at the same throughput.
   */
  heapGrowingPercent: number;
  version: string;
}

const VERSION = '0.1.0';

/** Reads the environment once; the result is passed down, never read from a global. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置有误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const embedded = !e.DATABASE_URL;
  let secretKey: Buffer;
  if (e.SECRET_KEY) secretKey = Buffer.from(e.SECRET_KEY, 'base64');
  else if (embedded) secretKey = embeddedSecret(dataDir);
  else throw new Error('配置有误：使用 DATABASE_URL 时必须设置 SECRET_KEY (SECRET_KEY is required with DATABASE_URL)');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    secretKey,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    demo: embedded || e.DEMO || argv.includes('--demo'),
    webDist: path.resolve(e.WEB_DIST ?? path.join(import.meta.dirname, '../../web/dist')),
    webPrecompressed: e.WEB_PRECOMPRESSED,
    publicRateLimit: { max: e.PUBLIC_RATE_LIMIT_MAX, windowSeconds: e.PUBLIC_RATE_LIMIT_WINDOW_SECONDS },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    verifyRateLimitMax: e.VERIFY_RATE_LIMIT_MAX,
    loginAddressLimit: e.LOGIN_ADDRESS_LIMIT,
    userRateLimit: { expensive: e.USER_RATE_LIMIT_MAX, lists: e.USER_LIST_RATE_LIMIT_MAX },
    overload: {
      maxEventLoopDelayMs: e.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
      // By default 90 % of the V8 heap limit: shed before the process dies of "heap out of memory".
      maxHeapUsedBytes:
        e.OVERLOAD_MAX_HEAP_MB === undefined ? Math.floor(getHeapStatistics().heap_size_limit * 0.9) : e.OVERLOAD_MAX_HEAP_MB * 1024 * 1024,
      targetWaitMs: e.OVERLOAD_TARGET_WAIT_MS,
      minInFlight: e.OVERLOAD_MIN_IN_FLIGHT,
    },
    auditCheckpointDir: path.resolve(e.AUDIT_CHECKPOINT_DIR ?? path.join(dataDir, 'audit-checkpoints')),
    databaseAppRole: e.DATABASE_APP_ROLE,
    settlementOverdueDays: e.SETTLEMENT_OVERDUE_DAYS,
    exportJobThreshold: e.EXPORT_JOB_THRESHOLD,
    replicas: {
      urls: e.DATABASE_REPLICA_URLS,
      maxLagSeconds: e.REPLICA_MAX_LAG_SECONDS,
      readYourWritesSeconds: e.READ_YOUR_WRITES_SECONDS,
    },
    preparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    poolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    metricsToken: e.METRICS_TOKEN,
    workers: workersArg(argv) ?? e.WORKERS,
    heapGrowingPercent: e.HEAP_GROWING_PERCENT,
    version: VERSION,
  };
}

/** `--workers N` or `--workers=N` on the command line (npm run serve -- --workers 4). */
function workersArg(argv: string[]): number | undefined {
  const i = argv.findIndex((a) => a === '--workers' || a.startsWith('--workers='));
  if (i < 0) return undefined;
  const raw = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error('配置有误：--workers 须为 1–64 的整数 (--workers must be an integer 1–64)');
  return n;
}

/** The embedded default keeps its generated key beside its data, so a fresh machine needs no setup. */
function embeddedSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

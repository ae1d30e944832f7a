import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
  PUBLIC_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
  PUBLIC_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  PUBLIC_URL: z.string().url().optional(),
  VERIFY_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(60),
  SETTLEMENT_OVERDUE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
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
  /** Public endpoints without an account (learner activation and registration): requests per client address per window. */
  publicRateLimit: { max: number; windowSeconds: number };
  /** The platform's public address (no trailing slash): credential ids, issuer ids, QR codes and share links use it. */
  publicUrl: string;
  /** Public certificate verification: requests per client address per minute. */
  verifyRateLimitMax: number;
  /** Exam fees not settled this many days after the exam are flagged to the school and the province (002 三.5). */
  settlementOverdueDays: number;
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
    publicRateLimit: { max: e.PUBLIC_RATE_LIMIT_MAX, windowSeconds: e.PUBLIC_RATE_LIMIT_WINDOW_SECONDS },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    verifyRateLimitMax: e.VERIFY_RATE_LIMIT_MAX,
    settlementOverdueDays: e.SETTLEMENT_OVERDUE_DAYS,
    version: VERSION,
  };
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

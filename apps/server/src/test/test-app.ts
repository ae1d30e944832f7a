import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { DEMO_PASSWORD, seedDemo } from '../db/seed/demo';
import type { Db } from '../db/types';
import { TestClock } from '../lib/clock';
import { createTestDb } from './test-db';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent',
    databaseUrl: undefined,
    secretKey: randomBytes(32),
    sessionIdleMinutes: 120,
    sessionMaxHours: 12,
    trustProxy: false,
    logLevel: 'silent',
    demo: true,
    webDist: '/nonexistent',
    webPrecompressed: true,
    publicRateLimit: { max: 10, windowSeconds: 60 },
    publicUrl: 'https://1x.example.cn',
    verifyRateLimitMax: 60,
    loginAddressLimit: 30,
    userRateLimit: { expensive: 30, lists: 300 },
    // Tests share two cores with other work: only the tests of shedding turn it on.
    auditCheckpointDir: '/nonexistent',
    databaseAppRole: undefined,
    overload: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0, targetWaitMs: 0, minInFlight: 16 },
    settlementOverdueDays: 30,
    exportJobThreshold: 50_000,
    replicas: { urls: [], maxLagSeconds: 5, readYourWritesSeconds: 10 },
    preparedStatements: true,
    poolSize: 10,
    redisUrl: undefined,
    metricsToken: undefined,
    workers: 1,
    heapGrowingPercent: 0,
    version: 'test',
    ...overrides,
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A logged-in browser-like client: sends the session cookie, and the CSRF header on mutations. */
export interface Agent {
  user: { id: string; username: string; role: string };
  cookie: string;
  csrfToken: string;
  request(method: Method, url: string, body?: unknown, extra?: Partial<InjectOptions>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  database: Database;
  clock: TestClock;
  config: Config;
  loginAs(username: string, password?: string): Promise<Agent>;
  close(): Promise<void>;
}

/** The real app on a fresh clone of the migrated test database, with the demo accounts, and a clock tests can move. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDb();
  const clock = new TestClock(new Date());
  const config = testConfig(overrides);
  await seedDemo(database.db, clock.now(), config.secretKey, config.publicUrl);
  const app = await buildApp({ config, db: database.db, dbKind: database.kind, pool: database.pool, clock, logger: false });
  await app.ready();

  async function loginAs(username: string, password = DEMO_PASSWORD): Promise<Agent> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const body = res.json<{ user: Agent['user']; csrfToken: string }>();
    const setCookie = res.headers['set-cookie'];
    const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
    const request: Agent['request'] = (method, url, payload, extra = {}) =>
      app.inject({
        method,
        url,
        headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': body.csrfToken }), ...(extra.headers ?? {}) },
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      });
    return {
      user: body.user,
      cookie,
      csrfToken: body.csrfToken,
      request,
      get: (url) => request('GET', url),
      post: (url, payload) => request('POST', url, payload ?? {}),
    };
  }

  return {
    app,
    db: database.db,
    database,
    clock,
    config,
    loginAs,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

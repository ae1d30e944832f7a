/**
 * Fixtures shared by the PostgreSQL benchmarks: a fresh database per run (BENCH_DATABASE_URL, default the local
 * server), people with valid 居民身份证 numbers, COPY helpers, and a session of n registered candidates.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ExamSessionStatus, idCardCheckChar } from '@onex/shared';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { seedReferenceData } from '../apps/server/src/db/seed/reference';
import { encryptIdNumber, idNumberHash } from '../apps/server/src/lib/personal-id';

export const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鑫宇浩然轩涵梓欣怡琪俊雨桐嘉晓志佳健婷乐';

export function dbUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function admin(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** A fresh database for one benchmark run, dropped afterwards whatever happens. */
export async function withBenchDatabase<T>(prefix: string, fn: (url: string) => Promise<T>): Promise<T> {
  const base = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  const name = `onex_bench_${prefix}_${process.pid}`;
  await admin(base, `CREATE DATABASE ${name}`);
  try {
    return await fn(dbUrl(base, name));
  } finally {
    await admin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** COPY … FROM STDIN of text-format lines. */
export async function copyIn(client: pg.PoolClient | pg.Client, statement: string, lines: Iterable<string>): Promise<void> {
  const stream = client.query(copyFrom(statement));
  async function* chunks() {
    let buf: string[] = [];
    for (const l of lines) {
      buf.push(l);
      if (buf.length >= 5000) {
        yield buf.join('');
        buf = [];
      }
    }
    if (buf.length) yield buf.join('');
  }
  await pipeline(Readable.from(chunks()), stream);
}

export interface Person {
  id: string;
  idNumber: string;
  name: string;
  score: number;
  passed: boolean;
}

/** n distinct valid 居民身份证 numbers (birth dates from 1990 on × 3-digit sequences), names, scores 0–100.0. */
export function people(n: number, passAll = false): Person[] {
  const base = Date.UTC(1990, 0, 1);
  const out: Person[] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(base + (i % 5000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `440106${day}${String(Math.floor(i / 5000)).padStart(3, '0')}`;
    const score = passAll ? 60 + ((i * 37) % 401) / 10 : ((i * 379) % 1001) / 10;
    out.push({
      id: randomUUID(),
      idNumber: first17 + idCardCheckChar(first17),
      name: SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + (i % 3 ? GIVEN[(i * 13) % GIVEN.length]! : ''),
      score,
      passed: score >= 60,
    });
  }
  return out;
}

export interface RegisteredSession {
  sessionId: string;
  userId: string;
  orgId: string;
  rows: Person[];
}

/**
 * Migrates the database, seeds reference data, and creates a school, an org_admin of the first certificate with a pass
 * mark of 60, an approved site and a session in `status` with the n people registered with consent (COPY).
 */
export async function setupRegisteredSession(
  url: string,
  secretKey: Buffer,
  rows: Person[],
  status: ExamSessionStatus,
): Promise<RegisteredSession> {
  const n = rows.length;
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    await migrate(database.db);
    await seedReferenceData(database.db);
    const db = database.db;
    const ct = await db
      .selectFrom('certificate_types as c')
      .innerJoin('certificate_levels as l', 'l.certificate_type_id', 'c.id')
      .select(['c.id', 'c.org_id', 'l.level'])
      .where('l.pass_mark', '=', '60')
      .orderBy('c.code')
      .limit(1)
      .executeTakeFirstOrThrow();
    const now = new Date();
    const school = await db
      .insertInto('schools')
      .values({ name: '基准测试职业学院', school_type: 'higher', province_code: '440000', city_code: '440100' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await db
      .insertInto('users')
      .values({
        username: 'bench-org',
        display_name: '基准测试组织',
        password_hash: '-',
        role: 'org_admin',
        org_id: ct.org_id,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const site = await db
      .insertInto('exam_sites')
      .values({
        org_id: ct.org_id,
        school_id: school.id,
        province_code: '440000',
        city_code: '440100',
        certificate_type_id: ct.id,
        name: '基准考核站点',
        address: '广州',
        capacity: n,
        status: 'approved',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await db
      .insertInto('exam_sessions')
      .values({
        org_id: ct.org_id,
        certificate_type_id: ct.id,
        level: ct.level,
        exam_site_id: site.id,
        province_code: '440000',
        city_code: '440100',
        exam_date: '2026-06-20',
        exam_form: 'computer',
        capacity: n,
        registration_opens_at: new Date('2026-04-01T00:00:00Z'),
        registration_closes_at: new Date('2026-05-01T00:00:00Z'),
        status,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const client = await pool.connect();
    try {
      const at = now.toISOString();
      await copyIn(
        client,
        'COPY learners (id, kind, school_id, province_code, city_code, name, id_type, id_number_enc, id_number_hash, id_number_last4, created_at) FROM STDIN',
        (function* () {
          for (const p of rows)
            yield `${p.id}\tpilot_student\t${school.id}\t440000\t440100\t${p.name}\tid_card\t${encryptIdNumber(secretKey, p.idNumber)}\t${idNumberHash(secretKey, p.idNumber)}\t${p.idNumber.slice(-4)}\t${at}\n`;
        })(),
      );
      await copyIn(
        client,
        'COPY exam_registrations (session_id, learner_id, school_id, province_code, org_id, status, consent_at, consent_via, created_at) FROM STDIN',
        (function* () {
          for (const p of rows) yield `${session.id}\t${p.id}\t${school.id}\t440000\t${ct.org_id}\tregistered\t${at}\tlearner\t${at}\n`;
        })(),
      );
      await client.query('ANALYZE learners; ANALYZE exam_registrations');
    } finally {
      client.release();
      await pool.end();
    }
    return { sessionId: session.id, userId: user.id, orgId: ct.org_id, rows };
  } finally {
    await database.close();
  }
}

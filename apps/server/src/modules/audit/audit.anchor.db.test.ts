import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restrictAppRole } from '../../db/app-role';
import { assertSecretKeyMatches } from '../../db/key-check';
import { migrate } from '../../db/migrate';
import { seedReferenceData } from '../../db/seed/reference';
import type { Database } from '../../db/database';
import { createTestDb } from '../../test/test-db';
import { verificationReport } from './audit.report';
import { recordAudit, verifyAuditLog, writeAuditCheckpoint } from './audit.service';

const secretKey = randomBytes(32);
let database: Database;
let dir: string;
beforeAll(async () => {
  database = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), 'onex-cp-'));
});
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const engine = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const anchors = () => ({ secretKey, checkpointDir: dir });

async function addRows(n: number): Promise<void> {
  for (let i = 0; i < n; i++)
    await database.db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, { actor: null, requestId: 'anchor-test', clientIp: null }, new Date(), { action: 'test.row', targetType: 'test' }),
      );
}

/** The owner's way around the append-only trigger: the tamperer these tests play. */
async function asOwnerWithoutTrigger(statement: ReturnType<typeof sql>): Promise<void> {
  await database.db.connection().execute(async (conn) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(conn);
    try {
      await statement.execute(conn);
    } finally {
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(conn);
    }
  });
}

describe(`issue 20 item 6: the audit chain anchored by signed checkpoints (${engine})`, () => {
  it('UPDATE, DELETE and TRUNCATE of audit_log and audit_checkpoints are refused by the append-only triggers', async () => {
    await addRows(3);
    await writeAuditCheckpoint(database.db, secretKey, dir, new Date());
    for (const statement of [
      sql`UPDATE audit_log SET summary = '{"forged": true}' WHERE id = (SELECT max(id) FROM audit_log)`,
      sql`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`,
      sql`TRUNCATE audit_log`,
      sql`UPDATE audit_checkpoints SET row_count = 0`,
      sql`DELETE FROM audit_checkpoints`,
      sql`TRUNCATE audit_checkpoints`,
    ])
      await expect(statement.execute(database.db)).rejects.toThrow(/审计记录只能追加/);
  });

  it('an intact chain agrees with every checkpoint, in the table and in the files', async () => {
    await addRows(2);
    const { checkpoint, file } = await writeAuditCheckpoint(database.db, secretKey, dir, new Date());
    expect(file && JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ lastId: checkpoint.lastId, rowCount: checkpoint.rowCount });
    const v = await verifyAuditLog(database.db, anchors());
    expect(v).toMatchObject({ broken: null, anchorProblems: [] });
    expect(v.anchors).toBe(4); // two checkpoints, each in the table and as a file
    expect(verificationReport(v).ok).toBe(true);
  });

  it('deleting the newest rows after a checkpoint is detected (the chain alone says intact)', async () => {
    await addRows(2);
    await writeAuditCheckpoint(database.db, secretKey, dir, new Date());
    const before = await verifyAuditLog(database.db, anchors());
    await asOwnerWithoutTrigger(sql`DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT 2)`);
    expect((await verifyAuditLog(database.db)).broken).toBeNull(); // what audit:verify said before checkpoints
    const after = await verifyAuditLog(database.db, anchors());
    expect(after.broken).toBeNull();
    expect(after.checked).toBe(before.checked - 2);
    expect(after.anchorProblems.map((p) => p.reason)).toEqual(['not_reached', 'not_reached']); // table and file
    const report = verificationReport(after);
    expect(report.ok).toBe(false);
    expect(report.lines[0]).toContain('审计日志被截断');
  });

  it('a tampered checkpoint (file edited, forged row) is detected by its signature', async () => {
    const file = path.join(dir, readdirSync(dir).sort().at(-1)!);
    const body = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...body, rowCount: body.rowCount - 2 }));
    await sql`INSERT INTO audit_checkpoints (at, last_id, row_count, last_hash, signature)
              VALUES (now(), 1, 1, 'x', ${'0'.repeat(64)})`.execute(database.db);
    const v = await verifyAuditLog(database.db, anchors());
    const bad = v.anchorProblems.filter((p) => p.reason === 'signature_invalid').map((p) => p.source);
    expect(bad).toContain(file);
    expect(bad.some((s) => s.startsWith('audit_checkpoints#'))).toBe(true);
    expect(verificationReport(v).lines.join('\n')).toContain('签名无效');
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'PostgreSQL: the application role (db:migrate grants) starts the platform and inserts audit rows, but may not UPDATE, DELETE or TRUNCATE them',
    async () => {
      const role = `onex_app_${process.pid}_${randomBytes(3).toString('hex')}`;
      await sql`CREATE ROLE ${sql.id(role)}`.execute(database.db);
      try {
        expect(await restrictAppRole(database.db, role)).toBe(true);
        await database.db.connection().execute(async (conn) => {
          await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(conn); // the privileges alone must hold
          await sql`SET ROLE ${sql.id(role)}`.execute(conn);
          try {
            // The platform starts as this role: nothing left to migrate, reference data and key check as usual.
            expect(await migrate(conn)).toEqual([]);
            await seedReferenceData(conn);
            await assertSecretKeyMatches(conn, secretKey, new Date());
            await recordAudit(conn, { actor: null, requestId: 'app-role', clientIp: null }, new Date(), {
              action: 'test.role',
              targetType: 'test',
            });
            await expect(sql`DELETE FROM audit_log`.execute(conn)).rejects.toThrow(/permission denied/);
            await expect(sql`UPDATE audit_log SET action = 'x'`.execute(conn)).rejects.toThrow(/permission denied/);
            await expect(sql`TRUNCATE audit_log`.execute(conn)).rejects.toThrow(/permission denied/);
            await expect(sql`DELETE FROM audit_checkpoints`.execute(conn)).rejects.toThrow(/permission denied/);
          } finally {
            await sql`RESET ROLE`.execute(conn);
            await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(conn);
          }
        });
      } finally {
        await sql`REASSIGN OWNED BY ${sql.id(role)} TO CURRENT_USER`.execute(database.db);
        await sql`DROP OWNED BY ${sql.id(role)}`.execute(database.db);
        await sql`DROP ROLE ${sql.id(role)}`.execute(database.db);
      }
    },
  );
});

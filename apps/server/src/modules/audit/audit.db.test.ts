import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/test-app';
import { auditCount } from '../../test/factories';
import { recordAudit, verifyAuditLog } from './audit.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('audit log (R8.6)', () => {
  it('a change writes its audit row: actor, role, action, target, summary, request id, client address', async () => {
    const gd = await t.loginAs('gd-admin');
    const res = await gd.request(
      'POST',
      '/api/v1/users',
      { username: 'audit-expert', displayName: '审计专家', role: 'expert', password: 'Secret2026x' },
      { headers: { 'x-request-id': 'req-audit-1' } },
    );
    expect(res.statusCode).toBe(201);
    const row = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('target_id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor_username: 'gd-admin',
      actor_role: 'province_admin',
      target_type: 'user',
      request_id: 'req-audit-1',
      client_ip: '127.0.0.1',
      province_code: '440000',
    });
    expect(row.summary).toMatchObject({ username: 'audit-expert', role: 'expert' });
  });

  it('passwords and tokens never reach the audit log', async () => {
    const org = await t.loginAs('org-bim');
    const { token } = (await org.post('/api/v1/api-tokens', { name: '对接' })).json();
    await org.post('/api/v1/auth/password', { currentPassword: 'Demo@2026', newPassword: 'Another2026x' });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'national', password: 'Typo2026x' } });
    const all = await sql<{ t: string }>`SELECT string_agg(summary::text, ' ') AS t FROM audit_log`.execute(t.db);
    const text = all.rows[0]!.t;
    for (const secret of ['Secret2026x', 'Another2026x', 'Demo@2026', 'Typo2026x', token]) expect(text).not.toContain(secret);
  });

  it('a failed change leaves no audit row (409 username taken)', async () => {
    const before = await auditCount(t.db);
    const gd = await t.loginAs('gd-admin');
    const afterLogin = await auditCount(t.db);
    expect(afterLogin).toBe(before + 1); // the login itself
    const res = await gd.post('/api/v1/users', { username: 'audit-expert', displayName: 'x', role: 'expert', password: 'Secret2026x' });
    expect(res.statusCode).toBe(409);
    expect(await auditCount(t.db)).toBe(afterLogin);
  });

  it('the audit row is in the change’s transaction: when writing it fails, the change is rolled back', async () => {
    await sql`CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN
      IF NEW.summary->>'username' = 'boom-user' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
      t.db,
    );
    await sql`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()`.execute(t.db);
    try {
      const gd = await t.loginAs('gd-admin');
      const res = await gd.post('/api/v1/users', { username: 'boom-user', displayName: 'x', role: 'expert', password: 'Secret2026x' });
      expect(res.statusCode).toBe(500);
      expect(res.json().error).toMatchObject({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
      expect(res.body).not.toContain('audit refused');
      expect(await t.db.selectFrom('users').select('id').where('username', '=', 'boom-user').executeTakeFirst()).toBeUndefined();
    } finally {
      await sql`DROP TRIGGER refuse_audit ON audit_log`.execute(t.db);
      await sql`DROP FUNCTION refuse_audit()`.execute(t.db);
    }
  });

  it('a rolled-back transaction takes its audit row with it', async () => {
    const before = await auditCount(t.db);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: null, requestId: 'r', clientIp: null }, new Date(), {
          action: 'test.rollback',
          targetType: 'test',
        });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await auditCount(t.db)).toBe(before);
  });

  it('audit:verify passes an intact chain and names the first tampered row', async () => {
    const ok = await verifyAuditLog(t.db);
    expect(ok.broken).toBeNull();
    expect(ok.checked).toBe(await auditCount(t.db));
    const rows = await t.db.selectFrom('audit_log').select('id').orderBy('id').execute();
    const victim = rows[3]!.id;
    // Only the owner can rewrite the append-only table (0014): the tamperer this test plays.
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(t.db);
    await sql`UPDATE audit_log SET summary = '{"forged": true}' WHERE id = ${victim}`.execute(t.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(t.db);
    const bad = await verifyAuditLog(t.db);
    expect(bad.broken).toEqual({ id: victim, reason: 'hash_mismatch' });
    expect(bad.checked).toBe(3);
  });
});

describe('audit search page (scoped)', () => {
  it('an administrator sees only the rows of its own scope', async () => {
    const hb = await t.loginAs('hb-admin');
    const gd = await t.loginAs('gd-admin');
    const gdRows = (await gd.get('/api/v1/audit-log?pageSize=200')).json();
    expect(gdRows.total).toBeGreaterThan(0);
    expect(gdRows.items.some((r: { actorUsername: string }) => r.actorUsername === 'hb-admin')).toBe(false);
    const hbRows = (await hb.get('/api/v1/audit-log?pageSize=200&action=user.')).json();
    expect(hbRows.items.some((r: { actorUsername: string }) => r.actorUsername === 'gd-admin')).toBe(false);
    const filtered = (await gd.get('/api/v1/audit-log?actor=gd-admin&action=user.create')).json();
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(
      filtered.items.every((r: { action: string; actorUsername: string }) => r.action === 'user.create' && r.actorUsername === 'gd-admin'),
    ).toBe(true);
  });

  it('is refused to roles that are not administrators', async () => {
    const learner = await t.loginAs('learner1');
    expect((await learner.get('/api/v1/audit-log')).statusCode).toBe(403);
  });
});

describe('R1.6 issue 21 #4 the audit log exports with its labels', () => {
  it('the .xlsx of the audit log names actions and object types in Chinese, as the audit page does', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const national = await t.loginAs('national');
    const r = await national.get('/api/v1/audit-log?action=system.demo_seed&format=xlsx');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const row = sheet.getRow(2).values as unknown[];
    expect(row[header.indexOf('操作')]).toBe('初始化演示数据');
    expect(row[header.indexOf('对象类型')]).toBe('系统');
  });
});

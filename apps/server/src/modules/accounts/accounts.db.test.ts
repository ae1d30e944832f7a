import { ROLES, type Role, canCreateRole } from '@onex/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, createTestApp } from '../../test/test-app';
import { demoIds } from '../../test/factories';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
const agents = new Map<Role, Agent>();

/** One account of every role, all in Guangdong / 广东生态工程职业学院 / the BIM organization ("home"). */
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  const national = await t.loginAs('national');
  const gdst = await t.loginAs('gdst-admin');
  for (const [role, username] of [
    ['national_admin', 'national'],
    ['province_admin', 'gd-admin'],
    ['municipal_admin', 'gz-admin'],
    ['expert', 'expert1'],
    ['school_admin', 'gdst-admin'],
    ['org_admin', 'org-bim'],
    ['learner', 'learner1'],
  ] as const) {
    agents.set(role, await t.loginAs(username));
  }
  expect(
    (
      await gdst.post('/api/v1/users', {
        username: 'm-dept',
        displayName: '系主任',
        role: 'department_admin',
        password: 'Passw0rd!',
        departmentId: ids.gdstDept,
      })
    ).statusCode,
  ).toBe(201);
  expect(
    (await gdst.post('/api/v1/users', { username: 'm-leader', displayName: '试点负责人', role: 'project_leader', password: 'Passw0rd!' }))
      .statusCode,
  ).toBe(201);
  agents.set('department_admin', await t.loginAs('m-dept', 'Passw0rd!'));
  agents.set('project_leader', await t.loginAs('m-leader', 'Passw0rd!'));
  expect(national).toBeDefined();
});
afterAll(() => t.close());

/** The scope fields of a new account of `role`, at home (in the Guangdong actors' scope) or away (Hubei / the other organization). */
function targetFields(role: Role, where: 'home' | 'away'): Record<string, string> {
  const home = where === 'home';
  switch (role) {
    case 'province_admin':
    case 'expert':
      return { provinceCode: home ? '440000' : '420000' };
    case 'municipal_admin':
      return { cityCode: home ? '440100' : '420100' };
    case 'school_admin':
    case 'project_leader':
      return { schoolId: home ? ids.gdst : ids.whvc };
    case 'department_admin':
      return { departmentId: home ? ids.gdstDept : ids.whvcDept };
    case 'org_admin':
      return { orgId: home ? ids.orgBim : ids.orgWeb };
    default:
      return {};
  }
}

function expected(actor: Role, target: Role, where: 'home' | 'away'): number {
  if (!canCreateRole(actor, target)) return 403;
  if (actor === 'national_admin') return 201; // its scope is everything
  return where === 'home' ? 201 : 404;
}

let n = 0;
describe('account creation scope matrix (issue 2 §4: each role × each target role × in/out of scope)', () => {
  for (const actor of ROLES) {
    for (const target of ROLES) {
      for (const where of ['home', 'away'] as const) {
        const status = expected(actor, target, where);
        it(`${actor} creating ${target} ${where === 'home' ? 'in' : 'out of'} scope → ${status}`, async () => {
          const username = `mx-${++n}`;
          const res = await agents.get(actor)!.post('/api/v1/users', {
            username,
            displayName: `测试${n}`,
            role: target,
            password: 'Passw0rd!',
            ...targetFields(target, where),
          });
          expect(res.statusCode, res.body).toBe(status);
          const exists = await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
          expect(!!exists).toBe(status === 201);
          if (status === 201) {
            // The creator finds the new account in its own scoped list.
            const list = (await agents.get(actor)!.get(`/api/v1/users?q=${username}`)).json();
            expect(list.items.map((i: { username: string }) => i.username)).toContain(username);
          }
        });
      }
    }
  }
});

describe('account management', () => {
  it('requires the scope a role needs (400 with the field)', async () => {
    const res = await agents
      .get('national_admin')!
      .post('/api/v1/users', { username: 'no-scope', displayName: '无', role: 'org_admin', password: 'Passw0rd!' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'body.orgId' }] } });
  });

  it('refuses a taken username (409) and a weak password (400)', async () => {
    const gd = agents.get('province_admin')!;
    expect(
      (await gd.post('/api/v1/users', { username: 'GZ-ADMIN', displayName: 'x', role: 'expert', password: 'Passw0rd!' })).json().error.code,
    ).toBe('USERNAME_TAKEN');
    expect(
      (await gd.post('/api/v1/users', { username: 'weak-one', displayName: 'x', role: 'expert', password: 'password' })).json().error.code,
    ).toBe('PASSWORD_WEAK');
  });

  it('lists only accounts in scope', async () => {
    const gd = (await agents.get('province_admin')!.get('/api/v1/users?pageSize=200')).json();
    expect(gd.items.every((u: { scope: { provinceCode?: string } }) => u.scope.provinceCode === '440000')).toBe(true);
    expect(gd.items.map((u: { username: string }) => u.username)).not.toContain('hb-admin');
    const school = (await agents.get('school_admin')!.get('/api/v1/users?pageSize=200')).json();
    expect(school.items.every((u: { scope: { schoolId?: string } }) => u.scope.schoolId === ids.gdst)).toBe(true);
    expect((await agents.get('learner')!.get('/api/v1/users')).statusCode).toBe(403);
  });

  it('an account outside the scope is 404; inside the scope but not manageable is 403', async () => {
    const gd = agents.get('province_admin')!;
    const hb = await t.db.selectFrom('users').select('id').where('username', '=', 'hb-admin').executeTakeFirstOrThrow();
    const whvcAdmin = await t.db.selectFrom('users').select('id').where('school_id', '=', ids.whvc).executeTakeFirst();
    const gz = await t.db.selectFrom('users').select('id').where('username', '=', 'gz-admin').executeTakeFirstOrThrow();
    const gdSelf = await t.db.selectFrom('users').select('id').where('username', '=', 'gd-admin').executeTakeFirstOrThrow();
    expect((await gd.post(`/api/v1/users/${hb.id}/status`, { status: 'disabled' })).statusCode).toBe(404);
    if (whvcAdmin) expect((await gd.post(`/api/v1/users/${whvcAdmin.id}/status`, { status: 'disabled' })).statusCode).toBe(404);
    expect((await gd.post(`/api/v1/users/${gdSelf.id}/status`, { status: 'disabled' })).statusCode).toBe(403);
    expect((await gd.post(`/api/v1/users/00000000-0000-4000-8000-000000000000/status`, { status: 'disabled' })).statusCode).toBe(404);

    const res = await gd.post(`/api/v1/users/${gz.id}/status`, { status: 'disabled' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'gz-admin', password: 'Demo@2026' },
    });
    expect(login.json().error.code).toBe('ACCOUNT_DISABLED');
    expect((await agents.get('municipal_admin')!.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await gd.post(`/api/v1/users/${gz.id}/status`, { status: 'active' })).statusCode).toBe(200);
  });

  it('an administrator resets a password inside its scope', async () => {
    const gdst = agents.get('school_admin')!;
    const leader = await t.db.selectFrom('users').select('id').where('username', '=', 'm-leader').executeTakeFirstOrThrow();
    expect((await gdst.post(`/api/v1/users/${leader.id}/password`, { newPassword: 'Reset2026x' })).statusCode).toBe(204);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'm-leader', password: 'Reset2026x' } });
    expect(ok.statusCode).toBe(200);
  });

  it('scope options list only the administrator’s own places', async () => {
    const o = (await agents.get('province_admin')!.get('/api/v1/users/scope-options')).json();
    expect(o.provinces.map((p: { code: string }) => p.code)).toEqual(['440000']);
    expect(o.cities.every((c: { parentCode: string }) => c.parentCode === '440000')).toBe(true);
    expect(o.schools.map((s: { id: string }) => s.id)).not.toContain(ids.whvc);
    expect(o.orgs).toEqual([]);
  });
});

import { type AccountDto, type ApiTokenDto, type CreateUserRequest, type Page, ROLE_LABELS, type Role } from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import { hashPassword, assertPasswordAllowed } from '../../auth/password';
import { scopeOf, inScope } from '../../auth/scope';
import type { Db } from '../../db/types';
import type { Deps } from '../../lib/deps';
import { AppError, notFound } from '../../lib/errors';
import { newSecret, sha256Hex } from '../../lib/tokens';
import { recordAudit } from '../audit/audit.service';
import { type AccountScope, decideAccountManagement, missingScopeFacts } from './accounts.policy';
import * as q from './accounts.queries';

export const ACCOUNT_ADMIN_ROLES: readonly Role[] = ['national_admin', 'province_admin', 'school_admin'];

function toAccountDto(r: q.AccountRow): AccountDto {
  const scope: AccountDto['scope'] = {};
  if (r.province_code) scope.provinceCode = r.province_code;
  if (r.city_code) scope.cityCode = r.city_code;
  if (r.school_id) scope.schoolId = r.school_id;
  if (r.department_id) scope.departmentId = r.department_id;
  if (r.org_id) scope.orgId = r.org_id;
  const label = [r.org_name, r.school_name ?? [r.province_name, r.city_name].filter(Boolean).join(' '), r.department_name]
    .filter(Boolean)
    .join(' / ');
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    scope,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    scopeLabel: label || (r.role === 'national_admin' ? '全国' : ''),
  };
}

/** Resolves where a new account of `role` would live, from the ids in the request (absent facts default to the actor's own). */
async function resolveTargetScope(db: Db, actorScope: AccountScope, input: CreateUserRequest): Promise<AccountScope | null> {
  const none: AccountScope = { provinceCode: null, cityCode: null, schoolId: null, departmentId: null, orgId: null };
  switch (input.role) {
    case 'province_admin':
    case 'expert': {
      const code = input.provinceCode ?? actorScope.provinceCode;
      if (!code) return none;
      const r = await q.findRegion(db, code);
      return r?.level === 'province' ? { ...none, provinceCode: r.code } : null;
    }
    case 'municipal_admin': {
      if (!input.cityCode) return none;
      const r = await q.findRegion(db, input.cityCode);
      return r?.level === 'city' ? { ...none, provinceCode: r.parent_code, cityCode: r.code } : null;
    }
    case 'org_admin': {
      if (!input.orgId) return none;
      return (await q.findOrg(db, input.orgId)) ? { ...none, orgId: input.orgId } : null;
    }
    case 'school_admin':
    case 'project_leader': {
      const schoolId = input.schoolId ?? actorScope.schoolId;
      if (!schoolId) return none;
      const s = await q.findSchool(db, schoolId);
      if (!s) return null;
      const base = { ...none, provinceCode: s.province_code, cityCode: s.city_code, schoolId: s.id };
      if (input.role === 'school_admin' || !input.departmentId) return base;
      const d = await q.findDepartment(db, input.departmentId);
      return d && d.school_id === s.id ? { ...base, departmentId: d.id } : null;
    }
    case 'department_admin': {
      if (!input.departmentId) return none;
      const d = await q.findDepartment(db, input.departmentId);
      return d ? { ...none, provinceCode: d.province_code, cityCode: d.city_code, schoolId: d.school_id, departmentId: d.id } : null;
    }
    default:
      return none;
  }
}

export async function createAccount(deps: Deps, ctx: RequestContext, input: CreateUserRequest): Promise<AccountDto> {
  const actor = requireActor(ctx);
  const actorScope: AccountScope = {
    provinceCode: actor.provinceCode,
    cityCode: actor.cityCode,
    schoolId: actor.schoolId,
    departmentId: actor.departmentId,
    orgId: actor.orgId,
  };
  const target = await resolveTargetScope(deps.db, actorScope, input);
  if (!target) throw notFound();
  const decision = decideAccountManagement(actor, input.role, target);
  if (decision === 'forbidden') throw new AppError('FORBIDDEN');
  const missing = missingScopeFacts(input.role, target);
  if (missing.length)
    throw new AppError('VALIDATION_FAILED', { fields: missing.map((f) => ({ path: `body.${f}`, message: '此角色的账号须指定所属范围' })) });
  if (decision === 'not_found') throw notFound();
  assertPasswordAllowed(input.password, deps.config.demo);
  if (await q.usernameExists(deps.db, input.username)) throw new AppError('USERNAME_TAKEN');

  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await q.insertUser(trx, {
      ...target,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      createdAt: now,
      createdBy: actor.userId,
    });
    await recordAudit(trx, ctx, now, {
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      summary: {
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        roleLabel: ROLE_LABELS[input.role].zh,
        ...target,
      },
      scope: target,
    });
    return id;
  });
  const row = await q.findAccount(deps.db, id);
  return toAccountDto(row!);
}

export async function listAccounts(
  deps: Deps,
  ctx: RequestContext,
  f: { q?: string | undefined; role?: Role | undefined },
  page: number,
  pageSize: number,
): Promise<Page<AccountDto>> {
  const actor = requireActor(ctx, ACCOUNT_ADMIN_ROLES);
  const { items, total } = await q.listAccounts(deps.db, scopeOf(actor), f, page, pageSize);
  return { items: items.map(toAccountDto), total, page, pageSize };
}

/** Loads an account the actor may manage: 404 outside its scope, 403 for a role it may not manage. */
async function manageableAccount(deps: Deps, ctx: RequestContext, id: string) {
  const actor = requireActor(ctx);
  const row = await q.findAccount(deps.db, id);
  const facts = row && {
    provinceCode: row.province_code,
    cityCode: row.city_code,
    schoolId: row.school_id,
    departmentId: row.department_id,
    orgId: row.org_id,
    userId: row.id,
  };
  if (!row || !facts || !inScope(scopeOf(actor), facts)) throw notFound();
  if (decideAccountManagement(actor, row.role, facts) !== 'allow') throw new AppError('FORBIDDEN');
  return { row, facts };
}

export async function setAccountStatus(deps: Deps, ctx: RequestContext, id: string, status: 'active' | 'disabled'): Promise<AccountDto> {
  const { row, facts } = await manageableAccount(deps, ctx, id);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await q.setUserStatus(trx, id, status);
    await recordAudit(trx, ctx, now, {
      action: `user.${status === 'active' ? 'enable' : 'disable'}`,
      targetType: 'user',
      targetId: id,
      summary: { username: row.username, from: row.status, to: status },
      scope: facts,
    });
  });
  return toAccountDto((await q.findAccount(deps.db, id))!);
}

export async function resetAccountPassword(deps: Deps, ctx: RequestContext, id: string, newPassword: string): Promise<void> {
  const { row, facts } = await manageableAccount(deps, ctx, id);
  assertPasswordAllowed(newPassword, deps.config.demo);
  const hash = await hashPassword(newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await q.setUserPassword(trx, id, hash);
    await recordAudit(trx, ctx, deps.clock.now(), {
      action: 'user.password_reset',
      targetType: 'user',
      targetId: id,
      summary: { username: row.username },
      scope: facts,
    });
  });
}

export async function accountScopeOptions(deps: Deps, ctx: RequestContext) {
  const actor = requireActor(ctx, ACCOUNT_ADMIN_ROLES);
  const o = await q.scopeOptions(deps.db, scopeOf(actor));
  return {
    provinces: o.provinces,
    cities: o.cities.map((c) => ({ code: c.code, name: c.name, parentCode: c.parent_code })),
    schools: o.schools.map((s) => ({ id: s.id, name: s.name, provinceCode: s.province_code, cityCode: s.city_code })),
    departments: o.departments.map((d) => ({ id: d.id, name: d.name, schoolId: d.school_id })),
    orgs: o.orgs,
  };
}

// ---- API tokens (evaluation organizations' systems) ----

function toTokenDto(t: { id: string; name: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    createdAt: t.created_at.toISOString(),
    lastUsedAt: t.last_used_at?.toISOString() ?? null,
    revokedAt: t.revoked_at?.toISOString() ?? null,
  };
}

function requireTokenOwner(ctx: RequestContext) {
  const actor = requireActor(ctx, ['org_admin']);
  // A token cannot mint tokens: only an interactive session can.
  if (actor.via !== 'session') throw new AppError('FORBIDDEN');
  return actor;
}

export async function createApiToken(deps: Deps, ctx: RequestContext, name: string): Promise<{ id: string; token: string }> {
  const actor = requireTokenOwner(ctx);
  const token = `onex_${newSecret(32)}`;
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await q.insertApiToken(trx, { userId: actor.userId, name, tokenHash: sha256Hex(token), at: now });
    await recordAudit(trx, ctx, now, {
      action: 'api_token.create',
      targetType: 'api_token',
      targetId: id,
      summary: { name },
      scope: { orgId: actor.orgId },
    });
    return id;
  });
  return { id, token };
}

export async function listApiTokens(deps: Deps, ctx: RequestContext): Promise<ApiTokenDto[]> {
  const actor = requireActor(ctx, ['org_admin']);
  return (await q.listApiTokens(deps.db, actor.userId)).map(toTokenDto);
}

export async function revokeApiToken(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx, ['org_admin']);
  const t = await q.findApiToken(deps.db, id);
  if (!t || t.user_id !== actor.userId) throw notFound();
  if (t.revoked_at) return;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await q.revokeApiToken(trx, id, now);
    await recordAudit(trx, ctx, now, {
      action: 'api_token.revoke',
      targetType: 'api_token',
      targetId: id,
      summary: { name: t.name },
      scope: { orgId: actor.orgId },
    });
  });
}

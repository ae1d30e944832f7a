import type { LoginResponse } from '@onex/shared';
import { type Actor, type RequestContext, requireActor, toUserDto } from '../../auth/actor';
import { hashPassword, assertPasswordAllowed, verifyAgainstDummy, verifyPassword } from '../../auth/password';
import type { UserRow } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { AppError } from '../../lib/errors';
import { newSecret, sha256Hex } from '../../lib/tokens';
import { recordAudit } from '../audit/audit.service';
import * as q from './auth.queries';
import { LOCKOUT, isAddressLimited, isLockedOut, isSessionExpired, sessionExpiry, shouldTouch } from './auth.rules';

type ActorRow = Pick<
  UserRow,
  'id' | 'username' | 'display_name' | 'role' | 'province_code' | 'city_code' | 'school_id' | 'department_id' | 'org_id'
>;

export function actorFromRow(u: ActorRow, via: Actor['via'], sessionId?: string): Actor {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    provinceCode: u.province_code,
    cityCode: u.city_code,
    schoolId: u.school_id,
    departmentId: u.department_id,
    orgId: u.org_id,
    via,
    ...(sessionId ? { sessionId } : {}),
  };
}

export function auditScopeOfUser(u: Pick<UserRow, 'province_code' | 'city_code' | 'school_id' | 'org_id'>) {
  return { provinceCode: u.province_code, cityCode: u.city_code, schoolId: u.school_id, orgId: u.org_id };
}

export interface LoginResult extends LoginResponse {
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  expiresAt: Date;
}

export async function login(
  deps: Deps,
  ctx: RequestContext,
  input: { username: string; password: string },
  userAgent: string | null,
): Promise<LoginResult> {
  const now = deps.clock.now();
  const { attemptId, failures } = await reserveAttempt(deps, ctx, input.username, now);

  const user = await q.findUserByUsername(deps.db, input.username);
  const ok = user ? await verifyPassword(user.password_hash, input.password) : (await verifyAgainstDummy(input.password), false);
  if (!user || !ok) {
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, now, {
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user?.id ?? null,
        summary: { username: input.username, failuresInWindow: failures + 1 },
        ...(user ? { scope: auditScopeOfUser(user) } : {}),
      }),
    );
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');

  const sessionToken = newSecret();
  const csrfToken = newSecret(24);
  const sessionId = sha256Hex(sessionToken);
  const expiresAt = sessionExpiry(now, deps.config.sessionMaxHours);
  const actor = actorFromRow(user, 'session', sessionId);
  await deps.db.transaction().execute(async (trx) => {
    await q.markAttemptSucceeded(trx, attemptId);
    await q.insertSession(trx, { id: sessionId, userId: user.id, csrfToken, at: now, expiresAt, clientIp: ctx.clientIp, userAgent });
    await recordAudit(trx, { ...ctx, actor }, now, {
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      scope: auditScopeOfUser(user),
    });
  });
  return { user: toUserDto(actor), csrfToken, sessionToken, expiresAt };
}

/**
 * Counts and records the attempt in one step, before any password is checked: the username's and the address's
 * earlier attempts are counted under their locks and this one is written as failed (marked succeeded if the password
 * matches). So parallel attempts never see a stale count: at most 5 passwords are checked per username per window.
 */
async function reserveAttempt(deps: Deps, ctx: RequestContext, username: string, now: Date) {
  const since = new Date(now.getTime() - LOCKOUT.windowMs);
  return deps.db.transaction().execute(async (trx) => {
    await q.lockLoginKeys(trx, username, ctx.clientIp);
    const failures = await q.countRecentFailures(trx, username, since);
    if (isLockedOut(failures)) throw new AppError('AUTH_LOCKED', { retryAfterMinutes: 15 });
    if (ctx.clientIp && isAddressLimited(await q.countAddressFailures(trx, ctx.clientIp, since), deps.config.loginAddressLimit))
      throw new AppError('RATE_LIMITED', { retryAfterSeconds: LOCKOUT.windowMs / 1000 });
    const attemptId = await q.insertLoginAttempt(trx, { username, at: now, succeeded: false, clientIp: ctx.clientIp });
    return { attemptId, failures };
  });
}

export async function logout(deps: Deps, ctx: RequestContext): Promise<void> {
  const actor = requireActor(ctx);
  if (!actor.sessionId) return;
  const sessionId = actor.sessionId;
  await deps.db.transaction().execute(async (trx) => {
    await q.deleteSession(trx, sessionId);
    await recordAudit(trx, ctx, deps.clock.now(), {
      action: 'auth.logout',
      targetType: 'user',
      targetId: actor.userId,
      scope: actorAuditScope(actor),
    });
  });
}

export function actorAuditScope(a: Actor) {
  return { provinceCode: a.provinceCode, cityCode: a.cityCode, schoolId: a.schoolId, orgId: a.orgId };
}

/** Changes the actor's password and ends its other sessions. */
export async function changePassword(
  deps: Deps,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = requireActor(ctx);
  const user = await q.findUserById(deps.db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) throw new AppError('PASSWORD_WRONG');
  assertPasswordAllowed(input.newPassword, deps.config.demo);
  const hash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await q.updatePasswordHash(trx, actor.userId, hash, now);
    await q.deleteOtherSessions(trx, actor.userId, actor.sessionId);
    await recordAudit(trx, ctx, now, {
      action: 'auth.password_change',
      targetType: 'user',
      targetId: actor.userId,
      scope: actorAuditScope(actor),
    });
  });
}

/** The actor's scope in words: 全国, 广东省, 广东省 广州市, a school (and department), an organization, or 本人. */
export async function describeScope(deps: Deps, actor: Actor): Promise<string> {
  if (actor.role === 'national_admin') return '全国';
  if (actor.role === 'learner') return '本人';
  const n = await q.scopeNames(deps.db, actor);
  if (n.org) return n.org;
  if (n.school) return [n.school, n.department].filter(Boolean).join(' / ');
  return [n.province, n.city].filter(Boolean).join(' ');
}

export type SessionLookup = { actor: Actor; csrfToken: string } | 'expired' | null;

/** The actor behind a session cookie; an expired session is removed. */
export async function resolveSession(deps: Deps, sessionToken: string): Promise<SessionLookup> {
  const id = sha256Hex(sessionToken);
  const s = await q.findSessionWithUser(deps.db, id);
  if (!s) return null;
  const now = deps.clock.now();
  if (
    s.status !== 'active' ||
    isSessionExpired({ lastSeenAt: s.last_seen_at, expiresAt: s.expires_at }, now, deps.config.sessionIdleMinutes)
  ) {
    await q.deleteSession(deps.db, id);
    return 'expired';
  }
  if (shouldTouch(s.last_seen_at, now)) await q.touchSession(deps.db, id, now);
  return { actor: actorFromRow(s, 'session', id), csrfToken: s.csrf_token };
}

/** The actor behind an API token (`Authorization: Bearer …`); null when unknown, revoked or its account disabled. */
export async function resolveApiToken(deps: Deps, token: string): Promise<Actor | null> {
  const t = await q.findApiTokenWithUser(deps.db, sha256Hex(token));
  if (!t || t.revoked_at || t.status !== 'active') return null;
  const now = deps.clock.now();
  if (!t.last_used_at || shouldTouch(t.last_used_at, now)) await q.touchApiToken(deps.db, t.token_id, now);
  return actorFromRow(t, 'token');
}

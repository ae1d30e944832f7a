import type { Role, UserDto } from '@onex/shared';
import { AppError } from '../lib/errors';

/** The authenticated party of a request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  provinceCode: string | null;
  cityCode: string | null;
  schoolId: string | null;
  departmentId: string | null;
  orgId: string | null;
  via: 'session' | 'token';
  sessionId?: string;
}

/** What every service call knows about its request. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  clientIp: string | null;
  /** A session cookie came with the request but its session had expired. */
  sessionExpired?: boolean;
}

export interface AuthedContext extends RequestContext {
  actor: Actor;
}

export function requireActor(ctx: RequestContext, roles?: readonly Role[]): Actor {
  if (!ctx.actor) throw new AppError(ctx.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  if (roles && !roles.includes(ctx.actor.role)) throw new AppError('FORBIDDEN');
  return ctx.actor;
}

export function toUserDto(
  a: Pick<Actor, 'userId' | 'username' | 'displayName' | 'role' | 'provinceCode' | 'cityCode' | 'schoolId' | 'departmentId' | 'orgId'>,
): UserDto {
  const scope: UserDto['scope'] = {};
  if (a.provinceCode) scope.provinceCode = a.provinceCode;
  if (a.cityCode) scope.cityCode = a.cityCode;
  if (a.schoolId) scope.schoolId = a.schoolId;
  if (a.departmentId) scope.departmentId = a.departmentId;
  if (a.orgId) scope.orgId = a.orgId;
  return { id: a.userId, username: a.username, displayName: a.displayName, role: a.role, scope };
}

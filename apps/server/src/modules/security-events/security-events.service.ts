import type { Page, SecurityEventDto, SecurityEventKind } from '@onex/shared';
import { type RequestContext, requireActor } from '../../auth/actor';
import type { Deps } from '../../lib/deps';
import * as q from './security-events.queries';

export interface SecurityEventInput {
  kind: SecurityEventKind;
  code: string;
  method: string;
  /** The route pattern, e.g. `/api/v1/files/:id`. */
  route: string;
  /** The path asked for, without its query string (which may hold ID numbers). */
  target: string;
}

/** Keeps one out-of-scope attempt or refusal of a signed-in actor; nothing is kept for anonymous requests. */
export async function recordSecurityEvent(deps: Deps, ctx: RequestContext, e: SecurityEventInput): Promise<void> {
  const actor = ctx.actor;
  if (!actor) return;
  await q.insertSecurityEvent(deps.db, {
    at: deps.clock.now(),
    kind: e.kind,
    code: e.code,
    actor_id: actor.userId,
    actor_username: actor.username,
    actor_role: actor.role,
    method: e.method,
    route: e.route.slice(0, 300),
    target: e.target.slice(0, 500),
    client_ip: ctx.clientIp,
    request_id: ctx.requestId,
  });
}

/** The national administrator reviews every event (the table holds no personal data beyond usernames and addresses). */
export async function searchSecurityEvents(
  deps: Deps,
  ctx: RequestContext,
  f: q.SecurityEventFilter,
  page: number,
  pageSize: number,
): Promise<Page<SecurityEventDto>> {
  requireActor(ctx, ['national_admin']);
  const { items, total } = await q.searchSecurityEvents(deps.db, f, page, pageSize);
  return {
    items: items.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      kind: r.kind,
      code: r.code,
      actorUsername: r.actor_username,
      actorRole: r.actor_role,
      method: r.method,
      route: r.route,
      target: r.target,
      clientIp: r.client_ip,
      requestId: r.request_id,
    })),
    total,
    page,
    pageSize,
  };
}

import { notificationQuerySchema, notificationSchema, pageOf } from '@onex/shared';
import { z } from 'zod';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import * as svc from './notifications.service';

const tags = ['站内通知 Notifications'];

export const registerNotificationRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: '我的站内通知（含未读数）My notifications, with the unread count',
        querystring: notificationQuerySchema,
        response: { 200: pageOf(notificationSchema).extend({ unreadCount: z.number().int() }), ...errorResponses(400, 401) },
      },
    },
    async (req) => svc.listNotifications(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags,
        summary: '全部标为已读 Mark all read',
        response: { 200: z.object({ updated: z.number().int() }), ...errorResponses(401) },
      },
    },
    async (req) => svc.markAllNotificationsRead(deps, ctxOf(req)),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: '标为已读 Mark one read',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: notificationSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => svc.markNotificationRead(deps, ctxOf(req), req.params.id),
  );
};

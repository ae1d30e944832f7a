import { myTodosSchema } from '@onex/shared';
import { ctxOf } from '../../http/auth-hook';
import { errorResponses } from '../../http/openapi';
import type { RouteModule } from '../../http/route-types';
import { myTodos } from './me.service';

export const registerMeRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/me/todos',
    {
      schema: {
        tags: ['待办 To-dos'],
        summary: '我的待办：各类待处理事项的数量及列表页 My waiting work: counts and the page listing each kind',
        description:
          '按当前用户的角色与管辖范围计数（与各列表的查询及范围相同）。Counted for the signed-in actor in its scope, by the same scoped queries as the lists.',
        response: { 200: myTodosSchema, ...errorResponses(401) },
      },
    },
    async (req) => myTodos(deps, ctxOf(req)),
  );
};

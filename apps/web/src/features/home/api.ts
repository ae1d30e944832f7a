import type { MyTodosDto } from '@onex/shared';
import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../lib/api';
import { fetchMe } from '../../lib/session';

export { useRegions } from '../../lib/regions';

/** The signed-in user's scope in words (`scopeLabel` of /auth/me). */
export function useScopeLabel(userId: string) {
  return useQuery({
    queryKey: ['session-scope-label', userId],
    queryFn: async () => {
      const me = await fetchMe();
      if (me.csrfToken) setCsrfToken(me.csrfToken);
      return me.scopeLabel ?? null;
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** 待办: the signed-in actor's waiting work (GET /me/todos), counted in its scope. */
export function useMyTodos() {
  return useQuery({
    queryKey: ['me-todos'],
    queryFn: ({ signal }) => api.get<MyTodosDto>('/me/todos', undefined, signal),
    staleTime: 30_000,
  });
}

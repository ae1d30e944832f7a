import type { UserDto } from '@onex/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiRequest, onSessionLost, setCsrfToken } from './api';
import { isSessionLost } from './errors';
import type { LoginNotice } from './login-url';

export interface MeResponse {
  user: UserDto;
  csrfToken?: string;
  /** The scope in words: 全国, 广东省, a school's or an organization's name, 本人. */
  scopeLabel?: string;
}

// Logging in is the light login page's (src/login/main.ts, login.html): the SPA starts with a session.

/** The signed-in user and the session's CSRF token; 401 when there is no session (handled by the caller). */
export function fetchMe(): Promise<MeResponse> {
  return apiRequest<MeResponse>('/auth/me', { skipSessionLost: true });
}

function apiLogout(): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST', body: {}, skipSessionLost: true });
}

/** Why the user is sent to the login page (login.html): shown there as a notice (`?notice=`). */
export type SessionNotice = LoginNotice | null;

export const SESSION_QUERY_KEY = ['session'] as const;

interface SessionValue {
  /** The signed-in user; null when signed out; undefined while the session is being restored. */
  user: UserDto | null | undefined;
  loading: boolean;
  /** The session could not be restored for another reason than 401 (e.g. the server is down). */
  error: unknown;
  retry: () => void;
  notice: SessionNotice;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<SessionNotice>(null);

  const query = useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: async (): Promise<UserDto | null> => {
      try {
        const me = await fetchMe();
        setCsrfToken(me.csrfToken);
        return me.user;
      } catch (err) {
        if (isSessionLost(err)) {
          setCsrfToken(null);
          if ((err as { code: string }).code === 'SESSION_EXPIRED') setNotice('expired');
          return null;
        }
        throw err;
      }
    },
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });

  const dropOtherQueries = useCallback(() => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
  }, [queryClient]);

  useEffect(() => {
    onSessionLost((code) => {
      setNotice(code === 'SESSION_EXPIRED' ? 'expired' : 'required');
      queryClient.setQueryData(SESSION_QUERY_KEY, null);
      dropOtherQueries();
    });
    return () => onSessionLost(null);
  }, [queryClient, dropOtherQueries]);

  const signOut = useCallback(async () => {
    try {
      await apiLogout();
    } catch {
      // Whatever the server says, the session is over on this side.
    }
    setCsrfToken(null);
    setNotice('loggedOut');
    queryClient.setQueryData(SESSION_QUERY_KEY, null);
    dropOtherQueries();
  }, [queryClient, dropOtherQueries]);

  const { data, isPending, error, refetch } = query;
  const value = useMemo<SessionValue>(
    () => ({
      user: data,
      loading: isPending,
      error,
      retry: () => void refetch(),
      notice,
      signOut,
    }),
    [data, isPending, error, refetch, notice, signOut],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in user, inside the guarded area. */
export function useUser(): UserDto {
  const { user } = useSession();
  if (!user) throw new Error('useUser outside the signed-in area');
  return user;
}

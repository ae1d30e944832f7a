import type { UserDto } from '@onex/shared';
import { api, apiRequest } from '../../lib/api';

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

export function logout(): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST', body: {}, skipSessionLost: true });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return api.post<void>('/auth/password', { currentPassword, newPassword });
}

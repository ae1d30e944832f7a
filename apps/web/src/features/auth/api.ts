import type { LoginResponse, UserDto } from '@onex/shared';
import { api, apiRequest } from '../../lib/api';

export interface MeResponse {
  user: UserDto;
  csrfToken?: string;
  /** The scope in words: 全国, 广东省, a school's or an organization's name, 本人. */
  scopeLabel?: string;
}

export function login(username: string, password: string): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/login', { method: 'POST', body: { username, password }, skipSessionLost: true });
}

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

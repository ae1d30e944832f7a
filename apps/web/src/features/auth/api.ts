import { api } from '../../lib/api';

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return api.post<void>('/auth/password', { currentPassword, newPassword });
}

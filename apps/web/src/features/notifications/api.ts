import type { NotificationDto, Page } from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const notificationKeys = { list: ['notifications'] as const };

/** The latest notifications and the unread count, polled every 60 s. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.list,
    queryFn: () => api.get<Page<NotificationDto> & { unreadCount: number }>('/notifications', { page: 1, pageSize: 10 }),
    refetchInterval: 60_000,
    retry: false,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      id === 'all' ? api.post('/notifications/read-all') : api.post(`/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationKeys.list }),
  });
}

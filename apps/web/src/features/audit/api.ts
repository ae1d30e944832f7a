import type { AuditEntryDto, Page } from '@onex/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface AuditQuery {
  page: number;
  pageSize: number;
  /** Action or action prefix, e.g. `user.` */
  action?: string;
  /** Actor username. */
  actor?: string;
  targetType?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
}

export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api.get<Page<AuditEntryDto>>('/audit-log', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

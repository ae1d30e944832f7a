import type { Page, SecurityEventDto, SecurityEventKind } from '@onex/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface SecurityEventQuery {
  page: number;
  pageSize: number;
  kind?: SecurityEventKind;
  /** Part of the actor's username. */
  actor?: string;
  role?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
}

export function useSecurityEvents(query: SecurityEventQuery) {
  return useQuery({
    queryKey: ['security-events', query],
    queryFn: ({ signal }) => api.get<Page<SecurityEventDto>>('/security-events', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

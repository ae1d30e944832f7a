import type { StatisticsQuery, StatisticsSummary } from '@onex/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from './api';

/** api-v1 `GET /statistics/summary` (the one source of dashboards; scoped by the server). */
export function useStatisticsSummary(query: Partial<StatisticsQuery>, enabled = true) {
  return useQuery({
    queryKey: ['statistics', query],
    queryFn: () => api.get<StatisticsSummary>('/statistics/summary', query),
    enabled,
    staleTime: 30_000,
  });
}

export const formatRate = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

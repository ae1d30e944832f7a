import type { RegionDto } from '@onex/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from './api';

/** Provinces (no parent) or the cities of one province; public reference data. */
export function useRegions(parentCode?: string, enabled = true) {
  return useQuery({
    queryKey: ['regions', parentCode ?? null],
    queryFn: () => api.get<{ items: RegionDto[] }>('/regions', { parentCode }),
    staleTime: Infinity,
    enabled,
    select: (d) => d.items,
  });
}

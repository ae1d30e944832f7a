import type { ApprovedScaleRowDto, Page } from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** The approved scale of the pilots (issue 17 items 2 and 4; contracts in packages/shared pilot-scale.ts, exams-more.ts). */

export interface ScaleQuery {
  page: number;
  pageSize: number;
  year?: number;
  q?: string;
  fixed?: 'true' | 'false';
}

export interface ScaleHistory {
  filingId: string;
  approvedScale: number | null;
  events: { fromScale: number | null; toScale: number; reason: string | null; at: string }[];
}

const keys = {
  all: ['approved-scales'] as const,
  list: (q: ScaleQuery) => ['approved-scales', 'list', q] as const,
  history: (filingId: string) => ['approved-scales', 'history', filingId] as const,
};

export function useApprovedScales(query: ScaleQuery) {
  return useQuery({
    queryKey: keys.list(query),
    queryFn: ({ signal }) => api.get<Page<ApprovedScaleRowDto>>('/approved-scales', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useScaleHistory(filingId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.history(filingId),
    queryFn: () => api.get<ScaleHistory>(`/filings/${encodeURIComponent(filingId)}/approved-scale`),
    enabled,
  });
}

/** `PUT /filings/{id}/approved-scale`: the province fixes or changes the scale (a change needs a reason). */
export function useSetScale() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ filingId, scale, reason }: { filingId: string; scale: number; reason?: string }) =>
      api.put<ScaleHistory>(`/filings/${encodeURIComponent(filingId)}/approved-scale`, { scale, ...(reason ? { reason } : {}) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.all });
    },
  });
}

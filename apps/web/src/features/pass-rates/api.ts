import type {
  PassRateFlagDto,
  PassRateQuery,
  PassRateReportDto,
  PassRateRestrictionDto,
  PassRateRestrictionQuery,
  Page,
} from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const passRateKeys = {
  all: ['pass-rates'] as const,
  report: (q: Partial<PassRateQuery>) => ['pass-rates', 'report', q] as const,
  restrictions: (q: Partial<PassRateRestrictionQuery>) => ['pass-rates', 'restrictions', q] as const,
};

/** R5.6: `GET /pass-rates` (scoped by the server). */
export const usePassRates = (q: Partial<PassRateQuery>) =>
  useQuery({
    queryKey: passRateKeys.report(q),
    queryFn: ({ signal }) => api.get<PassRateReportDto>('/pass-rates', q, signal),
  });

/** R3.9: filings restricted by the year before's pass rate, and the overrides granted. */
export const usePassRateRestrictions = (q: Partial<PassRateRestrictionQuery>, enabled = true) =>
  useQuery({
    queryKey: passRateKeys.restrictions(q),
    queryFn: ({ signal }) => api.get<Page<PassRateRestrictionDto>>('/pass-rate-restrictions', q, signal),
    enabled,
  });

/** R3.9: the province overrides the restriction of a filing with a reason. */
export function useGrantOverride() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ filingId, reason }: { filingId: string; reason: string }) =>
      api.post<PassRateFlagDto>(`/filings/${encodeURIComponent(filingId)}/pass-rate-override`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: passRateKeys.all }),
  });
}

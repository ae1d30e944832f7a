import type { FilingSummaryDto, Page } from '@onex/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from './api';

/** The school's approved pilots: published filings whose decision is 同意 (agreements and exam-site applications pick from them). */
export function useApprovedFilings(enabled: boolean) {
  return useQuery({
    queryKey: ['filings', 'approved'],
    queryFn: ({ signal }) => api.get<Page<FilingSummaryDto>>('/filings', { status: 'published', page: 1, pageSize: 200 }, signal),
    select: (d) => d.items.filter((f) => f.decision === 'approved' || f.status === 'approved'),
    enabled,
  });
}

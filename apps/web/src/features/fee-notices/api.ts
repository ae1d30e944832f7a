import type { CertificateLevel, FeeNoticeDto, FeeNoticeInput, Page, SocialFeeDto } from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** The organization's fee notices (收费公告, issue 17 item 6). */

export interface NoticeQuery {
  page: number;
  pageSize: number;
  certificateTypeId?: string | undefined;
  level?: CertificateLevel | undefined;
  state?: FeeNoticeDto['state'] | undefined;
}

const keys = {
  all: ['fee-notices'] as const,
  list: (q: NoticeQuery) => ['fee-notices', 'list', q] as const,
  levels: ['fee-notices', 'levels'] as const,
};

export function useFeeNotices(q: NoticeQuery) {
  return useQuery({
    queryKey: keys.list(q),
    queryFn: ({ signal }) => api.get<Page<FeeNoticeDto>>('/fee-notices', { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The organization's published certificate levels with their national caps (the social-fee list carries them). */
export function useOrgLevels() {
  return useQuery({
    queryKey: keys.levels,
    queryFn: ({ signal }) => api.get<{ items: SocialFeeDto[] }>('/social-exam-fees', undefined, signal).then((r) => r.items),
  });
}

export function usePublishFeeNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: FeeNoticeInput) => api.post<FeeNoticeDto>('/fee-notices', v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.all });
      void qc.invalidateQueries({ queryKey: ['social'] });
    },
  });
}

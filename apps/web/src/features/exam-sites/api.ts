import type { ExamSiteStatus, Page } from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** The fields of an exam site this page reads (contract: examSiteSchema in packages/shared exam-sessions.ts). */
export interface ExamSite {
  id: string;
  certificateType: { id: string; name: string };
  organization: { id: string; name: string };
  school: { id: string; name: string } | null;
  name: string;
  address: string;
  capacity: number;
  applicationFileId: string | null;
  status: ExamSiteStatus;
  openShared: boolean;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  allowedActions: ('approve' | 'refuse' | 'share' | 'unshare')[];
}

export interface SiteQuery {
  page: number;
  pageSize: number;
  status?: ExamSiteStatus;
}

export const siteKeys = {
  all: ['exam-sites'] as const,
  list: (q: SiteQuery) => ['exam-sites', 'list', q] as const,
  shared: (q: SiteQuery) => ['exam-sites', 'shared', q] as const,
};

export function useSites(query: SiteQuery) {
  return useQuery({
    queryKey: siteKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<ExamSite>>('/exam-sites', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSharedRegister(query: SiteQuery, enabled: boolean) {
  return useQuery({
    queryKey: siteKeys.shared(query),
    queryFn: ({ signal }) => api.get<Page<ExamSite>>('/exam-sites/shared-register', { page: query.page, pageSize: query.pageSize }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useSiteWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: siteKeys.all });
    },
  });
}

export interface SiteApplication {
  certificateTypeId: string;
  name: string;
  address: string;
  capacity: number;
  file: File;
}

export const useApplySite = () =>
  useSiteWrite((v: SiteApplication) => {
    const form = new FormData();
    form.append('certificateTypeId', v.certificateTypeId);
    form.append('name', v.name);
    form.append('address', v.address);
    form.append('capacity', String(v.capacity));
    form.append('file', v.file, v.file.name);
    return api.upload<ExamSite>('/exam-sites', form);
  });
export const useDecideSite = () =>
  useSiteWrite(({ id, decision, reason }: { id: string; decision: 'approved' | 'refused'; reason?: string }) =>
    api.post<ExamSite>(`/exam-sites/${encodeURIComponent(id)}/decision`, { decision, reason: reason || null }),
  );
export const useShareSite = () =>
  useSiteWrite(({ id, openShared }: { id: string; openShared: boolean }) =>
    api.post<ExamSite>(`/exam-sites/${encodeURIComponent(id)}/sharing`, { openShared }),
  );

import type { CertificateLevel, ExamSiteDto, ExamSiteStatus, Page, PublicExamSiteDto, RegionDto } from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** An exam site as the API gives it (examSiteSchema in packages/shared exam-sessions.ts). */
export type ExamSite = ExamSiteDto;

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
  /** The levels offered (left out: every level of the certificate). */
  levels?: CertificateLevel[];
  file: File;
}

export const useApplySite = () =>
  useSiteWrite((v: SiteApplication) => {
    const form = new FormData();
    form.append('certificateTypeId', v.certificateTypeId);
    form.append('name', v.name);
    form.append('address', v.address);
    form.append('capacity', String(v.capacity));
    if (v.levels) form.append('levels', v.levels.join(','));
    form.append('file', v.file, v.file.name);
    return api.upload<ExamSite>('/exam-sites', form);
  });
export const useDecideSite = () =>
  useSiteWrite(({ id, decision, reason }: { id: string; decision: 'approved' | 'refused'; reason?: string }) =>
    api.post<ExamSite>(`/exam-sites/${encodeURIComponent(id)}/decision`, { decision, reason: reason || null }),
  );
export const useCloseSite = () =>
  useSiteWrite(({ id, reason }: { id: string; reason: string }) =>
    api.post<ExamSite>(`/exam-sites/${encodeURIComponent(id)}/closure`, { reason }),
  );
export const useShareSite = () =>
  useSiteWrite(({ id, openShared }: { id: string; openShared: boolean }) =>
    api.post<ExamSite>(`/exam-sites/${encodeURIComponent(id)}/sharing`, { openShared }),
  );

// ---- Issue 17 item 8: an organization's own sites, and the public register 考核站点名录 ----

export interface OwnSiteBody {
  certificateTypeId: string;
  name: string;
  address: string;
  cityCode: string;
  capacity: number;
  levels: CertificateLevel[];
  openShared: boolean;
}

/** `POST /org-exam-sites`: the organization registers a site of its own (in force at once). */
export const useRegisterOwnSite = () => useSiteWrite((body: OwnSiteBody) => api.post<ExamSite>('/org-exam-sites', body));

/** `PATCH /exam-sites/{id}`: the organization edits a site it registered. */
export const useEditSite = () =>
  useSiteWrite(({ id, body }: { id: string; body: Partial<Pick<OwnSiteBody, 'name' | 'address' | 'capacity' | 'levels'>> }) =>
    api.patch<ExamSite>(`/exam-sites/${encodeURIComponent(id)}`, body),
  );

export interface PublicSiteQuery {
  page: number;
  pageSize: number;
  provinceCode?: string;
  cityCode?: string;
  orgId?: string;
  certificateTypeId?: string;
  level?: CertificateLevel;
  q?: string;
  openShared?: 'true' | 'false';
}

export function usePublicSites(query: PublicSiteQuery) {
  return useQuery({
    queryKey: ['exam-sites', 'public', query],
    queryFn: ({ signal }) => api.get<Page<PublicExamSiteDto>>('/public/exam-sites', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Provinces, or the cities of one (public). */
export function useRegions(parentCode: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['regions', parentCode ?? null],
    queryFn: () => api.get<{ items: RegionDto[] }>('/regions', { parentCode }),
    staleTime: Infinity,
    enabled,
    select: (d) => d.items,
  });
}

interface PublicCertificateType {
  id: string;
  name: string;
  organization: { id: string; name: string };
  levels: { level: CertificateLevel }[];
}

/** The public catalog's certificates (filter options; an organization's own certificates when registering a site). */
export function useCatalogTypes(orgId?: string) {
  return useQuery({
    queryKey: ['exam-sites', 'catalog', orgId ?? null],
    queryFn: () => api.get<Page<PublicCertificateType>>('/public/certificate-types', { page: 1, pageSize: 200, orgId }),
    staleTime: 5 * 60_000,
    select: (d) => d.items,
  });
}

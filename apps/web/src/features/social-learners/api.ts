import type { Page, SocialApplicationDto, SocialApplicationStatus, SocialDocumentKind, SocialFeeDto, SocialOfferDto } from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api } from '../../lib/api';

/** Social learners' channel (issue 17 item 1). */

export interface ApplicationQuery {
  page: number;
  pageSize: number;
  status?: SocialApplicationStatus | undefined;
  sessionId?: string | undefined;
}

const keys = {
  all: ['social'] as const,
  offers: (page: number) => ['social', 'offers', page] as const,
  mine: ['social', 'mine'] as const,
  org: (q: ApplicationQuery) => ['social', 'org', q] as const,
  fees: ['social', 'fees'] as const,
};

export const documentUrl = (id: string, kind: SocialDocumentKind) => `${API_BASE}/social-applications/${id}/documents/${kind}`;

export function useOffers(page: number) {
  return useQuery({
    queryKey: keys.offers(page),
    queryFn: ({ signal }) => api.get<Page<SocialOfferDto>>('/public/social-exam-offers', { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMyApplications() {
  return useQuery({
    queryKey: keys.mine,
    queryFn: ({ signal }) => api.get<{ items: SocialApplicationDto[] }>('/me/social-applications', undefined, signal).then((r) => r.items),
  });
}

export function useOrgApplications(q: ApplicationQuery) {
  return useQuery({
    queryKey: keys.org(q),
    queryFn: ({ signal }) => api.get<Page<SocialApplicationDto>>('/social-applications', { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSocialFees() {
  return useQuery({
    queryKey: keys.fees,
    queryFn: ({ signal }) => api.get<{ items: SocialFeeDto[] }>('/social-exam-fees', undefined, signal).then((r) => r.items),
  });
}

function useSocialMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }) });
}

export const useApply = () =>
  useSocialMutation((sessionId: string) => api.post<SocialApplicationDto>('/me/social-applications', { sessionId }));
export const useUpload = () =>
  useSocialMutation((v: { id: string; kind: SocialDocumentKind; file: File }) => {
    const form = new FormData();
    form.append('kind', v.kind);
    form.append('file', v.file, v.file.name);
    return api.upload<SocialApplicationDto>(`/me/social-applications/${v.id}/documents`, form);
  });
export const usePay = () =>
  useSocialMutation((v: { id: string; paymentRef: string }) =>
    api.post<SocialApplicationDto>(`/me/social-applications/${v.id}/payment`, { paymentRef: v.paymentRef }),
  );
export const useWithdraw = () =>
  useSocialMutation((id: string) => api.post<SocialApplicationDto>(`/me/social-applications/${id}/withdrawal`));
export const useConfirm = () => useSocialMutation((id: string) => api.post<SocialApplicationDto>(`/social-applications/${id}/confirm`));
export const useReject = () =>
  useSocialMutation((v: { id: string; reason: string }) =>
    api.post<SocialApplicationDto>(`/social-applications/${v.id}/reject`, { reason: v.reason }),
  );
export const usePublishFee = () =>
  useSocialMutation((v: { certificateTypeId: string; level: string; feeFen: number }) =>
    api.put<{ items: SocialFeeDto[] }>('/social-exam-fees', v),
  );

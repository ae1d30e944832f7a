import type { ComplaintSubjectType, CreateComplaintRequest, PublicComplaintDto } from '@onex/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** 投诉举报 (R8.5, api-v1 public): file a complaint, follow it by tracking code, find what it names. */
export function useFileComplaint() {
  return useMutation({ mutationFn: (body: CreateComplaintRequest) => api.post<{ trackingCode: string }>('/public/complaints', body) });
}

export function useTrackComplaint() {
  return useMutation({ mutationFn: (code: string) => api.get<PublicComplaintDto>(`/public/complaints/${encodeURIComponent(code)}`) });
}

export function useComplaintSubjects(type: ComplaintSubjectType, q: string) {
  return useQuery({
    queryKey: ['complaint-subjects', type, q],
    queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/public/complaint-subjects', { type, q }),
    enabled: q.trim().length > 0,
    select: (d) => d.items,
    staleTime: 60_000,
  });
}

import type {
  CreateNoticeRequest,
  CreatePublicityRequest,
  NoticeAttachmentDto,
  NoticeDetailDto,
  NoticeDto,
  NoticeReceiptsDto,
  Page,
  PublicNoticeDetailDto,
  PublicNoticeDto,
  PublicityDetailDto,
  PublicityCandidatesDto,
  PublicityDto,
  PublicityObjectionRequest,
  PublicitySubjectType,
} from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export type PageQuery = { page: number; pageSize: number; q?: string; level?: string; category?: string; status?: string };

export function usePublicNotices(q: PageQuery) {
  return useQuery({
    queryKey: ['public-notices', q],
    queryFn: () => api.get<Page<PublicNoticeDto>>('/public/notices', q),
    placeholderData: keepPreviousData,
  });
}
export function usePublicNotice(id: string) {
  return useQuery({ queryKey: ['public-notice', id], queryFn: () => api.get<PublicNoticeDetailDto>(`/public/notices/${id}`) });
}
export function usePublicPublicity(q: PageQuery) {
  return useQuery({
    queryKey: ['public-publicity', q],
    queryFn: () => api.get<Page<PublicityDto>>('/public/publicity', q),
    placeholderData: keepPreviousData,
  });
}
export function usePublicPublicityItem(id: string) {
  return useQuery({ queryKey: ['public-publicity', id], queryFn: () => api.get<PublicityDetailDto>(`/public/publicity/${id}`) });
}
export function useObject(id: string) {
  return useMutation({
    mutationFn: (b: PublicityObjectionRequest) => api.post<{ trackingCode: string }>(`/public/publicity/${id}/objections`, b),
  });
}

export function useNotices(q: PageQuery) {
  return useQuery({ queryKey: ['notices', q], queryFn: () => api.get<Page<NoticeDto>>('/notices', q), placeholderData: keepPreviousData });
}
export function useNotice(id: string) {
  return useQuery({ queryKey: ['notice', id], queryFn: () => api.get<NoticeDetailDto>(`/notices/${id}`) });
}
export function useReceipts(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['notice-receipts', id], queryFn: () => api.get<NoticeReceiptsDto>(`/notices/${id}/receipts`), enabled });
}
export function usePublishNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: CreateNoticeRequest) => api.post<NoticeDetailDto>('/notices', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notices'] }),
  });
}
export function useUploadAttachment() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<NoticeAttachmentDto>('/notice-attachments', form);
    },
  });
}
export function useForward(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ forwarded: number }>(`/notices/${id}/forward`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notice-receipts', id] }),
  });
}
export function usePublicity(q: PageQuery) {
  return useQuery({
    queryKey: ['publicity', q],
    queryFn: () => api.get<Page<PublicityDto>>('/publicity', q),
    placeholderData: keepPreviousData,
  });
}
export function useOpenPublicity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: CreatePublicityRequest) => api.post<PublicityDetailDto>('/publicity', b),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['publicity'] });
      void qc.invalidateQueries({ queryKey: ['publicity-candidates'] });
    },
  });
}
/** Issue 14 item 3: the eligible items of a subject type in the actor's scope, for the 公示 page's picker. */
export function usePublicityCandidates(subjectType: PublicitySubjectType, q: string) {
  return useQuery({
    queryKey: ['publicity-candidates', subjectType, q],
    queryFn: () => api.get<PublicityCandidatesDto>('/publicity/candidates', { subjectType, ...(q ? { q } : {}) }),
    placeholderData: keepPreviousData,
  });
}

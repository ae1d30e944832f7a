import type { ConsultationDto, Page } from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

const all = ['consultations'] as const;
export interface FaqDto {
  id: string;
  orgName: string;
  certificateTypeName: string | null;
  question: string;
  answer: string;
  answeredAt: string;
}

export const useConsultations = (q: object) =>
  useQuery({
    queryKey: [...all, q],
    queryFn: ({ signal }) => api.get<Page<ConsultationDto>>('/consultations', q as Record<string, string>, signal),
  });
export const useFaqs = (q: object) =>
  useQuery({
    queryKey: [...all, 'faq', q],
    queryFn: ({ signal }) => api.get<Page<FaqDto>>('/public/consultation-faqs', q as Record<string, string>, signal),
  });
export const useOrgs = () =>
  useQuery({
    queryKey: [...all, 'orgs'],
    queryFn: ({ signal }) =>
      api.get<{ items: { organization: { id: string; name: string } }[] }>('/public/certificate-types', { page: 1, pageSize: 200 }, signal),
    select: (d) => [...new Map(d.items.map((c) => [c.organization.id, c.organization])).values()],
  });

function useDone() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: all });
}
export function useAsk() {
  const done = useDone();
  return useMutation({
    mutationFn: (b: { orgId: string; question: string }) => api.post<ConsultationDto>('/consultations', b),
    onSuccess: done,
  });
}
export function useAnswer() {
  const done = useDone();
  return useMutation({
    mutationFn: (v: { id: string; answer: string; publish: boolean }) =>
      api.post<ConsultationDto>(`/consultations/${encodeURIComponent(v.id)}/answer`, { answer: v.answer, publish: v.publish }),
    onSuccess: done,
  });
}
export function usePublish() {
  const done = useDone();
  return useMutation({
    mutationFn: (v: { id: string; published: boolean }) =>
      api.post<ConsultationDto>(`/consultations/${encodeURIComponent(v.id)}/publish`, { published: v.published }),
    onSuccess: done,
  });
}

import type {
  CaseCollectionDto,
  CaseCollectionInput,
  Page,
  PublicCaseCollectionDto,
  TypicalCaseDetailDto,
  TypicalCaseDto,
  TypicalCaseInput,
} from '@onex/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const caseKeys = {
  all: ['typical-cases'] as const,
  collections: (q: object) => ['typical-cases', 'collections', q] as const,
  cases: (q: object) => ['typical-cases', 'cases', q] as const,
  case: (id: string) => ['typical-cases', 'case', id] as const,
  publicList: ['typical-cases', 'public'] as const,
  publicOne: (id: string) => ['typical-cases', 'public', id] as const,
};

export const useCollections = (q: { page: number; pageSize: number }) =>
  useQuery({
    queryKey: caseKeys.collections(q),
    queryFn: ({ signal }) => api.get<Page<CaseCollectionDto>>('/typical-case-collections', q, signal),
  });

export const useCases = (q: {
  page: number;
  pageSize: number;
  collectionId?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
}) =>
  useQuery({
    queryKey: caseKeys.cases(q),
    queryFn: ({ signal }) => api.get<Page<TypicalCaseDto>>('/typical-cases', q, signal),
  });

export const useCase = (id: string) =>
  useQuery({
    queryKey: caseKeys.case(id),
    queryFn: ({ signal }) => api.get<TypicalCaseDetailDto>(`/typical-cases/${encodeURIComponent(id)}`, {}, signal),
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: caseKeys.all });
}

export function useCreateCollection() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (b: CaseCollectionInput) => api.post<CaseCollectionDto>('/typical-case-collections', b),
    onSuccess: done,
  });
}
export function usePublishCollection() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<CaseCollectionDto>(`/typical-case-collections/${encodeURIComponent(id)}/publish`),
    onSuccess: done,
  });
}
export function useCreateCase() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (b: TypicalCaseInput) => api.post<TypicalCaseDetailDto>('/typical-cases', b), onSuccess: done });
}
export function useCaseMutation<V>(id: string, fn: (v: V) => Promise<TypicalCaseDetailDto>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (d) => {
      qc.setQueryData(caseKeys.case(id), d);
      void qc.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}
export const caseApi = {
  update: (id: string, b: Omit<TypicalCaseInput, 'collectionId'>) =>
    api.put<TypicalCaseDetailDto>(`/typical-cases/${encodeURIComponent(id)}`, b),
  upload: (id: string, kind: 'images' | 'pdf' | 'word', file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<TypicalCaseDetailDto>(`/typical-cases/${encodeURIComponent(id)}/${kind}`, form);
  },
  removeImage: (id: string, fileId: string) =>
    api.delete<TypicalCaseDetailDto>(`/typical-cases/${encodeURIComponent(id)}/images/${encodeURIComponent(fileId)}`),
  submit: (id: string) => api.post<TypicalCaseDetailDto>(`/typical-cases/${encodeURIComponent(id)}/submit`),
  review: (id: string, b: { scores: Record<string, number>; comment?: string }) =>
    api.post<TypicalCaseDetailDto>(`/typical-cases/${encodeURIComponent(id)}/review`, b),
  select: (id: string, b: { selected: boolean; comment?: string }) =>
    api.post<TypicalCaseDetailDto>(`/typical-cases/${encodeURIComponent(id)}/select`, b),
};

export const usePublicCollections = () =>
  useQuery({
    queryKey: caseKeys.publicList,
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; title: string; year: number; provinceName: string; publishedAt: string; caseCount: number }[] }>(
        '/public/typical-case-collections',
        {},
        signal,
      ),
  });
export const usePublicCollection = (id: string) =>
  useQuery({
    queryKey: caseKeys.publicOne(id),
    queryFn: ({ signal }) => api.get<PublicCaseCollectionDto>(`/public/typical-case-collections/${encodeURIComponent(id)}`, {}, signal),
  });

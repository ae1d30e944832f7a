import type {
  OutcomeApplicationDto,
  OutcomeApplicationInput,
  OutcomeApplicationStatusCode,
  OutcomeApplicationTransition,
  Page,
  PublicRecognitionListDto,
} from '@onex/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** Learners' own outcomes (issue 18 item 6) and the public recognition lists (item 7). */
export const outcomeKeys = {
  all: ['learner-outcomes'] as const,
  mine: ['learner-outcomes', 'mine'] as const,
  queue: (q: ApplicationListQuery) => ['learner-outcomes', 'queue', q] as const,
  schools: ['learner-outcomes', 'public-schools'] as const,
  list: (id: string) => ['learner-outcomes', 'public-list', id] as const,
};

export interface ApplicationListQuery {
  page: number;
  pageSize: number;
  status?: OutcomeApplicationStatusCode;
}

function useWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: outcomeKeys.all });
      void qc.invalidateQueries({ queryKey: ['credit-bank'] });
    },
  });
}

export const useMyOutcomeApplications = () =>
  useQuery({
    queryKey: outcomeKeys.mine,
    queryFn: () => api.get<Page<OutcomeApplicationDto>>('/me/outcome-applications', { pageSize: 100 }),
  });

export const useUploadEvidence = () =>
  useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<{ id: string; name: string }>('/me/outcome-applications/evidence', form);
    },
  });

export const useSubmitApplication = () =>
  useWrite((input: OutcomeApplicationInput) => api.post<OutcomeApplicationDto>('/me/outcome-applications', input));

export const useOutcomeApplications = (q: ApplicationListQuery) =>
  useQuery({
    queryKey: outcomeKeys.queue(q),
    queryFn: ({ signal }) => api.get<Page<OutcomeApplicationDto>>('/outcome-applications', { ...q }, signal),
    placeholderData: keepPreviousData,
  });

export const useTransition = () =>
  useWrite(({ id, ...body }: OutcomeApplicationTransition & { id: string }) =>
    api.post<OutcomeApplicationDto>(`/outcome-applications/${id}/transitions`, body),
  );

export const usePublicSchools = () =>
  useQuery({
    queryKey: outcomeKeys.schools,
    queryFn: () => api.get<{ id: string; name: string; provinceCode: string; ruleCount: number }[]>('/public/recognition-lists'),
  });

export const usePublicList = (schoolId: string | undefined) =>
  useQuery({
    queryKey: outcomeKeys.list(schoolId ?? ''),
    queryFn: () => api.get<PublicRecognitionListDto>(`/public/recognition-lists/${schoolId}`),
    enabled: !!schoolId,
  });

export const evidenceUrl = (fileId: string) => `/api/v1/files/${fileId}`;

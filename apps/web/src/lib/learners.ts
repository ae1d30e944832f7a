import type { LearnerDto, LearnerKind, Page } from '@onex/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './api';

/** The learners list as other features read it (the learners feature writes them). */

export interface LearnerListQuery {
  page: number;
  pageSize: number;
  q?: string;
  kind?: LearnerKind;
  povertyRegistered?: 'true' | 'false';
  activated?: 'true' | 'false';
}

export const learnerKeys = {
  all: ['learners'] as const,
  list: (q: LearnerListQuery) => ['learners', 'list', q] as const,
  me: ['learners', 'me'] as const,
};

export function useLearners(query: LearnerListQuery) {
  return useQuery({
    queryKey: learnerKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<LearnerDto>>('/learners', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}
